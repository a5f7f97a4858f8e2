"""Resource files: a source file and its translation, each a set of keyed strings (i18n JSON or
YAML, Java .properties, Apple .strings, Android strings.xml, .NET .resx), checked key by key.

Each format's parser turns one file's text into KeyedStrings: the key, the string (escapes
decoded) and where its text starts in the file. `read_keyed_pair` matches the two files' keys:

- a key in both files is a pair, whose id is the key ("app.title");
- a key in the source file only is a missing translation, and one in the target file only has no
  source: each a problem of its own (exit status 2, the other keys are still checked), as a file
  on one side of a directory pair is; but a plural form the source language does not have (a
  Polish "files_few") is checked against the source's "other" form;
- a pair with no words on a side goes through the same rules as a bilingual file's segment
  (segments.empty_side_problem).

A file that cannot be parsed is unusable as a whole (InputError, naming the line and the fix).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Dict, Iterator, List, Optional, Union

from aligner.errors import InputError
from aligner.inputs.base import InputProblem, TextPair
from aligner.inputs.segments import empty_side_problem
from aligner.read import read_text
from aligner.result import Origin


# CLDR's plural categories, as i18next ("files_few"), Rails ("files: {few: …}") and Android
# (<plurals name="files"><item quantity="few">) name the forms of one string.
_PLURAL_FORM = re.compile(r"(?P<base>.+?)(?:(?P<separator>[_.])(?:zero|one|two|few|many)"
                          r"|(?P<bracketed>\[(?:zero|one|two|few|many)\]))")


@dataclass(frozen=True)
class KeyedString:
    key: str  # "app.title", "errors.network", "menu[2]"
    text: str  # the string itself, its escapes decoded
    line: int  # 1-based line of the file where the text starts (after the opening quote)
    column: int  # 1-based column of that line


# path and the file's decoded text → its strings in file order; raises InputError for bad syntax.
Parser = Callable[[str, str], List[KeyedString]]


def read_keyed_pair(source_path: str, target_path: str, parse: Parser, encoding: Optional[str] = None,
                    id_prefix: str = "") -> Iterator[Union[TextPair, InputProblem]]:
    """Both files are read and parsed before anything is yielded: either unusable → the input is.
    `id_prefix` (a directory pair's relative path) goes before each key in the ids."""
    sources = _by_key(parse(source_path, read_text(source_path, encoding)))
    targets = _by_key(parse(target_path, read_text(target_path, encoding)))
    if not sources and not targets:
        raise InputError(f"{source_path}, {target_path}: no strings in either file; nothing to check")
    return _pairs(source_path, sources, target_path, targets, id_prefix)


def _plural_other(key: str) -> str:
    """For a plural form's key ("files_few", "files.many", "files[few]"), the key of the same
    string's "other" form; "" for any other key. A translation into a language with more plural
    forms than English (Polish, Russian, Arabic) has keys the source lacks: each renders the
    source's general plural, so it is checked against that."""
    found = _PLURAL_FORM.fullmatch(key)
    if not found:
        return ""
    if found.group("bracketed"):
        return f"{found.group('base')}[other]"
    return f"{found.group('base')}{found.group('separator')}other"


def _by_key(strings: List[KeyedString]) -> Dict[str, KeyedString]:
    # A key defined twice: the last definition is the one the application loads.
    return {string.key: string for string in strings}


def _pairs(source_path: str, sources: Dict[str, KeyedString], target_path: str,
           targets: Dict[str, KeyedString], id_prefix: str) -> Iterator[Union[TextPair, InputProblem]]:
    # Source order first, then the target's keys that the source lacks, in their order.
    for key in list(sources) + [key for key in targets if key not in sources]:
        source, target = sources.get(key), targets.get(key)
        if target is None:
            yield InputProblem(f"{source_path} line {source.line} key '{key}'",
                               f"missing from {target_path}; translate it there or remove the key")
            continue
        if source is None:
            source = sources.get(_plural_other(key))  # a plural form the source language lacks
        if source is None:
            yield InputProblem(f"{target_path} line {target.line} key '{key}'",
                               f"not in {source_path}; remove the key or add its source text")
            continue
        problem = empty_side_problem(f"{target_path} line {target.line} key '{key}'", source.text, target.text)
        if problem:
            yield problem
            continue
        pair_id = id_prefix + key
        yield TextPair(pair_id, source.text, target.text,
                       Origin(source_path, target_path, pair_id, source.line, source.column,
                              target.line, target.column))

