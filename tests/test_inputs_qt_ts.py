"""Qt Linguist .ts files (aligner.inputs.qt_ts): ids, texts without mnemonics, where each text
starts, numerus forms, the messages left out with a note or silently, language mismatches, and
TypeScript files, which share the extension and must be refused in one line.

No model is loaded, but for the CLI test marked `model`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aligner.errors import InputError
from aligner.inputs import detect_format
from input_helpers import input_error, notes, pairs, position, problems, read, starts
from test_cli import assert_one_line_error, run

HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'


def ts_file(folder: Path, body: str, attributes: str = 'language="de_DE" sourcelanguage="en_US"',
            name: str = "app_de.ts") -> Path:
    path = folder / name
    path.write_text(f'{HEAD}<TS version="2.1" {attributes}>\n{body}</TS>\n', encoding="utf-8")
    return path


def context(name: str, *messages: str) -> str:
    return f"<context>\n    <name>{name}</name>\n" + "".join(f"    {m}\n" for m in messages) + "</context>\n"


# -- ids, texts and positions ---------------------------------------------------------------------

def test_ids_are_context_and_source_with_the_comment_or_the_message_id(tmp_path):
    """Qt keys a message by context, source and disambiguating comment; an id-based message by its id."""
    path = ts_file(tmp_path, context(
        "MainWindow",
        "<message><source>Close the window</source><translation>Fenster schließen</translation></message>",
        "<message><source>Close</source><comment>verb, toolbar</comment>"
        "<translation>Schließen</translation></message>",
        '<message id="msg.quit"><source>Quit the program</source><translation>Programm beenden</translation></message>',
    ) + "<message><source>Outside any context</source><translation>Außerhalb</translation></message>\n")
    assert [(p.id, p.source, p.target) for p in read(path)] == [
        ("MainWindow|Close the window", "Close the window", "Fenster schließen"),
        ("MainWindow|Close|verb, toolbar", "Close", "Schließen"),
        ("msg.quit", "Quit the program", "Programm beenden"),
        ("Outside any context", "Outside any context", "Außerhalb"),
    ]


def test_each_text_starts_where_its_first_character_is_in_the_file(tmp_path):
    path = ts_file(tmp_path, context(
        "Dialog",
        "<message>\n        <location filename=\"dialog.cpp\" line=\"12\"/>\n"
        "        <source>\n            Delete the selected files?</source>\n"
        "        <translation>Die ausgewählten Dateien löschen?</translation>\n    </message>"))
    [pair] = read(path)
    assert pair.origin.segment_id == pair.id == "Dialog|Delete the selected files?"
    assert starts(pair) == (position(path, "Delete the"), position(path, "Die ausgew"))


def test_mnemonics_are_taken_out_and_a_double_ampersand_is_one(tmp_path):
    """"Spei&chern" would be two words to the checks; "&&" is a literal ampersand in Qt."""
    path = ts_file(tmp_path, context(
        "Menu",
        "<message><source>Sa&amp;ve all</source><translation>Alle spei&amp;chern</translation></message>",
        "<message><source>Drag &amp;&amp; drop the files</source>"
        "<translation>Dateien ziehen &amp;&amp; ablegen</translation></message>",
        "<message><source>Tom &amp; Jerry are here</source>"
        "<translation>Tom &amp; Jerry sind da</translation></message>",
        "<message><source>&lt;b&gt;Note:&lt;/b&gt;&amp;nbsp;read this</source>"
        "<translation>&lt;b&gt;Hinweis:&lt;/b&gt;&amp;nbsp;lies das</translation></message>",
    ))
    assert [(p.id, p.source, p.target) for p in read(path)] == [
        ("Menu|Sa&ve all", "Save all", "Alle speichern"),  # the id keeps the source as Qt keys it
        ("Menu|Drag && drop the files", "Drag & drop the files", "Dateien ziehen & ablegen"),
        ("Menu|Tom & Jerry are here", "Tom & Jerry are here", "Tom & Jerry sind da"),
        ("Menu|<b>Note:</b>&nbsp;read this", "<b>Note:</b>&nbsp;read this", "<b>Hinweis:</b>&nbsp;lies das"),
    ]


def test_a_text_that_opens_with_a_mnemonic_starts_after_it(tmp_path):
    """The text starts at "Open", not at the "&amp;" (or "&#38;", "&#x26;") before it."""
    path = ts_file(tmp_path, context(
        "Menu",
        "<message><source>&amp;Open a file</source><translation>&#38;Datei öffnen</translation></message>",
        "<message><source>&#x26;Print the page</source><translation>Seite &amp;drucken</translation></message>",
    ))
    opened, printed = read(path)
    assert (opened.source, opened.target) == ("Open a file", "Datei öffnen")
    assert starts(opened) == (position(path, "Open a file"), position(path, "Datei öffnen"))
    assert printed.source == "Print the page"
    assert starts(printed) == (position(path, "Print the page"), position(path, "Seite &amp;"))


def test_of_length_variants_the_first_is_read(tmp_path):
    path = ts_file(tmp_path, context(
        "Toolbar",
        '<message><source>Open the recent files</source><translation variants="yes">'
        "<lengthvariant>Zuletzt geöffnete Dateien öffnen</lengthvariant><lengthvariant>Zuletzt</lengthvariant>"
        "</translation></message>"))
    [pair] = read(path)
    assert pair.target == "Zuletzt geöffnete Dateien öffnen"
    assert starts(pair)[1] == position(path, "Zuletzt geöffnete")


# -- numerus forms --------------------------------------------------------------------------------

NUMERUS = ('<message numerus="yes"><source>%n file(s) copied</source><translation>\n'
           "        <numerusform>%n Datei kopiert</numerusform>\n"
           "        <numerusform>%n Dateien kopiert</numerusform>\n    </translation></message>")


def test_every_numerus_form_is_checked_against_the_one_source(tmp_path):
    """Qt has one source for all forms ("%n file(s)"): the second German form is a pair of its own."""
    path = ts_file(tmp_path, context("Copy", NUMERUS))
    singular, plural = read(path)
    assert [(p.id, p.source, p.target) for p in (singular, plural)] == [
        ("Copy|%n file(s) copied", "%n file(s) copied", "%n Datei kopiert"),
        ("Copy|%n file(s) copied[1]", "%n file(s) copied", "%n Dateien kopiert"),
    ]
    assert starts(singular) == (position(path, "%n file(s)"), position(path, "%n Datei "))
    assert starts(plural) == (position(path, "%n file(s)"), position(path, "%n Dateien"))


def test_a_language_with_three_forms_gets_three_pairs_and_an_empty_form_is_a_note(tmp_path):
    path = ts_file(tmp_path, context(
        "Copy",
        '<message numerus="yes"><source>%n file(s) copied</source><translation>'
        "<numerusform>Skopiowano %n plik</numerusform><numerusform>Skopiowano %n pliki</numerusform>"
        "<numerusform>Skopiowano %n plików</numerusform></translation></message>",
        '<message numerus="yes"><source>%n dog(s) barked</source><translation>'
        "<numerusform>%n pies zaszczekał</numerusform><numerusform></numerusform>"
        "<numerusform>%n psów zaszczekało</numerusform></translation></message>",
    ), attributes='language="pl_PL"')
    items = read(path, target_lang="pl")
    assert [p.id for p in pairs(items)] == ["Copy|%n file(s) copied", "Copy|%n file(s) copied[1]",
                                            "Copy|%n file(s) copied[2]", "Copy|%n dog(s) barked",
                                            "Copy|%n dog(s) barked[2]"]
    [note] = notes(items)
    assert note.where.endswith("(message 'Copy|%n dog(s) barked[1]')")
    assert note.reason.startswith("untranslated plural form 1, not checked")


# -- what is not checked --------------------------------------------------------------------------

def test_unfinished_and_untranslated_messages_are_notes_and_vanished_and_obsolete_are_skipped(tmp_path):
    """As fuzzy and untranslated PO entries: a translator's work in progress, not a broken file."""
    path = ts_file(tmp_path, context(
        "Main",
        "<message><source>Save the file</source><translation>Datei speichern</translation></message>",
        '<message><source>Delete the file</source>'
        '<translation type="unfinished">Datei löschen</translation></message>',
        '<message><source>Rename the file</source><translation type="unfinished"></translation></message>',
        "<message><source>Copy the file</source></message>",
        '<message><source>Gone</source><translation type="vanished">Weg</translation></message>',
        '<message><source>Old</source><translation type="obsolete">Alt</translation></message>',
    ))
    items = read(path)
    assert [p.id for p in pairs(items)] == ["Main|Save the file"]
    assert problems(items) == []
    line = position(path, "Delete")[0]
    assert [(n.where, n.reason.split(",")[0]) for n in notes(items)] == [
        (f"{path} line {line} (message 'Main|Delete the file')", "unfinished translation"),
        (f"{path} line {line + 1} (message 'Main|Rename the file')", "untranslated message"),
        (f"{path} line {line + 2} (message 'Main|Copy the file')", "untranslated message"),
    ]


def test_a_message_without_source_is_a_problem_and_the_rest_is_read(tmp_path):
    path = ts_file(tmp_path, context(
        "Main",
        '<message id="msg.lost"><translation>Verloren</translation></message>',
        "<message><source>Find the text</source><translation>Den Text suchen</translation></message>"))
    items = read(path)
    assert [p.id for p in pairs(items)] == ["Main|Find the text"]
    [problem] = problems(items)
    assert problem.where == f"{path} line {position(path, 'msg.lost')[0]} (message 'msg.lost')"
    assert problem.reason.startswith("has no <source>")


def test_a_file_without_messages_is_one_line(tmp_path):
    path = ts_file(tmp_path, "<context><name>Empty</name></context>\n")
    assert "has no <message>; nothing to check" in input_error(path)


# -- languages ------------------------------------------------------------------------------------

def test_a_file_for_another_language_is_refused_unless_asked_for(tmp_path):
    path = ts_file(tmp_path, context("Main", "<message><source>Yes</source><translation>Oui</translation></message>"),
                   attributes='language="fr_FR" sourcelanguage="en"')
    message = input_error(path)
    assert message == (f"{path}: <TS> language is 'fr_FR', but --target-lang is 'de'; pass --target-lang fr_FR "
                       "or give the file in 'de'")
    assert [p.target for p in read(path, target_lang="fr")] == ["Oui"]


def test_a_source_language_other_than_the_source_lang_is_refused(tmp_path):
    path = ts_file(tmp_path, context("Main", "<message><source>Ja</source><translation>Ja</translation></message>"),
                   attributes='language="de" sourcelanguage="nl_NL"')
    assert "sourcelanguage is 'nl_NL', but --source-lang is 'en'" in input_error(path)


def test_a_file_without_language_attributes_is_read(tmp_path):
    path = ts_file(tmp_path, context("Main", "<message><source>Help me</source><translation>Hilf mir</translation>"
                                             "</message>"), attributes="")
    assert [p.id for p in read(path, target_lang="it")] == ["Main|Help me"]


# -- .ts: Qt Linguist or TypeScript ---------------------------------------------------------------

TYPESCRIPT = 'import { Component } from "@angular/core";\n\nexport const items: Array<string> = [];\n'


def test_detect_format_takes_a_ts_file_whose_root_is_TS_and_an_xml_one_too(tmp_path):
    body = context("Main", "<message><source>Yes</source><translation>Ja</translation></message>")
    assert detect_format([str(ts_file(tmp_path, body))]) == "ts"
    assert detect_format([str(ts_file(tmp_path, body, name="app_de.xml"))]) == "ts"
    bare = tmp_path / "bare.ts"
    bare.write_text("\ufeff<TS version='2.1'><context/></TS>", encoding="utf-8")  # no declaration, a BOM
    assert detect_format([str(bare)]) == "ts"


@pytest.mark.parametrize("text, found", [
    (TYPESCRIPT, "(not XML: TypeScript?)"),
    ("// Array<TS> is a generic, not a root\nlet a: Array<TS> = [];\n", "(not XML: TypeScript?)"),
    ('<?xml version="1.0"?>\n<!-- made by hand -->\n<html><body/></html>\n', "(root <html>)"),
])
def test_detect_format_refuses_another_ts_file_in_one_line(tmp_path, text, found):
    """A TypeScript file is no translation: one clear line, not an XML syntax error."""
    path = tmp_path / "app.component.ts"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        detect_format([str(path)])
    assert str(caught.value) == (f"{path}: not a Qt Linguist file {found}; give a .ts translation file from "
                                 "lupdate, whose root is <TS>, or pass --input-format")


def test_a_typescript_file_read_as_ts_is_one_line(tmp_path):
    path = tmp_path / "main.ts"
    path.write_text(TYPESCRIPT, encoding="utf-8")
    assert input_error(path, input_format="ts").startswith(f"{path}: is not XML (")
    path.write_text("<html><body/></html>\n", encoding="utf-8")
    assert input_error(path, input_format="ts") == (f"{path}: not a Qt Linguist file (root <html>); give a .ts "
                                                    "translation file from lupdate, whose root is <TS>")


def test_a_missing_ts_file_is_named_as_missing(tmp_path):
    assert input_error(tmp_path / "gone.ts") == f"{tmp_path / 'gone.ts'}: no such file; check the path"


def test_broken_xml_names_the_line(tmp_path):
    path = tmp_path / "broken.ts"
    path.write_text(f'{HEAD}<TS language="de">\n<context><name>A</name>\n<message><source>x</message>\n'
                    "</context></TS>\n", encoding="utf-8")
    assert input_error(path).startswith(f"{path} line 5: not well-formed XML (")


# -- the command line -----------------------------------------------------------------------------

def test_the_cli_refuses_a_typescript_file_in_one_line(tmp_path):
    path = tmp_path / "app.ts"
    path.write_text(TYPESCRIPT, encoding="utf-8")
    assert_one_line_error(run("check", str(path)), "app.ts: not a Qt Linguist file", "TypeScript")


@pytest.mark.model
def test_the_cli_checks_a_ts_file_message_by_message(tmp_path, private_cache_dir):
    path = ts_file(tmp_path, context(
        "Viewer",
        "<message><source>Open the file and read the first page.</source>"
        "<translation>Öffnen Sie die Datei und lesen Sie die erste Seite.</translation></message>",
        "<message><source>Save your work before you close the window.</source>"
        "<translation>Speichern Sie Ihre Arbeit, bevor Sie das Fenster schließen.</translation></message>",
        '<message><source>Print</source><translation type="unfinished">Drucken</translation></message>',
    ))
    result = run("check", str(path), "--format", "jsonl", cache_dir=private_cache_dir)
    assert result.returncode == 0, result.stdout + result.stderr  # a note does not fail the check
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        "Viewer|Open the file and read the first page.", "Viewer|Save your work before you close the window."]
    assert result.stderr == (f"aligner: note: {path} line {position(path, 'Print')[0]} (message 'Viewer|Print'): "
                             "unfinished translation, not checked; finish it in Qt Linguist and mark it done\n")
