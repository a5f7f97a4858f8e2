"""Resource files checked key by key: the i18n JSON reader (keys, texts, where each text starts),
how two files' keys are matched, how such pairs are recognised, and a tree of them.

No model is loaded: these tests only read files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aligner.errors import InputError
from aligner.inputs import InputNote, InputProblem, TextPair, detect_format, iter_inputs
from aligner.inputs.keyed import KeyedString
from aligner.inputs.resource_json import parse_resource_json


def keys_and_texts(strings):
    return [(s.key, s.text) for s in strings]


# ------------------------------------------------------------------ the JSON reader


def test_nested_keys_are_joined_with_dots_and_array_items_numbered():
    text = '{"app": {"title": "Photos", "steps": ["Open it.", "Close it."]}, "ok": "OK"}'
    assert keys_and_texts(parse_resource_json("en.json", text)) == [
        ("app.title", "Photos"), ("app.steps[0]", "Open it."), ("app.steps[1]", "Close it."), ("ok", "OK")]


def test_numbers_booleans_and_null_are_not_text():
    text = '{"count": 3, "on": true, "nothing": null, "ratio": -1.5e3, "label": "Done"}'
    assert keys_and_texts(parse_resource_json("en.json", text)) == [("label", "Done")]


def test_arb_metadata_is_left_out():
    text = json.dumps({"@@locale": "en", "title": "Gallery", "@title": {"description": "The app bar's title"}})
    assert keys_and_texts(parse_resource_json("app_en.arb", text)) == [("title", "Gallery")]


def test_a_chrome_message_object_is_its_message_alone():
    text = json.dumps({"greeting": {"message": "Hello, $USER$!", "description": "Shown at start"}})
    assert keys_and_texts(parse_resource_json("messages.json", text)) == [("greeting", "Hello, $USER$!")]


def test_escapes_are_decoded_and_positions_point_after_the_opening_quote():
    text = '{\n  "a": "Say \\"hi\\".",\n  "b":\n      "Gr\\u00fc\\u00dfe"\n}\n'
    strings = parse_resource_json("de.json", text)
    assert strings == [KeyedString("a", 'Say "hi".', 2, 9), KeyedString("b", "Grüße", 4, 8)]


def test_whitespace_everywhere_json_allows_it():
    text = '\r\n{ "a" :\t[ "x" , { "b" : "y" } ] ,\n"c":"z" }'
    assert keys_and_texts(parse_resource_json("en.json", text)) == [("a[0]", "x"), ("a[1].b", "y"), ("c", "z")]


def test_a_repeated_key_keeps_its_last_value():
    assert keys_and_texts(parse_resource_json("en.json", '{"a": "one", "a": "two"}')) == [("a", "two")]


def test_invalid_json_names_the_line_and_column():
    with pytest.raises(InputError, match=r"^de\.json line 3: not valid JSON \(Expecting ',' delimiter at column 3\)"):
        parse_resource_json("de.json", '{\n  "a": "x"\n  "b": "y"\n}')


def test_json_that_is_not_an_object_is_refused_with_the_way_out():
    with pytest.raises(InputError, match=r"^list\.json: is JSON but not an object of strings.*--input-format text"):
        parse_resource_json("list.json", '["a", "b"]')


# ------------------------------------------------------------------ two files, matched by key


def write(folder: Path, name: str, value) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(value if isinstance(value, str) else json.dumps(value, indent=2), encoding="utf-8")
    return str(path)


def test_keys_in_both_files_are_pairs_with_the_key_as_id_and_both_positions(tmp_path):
    en = write(tmp_path, "en.json", {"app": {"title": "Photos", "hello": "Welcome back."}})
    de = write(tmp_path, "de.json", {"app": {"hello": "Willkommen zurück.", "title": "Fotos"}})
    items = list(iter_inputs([en, de]))
    assert [(p.id, p.source, p.target) for p in items] == [
        ("app.title", "Photos", "Fotos"), ("app.hello", "Welcome back.", "Willkommen zurück.")]
    origin = items[1].origin
    assert (origin.source_path, origin.segment_id) == (en, "app.hello")
    assert (origin.source_line, origin.source_column) == (4, 15)  # `    "hello": "` in en.json
    assert (origin.target_line, origin.target_column) == (3, 15)


def test_a_missing_or_extra_key_is_a_problem_and_the_other_keys_are_still_checked(tmp_path):
    en = write(tmp_path, "en.json", {"a": "Open the file.", "b": "Save the file."})
    de = write(tmp_path, "de.json", {"a": "Datei öffnen.", "old": "Veraltet."})
    items = list(iter_inputs([en, de]))
    assert [item.id for item in items if isinstance(item, TextPair)] == ["a"]
    problems = [str(item) for item in items if isinstance(item, InputProblem)]
    assert problems == [f"{en} line 3 key 'b': missing from {de}; translate it there or remove the key",
                        f"{de} line 3 key 'old': not in {en}; remove the key or add its source text"]


def test_an_empty_translation_is_a_problem_and_a_placeholder_only_source_a_note(tmp_path):
    en = write(tmp_path, "en.json", {"a": "Open the file.", "b": "…", "c": "Close."})
    de = write(tmp_path, "de.json", {"a": "", "b": "…", "c": "Schließen."})
    items = list(iter_inputs([en, de]))
    assert [type(item) for item in items] == [InputProblem, InputNote, TextPair]
    assert "untranslated" in items[0].reason and "key 'a'" in items[0].where


def test_a_file_that_cannot_be_parsed_makes_the_pair_unusable(tmp_path):
    en = write(tmp_path, "en.json", {"a": "Open the file."})
    de = write(tmp_path, "de.json", '{"a": "Datei öffnen.",}')
    with pytest.raises(InputError, match=r"de\.json line 1: not valid JSON"):
        iter_inputs([en, de])


# ------------------------------------------------------------------ recognising a pair of resource files


@pytest.mark.parametrize("names, expected", [
    (("en.json", "de.json"), "json"),
    (("app_en.arb", "app_de.arb"), "json"),
    (("config/locales/en.yml", "config/locales/de.yml"), "yaml"),
    (("messages.en.yaml", "messages.de.yaml"), "yaml"),
    (("messages.properties", "messages_de.properties"), "properties"),
    (("en.lproj/Localizable.strings", "de.lproj/Localizable.strings"), "strings"),
    (("Resources.resx", "Resources.de.resx"), "resx"),
    (("en.json", "de.txt"), "text"),
    (("en.txt", "de.txt"), "text"),
])
def test_two_files_in_one_resource_format_are_read_key_by_key(names, expected):
    assert detect_format(list(names)) == expected


def test_android_resources_are_recognised_by_their_root_element(tmp_path):
    values = write(tmp_path, "values/strings.xml", '<?xml version="1.0"?>\n<resources>\n</resources>\n')
    values_de = write(tmp_path, "values-de/strings.xml", "<resources/>\n")
    other = write(tmp_path, "other.xml", "<html/>\n")
    assert detect_format([values, values_de]) == "android"
    assert detect_format([values, other]) == "text"


def test_one_resource_file_alone_asks_for_its_translation():
    with pytest.raises(InputError, match=r"^en\.json: a resource file is checked against its translation"):
        detect_format(["en.json"])


def test_input_format_text_checks_resource_files_as_whole_texts(tmp_path):
    en = write(tmp_path, "en.json", {"a": "Open the file."})
    de = write(tmp_path, "de.json", {"a": "Datei öffnen."})
    (pair,) = iter_inputs([en, de], input_format="text")
    assert pair.id is None and pair.source.startswith("{")


# ------------------------------------------------------------------ a tree of resource files


def test_a_lang_pattern_of_json_files_is_checked_key_by_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "locales/en/app.json", {"title": "Photos"})
    write(tmp_path, "locales/de/app.json", {"title": "Fotos"})
    write(tmp_path, "locales/en/help.md", "Read this first.\n")
    write(tmp_path, "locales/de/help.md", "Lies das zuerst.\n")
    items = list(iter_inputs(["locales/{lang}/*"]))
    assert [(item.id, item.source) for item in items] == [
        ("locales/{lang}/app.json:title", "Photos"), ("locales/{lang}/help.md", "Read this first.\n")]


def test_a_resource_file_of_a_tree_that_cannot_be_parsed_is_a_problem_of_its_own(tmp_path):
    write(tmp_path, "en/a.json", {"title": "Photos"})
    write(tmp_path, "de/a.json", '{"title": ')
    write(tmp_path, "en/b.json", {"title": "Albums"})
    write(tmp_path, "de/b.json", {"title": "Alben"})
    items = list(iter_inputs([str(tmp_path / "en"), str(tmp_path / "de")]))
    assert [type(item) for item in items] == [InputProblem, TextPair]
    assert items[0].where == f"{tmp_path / 'de' / 'a.json'} line 1" and "not valid JSON" in items[0].reason
    assert items[1].id == "b.json:title"


def test_a_plural_form_the_source_language_lacks_is_checked_against_its_other_form(tmp_path):
    en = write(tmp_path, "en.json", {"files_one": "{{count}} file", "files_other": "{{count}} files",
                                     "photos": {"one": "a photo", "other": "photos"}})
    pl = write(tmp_path, "pl.json", {"files_one": "{{count}} plik", "files_few": "{{count}} pliki",
                                     "files_many": "{{count}} plików", "files_other": "{{count}} pliku",
                                     "photos": {"one": "zdjęcie", "few": "zdjęcia", "other": "zdjęć"},
                                     "files_few_hint": "x"})
    items = list(iter_inputs([en, pl], target_lang="pl"))
    pairs = {item.id: item.source for item in items if isinstance(item, TextPair)}
    assert pairs == {"files_one": "{{count}} file", "files_other": "{{count}} files", "photos.one": "a photo",
                     "photos.other": "photos", "files_few": "{{count}} files", "files_many": "{{count}} files",
                     "photos.few": "photos"}
    assert [item.where.split(" key ")[1] for item in items if isinstance(item, InputProblem)] == ["'files_few_hint'"]


@pytest.mark.parametrize("key, other", [
    ("files_few", "files_other"), ("photos.many", "photos.other"), ("files[few]", "files[other]"),
    ("files_one", "files_other"), ("files_other", ""), ("offline", ""), ("few", ""),
])
def test_the_other_form_of_a_plural_key(key, other):
    from aligner.inputs.keyed import _plural_other

    assert _plural_other(key) == other
