"""XLIFF 1.2 (<file> → <trans-unit id> → <source>/<target>) and XLIFF 2.x (<file> → <unit id> →
<segment> → <source>/<target>), with or without their namespaces.

The declared languages (1.2: source-language/target-language on each <file>; 2.x: srcLang/trgLang
on <xliff>) must match --source-lang/--target-lang when present: checking a French file as German
would give nonsense findings."""

from __future__ import annotations

from typing import Iterator, List, Optional, Tuple, Union

from aligner.errors import InputError
from aligner.inputs.base import InputProblem, TextPair
from aligner.inputs.segments import empty_side_problem, require_lang
from aligner.inputs.xmlfile import XmlFile, children, first_child, local_name, parse_xml
from aligner.result import Origin


def read_xliff(path: str, source_lang: str, target_lang: str,
               encoding: Optional[str] = None) -> Iterator[Union[TextPair, InputProblem]]:
    doc = parse_xml(path, encoding)  # whole-file errors come before the first item
    root = doc.root
    if local_name(root) != "xliff":
        raise InputError(f"{path}: the root element is <{local_name(root)}>, not <xliff>; "
                         "give an XLIFF file or pass --input-format")
    files = list(root.iter("{*}file"))
    if not files:
        raise InputError(f"{path}: has no <file> element; nothing to check")
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if root.get("version", "").startswith("2") or ":xliff:document:2" in namespace:
        require_lang(path, "srcLang", root.get("srcLang"), source_lang, "--source-lang")
        require_lang(path, "trgLang", root.get("trgLang"), target_lang, "--target-lang")
        return _pairs(doc, files, _segments_2)
    for file in files:
        require_lang(path, "source-language", file.get("source-language"), source_lang, "--source-lang")
        require_lang(path, "target-language", file.get("target-language"), target_lang, "--target-lang")
    return _pairs(doc, files, _segments_1)


def _segments_1(unit) -> List[Tuple[Optional[str], object, object]]:
    """XLIFF 1.2: the unit is the segment; a missing <target> reads as an empty one."""
    return [(None, first_child(unit, "source"), first_child(unit, "target"))]


def _segments_2(unit) -> List[Tuple[Optional[str], object, object]]:
    """XLIFF 2.x: one pair per <segment> (<ignorable> parts are whitespace or codes between them)."""
    segments = children(unit, "segment")
    return [(segment.get("id") or str(number), first_child(segment, "source"), first_child(segment, "target"))
            for number, segment in enumerate(segments, start=1)]


def _pairs(doc: XmlFile, files: list, segments_of) -> Iterator[Union[TextPair, InputProblem]]:
    several_files = len(files) > 1
    for file_number, file in enumerate(files, start=1):
        prefix = f"{file.get('original') or file.get('id') or file_number}#" if several_files else ""
        units = [el for el in file.iter() if local_name(el) in ("trans-unit", "unit")]
        for unit_number, unit in enumerate(units, start=1):
            if not _translatable(unit):
                continue  # translate="no": meant to stay as it is, so there is nothing to check
            unit_id = prefix + (unit.get("id") or str(unit_number))
            parts = segments_of(unit)
            if not parts:
                yield InputProblem(f"{doc.path} unit '{unit_id}' (line {unit.sourceline})",
                                   "has no <segment>; add one with <source> and <target>")
            for segment_id, source_el, target_el in parts:
                pair_id = unit_id if segment_id is None or len(parts) == 1 else f"{unit_id}/{segment_id}"
                yield _pair(doc, pair_id, unit, source_el, target_el)


def _pair(doc: XmlFile, pair_id: str, unit, source_el, target_el) -> Union[TextPair, InputProblem]:
    where = f"{doc.path} unit '{pair_id}' (line {unit.sourceline})"
    if source_el is None:
        return InputProblem(where, "has no <source>; add the source text")
    source, source_line, source_column = doc.text_of(source_el)
    if target_el is None:
        target, target_line, target_column = "", source_line, source_column
    else:
        target, target_line, target_column = doc.text_of(target_el)
    problem = empty_side_problem(where, source, target)
    if problem:
        return problem
    return TextPair(pair_id, source, target,
                    Origin(doc.path, doc.path, pair_id, source_line, source_column, target_line, target_column),
                    inline_codes=(doc.codes_of(source_el), doc.codes_of(target_el)))


def _translatable(unit) -> bool:
    """translate="no" on the unit or inherited from an enclosing <group> or <file>."""
    element = unit
    while element is not None:
        value = element.get("translate")
        if value is not None:
            return value.strip().lower() != "no"
        element = element.getparent()
    return True
