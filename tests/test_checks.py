"""The checks on hand-built documents, vectors and a fake encoder: no model is loaded."""

from __future__ import annotations

import re
import zlib
from dataclasses import replace
from typing import List, Sequence, Tuple

import numpy as np
import pytest

from aligner.align import Bead
from aligner.checks.context import TYPICAL_LENGTH_RATIO, CheckContext, prefetched
from aligner.checks.registry import CHECKS, all_rules, run_checks
from aligner.checks.severity import ERROR_AT, WARNING_AT, severity_for
from aligner.checks.text import clause_pieces, quote
from aligner.document import Document
from aligner.findings import Finding, Kind, Severity

DIM = 512


pytestmark = pytest.mark.usefixtures("raw_confidences")  # each check's own evidence, uncalibrated


def document(sentences: Sequence[str], lang: str) -> Document:
    text, spans = "", []
    for sentence in sentences:
        if text:
            text += " "
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence
    return Document(text=text, lang=lang, sentences=tuple(spans))


def bag_of_words(texts: List[str]) -> np.ndarray:
    """A fake encoder: unit bag-of-words rows, so shared words mean similar vectors."""
    rows = np.zeros((len(texts), DIM), dtype=np.float32)
    for row, text in zip(rows, texts):
        for word in re.findall(r"\w+", text.lower()):
            row[zlib.crc32(word.encode()) % DIM] += 1.0
        row /= max(np.linalg.norm(row), 1e-9)
    return rows


def context(source: Sequence[str], target: Sequence[str], pairs: Sequence[Tuple[tuple, tuple]],
            scores: Sequence[float] = ()) -> CheckContext:
    source_doc, target_doc = document(source, "en"), document(target, "de")
    source_vectors, target_vectors = bag_of_words(list(source)), bag_of_words(list(target))
    beads = []
    for k, (s, t) in enumerate(pairs):
        if scores:
            score = scores[k]
        elif s and t:
            score = float(bag_of_words([" ".join(source[i] for i in s)])[0]
                          @ bag_of_words([" ".join(target[j] for j in t)])[0])
        else:
            score = 0.0
        beads.append(Bead(tuple(s), tuple(t), score))
    return CheckContext(source_doc, target_doc, source_vectors, target_vectors, beads, embed=bag_of_words)


def flagged(findings: Sequence[Finding], rule: str) -> List[Finding]:
    return [f for f in findings if f.rule == rule and f.severity >= Severity.WARNING]


# The "translations" below reuse the English words: the fake encoder only compares words.
SOURCE = [
    "The council met on Monday to discuss the new budget.",
    "The mayor presented a plan for the harbour district.",
    "Several members criticised the cost of the project.",
    "A final vote is expected next month.",
]


def test_source_sentence_without_counterpart_is_a_sentence_omission():
    target = [SOURCE[0], SOURCE[1], SOURCE[3]]
    ctx = context(SOURCE, target, [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,))])
    findings = flagged(run_checks(ctx), "sentence-omission")
    assert len(findings) == 1
    assert findings[0].kind is Kind.OMISSION
    assert findings[0].source_span == ctx.source.sentences[2]
    assert ctx.source.text[slice(*findings[0].source_span)] == SOURCE[2]
    assert "“Several members criticised the cost of the project.”" in findings[0].message


def test_target_sentence_without_counterpart_is_a_sentence_addition_but_stray_punctuation_is_not():
    target = ["Breaking news from the town hall today.", *SOURCE, ":"]
    pairs = [((), (0,)), ((0,), (1,)), ((1,), (2,)), ((2,), (3,)), ((3,), (4,)), ((), (5,))]
    ctx = context(SOURCE, target, pairs)
    findings = [f for f in run_checks(ctx) if f.rule == "sentence-addition"]
    assert [f.target_span for f in findings] == [ctx.target.sentences[0]]
    assert findings[0].severity >= Severity.WARNING


def test_an_unaligned_option_line_whose_tokens_a_neighbour_shows_is_not_an_omission():
    """A manual page's "-f Foreground." beside "-f Vordergrund: …": the aligner failed to merge a
    line the translation has; "--startuptime {file}", which no neighbour shows, is missing."""
    source = ["-f Foreground.", "For the GUI version, Vim will not fork.", "--startuptime {file}",
              "During startup write timing messages."]
    target = ["-f Vordergrund: Bei der GUI-Version erzeugt Vim keinen neuen Prozess.",
              "Beim Start Zeitmeldungen schreiben."]
    ctx = context(source, target, [((0,), ()), ((1,), (0,)), ((2,), ()), ((3,), (1,))])
    omitted = [ctx.source.text[slice(*f.source_span)] for f in run_checks(ctx) if f.rule == "sentence-omission"]
    assert omitted == ["--startuptime {file}"]


def test_code_tokens_are_options_paths_identifiers_and_placeholders():
    from aligner.checks.null_beads import carried_by_neighbours, code_tokens

    assert code_tokens("Use --show=<format> or -f with /var/run/utmp, LOGIN_RETRIES and {file}.") == [
        "--show", "<format>", "-f", "/var/run/utmp", "login_retries", "{file}"]
    assert code_tokens("A well-known e-mail and/or a so-called fix.") == []
    assert not carried_by_neighbours("Compression ratio 9.", "Kompressionsverhältnis 9.")  # no token: no evidence
    assert carried_by_neighbours("LOGIN_RETRIES (number)", "login_retries (Zahl)")


def test_short_unaligned_fragment_is_less_confident_than_a_full_sentence():
    source = SOURCE + ["(AP)"]
    ctx = context(source, SOURCE[:2], [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), ())])
    by_span = {f.source_span: f.confidence for f in run_checks(ctx) if f.rule == "sentence-omission"}
    assert by_span[ctx.source.sentences[4]] < by_span[ctx.source.sentences[2]]


def test_partial_omission_reports_the_dropped_clause_not_the_sentence():
    dropped = "after the storm destroyed the old harbour walls and the fish market."
    source = SOURCE[:3] + [f"The ferry service stopped on Tuesday, {dropped}"]
    target = SOURCE[:3] + ["The ferry service stopped on Tuesday."]
    ctx = context(source, target, [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))])
    findings = flagged(run_checks(ctx), "partial-omission")
    assert len(findings) == 1
    start, end = findings[0].source_span
    assert ctx.source.text[start:end] == dropped
    assert findings[0].target_span == ctx.target.sentences[3]


def test_partial_omission_finds_the_head_of_a_sentence_swallowed_by_a_run_on():
    second = "Officials in Hamburg said on Friday that the tunnel would reopen in spring."
    source = SOURCE[:2] + ["The workers repaired the damaged tunnel roof.", second]
    # A run-on: one target sentence renders the third sentence and only the tail of the fourth.
    target = SOURCE[:2] + ["The workers repaired the damaged tunnel roof the tunnel would reopen in spring."]
    ctx = context(source, target, [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,))])
    findings = flagged(run_checks(ctx), "partial-omission")
    assert len(findings) == 1
    start, end = findings[0].source_span
    second_start = ctx.source.sentences[3][0]
    assert start == second_start and end < ctx.source.sentences[3][1]
    assert "Officials in Hamburg said on Friday" in ctx.source.text[start:end]


def test_faithful_run_on_and_faithful_pairs_give_no_partial_omission():
    source = SOURCE[:2] + ["The workers repaired the damaged tunnel roof.", "The tunnel reopens in spring."]
    target = SOURCE[:2] + ["The workers repaired the damaged tunnel roof and the tunnel reopens in spring."]
    ctx = context(source, target, [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,))])
    assert flagged(run_checks(ctx), "partial-omission") == []


def test_partial_omission_needs_an_encoder():
    source = SOURCE[:3] + ["The ferry service stopped on Tuesday, after the storm destroyed the harbour."]
    target = SOURCE[:3] + ["The ferry service stopped."]
    ctx = context(source, target, [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))])
    ctx = CheckContext(ctx.source, ctx.target, ctx.source_vectors, ctx.target_vectors, ctx.beads, embed=None)
    assert [f for f in run_checks(ctx) if f.rule == "partial-omission"] == []


def _scored_document(scores: Sequence[float]) -> CheckContext:
    source = [f"Sentence number {k} says something about the weather today." for k in range(len(scores))]
    return context(source, source, [((k,), (k,)) for k in range(len(scores))], scores=scores)


def test_low_similarity_flags_an_outlier_pair_only():
    scores = [0.88, 0.89, 0.87, 0.9, 0.88, 0.62, 0.89, 0.87]
    ctx = _scored_document(scores)
    findings = flagged(run_checks(ctx), "low-similarity")
    assert [f.target_span for f in findings] == [ctx.target.sentences[5]]
    assert findings[0].kind is Kind.MISTRANSLATION


def test_low_similarity_is_quiet_on_a_normal_document():
    ctx = _scored_document([0.88, 0.89, 0.86, 0.9, 0.88, 0.85, 0.89, 0.87])
    assert flagged(run_checks(ctx), "low-similarity") == []


def test_low_similarity_judges_a_lone_pair_by_the_model_s_typical_pair():
    # One segment has no norm of its own: only the model's typical pair similarity can tell a
    # pair that means something else (0.70) from an ordinary one (0.91).
    prior = (0.916, 0.025)
    for score, expected in ((0.70, 1), (0.91, 0)):
        ctx = replace(_scored_document([score]), similarity_prior=prior)
        assert len(flagged(run_checks(ctx), "low-similarity")) == expected, score
    assert [f for f in run_checks(_scored_document([0.70])) if f.rule == "low-similarity"] == []  # no prior


def test_number_mismatch_in_an_aligned_pair():
    source = ["The company sold 1,250 cars on March 3, 2021.", "Prices rose by 3.5% last year."]
    target = ["Das Unternehmen verkaufte am 3. März 2021 1.520 Autos.", "Die Preise stiegen im letzten Jahr um 3,5 Prozent."]
    ctx = context(source, target, [((0,), (0,)), ((1,), (1,))], scores=[0.9, 0.9])
    findings = flagged(run_checks(ctx), "number-mismatch")
    assert len(findings) == 1
    assert ctx.source.text[slice(*findings[0].source_span)] == "1,250"
    assert ctx.target.text[slice(*findings[0].target_span)] == "1.520"
    assert findings[0].message == ("Source “1,250” appears as “1.520” in the translation “Das Unternehmen verkaufte "
                                   "am 3. März 2021 1.520 Autos.” (source “The company sold 1,250 cars on March 3, 2021.”).")


def test_a_false_friend_scale_word_is_reported_with_the_reason():
    ctx = context(["The debt is 2 billion dollars."], ["Die Schulden betragen 2 Billionen Dollar."], [((0,), (0,))],
                  scores=[0.9])
    [finding] = flagged(run_checks(ctx), "number-mismatch")
    assert finding.message.endswith("English “billion” is German “Milliarde”, 10⁹; a German “Billion” is an English "
                                    "“trillion”, 10¹²).")


def test_number_missing_from_translation_is_reported_quietly_on_the_target_sentence():
    source = ["The museum has 12,000 visitors a year."]
    target = ["Das Museum hat viele Besucher im Jahr."]
    ctx = context(source, target, [((0,), (0,))], scores=[0.9])
    findings = [f for f in run_checks(ctx) if f.rule == "number-mismatch"]
    assert len(findings) == 1
    assert findings[0].target_span == ctx.target.sentences[0]
    assert findings[0].severity is Severity.INFO


def test_a_changed_number_word_is_a_quiet_hint_and_a_lone_one_says_nothing():
    source = ["The museum opens at nine.", "Two decades ago, they came.", "Nine of them came."]
    target = ["Das Museum öffnet um zehn.", "Vor zwanzig Jahren kamen sie.", "Alle kamen."]
    ctx = context(source, target, [((0,), (0,)), ((1,), (1,)), ((2,), (2,))], scores=[0.9, 0.9, 0.9])
    findings = [f for f in run_checks(ctx) if f.rule == "number-mismatch"]
    assert [(ctx.source.text[slice(*f.source_span)], ctx.target.text[slice(*f.target_span)]) for f in findings] == [
        ("nine", "zehn"), ("Two", "zwanzig")]  # a rephrasing looks the same; "Nine" alone says nothing
    assert {f.severity for f in findings} == {Severity.INFO}


def test_a_figure_changed_inside_an_example_on_both_sides_is_a_hint():
    """coreutils' date --help: the German localises its examples (BENCHMARKS.md, stop 14); a
    figure outside the example, or one the example's marker is closed before, is still an error."""
    source = ["%x locale's date representation (e.g., 12/31/99)", "Example: 10K is 10*1024.",
              "Some countries (e.g., France) reported 130 cases."]
    target = ["%x Datumsrepräsentation der Lokale (z. B. 18.11.2005)", "Beispiel: 10M sind 10*1024.",
              "Einige Länder (z. B. Frankreich) meldeten 150 Fälle."]
    ctx = context(source, target, [((0,), (0,)), ((1,), (1,)), ((2,), (2,))], scores=[0.9, 0.9, 0.9])
    findings = [f for f in run_checks(ctx) if f.rule == "number-mismatch"]
    by_figure = {ctx.source.text[slice(*f.source_span)]: f for f in findings}
    assert set(by_figure) == {"12/31/99", "10K", "130"}
    assert by_figure["12/31/99"].severity is Severity.INFO
    assert by_figure["12/31/99"].message.endswith("an example, which translations may localise.")
    assert by_figure["10K"].severity is Severity.INFO
    assert by_figure["130"].severity is Severity.ERROR


def test_untranslated_sentence_is_flagged_and_german_with_english_names_is_not():
    source = [
        "Kiev insisted that with its decision, the DPRK was attempting to undermine the sovereignty of Ukraine.",
        "The head of the DPR, Denis Pushilin, posted a message on his Telegram channel.",
        "Denis Pushilin.",
        "COVID-19 cases rose in New York and New Jersey.",
    ]
    target = [
        source[0],
        "Der Leiter der DVR, Denis Pushilin, hat eine Nachricht auf seinem Telegram-Kanal gepostet.",
        "Denis Pushilin.",
        "Die COVID-19-Fälle stiegen in New York und New Jersey.",
    ]
    ctx = context(source, target, [((k,), (k,)) for k in range(4)], scores=[0.9] * 4)
    findings = flagged(run_checks(ctx), "untranslated-sentence")
    assert [f.target_span for f in findings] == [ctx.target.sentences[0]]
    assert findings[0].kind is Kind.UNTRANSLATED


def test_copied_addresses_and_markup_are_not_untranslated_text():
    source = [
        "Watch it here: https://youtu.be/W5JSfq6LLAU?si=xIxPaY8ayqqNSj4c",
        "<div id=sec1></div> <div id=sec2></div> etc. <div id=sec7>Section 7</div>",
        "Write to press@example.org for the full report and the data behind it.",
    ]
    target = [
        "https://youtu.be/W5JSfq6LLAU?si=xIxPaY8ayqqNSj4c",
        "<div id=sec1></div> <div id=sec2></div> usw. <div id=sec7>Abschnitt 7</div>",
        "Schreiben Sie an press@example.org, um den vollständigen Bericht und die Daten zu erhalten.",
    ]
    ctx = context(source, target, [((k,), (k,)) for k in range(3)], scores=[0.9] * 3)
    assert flagged(run_checks(ctx), "untranslated-sentence") == []


def test_every_finding_is_well_formed_and_confidence_varies():
    source = SOURCE + ["The ferry service stopped on Tuesday, after the storm destroyed the harbour walls.",
                       "Tickets cost 25 euros."]
    target = ["Breaking news from the town hall today.", SOURCE[0], SOURCE[1], SOURCE[3],
              "The ferry service stopped.", "Tickets cost 52 euros."]
    pairs = [((), (0,)), ((0,), (1,)), ((1,), (2,)), ((2,), ()), ((3,), (3,)), ((4,), (4,)), ((5,), (5,))]
    ctx = context(source, target, pairs)
    findings = run_checks(ctx)
    assert len({f.rule for f in findings}) >= 4
    for f in findings:
        assert 0.0 <= f.confidence <= 1.0
        assert f.severity is severity_for(f.confidence)
        assert f.rule in all_rules() and all_rules()[f.rule].kind is f.kind
        if f.kind is Kind.OMISSION:
            assert f.source_span is not None
        else:
            assert f.target_span is not None
        for span, text in ((f.source_span, ctx.source.text), (f.target_span, ctx.target.text)):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(text)
        assert "“" in f.message
    assert len({round(f.confidence, 3) for f in findings}) > 1
    positions = [f.source_span[0] if f.source_span else None for f in findings]
    with_source = [p for p in positions if p is not None]
    assert with_source == sorted(with_source)


def test_disabled_rules_do_not_run():
    ctx = context(SOURCE, SOURCE[:3], [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), ())])
    assert any(f.rule == "sentence-omission" for f in run_checks(ctx))
    assert not any(f.rule == "sentence-omission" for f in run_checks(ctx, disabled=("sentence-omission",)))


def test_registry_documents_every_rule_completely():
    rules = all_rules()
    ids = [rule.id for check in CHECKS for rule in check.rules]
    assert len(ids) == len(set(ids))
    assert {"sentence-omission", "partial-omission", "sentence-addition", "number-mismatch",
            "low-similarity", "untranslated-sentence"} <= set(rules)
    for rule in rules.values():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.id)
        for field in ("title", "checks", "why", "example_source", "example_target", "fix"):
            assert len(getattr(rule, field).strip()) > 10, (rule.id, field)


@pytest.mark.parametrize("confidence, severity", [(0.0, Severity.INFO), (WARNING_AT - 0.01, Severity.INFO),
                                                  (WARNING_AT, Severity.WARNING), (ERROR_AT, Severity.ERROR),
                                                  (1.0, Severity.ERROR)])
def test_severity_thresholds(confidence, severity):
    assert severity_for(confidence) is severity


def test_quote_shortens_long_text_at_a_word_with_an_ellipsis():
    assert quote("Short text.") == "“Short text.”"
    long = "word " * 40
    quoted = quote(long)
    assert quoted.endswith(" …”") and len(quoted) <= 84 and "wor …" not in quoted


def test_clause_pieces_split_at_commas_and_clause_openers_and_keep_offsets():
    text = "On Wednesday, the ministry cut ties with the North, after Pyongyang recognized them."
    pieces = clause_pieces(text, offset=100)
    assert [text[a - 100:b - 100] for a, b in pieces] == [
        "On Wednesday, the ministry cut ties",
        "with the North,",
        "after Pyongyang recognized them.",
    ]


def test_clause_pieces_split_before_phrases_that_open_a_dropped_stretch():
    # "so", "for", "as", "how" ... open stretches a translation drops whole; "to" is no seam (it
    # cuts "has no right | to raise" and the like, where the stretch runs across it).
    text = "The purpose of this video is to show you how to use the app, so you can start today."
    assert [text[a:b] for a, b in clause_pieces(text)] == [
        "The purpose of this video is to show you",
        "how to use the app,",
        "so you can start today.",
    ]


def test_a_short_piece_that_closes_a_clause_joins_the_clause_before_it():
    text = "When Ivory came out as nonbinary, it seemed like the world changed too."
    assert [text[a:b] for a, b in clause_pieces(text)] == [
        "When Ivory came out as nonbinary,",
        "it seemed like the world changed too.",
    ]
    # At the start of a sentence there is nothing before it: "On Monday," opens what follows.
    text = "On Monday, the vote was postponed for a week."
    assert [text[a:b] for a, b in clause_pieces(text)] == ["On Monday, the vote was postponed", "for a week."]


def test_prefetched_embeds_the_known_texts_in_one_call_and_only_new_ones_later():
    calls = []

    def embed(texts):
        calls.append(list(texts))
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)

    batched = prefetched(embed, ["a", "bb", "a"])
    assert calls == [["a", "bb"]]
    assert batched(["bb", "ccc", "a"]).tolist() == [[2.0, 1.0], [3.0, 1.0], [1.0, 1.0]]
    assert calls == [["a", "bb"], ["ccc"]]
    assert batched(["ccc"]).tolist() == [[3.0, 1.0]] and len(calls) == 2


def test_expected_length_ratio_leans_on_the_language_pair_when_the_document_is_short():
    one = context(SOURCE[:1], SOURCE[:1], [((0,), (0,))])  # its own ratio is 1.0
    assert one.median_length_ratio() == 1.0
    assert 1.1 < one.expected_length_ratio() < TYPICAL_LENGTH_RATIO[("en", "de")]
    many = context(SOURCE * 10, SOURCE * 10, [((i,), (i,)) for i in range(40)])
    assert 1.0 < many.expected_length_ratio() < 1.02  # forty pairs of its own outweigh the prior


def test_a_one_sentence_document_missing_a_clause_gets_a_partial_omission():
    # The document's own ratio is its only pair's: without the language pair's typical ratio a
    # single pair could never look short, whatever it dropped.
    dropped = "after the storm destroyed the old harbour walls and the fish market"
    ctx = context([f"The ferry service stopped on Tuesday, {dropped}."], ["The ferry service stopped on Tuesday."],
                  [((0,), (0,))])
    findings = [f for f in run_checks(ctx) if f.rule == "partial-omission"]
    assert [ctx.source.text[slice(*f.source_span)] for f in findings] == [dropped + "."]
