"""Qt Linguist .ts files (<TS> → <context> → <message> → <source>/<translation>): each message's
source against its translation.

- The id is "Context|source" (the context's <name>; a message outside any context, or one with an
  empty name, is its source alone), and "Context|source|comment" when the message has a
  <comment>: Qt itself keys a message by context, source and that disambiguating comment. A
  message with an id attribute (id-based translations, `qsTrId`) has that id instead.
- Numerus messages (numerus="yes"): Qt has one source ("%n file(s) copied") for all the forms, so
  every <numerusform> is checked against it: the first under the message's id, the others as
  pairs of their own, "…[1]", "…[2]" (German has two forms). An empty form is a note.
- type="unfinished" translations and empty translations are skipped with a note, as fuzzy and
  untranslated PO entries are; type="vanished" and type="obsolete" (no longer in the code) are
  skipped silently. Of a translation with length variants, the first (the longest) is read.
- The <TS> element's language must match --target-lang, and its sourcelanguage, when present,
  --source-lang.
- Qt's mnemonics are taken out of both texts: a single "&" before a letter or digit ("&Open",
  "Spei&chern") marks the shortcut key and would split a word in two for the checks; "&&" is a
  literal "&". An "&" that starts an HTML entity ("&nbsp;" in rich text) stays. Positions are
  those of the text in the file: a mnemonic at the start is stepped over; one further in makes a
  later finding drift by one character more, as the "&amp;" it is written as already does.
- The file is UTF-8 (as lupdate writes it; --encoding overrides), parsed as the other XML inputs
  are: no DTD, no entities, no network.
"""

from __future__ import annotations

import re
from typing import Iterator, List, Optional, Tuple, Union

from aligner.errors import InputError
from aligner.inputs.base import InputNote, InputProblem, TextPair
from aligner.inputs.positions import physical_lines
from aligner.inputs.segments import empty_side_problem, require_lang, short_id
from aligner.inputs.xmlfile import XmlFile, children, first_child, local_name, parse_xml_text
from aligner.read import read_text
from aligner.result import Origin

# "&" before a letter or digit is a mnemonic (not before an HTML entity, "&nbsp;"); "&&" is "&".
_MNEMONIC = re.compile(r"&(&|(?=[^\W_])(?![A-Za-z][A-Za-z0-9]*;))")
# How an "&" is written in the file: an entity (lupdate writes "&amp;"), or itself in CDATA.
_AMPERSAND = re.compile(r"&(?:amp|#0*38|#[xX]0*26);|&")
_SKIPPED_TYPES = ("vanished", "obsolete")

Item = Union[TextPair, InputProblem]


def read_qt_ts(path: str, source_lang: str, target_lang: str, encoding: Optional[str] = None) -> Iterator[Item]:
    text = read_text(path, encoding)  # whole-file errors come before the first item
    doc = parse_xml_text(path, text, "a Qt Linguist file", "a .ts translation file from lupdate", "TS")
    require_lang(path, "<TS> language", doc.root.get("language"), target_lang, "--target-lang")
    require_lang(path, "<TS> sourcelanguage", doc.root.get("sourcelanguage"), source_lang, "--source-lang")
    messages = list(_messages(doc.root))
    if not messages:
        raise InputError(f"{path}: has no <message>; nothing to check (lupdate adds the strings of the code)")
    return _items(doc, physical_lines(text), messages)


def _messages(root) -> Iterator[Tuple[str, object]]:
    """(context name, <message>) in file order; messages outside a <context> have no context."""
    for element in root:
        if local_name(element) == "context":
            names = children(element, "name")
            context = "".join(names[0].itertext()).strip() if names else ""
            for message in children(element, "message"):
                yield context, message
        elif local_name(element) == "message":
            yield "", element


def _items(doc: XmlFile, lines: List[str], messages: list) -> Iterator[Item]:
    for context, message in messages:
        translation = first_child(message, "translation")
        if translation is not None and translation.get("type") in _SKIPPED_TYPES:
            continue
        source_el = first_child(message, "source")
        if source_el is None:
            named = f" (message {message.get('id')!r})" if message.get("id") else ""
            yield InputProblem(f"{doc.path} line {message.sourceline}{named}",
                               "has no <source>; add the source text (in id-based code, a //% comment)")
            continue
        written, source_line, source_column = doc.text_of(source_el)
        source, source_column = _without_mnemonics(lines, written, source_line, source_column)
        message_id = _message_id(context, message, written)
        where = f"{doc.path} line {source_line} (message {short_id(message_id)!r})"
        forms = [_form_text(doc, lines, form) for form in _forms(message, translation)]
        if not any(target.strip() for target, _, _ in forms):
            yield InputNote(where, "untranslated message, not checked; translate it in Qt Linguist to have it checked")
            continue
        if translation.get("type") == "unfinished":
            yield InputNote(where, "unfinished translation, not checked; finish it in Qt Linguist and mark it done")
            continue
        for number, (target, target_line, target_column) in enumerate(forms):
            pair_id = message_id if number == 0 else f"{message_id}[{number}]"
            form_where = where if number == 0 else f"{doc.path} line {target_line} (message {short_id(pair_id)!r})"
            if number and not target.strip():
                yield InputNote(form_where, f"untranslated plural form {number}, not checked; translate it to have "
                                            "it checked")
                continue
            problem = empty_side_problem(form_where, source, target)
            if problem:
                yield problem
                continue
            yield TextPair(pair_id, source, target, Origin(doc.path, doc.path, pair_id, source_line, source_column,
                                                           target_line, target_column))


def _message_id(context: str, message, source: str) -> str:
    """The message's id attribute, else "Context|source", and "|comment" after it when there is one."""
    if message.get("id"):
        return message.get("id")
    comment = first_child(message, "comment")
    comment_text = "".join(comment.itertext()).strip() if comment is not None else ""
    parts = ([context] if context else []) + [source] + ([comment_text] if comment_text else [])
    return "|".join(parts)


def _forms(message, translation) -> list:
    """The elements holding the translated text: the <numerusform>s of a numerus message, else the
    <translation> itself; of each, its first <lengthvariant> when it has some."""
    if translation is None:
        return []
    forms = children(translation, "numerusform") if message.get("numerus") == "yes" else []
    variants = [(form, first_child(form, "lengthvariant")) for form in forms or [translation]]
    return [form if variant is None else variant for form, variant in variants]


def _form_text(doc: XmlFile, lines: List[str], element) -> Tuple[str, int, int]:
    written, line, column = doc.text_of(element)
    text, column = _without_mnemonics(lines, written, line, column)
    return text, line, column


def _without_mnemonics(lines: List[str], text: str, line: int, column: int) -> Tuple[str, int]:
    """The text without Qt's mnemonic "&"s, and the column where it starts: past the "&" (written
    "&amp;") when one opened the text."""
    bare = _MNEMONIC.sub(lambda found: found.group(1), text)
    if text.startswith("&") and not bare.startswith("&") and line <= len(lines):
        written = _AMPERSAND.match(lines[line - 1], column - 1)
        column += len(written.group()) if written else 0
    return bare, column
