"""placeholder-mismatch on hand-built pairs (no model: the rule reads text only)."""

from __future__ import annotations

import pytest

from aligner.checks.placeholders import PLACEHOLDER, find_placeholder_mismatches, icu_syntax
from aligner.findings import Kind, Severity
from test_checks import context


def mismatches(source: str, target: str):
    ctx = context([source], [target], [((0,), (0,))])
    return ctx, list(find_placeholder_mismatches(ctx))


@pytest.mark.parametrize("text, expected", [
    ("Deleted {count} files from {folder}.", ["{count}", "{folder}"]),
    ("Hello %s, you have %d new %(kind)s and %.2f left", ["%s", "%d", "%(kind)s", "%.2f"]),
    ("Copy %1$s to %2$s, or %1 to %2 in Qt", ["%1$s", "%2$s", "%1", "%2"]),
    ("{{ name }} signed in as ${user} at {} on {0}", ["{{ name }}", "${user}", "{}", "{0}"]),
    # iOS and Android strings, Ruby and Chrome extension messages.
    ("%@ shared %1$@ with %ld of %lld (%zu)", ["%@", "%1$@", "%ld", "%lld", "%zu"]),
    ("Hello %{name}, $USER$ has $COUNT$ files", ["%{name}", "$USER$", "$COUNT$"]),
    # Qt: a localised number (%L1) and the count of a plural message (%n, %Ln).
    ("%n file(s) of %Ln in %L1", ["%n", "%Ln", "%L1"]),
    ("Wir sind 100%n\u00e4her, 5%no", []),
    # Percent signs of prose are not placeholders, in either language.
    ("Die Preise stiegen um 50 % oder 5%, 100%sicher, a %% b, 50%1, 20%lower, $5 and $10", []),
    ("The set {1, 2} has two members.", []),
    ("value in \\x{...} sequence", []),  # elided text, not a placeholder
])
def test_placeholder_syntax(text, expected):
    assert PLACEHOLDER.findall(text) == expected


def test_missing_placeholder_is_an_error_on_the_source_placeholder():
    ctx, findings = mismatches("Deleted {count} files from {folder}.", "{count} Dateien wurden gelöscht.")
    assert len(findings) == 1
    finding = findings[0]
    assert finding.kind is Kind.MISTRANSLATION and finding.severity is Severity.ERROR
    assert ctx.source.text[slice(*finding.source_span)] == "{folder}"
    assert finding.target_span == ctx.target.sentences[0]
    assert "“{folder}” is missing" in finding.message


def test_changed_and_added_placeholders_point_at_the_translation():
    ctx, findings = mismatches("You have %d new messages.", "Sie haben %s neue Nachrichten von {sender}.")
    assert [ctx.target.text[slice(*f.target_span)] for f in findings] == ["%s", "{sender}"]
    assert "“%d” of the source appears as “%s”" in findings[0].message
    assert "adds placeholder “{sender}”" in findings[1].message


def test_moved_and_repeated_placeholders_are_fine():
    _, findings = mismatches("Copy %1$s to %2$s, then %1$s again.", "Erneut %1$s: kopiere %1$s nach %2$s.")
    assert findings == []
    _, findings = mismatches("Copy %1$s to %2$s, then %1$s again.", "Kopiere %1$s nach %2$s.")
    assert len(findings) == 1  # the second %1$s is missing


def test_reordered_printf_arguments_are_the_same_placeholders():
    """gettext's way to reorder: "%s" is the first argument, so "%1$s" in a translation."""
    _, findings = mismatches("Cannot read %.250s from %s.", "Aus %2$s kann %1$.250s nicht gelesen werden.")
    assert findings == []
    ctx, findings = mismatches("Cannot read %.250s from %s.", "Aus %1$s kann %2$.250s nicht gelesen werden.")
    assert [ctx.target.text[slice(*f.target_span)] for f in findings] == ["%1$s", "%2$.250s"]  # swapped


def test_prose_without_placeholders_gives_nothing():
    assert mismatches("Prices rose by 50% in 2022, said Dr. Smith.", "Die Preise stiegen 2022 um 50 %.")[1] == []


@pytest.mark.parametrize("text, expected", [
    ("{count, plural, one {# file was deleted} other {# files were deleted}}", ["{count, plural,", "one ", "other "]),
    ("{g, select, female {She {n, plural, =0 {none} other {#}}} other {They}}",
     ["{g, select,", "female ", "{n, plural,", "=0 ", "other ", "other "]),
    ("Hello {name}, see the plural {form}.", []),  # a word before a placeholder is no selector
])
def test_icu_syntax_is_the_argument_head_and_its_selectors_not_the_messages(text, expected):
    assert [text[a:b] for a, b in sorted(icu_syntax(text))] == expected
