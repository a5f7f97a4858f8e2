"""JSONL: one object {"id": ..., "source": "...", "target": "..."} a line; blank lines are skipped.

The id may be any JSON value (reported as text). Every bad line is a problem of its own, so one
typo does not hide the rest of the corpus. The origin's column is where the string's text starts
(just after its opening quote), found by walking the line's top-level keys with the json scanner.
"""

from __future__ import annotations

import json
from typing import Dict, Iterator, Optional, Union

from aligner.inputs.base import InputProblem, TextPair
from aligner.inputs.positions import physical_lines
from aligner.read import read_text
from aligner.result import Origin

PAIR_SHAPE = 'each line must be an object {"id": ..., "source": "...", "target": "..."}'


def read_jsonl(path: str, source_lang: str = "en", target_lang: str = "de",
               encoding: Optional[str] = None) -> Iterator[Union[TextPair, InputProblem]]:
    text = read_text(path, encoding)  # whole-file errors come before the first item
    return _items(path, text)


def _items(path: str, text: str) -> Iterator[Union[TextPair, InputProblem]]:
    for number, line in enumerate(physical_lines(text), start=1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        try:
            pair = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputProblem(where, f"not valid JSON ({err.msg} at column {err.colno}); {PAIR_SHAPE}")
            continue
        reason = _shape_problem(pair)
        if reason:
            yield InputProblem(where, reason)
            continue
        columns = _value_columns(line)
        pair_id = str(pair["id"])
        yield TextPair(pair_id, pair["source"], pair["target"],
                       Origin(path, path, pair_id, number, columns.get("source", 1), number, columns.get("target", 1)))


def _shape_problem(pair: object) -> Optional[str]:
    """What is wrong with a decoded line, and how to fix it; None when it is a usable pair."""
    if not isinstance(pair, dict):
        return f"not a JSON object; {PAIR_SHAPE}"
    missing = [k for k in ("id", "source", "target") if k not in pair]
    if missing:
        return f"missing {', '.join(missing)}; {PAIR_SHAPE}"
    if not all(isinstance(pair[k], str) for k in ("source", "target")):
        return f"source and target must be strings; {PAIR_SHAPE}"
    for k in ("source", "target"):
        try:
            pair[k].encode("utf-8")
        except UnicodeEncodeError:  # JSON allows lone surrogates ("\ud800"), which are no text
            return f"{k} holds an invalid character (a lone surrogate); fix the text's encoding"
    empty = [k for k in ("source", "target") if not any(ch.isalnum() for ch in pair[k])]
    if empty:
        subject = "source and target have" if len(empty) == 2 else f"{empty[0]} has"
        return f"{subject} no text to check; give the text of both sides"
    return None


def _value_columns(line: str) -> Dict[str, int]:
    """1-based column just after the opening quote of each top-level string value (the last of a
    repeated key wins, as in json.loads); empty if the line is not laid out as expected."""
    decoder = json.JSONDecoder()
    columns: Dict[str, int] = {}
    try:
        index = _skip_space(line, 0)
        if line[index] != "{":
            return {}
        index += 1
        while True:
            index = _skip_space(line, index)
            if line[index] == "}":
                return columns
            key, index = json.decoder.scanstring(line, index + 1)
            index = _skip_space(line, index)
            index = _skip_space(line, index + 1)  # past the ":"
            if line[index] == '"':
                columns[key] = index + 2
            _, index = decoder.raw_decode(line, index)
            index = _skip_space(line, index)
            if line[index] == ",":
                index += 1
    except (IndexError, ValueError):
        return columns


def _skip_space(line: str, index: int) -> int:
    while index < len(line) and line[index] in " \t\r\n":
        index += 1
    return index
