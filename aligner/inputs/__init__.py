"""Reading what to check: a plain-text pair, directory pairs, segment-based files (TMX, XLIFF,
PO, Qt Linguist .ts, Xcode .xcstrings, JSONL, TSV) and pairs of resource files (i18n JSON and YAML,
.properties, .strings, Android XML, .resx), all turned into TextPairs, plus one-line problems for
what cannot be used.

    for item in iter_inputs(["ui.xlf"], source_lang="en", target_lang="de"):
        if isinstance(item, InputNote): ...     # skipped on purpose (fuzzy PO entry): say so, exit status unchanged
        elif isinstance(item, InputProblem): ... # one line on stderr; exit status 2 at the end
        else: ...                                # a TextPair to check

A problem with the whole input (missing file, not XML, wrong number of paths) is an InputError,
raised before the first item; the readers and their libraries (lxml, polib) load only when used.

A .ts file is a Qt Linguist file only if its root element is <TS>: the extension is TypeScript's
too, and a TypeScript file is refused with one line, not read as broken XML.
"""

from __future__ import annotations

import os
import re
from typing import Iterator, Optional, Sequence, Union

from aligner.errors import InputError
from aligner.inputs.base import InputNote, InputProblem, TextPair

__all__ = ["INPUT_FORMATS", "InputNote", "InputProblem", "TextPair", "detect_format", "iter_inputs"]

INPUT_FORMATS = ("text", "dirs", "tmx", "xliff", "po", "ts", "xcstrings", "jsonl", "tsv", "json", "yaml",
                 "properties", "strings", "android", "resx")

EXTENSIONS = {
    ".tmx": "tmx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".xlf2": "xliff",
    ".po": "po",
    ".pot": "po",
    ".xcstrings": "xcstrings",
    ".jsonl": "jsonl",
    ".tsv": "tsv",
}
SEGMENT_FORMATS = ("tmx", "xliff", "po", "ts", "xcstrings", "jsonl", "tsv")
# Resource files come in pairs, source and translation, checked key by key (inputs.keyed).
KEYED_EXTENSIONS = {
    ".json": "json",
    ".arb": "json",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".properties": "properties",
    ".strings": "strings",
    ".resx": "resx",
}
KEYED_FORMATS = ("json", "yaml", "properties", "strings", "android", "resx")


def detect_format(paths: Sequence[str]) -> str:
    """The input format the paths look like: a `{lang}` pattern or two directories → dirs; one file
    → by its extension (an .xml or .ts file by its root element); two files → the resource format
    both are in (keyed_format), else text."""
    paths = [str(path) for path in paths]
    if any("{lang}" in path for path in paths):
        return "dirs"
    if len(paths) == 2:
        if any(os.path.isdir(path) for path in paths):
            return "dirs"
        formats = {keyed_format(path) for path in paths}
        return formats.pop() if len(formats) == 1 and None not in formats else "text"
    if len(paths) != 1:
        raise InputError(f"{len(paths)} paths given; give SOURCE TARGET, two directories, a {{lang}} "
                         "pattern, or one TMX/XLIFF/PO/Qt .ts/.xcstrings/JSONL/TSV file")
    path = paths[0]
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory; give two directories (source and target) or a "
                         "pattern such as docs/{lang}/**/*.md")
    extension = os.path.splitext(path)[1].lower()
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    if extension == ".ts":
        return _qt_linguist(path)
    if keyed_format(path):
        raise InputError(f"{path}: a resource file is checked against its translation; give SOURCE and "
                         "TARGET files, e.g. en.json de.json")
    if extension == ".xml":
        sniffed = _xml_root(path)
        if sniffed:
            return sniffed
    raise InputError(f"{path}: cannot tell the input format from the name; pass --input-format "
                     f"({', '.join(SEGMENT_FORMATS)}) or give SOURCE and TARGET files")


def keyed_format(path: str) -> Optional[str]:
    """The resource format of one file (json, yaml, properties, strings, resx, android) by its
    extension, an .xml file by its root element (<resources>); None for any other file."""
    extension = os.path.splitext(path)[1].lower()
    if extension == ".xml":
        return "android" if _xml_root(path) == "android" else None
    return KEYED_EXTENSIONS.get(extension)


def iter_inputs(paths: Sequence[str], *, input_format: Optional[str] = None, source_lang: str = "en",
                target_lang: str = "de", encoding: Optional[str] = None
                ) -> Iterator[Union[TextPair, InputProblem]]:
    """Every pair to check, and every part of the input that cannot be (InputProblem; InputNote for
    what is skipped on purpose), in file order. Whole-input problems raise InputError before the
    first item is yielded."""
    paths = [str(path) for path in paths]
    input_format = input_format or detect_format(paths)
    if input_format not in INPUT_FORMATS:
        raise InputError(f"--input-format {input_format}: unknown; use one of {', '.join(INPUT_FORMATS)}")
    if input_format == "text":
        from aligner.inputs.text import read_text_pair

        _require_count(paths, 2, "text", "give SOURCE and TARGET files")
        return read_text_pair(paths[0], paths[1], encoding)
    if input_format == "dirs":
        from aligner.inputs.dirs import read_dir_pair, read_lang_pattern

        if len(paths) == 1 and "{lang}" in paths[0]:
            return read_lang_pattern(paths[0], source_lang, target_lang, encoding)
        _require_count(paths, 2, "dirs", "give two directories or one pattern with {lang}, "
                                         "e.g. 'docs/{lang}/**/*.md'")
        return read_dir_pair(paths[0], paths[1], encoding)
    if input_format in KEYED_FORMATS:
        from aligner.inputs.keyed import read_keyed_pair

        _require_count(paths, 2, input_format, "give the source file and its translation")
        return read_keyed_pair(paths[0], paths[1], reader(input_format), encoding)
    _require_count(paths, 1, input_format, f"give one {input_format.upper()} file")
    return reader(input_format)(paths[0], source_lang, target_lang, encoding)


# Each format's reader, imported when first used (lxml, polib and PyYAML load only for files that
# need them). A segment format's reader reads one file: (path, source_lang, target_lang, encoding)
# → items; a resource format's parses one of the two files: (path, text) → KeyedStrings.
_READERS = {
    "tmx": "aligner.inputs.tmx:read_tmx",
    "xliff": "aligner.inputs.xliff:read_xliff",
    "po": "aligner.inputs.po:read_po",
    "ts": "aligner.inputs.qt_ts:read_qt_ts",
    "xcstrings": "aligner.inputs.xcstrings:read_xcstrings",
    "jsonl": "aligner.inputs.jsonl:read_jsonl",
    "tsv": "aligner.inputs.tsv:read_tsv",
    "json": "aligner.inputs.resource_json:parse_resource_json",
    "yaml": "aligner.inputs.resource_yaml:parse_resource_yaml",
    "properties": "aligner.inputs.properties:parse_properties",
    "strings": "aligner.inputs.apple_strings:parse_apple_strings",
    "android": "aligner.inputs.android_xml:parse_android_strings",
    "resx": "aligner.inputs.resx:parse_resx",
}


def reader(input_format: str):
    """The reader (segment formats) or parser (resource formats) of one input format."""
    import importlib

    module, name = _READERS[input_format].split(":")
    return getattr(importlib.import_module(module), name)


def _require_count(paths: Sequence[str], count: int, input_format: str, fix: str) -> None:
    if len(paths) != count:
        given = " ".join(paths) or "nothing"
        raise InputError(f"{given}: input format {input_format} takes {count} path{'s' if count > 1 else ''}, "
                         f"got {len(paths)}; {fix}")


def _qt_linguist(path: str) -> str:
    """"ts" for a .ts file whose root is <TS> (or that cannot be read: the reader then says why);
    any other .ts file, TypeScript most often, is refused in one line."""
    if not os.path.isfile(path):
        return "ts"
    name = _root_name(path)
    if name == "TS":
        return "ts"
    found = f"root <{name}>" if name else "not XML: TypeScript?"
    raise InputError(f"{path}: not a Qt Linguist file ({found}); give a .ts translation file from lupdate, "
                     "whose root is <TS>, or pass --input-format")


def _xml_root(path: str) -> Optional[str]:
    """tmx, xliff, android (<resources>) or ts (<TS>), from the root element's name in the first
    few kilobytes of an .xml file."""
    name = (_root_name(path) or "").lower()
    return {"tmx": "tmx", "xliff": "xliff", "resources": "android", "ts": "ts"}.get(name)


# What may come before an XML file's root element: a byte order mark, white space, the XML
# declaration and other processing instructions, comments and the DOCTYPE.
# Each part is matched one way only, so that a file that is not XML fails fast.
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s|<\?(?:[^?]|\?(?!>))*\?>|<!--(?:[^-]|-(?!->))*-->"
                     rb"|<!DOCTYPE(?:[^\[>]|\[[^\]]*\])*>)*<(?:[\w.-]+:)?([\w.-]+)")


def _root_name(path: str) -> Optional[str]:
    """The local name of the root element, as written, when the first few kilobytes of the file
    are an XML prolog and a start tag; None for any other file (TypeScript) or one that cannot be read."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    found = _PROLOG.match(head)
    return found.group(1).decode("ascii", "replace") if found else None
