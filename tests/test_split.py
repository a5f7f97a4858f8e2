"""Sentence splitting: behaviours from the issue, each on a small English or German example."""

from __future__ import annotations

from pathlib import Path

import re

import pytest

from aligner.split import split_lines, split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TIMINGS = re.compile(r"^(\d+\s*\n)?[\d:.,]+ --> [\d:.,]+.*$", re.MULTILINE)  # subtitle cue numbers and timings


def sentences(text: str, lang: str) -> list[str]:
    """The sentences as strings, after checking the span invariants every caller relies on."""
    spans = split_sentences(text, lang)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text), spans
        assert text[start:end] == text[start:end].strip(), "spans are stripped"
        # Nothing is lost between sentences except white space, junk and subtitle timings.
        assert not any(c.isalnum() for c in TIMINGS.sub("", text[previous_end:start]))
        previous_end = end
    assert not any(c.isalnum() for c in TIMINGS.sub("", text[previous_end:]))
    return [text[start:end] for start, end in spans]


# -- German ordinals and dates ------------------------------------------------------------


def test_german_ordinal_date_stays_in_its_sentence() -> None:
    text = "Am 21. Februar 2022 erkannte Russland die Republiken an. Abchasien folgte später."
    assert sentences(text, "de") == [
        "Am 21. Februar 2022 erkannte Russland die Republiken an.",
        "Abchasien folgte später.",
    ]


def test_german_ordinals_before_months_centuries_and_nouns() -> None:
    text = (
        "Die Feier war am 3. Oktober. Im 19. Jahrhundert war alles anders. "
        "Er schoss sein 22. Saisontor. Das war 2022. Danach kam nichts."
    )
    assert sentences(text, "de") == [
        "Die Feier war am 3. Oktober.",
        "Im 19. Jahrhundert war alles anders.",
        "Er schoss sein 22. Saisontor.",
        "Das war 2022.",
        "Danach kam nichts.",
    ]


def test_german_sentence_ending_in_a_small_number_still_ends() -> None:
    text = "Die Mannschaft wurde Dritte mit 3. Der Sieger kam aus Bern."
    assert sentences(text, "de") == [
        "Die Mannschaft wurde Dritte mit 3.",
        "Der Sieger kam aus Bern.",
    ]


# -- abbreviations ----------------------------------------------------------------------


def test_german_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Es gibt z. B. Äpfel. Es gibt z.B. Birnen. Es gibt u. a. Kirschen, d. h. Obst. "
        "Dr. Müller und Prof. Schmidt kamen. Er wohnt in Haus Nr. 5 in Berlin. "
        "Es kamen ca. 20 Leute bzw. Gäste. Sie gingen heim."
    )
    assert sentences(text, "de") == [
        "Es gibt z. B. Äpfel.",
        "Es gibt z.B. Birnen.",
        "Es gibt u. a. Kirschen, d. h. Obst.",
        "Dr. Müller und Prof. Schmidt kamen.",
        "Er wohnt in Haus Nr. 5 in Berlin.",
        "Es kamen ca. 20 Leute bzw. Gäste.",
        "Sie gingen heim.",
    ]


def test_english_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Use a tool, e.g. a hammer. That is, i.e. not a nail. The U.S. Army came. "
        "Mr. Smith left. Dr. Jones stayed."
    )
    assert sentences(text, "en") == [
        "Use a tool, e.g. a hammer.",
        "That is, i.e. not a nail.",
        "The U.S. Army came.",
        "Mr. Smith left.",
        "Dr. Jones stayed.",
    ]


def test_sentence_never_starts_with_a_comma() -> None:
    text = "Dort muss Fels gesucht werden (es gibt welchen!), dann gehen wir. Gut."
    assert sentences(text, "de") == [
        "Dort muss Fels gesucht werden (es gibt welchen!), dann gehen wir.",
        "Gut.",
    ]


def test_chat_style_lower_case_sentences_still_split() -> None:
    text = "it must suck to be these people. i can't imagine it. ps hire me"
    assert sentences(text, "en") == [
        "it must suck to be these people.",
        "i can't imagine it.",
        "ps hire me",
    ]


# -- quotes -----------------------------------------------------------------------------


def test_german_closing_quotes_stay_with_their_sentence() -> None:
    text = "Er sagte: „Das ist gut.“ Dann ging er. »Wirklich?« Ja. Sie sagte ‚nein.‘ Dann nicht."
    assert sentences(text, "de") == [
        "Er sagte: „Das ist gut.“",
        "Dann ging er.",
        "»Wirklich?«",
        "Ja.",
        "Sie sagte ‚nein.‘",
        "Dann nicht.",
    ]


def test_english_quotes_close_and_open_correctly() -> None:
    text = 'He said “stop.” Then he left. She said "go." He went. “What?” he asked. “Fine.”'
    assert sentences(text, "en") == [
        "He said “stop.”",
        "Then he left.",
        'She said "go."',
        "He went.",
        "“What?” he asked.",
        "“Fine.”",
    ]


def test_closing_quote_glued_to_the_next_sentence_goes_back() -> None:
    text = "Kiew warnte, man wolle „die Ukraine untergraben .“Kiews Erklärung kam danach."
    assert sentences(text, "de") == [
        "Kiew warnte, man wolle „die Ukraine untergraben .“",
        "Kiews Erklärung kam danach.",
    ]


def test_full_stop_glued_to_the_next_sentence_is_a_boundary() -> None:
    text = "Das geschah in der Ukraine.Kiews Erklärung kam danach. Er kam z.B.Dienstags."
    assert sentences(text, "de") == [
        "Das geschah in der Ukraine.",
        "Kiews Erklärung kam danach.",
        "Er kam z.B.Dienstags.",
    ]


# -- layout: paragraphs, headlines, junk ---------------------------------------------


def test_blank_line_always_ends_a_sentence() -> None:
    text = "Ein Satz ohne Punkt\n\nund noch einer\r\n\r\nDer dritte."
    assert sentences(text, "de") == ["Ein Satz ohne Punkt", "und noch einer", "Der dritte."]


def test_subtitle_timings_end_a_cue_and_stay_out_of_its_sentences() -> None:
    srt = ("1\n00:00:01,000 --> 00:00:04,000\nWelcome back.\n\n"
           "2\r\n00:00:04,500 --> 00:00:08,000\r\nToday we fix a roof\r\nwith a few shingles.\r\n")
    assert sentences(srt, "en") == ["Welcome back.", "Today we fix a roof\r\nwith a few shingles."]
    vtt = "WEBVTT\n\n00:01.000 --> 00:04.000 align:start\nWillkommen zurück\n00:04.500 --> 00:08.000\nHeute"
    assert sentences(vtt, "de") == ["WEBVTT", "Willkommen zurück", "Heute"]


def test_a_front_matter_gives_only_its_prose_values() -> None:
    yaml = ('---\ntitle: Getting started\nlayout: docs\nweight: 10\ntags: [setup, install]\n'
            'description: "Install the app. Sign in."\nurl: https://example.org/start here\n---\n\n'
            '# Getting started\n\nInstall the app.\n')
    spans = split_sentences(yaml, "en")
    assert [yaml[a:b] for a, b in spans] == ["Getting started", "Install the app.", "Sign in.",
                                            "# Getting started", "Install the app."]
    toml = '+++\ntitle = "Erste Schritte"\ndate = 2023-01-01\n+++\nHallo.\n'
    assert [toml[a:b] for a, b in split_sentences(toml, "de")] == ["Erste Schritte", "Hallo."]


def test_dashes_that_do_not_open_the_text_are_no_front_matter() -> None:
    text = "Intro.\n---\ntitle: a rule, then text\n---\n"
    assert sentences(text, "en") == ["Intro.", "title: a rule, then text"]
    unclosed = "---\ntitle: Getting started\n\nInstall the app."
    assert sentences(unclosed, "en") == ["title: Getting started", "Install the app."]


def test_a_printf_precision_star_is_no_full_stop() -> None:
    text = "Could not parse port ‘%.*s’ in URI. Try again."
    assert sentences(text, "en") == ["Could not parse port ‘%.*s’ in URI.", "Try again."]
    assert sentences("Failed to parse “%-.*s”.", "en") == ["Failed to parse “%-.*s”."]
    assert sentences("He said 5%. *Really* not.", "en") == ["He said 5%.", "*Really* not."]


def test_an_arrow_between_times_in_prose_is_left_alone() -> None:
    text = "The train runs 10:15 --> 11:30 on weekdays."
    assert sentences(text, "en") == [text]


def test_headline_without_punctuation_is_its_own_sentence() -> None:
    text = "Kiew bricht Beziehungen ab\nDas Ministerium hat protestiert. Pjöngjang schweigt."
    assert sentences(text, "de") == [
        "Kiew bricht Beziehungen ab",
        "Das Ministerium hat protestiert.",
        "Pjöngjang schweigt.",
    ]


def test_hard_wrapped_line_continuing_in_lower_case_stays_joined() -> None:
    text = "The ministry said that it\nwould protest. It did not."
    assert sentences(text, "en") == ["The ministry said that it\nwould protest.", "It did not."]


def test_junk_line_is_dropped() -> None:
    text = "Syrien tat es ebenfalls.\n:\n\n–\nNeuer Absatz\n*"
    assert sentences(text, "de") == ["Syrien tat es ebenfalls.", "Neuer Absatz"]


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert split_sentences("", "de") == []
    assert split_sentences("  \n\n :  \n", "en") == []


# -- offsets and languages ------------------------------------------------------------


def test_offsets_count_code_points_into_the_text_as_given() -> None:
    text = "  Größe: 5 m².  \n\n\tÄrger über „Öl“! Ende.\n"
    spans = split_sentences(text, "de")
    assert spans == [(2, 14), (19, 35), (36, 41)]
    assert [text[a:b] for a, b in spans] == ["Größe: 5 m².", "Ärger über „Öl“!", "Ende."]


@pytest.mark.parametrize("lang", ["de-CH", "DE", "de_AT"])
def test_language_variants_use_the_base_language(lang: str) -> None:
    text = "Er kam am 3. Oktober. Sie kam z. B. nicht."
    assert sentences(text, lang) == ["Er kam am 3. Oktober.", "Sie kam z. B. nicht."]


@pytest.mark.parametrize("lang", ["fr", "xx", "is"])
def test_other_languages_fall_back_to_a_bundled_model(lang: str) -> None:
    assert sentences("One sentence. Another one.", lang) == ["One sentence.", "Another one."]


# -- the seed documents -----------------------------------------------------------------


def test_seed_english_splits_into_thirteen_sentences() -> None:
    text = (SEEDS / "en.txt").read_text(encoding="utf-8")
    found = sentences(text, "en")
    assert len(found) == 13  # twelve lines, the third of which holds two sentences
    assert found[2].endswith("targeting its weapons programs.")
    assert found[3].startswith("The officials insisted")


def test_seed_german_splits_into_twelve_sentences() -> None:
    text = (SEEDS / "de.txt").read_text(encoding="utf-8")
    found = sentences(text, "de")
    assert len(found) == 12
    assert found[0].endswith("die Beziehungen zur DVRK abbrach")  # headline-like first line
    assert found[5].endswith("in der Ukraine an.“")
    assert found[6].endswith("zu untergraben .“")
    assert found[7].startswith("Kiews Erklärung")
    assert found[10].startswith("Am 21. Februar 2022 , erkannte Russland")
    assert found[-1].endswith("Ende Juni ebenfalls.")  # the final ":" line is junk


# -- split_lines --------------------------------------------------------------------------


def test_split_lines_gives_one_span_per_line() -> None:
    text = "Erster Satz. Noch im ersten.\n  Zweiter  \n:\n"
    assert split_lines(text) == [(0, 28), (31, 38), (41, 42)]


def test_split_lines_keeps_blank_lines_as_empty_spans() -> None:
    text = "a\n\n  \nb"
    assert split_lines(text) == [(0, 1), (2, 2), (3, 3), (6, 7)]


def test_split_lines_final_newline_adds_no_line() -> None:
    assert split_lines("a\nb\n") == [(0, 1), (2, 3)]
    assert split_lines("a\r\nb\r\n") == [(0, 1), (3, 4)]
    assert split_lines("\n") == [(0, 0)]
    assert split_lines("") == []


def test_split_lines_matches_the_line_count_of_the_seed() -> None:
    text = (SEEDS / "de.txt").read_text(encoding="utf-8")
    spans = split_lines(text)
    assert len(spans) == 3
    assert text[spans[2][0]:spans[2][1]] == ":"
