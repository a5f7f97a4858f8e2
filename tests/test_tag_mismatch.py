"""tag-mismatch on hand-built pairs (no model: the rule reads the segment's inline codes only)."""

from __future__ import annotations

from dataclasses import replace

from aligner.checks.inline_codes import find_tag_mismatches
from aligner.findings import Kind, Severity
from test_checks import context

SOURCE = "Click Delete to remove the file."
TARGET = "Löschen klicken, um die Datei zu entfernen."


def mismatches(source_codes, target_codes, source=SOURCE, target=TARGET):
    ctx = replace(context([source], [target], [((0,), (0,))]), inline_codes=(tuple(source_codes), tuple(target_codes)))
    return ctx, list(find_tag_mismatches(ctx))


def test_a_code_the_translation_loses_is_an_error_over_the_whole_segment():
    ctx, findings = mismatches(['<g id="1">', '<x id="2"/>'], ['<g id="1">'])
    assert len(findings) == 1
    finding = findings[0]
    assert finding.rule == "tag-mismatch" and finding.kind is Kind.MISTRANSLATION
    assert finding.severity is Severity.ERROR
    assert finding.source_span == (0, len(SOURCE)) and finding.target_span == (0, len(TARGET))
    assert finding.message.startswith('Inline code <x id="2"/> of the source is missing from the translation “Löschen')


def test_a_code_the_translation_adds_is_reported_as_added():
    _, findings = mismatches(['<ph id="3"/>'], ['<ph id="3"/>', '<x id="9"/>'])
    assert [f.message.split(",")[0] for f in findings] == ['The translation adds inline code <x id="9"/>']


def test_moved_codes_are_fine_and_repeated_ones_are_counted():
    assert mismatches(['<g id="1">', '<x id="2"/>'], ['<x id="2"/>', '<g id="1">'])[1] == []
    _, findings = mismatches(["<bpt>&lt;b&gt;</bpt>"] * 2, ["<bpt>&lt;b&gt;</bpt>"])
    assert len(findings) == 1 and "<bpt>&lt;b&gt;</bpt>" in findings[0].message


def test_inputs_without_codes_give_nothing():
    ctx = context([SOURCE], [TARGET], [((0,), (0,))])
    assert ctx.inline_codes is None and list(find_tag_mismatches(ctx)) == []
    assert mismatches([], [])[1] == []
