"""Xcode string catalogs (aligner.inputs.xcstrings): where the source text comes from, ids of plural
and device variations, which source form a target form is checked against, where each text starts,
the keys left out with a note or silently, and the catalogs refused as a whole.

No model is loaded, but for the CLI test marked `model`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aligner.inputs import detect_format
from input_helpers import input_error, notes, pairs, position, problems, read, starts
from test_cli import run


def unit(value: str, state: str = "translated") -> dict:
    return {"stringUnit": {"state": state, "value": value}}


def plural(**forms: str) -> dict:
    return {"variations": {"plural": {name: unit(value) for name, value in forms.items()}}}


def catalog(folder: Path, strings: dict, source_language: str = "en", name: str = "Localizable.xcstrings") -> Path:
    """A catalog laid out as Xcode writes it: two-space indent, " : " between key and value."""
    path = folder / name
    document = {"sourceLanguage": source_language, "strings": strings, "version": "1.0"}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False, separators=(",", " : ")), encoding="utf-8")
    return path


# -- source texts, ids and positions --------------------------------------------------------------

def test_the_source_is_the_source_localization_else_the_key(tmp_path):
    """An extracted string's key is its English text; a manual key ("greeting.key") has an "en" value."""
    path = catalog(tmp_path, {
        "Hello, %@!": {"localizations": {"de": unit("Hallo, %@!")}},
        "greeting.key": {"extractionState": "manual", "localizations": {
            "en": unit("Good morning, have a nice day"), "de": unit("Guten Morgen, einen schönen Tag")}},
    })
    hello, greeting = read(path)
    assert (hello.id, hello.source, hello.target) == ("Hello, %@!", "Hello, %@!", "Hallo, %@!")
    assert (greeting.id, greeting.source, greeting.target) == (
        "greeting.key", "Good morning, have a nice day", "Guten Morgen, einen schönen Tag")
    assert greeting.origin.segment_id == "greeting.key"


def test_each_text_starts_just_after_the_opening_quote_of_its_value_or_key(tmp_path):
    path = catalog(tmp_path, {
        "Hello, %@!": {"localizations": {"de": unit("Hallo, %@!")}},
        "greeting.key": {"localizations": {"en": unit("Good morning"), "de": unit("Guten Morgen")}},
    })
    hello, greeting = read(path)
    assert starts(hello) == (position(path, "Hello, %@!"), position(path, "Hallo"))  # the key is the source
    assert starts(greeting) == (position(path, "Good morning"), position(path, "Guten Morgen"))


def test_positions_count_escapes_before_the_value_and_characters_not_bytes(tmp_path):
    path = tmp_path / "Localizable.xcstrings"
    path.write_text('{"sourceLanguage":"en","strings":{\n"Say \\"hi\\" to Jürgen":{"localizations":{"de":'
                    '{"stringUnit":{"state":"translated","value":"Sag Jürgen \\"hallo\\""}}}}}}', encoding="utf-8")
    [pair] = read(path)
    assert (pair.source, pair.target) == ('Say "hi" to Jürgen', 'Sag Jürgen "hallo"')
    assert starts(pair) == ((2, 2), position(path, "Sag Jürgen"))


# -- variations -----------------------------------------------------------------------------------

def test_plural_forms_are_pairs_of_their_own_against_the_key_or_the_same_source_form(tmp_path):
    path = catalog(tmp_path, {
        "%lld items": {"localizations": {"de": plural(one="%lld Element", other="%lld Elemente")}},
        "files.count": {"localizations": {
            "en": plural(one="%lld file was copied", other="%lld files were copied"),
            "de": plural(one="%lld Datei wurde kopiert", other="%lld Dateien wurden kopiert")}},
    })
    items = read(path)
    assert [(p.id, p.source, p.target) for p in items] == [
        ("%lld items[one]", "%lld items", "%lld Element"),
        ("%lld items[other]", "%lld items", "%lld Elemente"),
        ("files.count[one]", "%lld file was copied", "%lld Datei wurde kopiert"),
        ("files.count[other]", "%lld files were copied", "%lld Dateien wurden kopiert"),
    ]
    assert starts(items[3]) == (position(path, "%lld files were"), position(path, "%lld Dateien wurden"))


def test_a_plural_form_the_source_lacks_is_checked_against_other(tmp_path):
    """Polish has "few" and "many"; English has "one" and "other", whose plural they render."""
    path = catalog(tmp_path, {"files.count": {"localizations": {
        "en": plural(one="%lld file was copied", other="%lld files were copied"),
        "pl": plural(one="Skopiowano %lld plik", few="Skopiowano %lld pliki", many="Skopiowano %lld plików",
                     other="Skopiowano %lld pliku")}}})
    assert [(p.id, p.source) for p in read(path, target_lang="pl")] == [
        ("files.count[one]", "%lld file was copied"),
        ("files.count[few]", "%lld files were copied"),
        ("files.count[many]", "%lld files were copied"),
        ("files.count[other]", "%lld files were copied"),
    ]


def test_device_variations_nest_and_fall_back_to_the_other_device(tmp_path):
    """"other" is the catch-all of device variations as of plural forms."""
    path = catalog(tmp_path, {"photos.tap": {"localizations": {
        "en": {"variations": {"device": {
            "iphone": {"variations": {"plural": {"one": unit("Tap %lld photo"), "other": unit("Tap %lld photos")}}},
            "other": unit("Click the photos")}}},
        "de": {"variations": {"device": {
            "iphone": {"variations": {"plural": {"one": unit("Tippe auf %lld Foto"),
                                                 "other": unit("Tippe auf %lld Fotos")}}},
            "mac": unit("Klicke auf die Fotos")}}}}}})
    items = read(path)
    assert [(p.id, p.source, p.target) for p in items] == [
        ("photos.tap[iphone][one]", "Tap %lld photo", "Tippe auf %lld Foto"),
        ("photos.tap[iphone][other]", "Tap %lld photos", "Tippe auf %lld Fotos"),
        ("photos.tap[mac]", "Click the photos", "Klicke auf die Fotos"),
    ]
    assert starts(items[2]) == (position(path, "Click the"), position(path, "Klicke"))


def test_a_variation_is_checked_against_the_plain_source_when_the_source_has_no_variations(tmp_path):
    path = catalog(tmp_path, {"open.hint": {"localizations": {
        "en": unit("Open the photo library"),
        "de": {"variations": {"device": {"iphone": unit("Fotomediathek öffnen"), "mac": unit("Fotos öffnen")}}}}}})
    assert [(p.id, p.source, p.target) for p in read(path)] == [
        ("open.hint[iphone]", "Open the photo library", "Fotomediathek öffnen"),
        ("open.hint[mac]", "Open the photo library", "Fotos öffnen"),
    ]


def test_a_form_with_no_general_source_form_is_a_problem_and_the_rest_is_read(tmp_path):
    path = catalog(tmp_path, {
        "open.hint": {"localizations": {
            "en": {"variations": {"device": {"iphone": unit("Tap to open the library")}}},
            "de": {"variations": {"device": {"iphone": unit("Tippen, um die Mediathek zu öffnen"),
                                             "mac": unit("Klicken, um die Mediathek zu öffnen")}}}}},
    })
    items = read(path)
    assert [p.id for p in pairs(items)] == ["open.hint[iphone]"]
    [problem] = problems(items)
    assert problem.where == f"{path} line {position(path, 'Klicken')[0]} key 'open.hint[mac]'"
    assert problem.reason.startswith("the source language has no form [mac] nor a more general one")


# -- what is not checked --------------------------------------------------------------------------

def test_unreviewed_and_untranslated_keys_are_notes_and_others_are_skipped_silently(tmp_path):
    path = catalog(tmp_path, {
        "Delete the file": {"localizations": {"de": unit("Datei löschen", state="needs_review")}},
        "Keep the file": {"localizations": {"de": unit("Datei behalten", state="new")}},
        "Move the file": {"localizations": {"de": unit("Datei verschieben", state="stale")}},
        "Print the file": {"localizations": {"fr": unit("Imprimer le fichier")}},
        "Rename the file": {"localizations": {"de": unit("")}},
        "Save the file": {"localizations": {"de": unit("Datei speichern")}},
        "Skip me": {"shouldTranslate": False},
        "Skip me too": {"shouldTranslate": False, "localizations": {"de": unit("Überspring mich")}},
        "Stale key": {"extractionState": "stale", "localizations": {"de": unit("Alter Schlüssel")}},
    })
    items = read(path)
    assert [p.id for p in pairs(items)] == ["Save the file"]
    assert problems(items) == []
    assert [(n.where, n.reason.split(",")[0]) for n in notes(items)] == [
        (f"{path} line {position(path, 'Datei löschen')[0]} key 'Delete the file'",
         "state 'needs_review': needs review in Xcode"),
        (f"{path} line {position(path, 'Datei behalten')[0]} key 'Keep the file'",
         "state 'new': needs review in Xcode"),
        (f"{path} line {position(path, 'Datei verschieben')[0]} key 'Move the file'",
         "state 'stale': needs review in Xcode"),
        (f"{path} line {position(path, 'Print the file')[0]} key 'Print the file'", "untranslated (no 'de' value)"),
        (f"{path} line {position(path, 'Rename the file')[0]} key 'Rename the file'", "untranslated (no 'de' value)"),
    ]


def test_an_empty_plural_form_is_a_note_and_the_other_forms_are_checked(tmp_path):
    path = catalog(tmp_path, {"%lld items": {"localizations": {"de": plural(one="", other="%lld Elemente")}}})
    items = read(path)
    assert [p.id for p in pairs(items)] == ["%lld items[other]"]
    [note] = notes(items)
    assert note.where.endswith("key '%lld items[one]'")
    assert note.reason.startswith("untranslated form, not checked")


def test_the_localization_named_exactly_wins_over_a_regional_one(tmp_path):
    path = catalog(tmp_path, {"Close the window": {"localizations": {
        "de-CH": unit("Fenster schliessen"), "de": unit("Fenster schließen")}}})
    assert [p.target for p in read(path)] == ["Fenster schließen"]
    assert [p.target for p in read(path, target_lang="de-CH")] == ["Fenster schliessen"]


# -- catalogs refused as a whole ------------------------------------------------------------------

def test_a_catalog_in_another_source_language_is_refused(tmp_path):
    path = catalog(tmp_path, {"Hallo": {"localizations": {"fr": unit("Bonjour")}}}, source_language="de")
    assert input_error(path, target_lang="fr") == (
        f"{path}: sourceLanguage is 'de', but --source-lang is 'en'; pass --source-lang de or give a catalog in 'en'")
    assert [p.target for p in read(path, source_lang="de", target_lang="fr")] == ["Bonjour"]


def test_a_catalog_without_the_target_language_names_the_languages_it_has(tmp_path):
    path = catalog(tmp_path, {"Hello": {"localizations": {"fr": unit("Bonjour"), "en": unit("Hello")}},
                              "Bye": {"localizations": {"ja": unit("さようなら")}},
                              "Skip": {"shouldTranslate": False, "localizations": {"de": unit("Weg")}}})
    assert input_error(path) == (f"{path}: no localization in 'de' (languages in the catalog: fr, en, ja); "
                                 "pass --target-lang with one of them")


def test_bad_json_is_one_line_with_line_and_column(tmp_path):
    path = tmp_path / "Localizable.xcstrings"
    path.write_text('{\n  "sourceLanguage" : "en",\n  "strings" : {\n    "Hello" : { ,\n  }\n}\n', encoding="utf-8")
    assert input_error(path) == (f"{path} line 4: not valid JSON (Expecting property name enclosed in double "
                                 "quotes at column 17); fix the file")


@pytest.mark.parametrize("text", ['["Hello"]', '{"sourceLanguage": "en", "version": "1.0"}'])
def test_json_that_is_not_a_catalog_is_one_line(tmp_path, text):
    path = tmp_path / "Localizable.xcstrings"
    path.write_text(text, encoding="utf-8")
    assert input_error(path) == f'{path}: not an Xcode string catalog (no "strings" object); give a .xcstrings file'


def test_detect_format_knows_the_extension(tmp_path):
    assert detect_format([str(tmp_path / "Localizable.xcstrings")]) == "xcstrings"


# -- the command line -----------------------------------------------------------------------------

@pytest.mark.model
def test_the_cli_checks_a_catalog_key_by_key(tmp_path, private_cache_dir):
    path = catalog(tmp_path, {
        "Open the file and read the first page.": {"localizations": {
            "de": unit("Öffnen Sie die Datei und lesen Sie die erste Seite.")}},
        "save.hint": {"localizations": {
            "en": unit("Save your work before you close the window."),
            "de": unit("Speichern Sie Ihre Arbeit, bevor Sie das Fenster schließen.")}},
        "Print": {"localizations": {"de": unit("Drucken", state="needs_review")}},
    })
    result = run("check", str(path), "--format", "jsonl", cache_dir=private_cache_dir)
    assert result.returncode == 0, result.stdout + result.stderr  # a note does not fail the check
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        "Open the file and read the first page.", "save.hint"]
    assert result.stderr.startswith(f"aligner: note: {path} line ") and "key 'Print'" in result.stderr
