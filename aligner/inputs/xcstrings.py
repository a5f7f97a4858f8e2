"""Xcode string catalogs (Localizable.xcstrings): one JSON file holding every language; each key's
source-language text against its target-language localization.

- The source text is the source language's own localization of the key (its "stringUnit" value)
  when the catalog has one with a value, else the key itself: for strings Xcode extracts from the
  code, the key is the source text ("Hello, %@!").
- The id is the key; a variation adds its path: plural forms "key[one]", "key[other]", device
  variations "key[iphone]", nested ones "key[iphone][one]". A target form is checked against the
  source's form of the same path; one the source lacks against the source's catch-all of that
  variation, "other" (a Polish "few" against "[other]", as for resource files in inputs.keyed;
  "[ipad]" against the device "[other]"), else against the form without that variation ("[ipad]"
  against the plain string); with none of these, it is a problem. A key whose source text is the
  key has that text for every form.
- Not checked, with a note: a key with no target-language localization (or an empty value), and a
  value whose state is "new", "needs_review" or "stale" (Xcode shows it as needing review).
  Skipped silently: "shouldTranslate": false, and keys whose "extractionState" is "stale" (no
  longer in the code, as obsolete PO entries). "substitutions" are not read.
- "sourceLanguage" must match --source-lang; a catalog with no localization in --target-lang is
  refused with the languages it holds. Of several localizations matching --target-lang ("de",
  "de-CH"), the one named exactly so wins, else the first.
- Positions: just after the opening quote of the "value" string (of the key, when the key is the
  source text), found as inputs.json_positions finds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Tuple, Union

from aligner.errors import InputError
from aligner.inputs.base import InputNote, InputProblem, TextPair
from aligner.inputs.json_positions import JsonNode, parse_json
from aligner.inputs.positions import LineIndex
from aligner.inputs.segments import empty_side_problem, lang_matches
from aligner.read import read_text
from aligner.result import Origin

_NOT_REVIEWED = ("new", "needs_review", "stale")
_LAST_VARIATION = re.compile(r"\[[^\[\]]*\]$")

Item = Union[TextPair, InputProblem]


@dataclass(frozen=True)
class _Form:
    """One string of a localization: its variation path ("", "[one]", "[iphone][one]"), state and value."""

    path: str
    value: str
    state: str
    offset: int


def read_xcstrings(path: str, source_lang: str, target_lang: str, encoding: Optional[str] = None) -> Iterator[Item]:
    text = read_text(path, encoding)  # whole-file errors come before the first item
    root = parse_json(path, text)
    strings = root.get("strings")
    if strings is None or not isinstance(strings.value, dict):
        raise InputError(f"{path}: not an Xcode string catalog (no \"strings\" object); give a .xcstrings file")
    declared = root.text("sourceLanguage")
    if declared and not lang_matches(declared, source_lang):
        raise InputError(f"{path}: sourceLanguage is {declared!r}, but --source-lang is {source_lang!r}; "
                         f"pass --source-lang {declared} or give a catalog in {source_lang!r}")
    entries = [(key, entry) for key, entry in strings.value.items() if _wanted(entry)]
    found = list(dict.fromkeys(lang for _, entry in entries for lang in _localizations(entry)))
    if not any(lang_matches(lang, target_lang) for lang in found):
        raise InputError(f"{path}: no localization in {target_lang!r} (languages in the catalog: "
                         f"{', '.join(found) or 'none'}); pass --target-lang with one of them")
    return _items(path, LineIndex(text), entries, declared or source_lang, target_lang)


def _wanted(entry: JsonNode) -> bool:
    """Not marked "shouldTranslate": false, nor stale (gone from the code)."""
    should = entry.get("shouldTranslate")
    return not (should is not None and should.value is False) and entry.text("extractionState") != "stale"


def _localizations(entry: JsonNode) -> Dict[str, JsonNode]:
    found = entry.get("localizations")
    return found.value if found is not None and isinstance(found.value, dict) else {}


def _localization(entry: JsonNode, lang: str) -> Optional[JsonNode]:
    """The localization named `lang` exactly (case and - or _ aside), else the first that matches it."""
    localizations = _localizations(entry)
    exact = [name for name in localizations if name.lower().replace("_", "-") == lang.lower().replace("_", "-")]
    matching = exact or [name for name in localizations if lang_matches(name, lang)]
    return localizations[matching[0]] if matching else None


def _items(path: str, lines: LineIndex, entries: list, source_lang: str, target_lang: str) -> Iterator[Item]:
    for key, entry in entries:
        key_line, key_column = lines.locate(entry.key_offset)
        target = _localization(entry, target_lang)
        forms = _forms(target, "") if target is not None else []
        if not any(form.value.strip() for form in forms):
            yield InputNote(f"{path} line {key_line} key '{key}'",
                            f"untranslated (no {target_lang!r} value), not checked; translate it in Xcode "
                            "to have it checked")
            continue
        source = _localization(entry, source_lang)
        source_forms = _forms(source, "") if source is not None else []
        sources = {form.path: form for form in source_forms if form.value.strip()}
        for form in forms:
            yield _item(path, lines, key, (key_line, key_column), sources, form)


def _item(path: str, lines: LineIndex, key: str, key_start: Tuple[int, int],
          sources: Dict[str, _Form], form: _Form) -> Item:
    pair_id = key + form.path
    target_line, target_column = lines.locate(form.offset)
    where = f"{path} line {target_line} key '{pair_id}'"
    if not form.value.strip():
        return InputNote(where, "untranslated form, not checked; translate it in Xcode to have it checked")
    if form.state in _NOT_REVIEWED:
        return InputNote(where, f"state {form.state!r}: needs review in Xcode, not checked; review it there "
                                "and mark it translated")
    if not sources:  # no source-language text: the key is the source text
        source_text, (source_line, source_column) = key, key_start
    else:
        source = next((sources[p] for p in _general_paths(form.path) if p in sources), None)
        if source is None:
            return InputProblem(where, f"the source language has no form {form.path or '(plain)'} nor a more "
                                       "general one; add the source text in Xcode or remove the variation")
        source_text, (source_line, source_column) = source.value, lines.locate(source.offset)
    problem = empty_side_problem(where, source_text, form.value)
    if problem:
        return problem
    return TextPair(pair_id, source_text, form.value,
                    Origin(path, path, pair_id, source_line, source_column, target_line, target_column))


def _forms(node: JsonNode, path: str) -> List[_Form]:
    """The strings of a localization (or of one of its variations) in file order: its stringUnit,
    then each variation's, its name added to the path ("[one]", "[iphone][one]")."""
    forms: List[_Form] = []
    unit = node.get("stringUnit")
    if unit is not None and isinstance(unit.value, dict):
        value = unit.get("value")
        text = value.value if value is not None and isinstance(value.value, str) else ""
        forms.append(_Form(path, text, unit.text("state") or "", value.offset if value is not None else unit.offset))
    variations = node.get("variations")
    if variations is not None and isinstance(variations.value, dict):
        for kind in variations.value.values():  # "plural", "device"
            if isinstance(kind.value, dict):
                for name, variation in kind.value.items():
                    forms.extend(_forms(variation, f"{path}[{name}]"))
    return forms


def _general_paths(path: str) -> Iterator[str]:
    """The source forms a target form may be checked against, the closest first: "[ipad][few]",
    "[ipad][other]", "[ipad]", "[other]", ""."""
    yield path
    while path:
        if not path.endswith("[other]"):
            yield _LAST_VARIATION.sub("[other]", path)
        path = _LAST_VARIATION.sub("", path)
        yield path

