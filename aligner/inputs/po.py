"""gettext PO: each entry's msgid is the source, its msgstr the target.

- msgctxt, when present, is part of the id ("menu|Open"), as it is part of gettext's key.
- Plural entries: msgid against msgstr[0], the first form; and, where the header's Plural-Forms
  says nplurals=2 (German, and most languages with a singular and a plural), msgid_plural against
  msgstr[1], as a pair of its own ("One file was copied.[1]"). With another number of forms, what
  each form means depends on the language's plural rule, so the other forms are not checked.
- Fuzzy and untranslated entries are skipped with an InputNote: a translator has marked them
  unfinished, or they are not translated yet, which is the normal state of a PO file in progress.
- Obsolete entries (#~) are skipped silently: they are no longer used.
- A syntax error polib refuses costs only the entries around it: the file is then read again entry
  block by entry block (blocks are separated by blank lines), and the bad block becomes a problem.
"""

from __future__ import annotations

import codecs
import re
from typing import Iterator, List, Optional, Tuple, Union

from aligner.errors import InputError
from aligner.inputs.base import InputNote, InputProblem, TextPair
from aligner.inputs.files import read_bytes
from aligner.inputs.segments import empty_side_problem, lang_matches, short_id
from aligner.read import decode_text
from aligner.result import Origin

_CHARSET = re.compile(rb"charset=([A-Za-z0-9._:-]+)")
_LANGUAGE = re.compile(r'^"Language:[ \t]*([^"\\]*)(?:\\n)?"', re.M)
_SYNTAX_LINE = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")
_TWO_PLURAL_FORMS = re.compile(r'^"Plural-Forms:[^"]*nplurals\s*=\s*2\s*;', re.M)


def read_po(path: str, source_lang: str, target_lang: str,
            encoding: Optional[str] = None) -> Iterator[Union[TextPair, InputProblem]]:
    text = _decode(path, read_bytes(path), encoding)  # whole-file errors come before the first item
    _check_language(path, text, target_lang)
    return _items(path, text, text.split("\n"))


def _check_language(path: str, text: str, target_lang: str) -> None:
    """The header's Language, when there is one, must be the target language (as for XLIFF)."""
    declared = _LANGUAGE.search(text)
    if declared and declared.group(1).strip() and not lang_matches(declared.group(1), target_lang):
        raise InputError(f"{path}: its header says Language: {declared.group(1).strip()}, but --target-lang is "
                         f"{target_lang!r}; pass --target-lang {declared.group(1).strip()} or give the {target_lang!r} catalogue")


def _items(path: str, text: str, lines: List[str]) -> Iterator[Union[TextPair, InputProblem]]:
    two_forms = bool(_TWO_PLURAL_FORMS.search(text))
    for entry, line_offset in _entries(path, text, lines):
        if isinstance(entry, InputProblem):
            yield entry
            continue
        item = _item(path, lines, entry, line_offset)
        if item is not None:
            yield item
        if isinstance(item, TextPair) and entry.msgid_plural and two_forms:
            yield _plural_item(path, lines, entry, item)


def _plural_item(path: str, lines: List[str], entry, singular: TextPair) -> Union[TextPair, InputProblem]:
    """msgid_plural against msgstr[1], next to the pair of msgid and msgstr[0]."""
    source_line, source_column = _text_start(lines, singular.origin.source_line, "msgid_plural")
    target_line, target_column = _text_start(lines, source_line, r"msgstr\[1\]")
    target = entry.msgstr_plural.get(1, "")
    where = f"{path} line {target_line} (msgid_plural {short_id(entry.msgid_plural)!r})"
    if not target.strip():
        return InputNote(where, "untranslated plural form msgstr[1], not checked; translate it to have it checked")
    problem = empty_side_problem(where, entry.msgid_plural, target)
    if problem:
        return problem
    plural_id = f"{singular.id}[1]"
    return TextPair(plural_id, entry.msgid_plural, target,
                    Origin(path, path, plural_id, source_line, source_column, target_line, target_column))


def _entries(path: str, text: str, lines: List[str]) -> Iterator[Tuple[object, int]]:
    """(polib entry, how many lines before its block), or (InputProblem, 0) for a block polib
    refuses, in file order."""
    try:
        yield from [(entry, 0) for entry in _parse(text)]
        return
    except OSError:  # polib's syntax error: read again block by block to keep the good entries
        pass
    for first_line, block in _blocks(lines):
        try:
            entries = _parse(block)
        except OSError as err:
            line, detail = _syntax_error(err, first_line)
            yield InputProblem(f"{path} line {line}", f"not valid PO syntax{detail}; fix the entry "
                                                      "(`msgfmt -c` shows what is wrong)"), 0
            continue
        yield from ((entry, first_line - 1) for entry in entries)


def _item(path: str, lines: List[str], entry, line_offset: int) -> Union[TextPair, InputProblem, None]:
    if entry.obsolete:
        return None
    source_line, source_column = _text_start(lines, (entry.linenum or 1) + line_offset, "msgid")
    target_line, target_column = _text_start(lines, source_line, "msgstr")
    where = f"{path} line {source_line} (msgid {short_id(entry.msgid)!r})"
    if "fuzzy" in entry.flags:
        return InputNote(where, "fuzzy entry, not checked; review it and remove the fuzzy flag")
    target = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
    if not target.strip():
        return InputNote(where, "untranslated entry, not checked; translate it to have it checked")
    problem = empty_side_problem(where, entry.msgid, target)
    if problem:
        return problem
    entry_id = f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt is not None else entry.msgid
    return TextPair(entry_id, entry.msgid, target,
                    Origin(path, path, entry_id, source_line, source_column, target_line, target_column))


def _parse(text: str) -> list:
    import polib

    # The text is already decoded; the encoding given here only names it and stops polib guessing.
    return list(polib.pofile(text, encoding="utf-8"))


def _decode(path: str, data: bytes, encoding: Optional[str]) -> str:
    """The user's --encoding, else the charset the PO header declares, else UTF-8."""
    declared = _CHARSET.search(data[:4096]) if encoding is None else None
    if not declared or declared.group(1).lower() in (b"utf-8", b"utf8", b"charset"):  # "CHARSET": a template
        return decode_text(data, path, encoding)
    charset = declared.group(1).decode("ascii")
    try:
        codecs.lookup(charset)
    except LookupError:
        raise InputError(f"{path}: declares an unknown charset {charset!r}; fix the Content-Type header "
                         "or pass --encoding") from None
    try:
        return decode_text(data, path, charset)
    except InputError as err:
        if "cannot be decoded" not in str(err):
            raise
        raise InputError(f"{path}: is not in {charset}, the charset its header declares; fix the header "
                         "or pass --encoding") from None


def _blocks(lines: List[str]) -> Iterator[Tuple[int, str]]:
    """(1-based first line, text) of each run of non-blank lines."""
    start: Optional[int] = None
    for number, line in enumerate(lines + [""], start=1):
        if line.strip() and start is None:
            start = number
        elif not line.strip() and start is not None:
            yield start, "\n".join(lines[start - 1:number - 1])
            start = None


def _syntax_error(err: OSError, first_line: int) -> Tuple[int, str]:
    """The file line polib stopped at, and its reason as " (reason)" when it gives one."""
    found = _SYNTAX_LINE.search(str(err))
    if not found:
        return first_line, ""
    return first_line + int(found.group(1)) - 1, f" ({found.group(2)})" if found.group(2) else ""


def _text_start(lines: List[str], from_line: int, keyword: str) -> Tuple[int, int]:
    """Line and column of the first character of the string after `keyword` (msgid, or msgstr /
    msgstr[0]) at or after from_line; a string that opens with "" continues on the next line."""
    pattern = re.compile(rf'\s*{keyword}(?:\[0\])?\s+"')
    for index in range(max(from_line - 1, 0), len(lines)):
        found = pattern.match(lines[index])
        if found:
            rest = lines[index][found.end():]
            if rest.rstrip() == '"' and index + 1 < len(lines) and lines[index + 1].lstrip().startswith('"'):
                following = lines[index + 1]
                return index + 2, len(following) - len(following.lstrip()) + 2
            return index + 1, found.end() + 1
    return from_line, 1
