"""The untranslated check on hand-built documents: English sentences and fragments left in German.

No encoder: the check reads texts, sentence spans and beads only, so the vectors are empty.
lingua's English and German models are loaded once for the whole session (language.py).
The tests judge the check's own confidences: the per-rule calibration (calibration.py), refitted
on the dev sets whenever a check changes, is switched off here.
"""

from __future__ import annotations

import re
from typing import List, Sequence, Tuple

import numpy as np
import pytest

from test_checks import document

from aligner.align import Bead
from aligner.checks import language, untranslated
from aligner.checks.context import CheckContext
from aligner.checks.registry import all_rules
from aligner.checks.severity import WARNING_AT
from aligner.document import Document
from aligner.findings import Finding, Kind, Severity

pytestmark = pytest.mark.usefixtures("raw_confidences")  # each check's own evidence, uncalibrated


def context(source: Sequence[str], target: Sequence[str], pairs: Sequence[Tuple[tuple, tuple]] = (),
            allow_terms: Tuple[str, ...] = ()) -> CheckContext:
    """Sentence k of the source aligned with sentence k of the target, unless `pairs` says else."""
    pairs = pairs or [((k,), (k,)) for k in range(len(source))]
    beads = [Bead(tuple(s), tuple(t), 0.9 if s and t else 0.0) for s, t in pairs]
    empty = np.zeros((0, 0), dtype=np.float32)
    return CheckContext(document(source, "en"), document(target, "de"), empty, empty, beads,
                        allow_terms=allow_terms)


def run(ctx: CheckContext) -> List[Finding]:
    return list(untranslated.CHECK.run(ctx))


def flagged(findings: Sequence[Finding], rule: str = "") -> List[Finding]:
    return [f for f in findings if f.severity >= Severity.WARNING and (not rule or f.rule == rule)]


def covered(ctx: CheckContext, finding: Finding) -> str:
    return ctx.target.text[slice(*finding.target_span)]


def test_whole_english_sentence_is_an_untranslated_sentence():
    source = ["The museum opens at nine.", "Admission is free for children under twelve.",
              "Guided tours start every hour."]
    target = ["Das Museum öffnet um neun Uhr.", "Admission is free for children under twelve.",
              "Führungen beginnen zu jeder vollen Stunde."]
    ctx = context(source, target)
    findings = flagged(run(ctx))
    assert [f.rule for f in findings] == ["untranslated-sentence"]
    assert findings[0].kind is Kind.UNTRANSLATED
    assert findings[0].target_span == ctx.target.sentences[1]
    assert findings[0].source_span == ctx.source.sentences[1]
    assert findings[0].severity is Severity.ERROR
    assert "Admission is free" in findings[0].message


def test_english_sentence_without_function_words_is_caught_by_the_language_identifier():
    # None of the English-only function words (the, which, would ...) occurs here.
    source = ["Tenuk hesitated, then stepped back, giving himself some space."]
    ctx = context(source, list(source))
    assert [f.rule for f in flagged(run(ctx))] == ["untranslated-sentence"]


def test_english_clause_inside_a_german_sentence_is_an_untranslated_fragment():
    source = ["The new version is faster, but to be honest it still crashes every morning."]
    target = ["Die neue Version ist schneller, but to be honest it still crashes every morning."]
    ctx = context(source, target)
    findings = flagged(run(ctx))
    assert [f.rule for f in findings] == ["untranslated-fragment"]
    fragment = findings[0]
    assert fragment.kind is Kind.UNTRANSLATED
    assert covered(ctx, fragment) == "but to be honest it still crashes every morning"
    assert "“but to be honest it still crashes every morning”" in fragment.message
    assert fragment.source_span == ctx.source.sentences[0]


def test_quoted_english_phrase_keeps_its_exact_span():
    source = ["Wait, the bookshop on the corner is closing?", "The owner just said: \"Time to move on\"."]
    target = ["Moment, die Buchhandlung an der Ecke schließt?", "Der Inhaber sagte nur: „Time to move on“."]
    ctx = context(source, target)
    findings = flagged(run(ctx), "untranslated-fragment")
    assert [covered(ctx, f) for f in findings] == ["Time to move on"]


def test_german_sentence_with_loanwords_has_no_flagged_finding():
    source = ["The team uploaded the video to the website and sent the link to our community manager.",
              "The baby slept through the whole meeting, which was a good start."]
    target = [("Das Team hat das Video auf die Website hochgeladen und den Link an unseren Community "
               "Manager geschickt."),
              "Das Baby hat das ganze Meeting verschlafen, was ein guter Start war."]
    assert flagged(run(context(source, target))) == []


def test_names_addresses_handles_hashtags_and_code_are_not_untranslated():
    source = [("Read more at https://example.org/harbour-news or follow @HarbourTrust and #OpenHarbour, "
               "says Mary Ann Wilson of the Harbour Trust."),
              "Set max_connections in config.toml and restart nginx, then call getStatus() again.",
              "VIRGINIA BEACH, Va. -- The city of Virginia Beach opened the new pier on Saturday."]
    target = [("Mehr unter https://example.org/harbour-news oder bei @HarbourTrust und #OpenHarbour, "
               "sagt Mary Ann Wilson vom Harbour Trust."),
              ("Setzen Sie max_connections in config.toml und starten Sie nginx neu, dann rufen Sie "
               "getStatus() erneut auf."),
              "VIRGINIA BEACH, Va. -- Die Stadt Virginia Beach hat am Samstag den neuen Pier eröffnet."]
    assert flagged(run(context(source, target))) == []


def test_markdown_code_blocks_and_inline_code_are_not_untranslated():
    source = ["Install it with pip:", "```bash pip install the package and check every file again",
              "Pass `--format json to the output` for machines."]
    target = ["Installieren Sie es mit pip:", "```bash pip install the package and check every file again",
              "Geben Sie `--format json to the output` für Maschinen an."]
    assert flagged(run(context(source, target))) == []
    assert untranslated.language_text("Sie `run the check now` an.").split() == ["Sie", "an."]


def test_command_line_options_are_not_english():
    """The option lines of a program's --help, as Debian's dpkg and diffutils catalogues have them."""
    source = ["-i, --ignore-initial=SKIP", "--no-act|--dry-run|--simulate", "-P|--purge <package>... | -a|--pending"]
    target = ["-i, --ignore-initial=SKIP", "--no-act|--dry-run|--simulate", "-P|--purge <Paket>... | -a|--pending"]
    assert flagged(run(context(source, target))) == []
    assert untranslated.language_text("Mit --width=80 und -i, nicht -Kumpels, bs=BYTES.").split() == [
        "Mit", "und", ",", "nicht", "-Kumpels,"]
    assert untranslated.language_text("less /var/lib/dpkg/available und ~/.config/app/").split() == ["less", "und"]
    assert untranslated.language_text("Siehe »:help quickfix«.").split() == ["Siehe", "»", "quickfix«."]
    assert flagged(run(context(["GIT_ALTERNATE_OBJECT_DIRECTORIES"], ["GIT_ALTERNATE_OBJECT_DIRECTORIES"]))) == []


def test_a_date_format_is_no_english():
    """glib's "%I:%M:%S %p", which the German catalogue rightly renders as 24-hour "%H:%M:%S"."""
    ctx = context(["%I:%M:%S %p", "%A, %B %e, %Y"], ["%H:%M:%S", "%A, %e. %B %Y"])
    assert run(ctx) == []


def test_a_command_and_its_argument_are_not_english():
    """A run opening with a lower-case word no dictionary knows is a command (glib's, PackageKit's
    catalogues); one opening with an English word is still English."""
    source = ["gio copy is similar to the traditional cp utility.",
              "Try using “pkcon install-local %s” instead.",
              "Press the save as draft button."]
    target = ["gio copy arbeitet vergleichbar mit dem herkömmlichen Werkzeug cp.",
              "Versuchen Sie stattdessen »pkcon install-local %s«.",
              "Drücken Sie den Knopf save as draft."]
    ctx = context(source, target)
    assert [covered(ctx, f) for f in flagged(run(ctx))] == ["save as draft"]


def test_placeholders_and_icu_syntax_are_not_english_even_as_hints():
    source = ["{count, plural, one {# file was deleted} other {# files were deleted}}",
              "Hello {user_name}, you have {count} new messages."]
    target = ["{count, plural, one {# Datei wurde gelöscht} other {# Dateien wurden gelöscht}}",
              "Hallo {user_name}, Sie haben {count} neue Nachrichten."]
    assert run(context(source, target)) == []


def test_allowed_terms_are_never_flagged():
    source = ["Select \"save as draft\" to keep your changes."]
    target = ["Wählen Sie „save as draft“, um Ihre Änderungen zu behalten."]
    without = flagged(run(context(source, target)), "untranslated-fragment")
    assert [covered(context(source, target), f) for f in without] == ["save as draft"]
    assert run(context(source, target, allow_terms=("Save as Draft",))) == []


def test_allowed_terms_do_not_make_a_sentence_read_as_english():
    source = ["Open Cloud Storage Manager and choose Backup Now."]
    target = ["Open Cloud Storage Manager and choose Backup Now."]
    assert flagged(run(context(source, target))) != []
    allowed = ("Open Cloud Storage Manager", "Backup Now")
    assert flagged(run(context(source, target, allow_terms=allowed + ("and choose",)))) == []


def test_a_single_lower_case_word_is_reported_below_warning():
    source = ["The results were a bit underwhelming, honestly."]
    target = ["Die Ergebnisse waren ehrlich gesagt etwas underwhelming."]
    ctx = context(source, target)
    findings = [f for f in run(ctx) if f.rule == "untranslated-fragment"]
    assert [covered(ctx, f) for f in findings] == ["underwhelming"]
    assert 0.1 <= findings[0].confidence < WARNING_AT
    assert findings[0].severity is Severity.INFO


def test_a_target_sentence_without_a_source_is_judged_on_its_language_alone():
    source = ["The ferry leaves at noon."]
    target = ["Die Fähre legt mittags ab.", "Passengers should arrive twenty minutes early to board."]
    ctx = context(source, target, pairs=[((0,), (0,)), ((), (1,))])
    findings = flagged(run(ctx))
    assert [(f.rule, f.source_span, f.target_span) for f in findings] == [
        ("untranslated-sentence", None, ctx.target.sentences[1])]


@pytest.mark.parametrize("text, english", [
    ("The concert starts at eight.", True),
    ("Das Konzert beginnt um acht.", False),
])
def test_language_identifier_rates_english_and_german(text, english):
    confidence = language.english_confidence(text)
    assert (confidence > 0.9) if english else (confidence < 0.1)
    assert language.english_confidence("2024 -- 17:30") == 0.0


def test_language_models_are_loaded_once_per_process():
    assert language.detector() is language.detector()
    assert language.german_vocabulary() is language.german_vocabulary()
    vocabulary = language.german_vocabulary()
    assert {"computer", "problem", "team", "und", "video"} <= vocabulary
    assert "keyboard" not in vocabulary


def test_both_rules_are_registered_and_documented():
    rules = all_rules()
    for rule_id in ("untranslated-sentence", "untranslated-fragment"):
        rule = rules[rule_id]
        assert rule.kind is Kind.UNTRANSLATED
        text = rule.explain()
        for heading in ("What it checks", "Why it matters", "Example", "How to fix"):
            assert heading in text


def test_rule_examples_trigger_their_own_rule():
    for rule in (untranslated.UNTRANSLATED_SENTENCE, untranslated.UNTRANSLATED_FRAGMENT):
        source = re.split(r"(?<=[.!?])\s+", rule.example_source)
        target = re.split(r"(?<=[.!?])\s+", rule.example_target)
        ctx = context(source, target)
        assert rule.id in {f.rule for f in flagged(run(ctx))}, rule.id


def test_other_language_pairs_get_no_untranslated_findings():
    # The models and word lists are English and German: a French target is not judged by them.
    source = ["The concert starts at eight."]
    target = ["The concert starts at eight."]
    ctx = context(source, target)
    assert flagged(run(ctx)) != []
    french = CheckContext(ctx.source, Document(ctx.target.text, "fr", ctx.target.sentences), ctx.source_vectors,
                          ctx.target_vectors, ctx.beads)
    assert run(french) == []
    regional = CheckContext(Document(ctx.source.text, "EN", ctx.source.sentences),
                            Document(ctx.target.text, "de-AT", ctx.target.sentences), ctx.source_vectors,
                            ctx.target_vectors, ctx.beads)
    assert flagged(run(regional)) != []


# ----------------------------------------------------------------- a translation that is its source


@pytest.mark.parametrize("text", ["Cancel", "Layout", "Trivial"])
def test_a_one_word_string_left_as_its_source_is_a_hint_not_a_warning(text):
    """Real software catalogues keep such strings on purpose far more often than they forget
    them (Debian's German gtk30 and PackageKit catalogues: Layout, Trivial, Distribution, paper
    sizes), so a copied single word stays info, as inside a sentence (BENCHMARKS.md, stop 13)."""
    ctx = context([text], [text])
    findings = [f for f in run(ctx) if f.rule == "untranslated-fragment"]
    assert [covered(ctx, f) for f in findings] == [text]
    assert findings[0].severity == Severity.INFO
    assert findings[0].message == f"“{text}” is still English, as in the source."


def test_the_same_word_beside_a_german_translation_stays_a_hint():
    ctx = context(["Open the settings."], ["Öffnen Sie die Settings."])
    findings = [f for f in run(ctx) if f.rule == "untranslated-fragment"]
    assert [covered(ctx, f) for f in findings] == ["Settings"]
    assert findings[0].severity == Severity.INFO


# ----------------------------------------------------------------- names kept as they are


@pytest.mark.parametrize("name", ["Aknīstes novads", "Coahuila de Zaragoza", "Borsod-Abaúj-Zemplén",
                                  "Al Khawr wa adh Dhakhīrah", "Grímsnes- og Grafningshreppur"])
def test_a_name_in_a_third_language_is_not_english(name):
    """Debian's German iso_3166-2 catalogue keeps region names in their own language; lingua,
    which only tells English from German, rated them English (BENCHMARKS.md, stop 14)."""
    ctx = context([name], [name])
    assert flagged(run(ctx)) == []


@pytest.mark.parametrize("name", ["Abuja Federal Capital Territory", "Isle of Wight", "Bristol, City of",
                                  "New South Wales"])
def test_an_english_name_kept_as_it_is_is_not_flagged(name):
    ctx = context([name], [name])
    assert flagged(run(ctx)) == []


@pytest.mark.parametrize("dateline", ["VIRGINIA BEACH, Va.", "VIRGINIA BEACH, VA."])
def test_a_dateline_the_german_splitter_cut_from_its_sentence_is_a_name_kept_as_it_is(dateline):
    """The English splitter keeps "VIRGINIA BEACH, Va. -- The city …" whole, the German one cuts
    the dateline off: it stands verbatim in its source sentence, and in capitals a name the source
    also writes in title case."""
    source = ["VIRGINIA BEACH, Va. -- The city of Virginia Beach removed a 115-year-old monument."]
    target = [dateline, "-- Die Stadt Virginia Beach hat ein 115 Jahre altes Denkmal entfernt."]
    ctx = context(source, target, [((0,), (0, 1))])
    assert flagged(run(ctx)) == []
    # A whole English sentence that stands in the source is still one.
    ctx = context(source, [dateline, "-- The city of Virginia Beach removed a 115-year-old monument."], [((0,), (0, 1))])
    assert [f.rule for f in flagged(run(ctx))] == ["untranslated-sentence"]


@pytest.mark.parametrize("heading", ["Save All Files Now", "If They Do, They Haven't Shared It Fully",
                                     "Bay of Plenty", "Configure NGINX upstream keepalive timeouts"])
def test_a_copied_heading_of_ordinary_words_is_still_flagged(heading):
    """Title case alone makes no name: a menu entry or headline of ordinary English words left
    as it is stays a warning ("Bay of Plenty", a real name of ordinary words, with it); so does a
    string of software jargon, whose words are English though few are everyday ones."""
    ctx = context([heading], [heading])
    assert [f.rule for f in flagged(run(ctx))] == ["untranslated-sentence"]


def test_a_sentence_mostly_of_names_is_still_english_when_its_words_are():
    source = ["Vicente Siso was born in Madrid and raised in Venezuela."]
    ctx = context(source, source)
    assert [f.rule for f in flagged(run(ctx))] == ["untranslated-sentence"]


def test_the_english_vocabulary_share():
    assert untranslated.english_vocabulary_share("The museum opens at nine.") == 1.0
    assert untranslated.english_vocabulary_share("Aknīstes novads") == 0.0
    assert untranslated.english_vocabulary_share("42 %s") is None


def test_the_english_lexicon_has_ordinary_words_but_not_rare_names():
    lexicon = language.english_lexicon()
    assert {"invoice", "configure", "upstream", "the"} <= lexicon
    assert not {"coahuila", "novads", "aknīstes"} & lexicon
