"""TMX (1.4b; 1.1-style `lang` attributes too): each <tu> gives one pair, the <seg> of the <tuv>
in the source language and the one in the target language (xml:lang matched by prefix,
case-insensitive: "en-US" is English)."""

from __future__ import annotations

from typing import Iterator, List, Optional, Union

from aligner.errors import InputError
from aligner.inputs.base import InputProblem, TextPair
from aligner.inputs.segments import empty_side_problem, lang_matches
from aligner.inputs.xmlfile import XmlFile, children, local_name, parse_xml
from aligner.result import Origin

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read_tmx(path: str, source_lang: str, target_lang: str,
             encoding: Optional[str] = None) -> Iterator[Union[TextPair, InputProblem]]:
    doc = parse_xml(path, encoding)  # whole-file errors come before the first item
    if local_name(doc.root) != "tmx":
        raise InputError(f"{path}: the root element is <{local_name(doc.root)}>, not <tmx>; "
                         "give a TMX file or pass --input-format")
    units = list(doc.root.iter("{*}tu"))  # "{*}": any namespace, or none
    if not units:
        raise InputError(f"{path}: has no <tu> units; nothing to check")
    _require_languages(path, units, source_lang, target_lang)
    return _pairs(doc, units, source_lang, target_lang)


def _pairs(doc: XmlFile, units: list, source_lang: str, target_lang: str) -> Iterator[Union[TextPair, InputProblem]]:
    for number, unit in enumerate(units, start=1):
        unit_id = unit.get("tuid") or str(number)  # tuid is optional in TMX: then the unit's position
        where = f"{doc.path} tu '{unit_id}' (line {unit.sourceline})"
        source_seg = _segment(unit, source_lang)
        target_seg = _segment(unit, target_lang)
        missing = [lang for lang, seg in ((source_lang, source_seg), (target_lang, target_seg)) if seg is None]
        if missing:
            found = ", ".join(_langs(unit)) or "none"
            yield InputProblem(where, f"no <tuv> with a <seg> for {' and '.join(missing)} (languages found: "
                                      f"{found}); add the translation or remove the unit")
            continue
        source, source_line, source_column = doc.text_of(source_seg)
        target, target_line, target_column = doc.text_of(target_seg)
        problem = empty_side_problem(where, source, target)
        if problem:
            yield problem
            continue
        yield TextPair(unit_id, source, target,
                       Origin(doc.path, doc.path, unit_id, source_line, source_column, target_line, target_column),
                       inline_codes=(doc.codes_of(source_seg), doc.codes_of(target_seg)))


def _tuv_lang(tuv) -> str:
    return tuv.get(XML_LANG) or tuv.get("lang") or ""


def _langs(unit) -> List[str]:
    return [_tuv_lang(tuv) for tuv in children(unit, "tuv") if _tuv_lang(tuv)]


def _segment(unit, lang: str):
    """The <seg> of the first <tuv> in this language (a unit may hold en-US and en-GB: the first wins)."""
    for tuv in children(unit, "tuv"):
        if lang_matches(_tuv_lang(tuv), lang):
            segs = children(tuv, "seg")
            if segs:
                return segs[0]
    return None


def _require_languages(path: str, units: list, source_lang: str, target_lang: str) -> None:
    """A file with no <tuv> at all in a wanted language is a wrong --source-lang/--target-lang, better
    told once than as a problem on every unit."""
    found = sorted({lang for unit in units for lang in _langs(unit)})
    for option, wanted in (("--source-lang", source_lang), ("--target-lang", target_lang)):
        if not any(lang_matches(lang, wanted) for lang in found):
            raise InputError(f"{path}: no <tuv> in {wanted!r} (languages in the file: "
                             f"{', '.join(found) or 'none'}); pass {option} with one of them")
