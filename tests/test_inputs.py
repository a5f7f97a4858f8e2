"""Every input format read from small fixtures written for the project (tests/fixtures/inputs):
ids, texts, where each text starts in its file, and the malformed cases — a whole-input problem is
one InputError line, a bad segment is one InputProblem and the good segments are still yielded.

No model is loaded: these tests only read files.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from aligner.errors import InputError
from aligner.inputs import INPUT_FORMATS, InputProblem, TextPair, detect_format
from input_helpers import input_error, notes, pairs, position, problems, read, starts

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "inputs"


@pytest.fixture(autouse=True)
def in_fixtures(monkeypatch):
    """Paths in the tests and in the messages stay short: relative to the fixture directory."""
    monkeypatch.chdir(FIXTURES)


# -- the entry point ------------------------------------------------------------------------------

@pytest.mark.parametrize("paths, expected", [
    (["good.tmx"], "tmx"),
    (["good12.xlf"], "xliff"),
    (["ui.XLIFF"], "xliff"),
    (["ui.xlf2"], "xliff"),
    (["good.po"], "po"),
    (["messages.pot"], "po"),
    (["good.jsonl"], "jsonl"),
    (["good.tsv"], "tsv"),
    (["pair_en.txt", "pair_de.txt"], "text"),
    (["dirs_good/en", "dirs_good/de"], "dirs"),
    (["docs/{lang}/**/*.md"], "dirs"),
])
def test_detect_format(paths, expected):
    assert detect_format(paths) == expected
    assert expected in INPUT_FORMATS


def test_detect_format_sniffs_the_root_of_an_xml_file(tmp_path):
    tmx, xliff, other = tmp_path / "memory.xml", tmp_path / "ui.xml", tmp_path / "data.xml"
    tmx.write_text('<?xml version="1.0"?>\n<!-- exported -->\n<tmx version="1.4"><body/></tmx>\n')
    xliff.write_text('<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>\n')
    other.write_text("<data/>\n")
    assert detect_format([str(tmx)]) == "tmx"
    assert detect_format([str(xliff)]) == "xliff"
    with pytest.raises(InputError, match="--input-format"):
        detect_format([str(other)])


@pytest.mark.parametrize("paths, needle", [
    (["pair_en.txt"], "cannot tell the input format"),
    (["dirs_good/en"], "is a directory"),
    (["a.po", "b.po", "c.po"], "3 paths given"),
])
def test_detect_format_refuses_what_it_cannot_tell(paths, needle):
    with pytest.raises(InputError, match=needle):
        detect_format(paths)


@pytest.mark.parametrize("paths, input_format, needle", [
    (["pair_en.txt"], "text", "input format text takes 2 paths, got 1"),
    (["good.tmx", "good12.xlf"], "tmx", "input format tmx takes 1 path, got 2"),
    (["dirs_good/en"], "dirs", "input format dirs takes 2 paths, got 1"),
    (["good.tmx"], "csv", "--input-format csv: unknown"),
])
def test_wrong_number_of_paths_or_unknown_format_is_one_line(paths, input_format, needle):
    assert needle in input_error(*paths, input_format=input_format)


def test_an_explicit_format_overrides_the_extension(tmp_path):
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("The cat sleeps.\tDie Katze schläft.\n", encoding="utf-8")
    [pair] = read(str(corpus), input_format="tsv")
    assert (pair.source, pair.target) == ("The cat sleeps.", "Die Katze schläft.")


def test_importing_the_package_loads_no_parser_library():
    """--help must stay instant: lxml and polib load only when a TMX, XLIFF or PO file is read."""
    code = ("import sys, aligner.inputs; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('lxml', 'polib')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# -- plain text pair ------------------------------------------------------------------------------

def test_text_pair_is_one_pair_without_id():
    [pair] = read("pair_en.txt", "pair_de.txt")
    assert pair.id is None
    assert pair.source.startswith("The server starts in ten seconds.")
    assert pair.target.startswith("Der Server startet in zehn Sekunden.")
    assert (pair.origin.source_path, pair.origin.target_path) == ("pair_en.txt", "pair_de.txt")
    assert pair.origin.segment_id is None
    assert starts(pair) == ((1, 1), (1, 1))


def test_text_pair_with_a_missing_file_is_one_line():
    assert input_error("pair_en.txt", "missing_de.txt") == "missing_de.txt: no such file; check the path"


# -- directory pairs ------------------------------------------------------------------------------

def test_directory_pair_matches_by_relative_path():
    items = read("dirs_good/en", "dirs_good/de")
    assert [p.id for p in items] == ["guide/setup.txt", "intro.txt"]
    setup = items[0]
    assert setup.source == "Install the package first.\n"
    assert setup.target == "Installieren Sie zuerst das Paket.\n"
    assert setup.origin.source_path == os.path.join("dirs_good/en", "guide/setup.txt")
    assert setup.origin.target_path == os.path.join("dirs_good/de", "guide/setup.txt")


def test_a_file_on_one_side_only_names_its_missing_counterpart():
    items = read("dirs_missing/en", "dirs_missing/de")
    assert [p.id for p in pairs(items)] == ["intro.txt"]
    found = {p.where: p.reason for p in problems(items)}
    assert set(found) == {os.path.join("dirs_missing/en", "new.txt"), os.path.join("dirs_missing/de", "extra.txt")}
    assert os.path.join("dirs_missing/de", "new.txt") in found[os.path.join("dirs_missing/en", "new.txt")]
    assert "add the translation" in found[os.path.join("dirs_missing/en", "new.txt")]
    assert os.path.join("dirs_missing/en", "extra.txt") in found[os.path.join("dirs_missing/de", "extra.txt")]


def test_a_non_utf8_file_in_a_directory_pair_is_a_problem_of_that_file_only():
    items = read("dirs_latin1/en", "dirs_latin1/de")
    [problem] = problems(items)
    assert problem.where == os.path.join("dirs_latin1/de", "door.txt")
    assert "is not UTF-8" in problem.reason and "--encoding" in problem.reason
    assert [p.id for p in pairs(items)] == ["intro.txt"]
    # ...and with the encoding named, both pairs are read
    door = [p for p in read("dirs_latin1/en", "dirs_latin1/de", encoding="latin-1") if p.id == "door.txt"]
    assert door[0].target == "Tür öffnen.\n"


def test_a_missing_directory_is_one_line():
    assert "dirs_good/fr: no such directory" in input_error("dirs_good/en", "dirs_good/fr")


def test_lang_pattern_expands_both_languages():
    items = read("dirs_good/{lang}/**/*.txt")
    assert [p.id for p in items] == ["dirs_good/{lang}/guide/setup.txt", "dirs_good/{lang}/intro.txt"]
    assert items[1].origin.source_path == os.path.join("dirs_good", "en", "intro.txt")
    assert items[1].origin.target_path == os.path.join("dirs_good", "de", "intro.txt")
    assert items[1].target == "Willkommen im Handbuch.\n"


def test_lang_pattern_naming_a_directory_reads_two_trees():
    assert [p.id for p in read("dirs_good/{lang}")] == ["guide/setup.txt", "intro.txt"]


def test_lang_pattern_with_a_file_on_one_side_only():
    items = read("dirs_missing/{lang}/*.txt")
    assert [p.id for p in pairs(items)] == ["dirs_missing/{lang}/intro.txt"]
    assert sorted(p.where for p in problems(items)) == [os.path.join("dirs_missing", "de", "extra.txt"),
                                                        os.path.join("dirs_missing", "en", "new.txt")]


def test_lang_pattern_that_matches_nothing_is_one_line():
    assert "matches no file" in input_error("dirs_good/{lang}/*.md")


# -- TMX ------------------------------------------------------------------------------------------

def test_tmx_pairs_with_inline_codes_dropped():
    items = read("good.tmx")
    assert [p.id for p in items] == ["greeting", "files", "3"]  # tuid, else the unit's position
    greeting, files, third = items
    assert (greeting.source, greeting.target) == ("Hello, world!", "Hallo, Welt!")
    assert (files.source, files.target) == ("files were copied.", "Dateien wurden kopiert.")
    assert (third.source, third.target) == ("Save & close", "Speichern & schließen")
    assert greeting.origin.segment_id == "greeting"
    assert greeting.origin.source_path == greeting.origin.target_path == "good.tmx"


def test_tmx_keeps_each_segments_inline_codes_beside_its_text():
    greeting, files, third = read("good.tmx")
    # <bpt>/<ept> pair within a segment by i, so they are known by their native code; <ph x> by x
    assert greeting.inline_codes == (("<bpt>&lt;b&gt;</bpt>", "<ept>&lt;/b&gt;</ept>"),) * 2
    assert files.inline_codes == (('<ph x="1"/>',), ('<ph x="1"/>',))
    assert third.inline_codes == ((), ())


def test_tmx_origins_point_at_the_first_character_of_each_text():
    greeting, files, third = read("good.tmx")
    assert starts(greeting) == (position("good.tmx", "Hello"), position("good.tmx", "Hallo"))
    # text after a dropped <ph>, and a <seg> whose text starts on a later line
    assert starts(files) == (position("good.tmx", "files were"), position("good.tmx", "Dateien"))
    assert starts(third) == (position("good.tmx", "Save &amp;"), position("good.tmx", "Speichern"))


def test_tmx_picks_languages_by_prefix_and_ignores_others():
    """en-US and EN are English; de-DE is German; the French <tuv> is not read."""
    files = read("good.tmx")[1]
    assert "fichiers" not in files.target
    [french] = pairs(read("good.tmx", target_lang="fr"))  # only "files" has a French <tuv>
    assert french.target == "fichiers ont été copiés."


def test_tmx_unit_missing_the_german_tuv_is_a_problem_and_the_rest_is_read():
    items = read("missing_de.tmx")
    assert [p.id for p in pairs(items)] == ["1", "4"]
    missing, empty = problems(items)
    assert missing.where == "missing_de.tmx tu '2' (line 9)"
    assert "no <tuv> with a <seg> for de" in missing.reason and "en, fr" in missing.reason
    assert empty.where == "missing_de.tmx tu '3' (line 13)"
    assert empty.reason.startswith("untranslated segment: no target text")
    assert [type(item).__name__ for item in items] == ["TextPair", "InputProblem", "InputProblem", "TextPair"]


def test_tmx_without_any_tuv_in_the_target_language_is_one_line():
    message = input_error("good.tmx", target_lang="ja")
    assert message.startswith("good.tmx: no <tuv> in 'ja'") and "--target-lang" in message


def test_broken_xml_is_one_line_naming_file_and_line():
    message = input_error("broken.tmx")
    assert message.startswith("broken.tmx line 6: not well-formed XML")


def test_a_file_that_is_not_xml_is_one_line():
    assert input_error("not_xml.tmx").startswith("not_xml.tmx: is not XML")


def test_an_xliff_file_given_as_tmx_is_refused():
    assert "not <tmx>" in input_error("good12.xlf", input_format="tmx")


# -- XLIFF ----------------------------------------------------------------------------------------

def test_xliff_12_units_with_inline_markup():
    items = read("good12.xlf")
    # "brand" is translate="no": not meant to be translated, so not checked and not a problem
    assert [p.id for p in items] == ["save", "confirm", "name"]
    save, confirm, name = items
    assert (save.source, save.target) == ("Save the document", "Dokument speichern")
    # <g> keeps its text, <x/> and <ph> (codes) are dropped
    assert confirm.source == "Click Delete to remove the file."
    assert confirm.target == "Löschen klicken, um die Datei zu entfernen."
    assert (name.source, name.target) == ("Hello , welcome back.", "Hallo , willkommen zurück.")
    assert starts(save) == (position("good12.xlf", "Save the"), position("good12.xlf", "Dokument"))
    # a target that starts inside <g>: the origin is the first letter, not the tag
    assert starts(confirm) == (position("good12.xlf", "Click"), position("good12.xlf", "Löschen</g>"))


def test_xliff_segments_keep_their_inline_codes_by_id():
    save, confirm, name = read("good12.xlf")
    assert save.inline_codes == ((), ())
    assert confirm.inline_codes == (('<g id="1">', '<x id="2"/>'), ('<g id="1">', '<x id="2"/>'))
    assert name.inline_codes == (('<ph id="3"/>',), ('<ph id="3"/>',))
    s1, s2, count = read("good20.xlf")
    assert s2.inline_codes == (('<pc id="1">',), ('<pc id="1">',))
    assert count.inline_codes == (('<ph id="1"/>',), ('<ph id="1"/>',))


def test_xliff_codes_nest_and_annotations_are_not_codes(tmp_path):
    path = tmp_path / "nested.xlf"
    path.write_text('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="de">'
                    '<file id="f"><unit id="u"><segment>'
                    '<source><pc id="1">Save <mrk id="m1" type="term">all</mrk> <sc id="2"/>files<ec startRef="2"/>'
                    '</pc> now<sm id="c"/>.</source>'
                    '<target><pc id="1">Alle Dateien</pc> jetzt speichern.</target>'
                    '</segment></unit></file></xliff>', encoding="utf-8")
    [pair] = read(str(path))
    assert pair.inline_codes == (('<pc id="1">', '<sc id="2"/>', '<ec startRef="2"/>'), ('<pc id="1">',))


def test_text_formats_carry_no_inline_codes():
    assert all(p.inline_codes is None for p in pairs(read("good.po") + read("good.jsonl") + read("good.tsv")))


def test_xliff_2_segments_each_give_a_pair():
    items = read("good20.xlf")
    assert [p.id for p in items] == ["intro/s1", "intro/s2", "count"]
    s1, s2, count = items
    assert (s1.source, s1.target) == ("The update is ready.", "Das Update ist bereit.")
    assert (s2.source, s2.target) == ("Restart now to install it.", "Jetzt neu starten, um es zu installieren.")
    assert (count.source, count.target) == ("messages are unread.", "Nachrichten sind ungelesen.")
    assert s2.origin.segment_id == "intro/s2"
    assert starts(s2) == (position("good20.xlf", "Restart"), position("good20.xlf", "Jetzt"))
    assert starts(count) == (position("good20.xlf", "messages"), position("good20.xlf", "Nachrichten"))


def test_xliff_unit_with_empty_or_missing_target_is_a_problem_and_the_rest_is_read():
    items = read("empty_target.xlf")
    assert [p.id for p in pairs(items)] == ["open", "help"]
    assert [(p.where, p.reason.split(";")[0]) for p in problems(items)] == [
        ("empty_target.xlf unit 'close' (line 9)", "untranslated segment: no target text"),
        ("empty_target.xlf unit 'quit' (line 13)", "untranslated segment: no target text"),
    ]
    assert starts(pairs(items)[1]) == (position("empty_target.xlf", "Show"), position("empty_target.xlf", "Hilfe"))


def test_xliff_declaring_another_language_is_refused_unless_asked_for():
    message = input_error("wrong_lang.xlf")
    assert message == ("wrong_lang.xlf: target-language is 'fr', but --target-lang is 'de'; "
                       "pass --target-lang fr or give the file in 'de'")
    [pair] = read("wrong_lang.xlf", target_lang="fr")
    assert pair.target == "Ouvrir un fichier"


def test_xliff_2_source_language_mismatch_is_refused():
    assert "srcLang is 'en-US', but --source-lang is 'fr'" in input_error("good20.xlf", source_lang="fr")


def test_xliff_without_namespace_or_languages_is_read(tmp_path):
    path = tmp_path / "plain.xliff"
    path.write_text('<xliff version="1.2"><file original="x"><body>\n'
                    '<trans-unit id="k"><source>Good morning</source><target>Guten Morgen</target></trans-unit>\n'
                    "</body></file></xliff>\n", encoding="utf-8")
    [pair] = read(str(path))
    assert (pair.id, pair.source, pair.target) == ("k", "Good morning", "Guten Morgen")
    assert starts(pair) == ((2, 28), (2, 57))


def test_xliff_with_several_files_prefixes_ids_with_the_file(tmp_path):
    path = tmp_path / "two.xlf"
    unit = '<trans-unit id="title"><source>Title</source><target>Titel</target></trans-unit>'
    path.write_text(f'<xliff version="1.2"><file original="a.html"><body>{unit}</body></file>'
                    f'<file original="b.html"><body>{unit}</body></file></xliff>', encoding="utf-8")
    assert [p.id for p in read(str(path))] == ["a.html#title", "b.html#title"]


def test_xliff_with_windows_line_ends_and_a_bom(tmp_path):
    path = tmp_path / "crlf.xlf"
    path.write_bytes(b"\xef\xbb\xbf" + '<xliff version="1.2"><file original="x"><body>\r\n'
                     '<trans-unit id="k">\r\n  <source>\r\n    Good night</source>\r\n'
                     '  <target>Gute Nacht</target></trans-unit>\r\n</body></file></xliff>\r\n'.encode("utf-8"))
    [pair] = read(str(path))
    assert (pair.source, pair.target) == ("Good night", "Gute Nacht")
    assert starts(pair) == ((4, 5), (5, 11))


def test_broken_xliff_is_one_line():
    assert input_error("broken.xlf").startswith("broken.xlf line 10: not well-formed XML")


def test_non_utf8_xliff_needs_a_declaration_or_an_encoding():
    message = input_error("latin1_undeclared.xlf")
    assert message.startswith("latin1_undeclared.xlf line 6: cannot be decoded") and "--encoding" in message
    for pair in (read("latin1_declared.xlf")[0], read("latin1_undeclared.xlf", encoding="latin-1")[0]):
        assert pair.target == "Tür öffnen."
        assert (pair.origin.target_line, pair.origin.target_column) == (pair.origin.source_line + 1, 17)


def test_xml_entities_are_not_expanded(tmp_path):
    """An input may come from anyone: no external entity is read, no entity is expanded."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    path = tmp_path / "evil.xlf"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY leak SYSTEM "file://{secret}">\n'
                    '<!ENTITY lol "lol">]>\n<xliff version="1.2"><file original="x"><body>\n'
                    '<trans-unit id="a"><source>Read this &leak; &lol;</source><target>Lies das</target></trans-unit>\n'
                    "</body></file></xliff>\n", encoding="utf-8")
    [pair] = read(str(path))
    assert "SECRET" not in pair.source and "lol" not in pair.source
    assert pair.source.startswith("Read this")


# -- gettext PO -----------------------------------------------------------------------------------

def test_po_entries_context_plurals_and_wrapped_strings():
    items = read("good.po")
    assert [p.id for p in items] == [
        "Open the settings",
        "menu|Quit",  # msgctxt is part of the id
        "One file was copied.",
        "One file was copied.[1]",  # nplurals=2: the plural form is checked against msgid_plural
        "The connection was lost. Check the network and try again.",
    ]  # the header and the obsolete #~ entry are not pairs
    settings, quit_, plural, other_form, wrapped = items
    assert settings.target == "Einstellungen öffnen"
    assert (quit_.source, quit_.target) == ("Quit", "Beenden")
    assert plural.target == "Eine Datei wurde kopiert."  # the first plural form
    assert (other_form.source, other_form.target) == ("%d files were copied.", "%d Dateien wurden kopiert.")
    assert starts(other_form) == (position("good.po", "%d files"), position("good.po", "%d Dateien"))
    assert wrapped.target == "Die Verbindung wurde unterbrochen. Prüfen Sie das Netzwerk und versuchen Sie es erneut."
    assert starts(settings) == (position("good.po", "Open the settings"), position("good.po", "Einstellungen"))
    assert starts(plural) == (position("good.po", "One file"), position("good.po", "Eine Datei"))
    # msgid "" followed by continuation lines: the text starts on the next line
    assert starts(wrapped) == (position("good.po", "The connection"), position("good.po", "Die Verbindung"))


def test_po_plural_forms_beyond_the_first_are_checked_only_where_there_are_two(tmp_path):
    entry = ('msgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] "Ein Plik"\nmsgstr[1] "%d Pliki"\n'
             'msgstr[2] "%d Plików"\n\nmsgid "One dog"\nmsgid_plural "%d dogs"\nmsgstr[0] "Ein Hund"\n'
             'msgstr[1] ""\nmsgstr[2] ""\n')
    three = tmp_path / "pl.po"
    three.write_text('msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : 1);\\n"\n\n' + entry,
                     encoding="utf-8")
    assert [p.id for p in pairs(read(str(three)))] == ["One file", "One dog"]
    two = tmp_path / "de.po"
    two.write_text('msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n' + entry,
                   encoding="utf-8")
    items = read(str(two))
    assert [p.id for p in pairs(items)] == ["One file", "One file[1]", "One dog"]
    [note] = notes(items)
    assert note.reason.startswith("untranslated plural form msgstr[1], not checked")


def test_po_fuzzy_and_untranslated_entries_are_skipped_with_a_note():
    items = read("fuzzy.po")
    assert [p.id for p in pairs(items)] == ["Log in"]
    assert problems(items) == []  # a note does not make the exit status 2
    assert [(n.where, n.reason.split(",")[0]) for n in notes(items)] == [
        ("fuzzy.po line 6 (msgid 'Delete the account')", "fuzzy entry"),
        ("fuzzy.po line 9 (msgid 'Log out')", "untranslated entry"),
        ("fuzzy.po line 15 (msgid '…')", "nothing to check: the source has no words or numbers"),
    ]
    assert all(isinstance(n, InputProblem) for n in notes(items))  # older consumers still show them


def test_po_syntax_error_is_one_problem_and_the_other_entries_are_read():
    items = read("syntax_error.po")
    assert [type(item).__name__ for item in items] == ["TextPair", "InputProblem", "TextPair"]
    first, problem, last = items
    assert (first.id, last.id) == ("Print the page", "Paste the text")
    assert problem.where == "syntax_error.po line 9"
    assert problem.reason.startswith("not valid PO syntax")
    assert starts(last) == (position("syntax_error.po", "Paste"), position("syntax_error.po", "Text einf"))


def test_po_in_the_charset_its_header_declares():
    [pair] = read("latin1.po")
    assert pair.target == "Tür öffnen."


def test_po_that_is_not_in_its_declared_charset_is_one_line(tmp_path):
    path = tmp_path / "liar.po"
    path.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Door"\nmsgstr "T\xfcr"\n')
    assert "is not UTF-8" in input_error(str(path))


def test_po_for_another_language_is_refused():
    message = input_error("good.po", target_lang="fr")
    assert message.startswith("good.po: its header says Language: de, but --target-lang is 'fr'")


def test_po_not_in_the_charset_its_header_declares_is_one_line(tmp_path):
    path = tmp_path / "koi.po"
    path.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=ASCII\\n"\n\nmsgid "Door"\nmsgstr "T\xfcr"\n')
    assert "is not in ASCII, the charset its header declares" in input_error(str(path))


# -- JSONL ----------------------------------------------------------------------------------------

def test_jsonl_pairs_ids_and_columns():
    first, second = read("good.jsonl")  # the blank line is skipped
    assert (first.id, first.source, first.target) == ("a1", "The meeting starts at nine.",
                                                      "Die Besprechung beginnt um neun.")
    assert second.id == "2"  # any JSON id, reported as text
    assert starts(first) == (position("good.jsonl", "The meeting"), position("good.jsonl", "Die Besprechung"))
    assert starts(second) == (position("good.jsonl", "Please"), position("good.jsonl", "Bitte"))


def test_jsonl_bad_lines_are_problems_and_the_good_lines_are_read():
    items = read("bad_line.jsonl")
    assert [p.id for p in pairs(items)] == ["ok1", "ok2"]
    shape = 'each line must be an object {"id": ..., "source": "...", "target": "..."}'
    assert [(p.where, p.reason) for p in problems(items)] == [
        ("bad_line.jsonl line 2", f"not valid JSON (Expecting ',' delimiter at column 45); {shape}"),
        ("bad_line.jsonl line 3", f"not a JSON object; {shape}"),
        ("bad_line.jsonl line 4", f"missing source; {shape}"),
        ("bad_line.jsonl line 5", "target has no text to check; give the text of both sides"),
    ]
    assert pairs(items)[1].origin.source_line == 6


def test_a_jsonl_pair_with_two_empty_sides_names_both(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "x", "source": "", "target": " ..."}\n', encoding="utf-8")
    [problem] = problems(read(str(corpus)))
    assert problem.reason == "source and target have no text to check; give the text of both sides"


def test_non_utf8_jsonl_is_one_line_unless_the_encoding_is_given():
    message = input_error("latin1.jsonl")
    assert message.startswith("latin1.jsonl: is not UTF-8") and "--encoding latin-1" in message
    [pair] = read("latin1.jsonl", encoding="latin-1")
    assert pair.target == "Tür öffnen."


# -- TSV ------------------------------------------------------------------------------------------

def test_tsv_with_header_uses_line_numbers_as_ids():
    items = read("good.tsv")
    assert [p.id for p in items] == ["2", "3"]
    assert (items[1].source, items[1].target) == ('It rains "again".', 'Es regnet "schon wieder".')  # no quoting
    assert starts(items[0]) == ((2, 1), position("good.tsv", "Der Zug"))


def test_tsv_with_an_id_column():
    items = read("with_id.tsv")
    assert [p.id for p in items] == ["seg-1", "seg-2"]
    assert starts(items[1]) == (position("with_id.tsv", "The bus"), position("with_id.tsv", "Der Bus"))


def test_tsv_header_may_name_the_languages(tmp_path):
    path = tmp_path / "bitext.tsv"
    path.write_text("EN\tDE\r\nGood night.\tGute Nacht.\r\n", encoding="utf-8")
    [pair] = read(str(path))
    assert (pair.id, pair.source, pair.target) == ("2", "Good night.", "Gute Nacht.")
    assert starts(pair) == ((2, 1), (2, 13))


def test_tsv_lines_with_the_wrong_number_of_columns_are_problems():
    items = read("one_column.tsv")
    assert [p.id for p in pairs(items)] == ["1", "3"]
    assert [(p.where, p.reason.split(";")[0]) for p in problems(items)] == [
        ("one_column.tsv line 2", "1 column, expected source<TAB>target"),
        ("one_column.tsv line 4", "4 columns, expected source<TAB>target"),
        ("one_column.tsv line 5", "untranslated segment: no target text"),
    ]


# -- every fixture --------------------------------------------------------------------------------

ALL_INPUTS = [
    ["pair_en.txt", "pair_de.txt"], ["dirs_good/en", "dirs_good/de"], ["dirs_missing/en", "dirs_missing/de"],
    ["dirs_latin1/en", "dirs_latin1/de"], ["dirs_good/{lang}/**/*.txt"], ["good.tmx"], ["missing_de.tmx"],
    ["good12.xlf"], ["good20.xlf"], ["empty_target.xlf"], ["latin1_declared.xlf"], ["good.po"], ["fuzzy.po"],
    ["syntax_error.po"], ["latin1.po"], ["good.jsonl"], ["bad_line.jsonl"], ["good.tsv"], ["with_id.tsv"],
    ["one_column.tsv"],
]


@pytest.mark.parametrize("paths", ALL_INPUTS, ids=lambda paths: paths[0])
def test_every_item_is_a_pair_with_text_or_a_one_line_problem(paths):
    items = read(*paths)
    assert pairs(items), "every fixture has good segments, and they must be read"
    for item in items:
        if isinstance(item, InputProblem):
            assert "\n" not in str(item) and item.where and item.reason
        else:
            assert isinstance(item, TextPair)
            assert item.source.strip() and item.target.strip()
            assert item.origin.source_line >= 1 and item.origin.source_column >= 1
            if item.id is not None and item.origin.segment_id is not None:
                assert item.origin.segment_id == item.id
