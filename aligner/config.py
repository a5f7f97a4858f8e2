"""The configuration file: `aligner.toml`, or `[tool.aligner]` in pyproject.toml.

Keys are named like the command-line options (`fail-on = "error"` for `--fail-on error`), and the
command line overrides the file. `[severity]` (`[tool.aligner.severity]` in pyproject.toml) maps
a rule id to "error", "warning", "info" or "off".

Where it is looked for: `--config PATH` if given; else, in the current directory and then in each
parent, the first `aligner.toml` or `pyproject.toml` with a `[tool.aligner]` table. The search
stops at the filesystem root or at a directory holding `.git` (the top of the repository).

Unknown keys and unknown rule ids are warnings, not failures: a file shared by several versions
of the tool must not break the older ones. Wrong types and values are InputErrors naming the
file, the key and the fix.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Optional, Tuple

from aligner.errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib

CONFIG_FILE = "aligner.toml"
PYPROJECT = "pyproject.toml"
SEVERITY_LEVELS = ("error", "warning", "info", "off")  # "off" disables the rule


@dataclass(frozen=True)
class Config:
    """What the file set; None (or an empty tuple) for what it left to the command line's defaults."""

    path: Optional[Path] = None  # the file it came from; None when no file was found
    model: Optional[str] = None
    source_lang: Optional[str] = None
    target_lang: Optional[str] = None
    presplit: Optional[bool] = None
    max_bead: Optional[int] = None
    fail_on: Optional[str] = None
    disable: Tuple[str, ...] = ()
    format: Optional[str] = None
    input_format: Optional[str] = None
    encoding: Optional[str] = None
    no_cache: Optional[bool] = None
    jobs: Optional[int] = None
    baseline: Optional[str] = None  # resolved against the file's directory
    allow: Tuple[str, ...] = ()  # terms that stay as they are: product names, code identifiers
    inputs: Tuple[str, ...] = ()  # what to check when no paths are given; resolved against the file's directory
    severity: Tuple[Tuple[str, str], ...] = ()  # (rule id, "error" | "warning" | "info" | "off")
    warnings: Tuple[str, ...] = ()  # one line each, for stderr: unknown keys and rule ids

    def disabled_by_severity(self) -> Tuple[str, ...]:
        return tuple(rule for rule, level in self.severity if level == "off")

    def severity_overrides(self) -> Tuple[Tuple[str, str], ...]:
        return tuple((rule, level) for rule, level in self.severity if level != "off")


# ----------------------------------------------------------------- the keys and their checks

Checker = Callable[[Any], Optional[str]]  # None for a good value, else the fix: "use ..."


def _text(value) -> Optional[str]:
    return None if isinstance(value, str) and value.strip() else "use a non-empty string"


def _flag(value) -> Optional[str]:
    return None if isinstance(value, bool) else "use true or false"


def _at_least(minimum: int) -> Checker:
    def check(value) -> Optional[str]:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= minimum
        return None if ok else f"use a whole number, {minimum} or more"

    return check


def _text_list(value) -> Optional[str]:
    ok = isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)
    return None if ok else 'use a list of strings, e.g. ["a", "b"]'


def _one_of(choices: Callable[[], Tuple[str, ...]]) -> Checker:
    # The choices are looked up when a file uses the key, so that importing this module stays cheap.
    def check(value) -> Optional[str]:
        allowed = choices()
        return None if value in allowed else f"use one of {', '.join(allowed)}"

    return check


def _check_formats() -> Tuple[str, ...]:
    from aligner.report import CHECK_FORMATS

    return tuple(CHECK_FORMATS)


def _input_formats() -> Tuple[str, ...]:
    from aligner.inputs import INPUT_FORMATS

    return tuple(INPUT_FORMATS)


KEYS: Dict[str, Checker] = {
    "model": _text,
    "source-lang": _text,
    "target-lang": _text,
    "presplit": _flag,
    "max-bead": _at_least(2),
    "fail-on": _one_of(lambda: ("error", "warning", "info")),
    "disable": _text_list,
    "format": _one_of(_check_formats),
    "input-format": _one_of(_input_formats),
    "encoding": _text,
    "no-cache": _flag,
    "jobs": _at_least(1),
    "baseline": _text,
    "allow": _text_list,
    "inputs": _text_list,  # the paths a command takes: SOURCE TARGET, one bilingual file or a {lang} pattern
}
TABLES = ("severity",)


# ----------------------------------------------------------------- finding and reading the file


def load_config(explicit: Optional[str] = None, start: Optional[Path] = None) -> Config:
    """The configuration: from `explicit` (the --config option) if given, else the file found
    from `start` (default: the current directory) upwards; an empty Config when there is none."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise InputError(f"--config {explicit}: no such file; give the path of an aligner.toml or pyproject.toml")
        table = _read_toml(path)
        if path.name == PYPROJECT:
            table = table.get("tool", {}).get("aligner", {})
        return parse_config(table, path)
    found = find_config(start or Path.cwd())
    if found is None:
        return Config()
    path, table = found
    return parse_config(table, path)


def find_config(start: Path) -> Optional[Tuple[Path, dict]]:
    """(path, the aligner table) of the first configuration from start upwards, or None."""
    directory = start.resolve()
    while True:
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            return candidate, _read_toml(candidate)
        candidate = directory / PYPROJECT
        if candidate.is_file():
            table = _read_toml(candidate).get("tool", {}).get("aligner")
            if table is not None:
                return candidate, table
        if (directory / ".git").exists() or directory.parent == directory:
            return None
        directory = directory.parent


def _read_toml(path: Path) -> dict:
    name = display_name(path)
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"{name}: not valid TOML ({err}); fix the syntax") from None
    except UnicodeDecodeError:
        raise InputError(f"{name}: is not UTF-8; save it as UTF-8") from None
    except OSError as err:
        raise InputError(f"{name}: cannot be read ({err.strerror}); check the file") from None


def display_name(path: Path) -> str:
    """The path as the user would type it from here: relative when that is shorter."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return relative if len(relative) < len(str(path)) else str(path)


def parse_config(table: dict, path: Path) -> Config:
    """Check every key of the aligner table and turn it into a Config."""
    where = display_name(path) + (" [tool.aligner]" if path.name == PYPROJECT else "")
    if not isinstance(table, dict):
        raise InputError(f"{where}: `aligner` must be a table; write it as [tool.aligner]")
    warnings = []
    values: Dict[str, Any] = {}
    for key, value in table.items():
        if key in TABLES:
            continue
        if key not in KEYS:
            known = ", ".join(sorted((*KEYS, *TABLES)))
            warnings.append(f"{where}: unknown key '{key}' (known: {known})")
            continue
        problem = KEYS[key](value)
        if problem:
            raise InputError(f"{where}: {key} = {_shown(value)} is not allowed; {problem}")
        values[key.replace("-", "_")] = tuple(value) if isinstance(value, list) else value

    known_rules = _known_rules()
    if "disable" in values:
        unknown = [rule for rule in values["disable"] if rule not in known_rules]
        warnings.extend(f"{where}: disable: unknown rule '{rule}' (`aligner explain` lists the rules)"
                        for rule in unknown)
        values["disable"] = tuple(rule for rule in values["disable"] if rule in known_rules)
    severity = _parse_severity(table.get("severity", {}), where, known_rules, warnings)
    # A path in the file means a path next to the file, wherever aligner runs.
    if "baseline" in values:
        values["baseline"] = display_name(path.parent / values["baseline"])
    if "inputs" in values:
        values["inputs"] = tuple(display_name(path.parent / item) for item in values["inputs"])
    return Config(path=path, severity=severity, warnings=tuple(warnings), **values)


def _parse_severity(table, where: str, known_rules, warnings: list) -> Tuple[Tuple[str, str], ...]:
    if not isinstance(table, dict):
        raise InputError(f'{where}: severity must be a table of rule = "level"; write it as [severity] '
                         '(in pyproject.toml [tool.aligner.severity])')
    levels = []
    for rule, level in table.items():
        if level not in SEVERITY_LEVELS:
            raise InputError(f"{where}: severity.{rule} = {_shown(level)} is not allowed; use one of "
                             f"{', '.join(SEVERITY_LEVELS)}")
        if rule not in known_rules:
            warnings.append(f"{where}: severity: unknown rule '{rule}' (`aligner explain` lists the rules)")
            continue
        levels.append((rule, level))
    return tuple(levels)


def _known_rules() -> Tuple[str, ...]:
    from aligner.checks.registry import all_rules

    return tuple(all_rules())


def _shown(value) -> str:
    """A value as it would be written in TOML, so the message quotes the file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)
