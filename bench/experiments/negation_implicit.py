"""Tried and not kept: negation-mismatch, on by default, with implicit negations on the other side.

    python bench/experiments/negation_implicit.py [--shared ../shared] [--min-gain 0.003]

The variant looks only at pairs where one side negates outside a question and the other side
shows no negation at all, explicit or implicit ("fail", "unable", "rather than", "un-", "-less" /
"ohne", "kaum", "statt", "un-", "-los"), then runs the rule's own deletion test. It replaces the
rule in the registry, turns it on, and runs `bench/calibrate.py --dry-run` (which refits every
rule on the dev sets and sweeps the warning threshold), so its figures compare with the default
run of that script. BENCHMARKS.md has the outcome.
"""

from __future__ import annotations

import argparse
import re
import runpy
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

IMPLICIT = {
    "en": r"less|fewer|least|rather|instead|otherwise|unless|fail(?:s|ed|ing|ure)?|unable|inability"
          r"|lack(?:s|ed|ing)?|rare(?:ly)?|seldom|hardly|barely|scarcely|avoid(?:s|ed|ing|ance)?"
          r"|refus(?:e|es|ed|ing|al)|den(?:y|ies|ied|ial)|prevent(?:s|ed|ing)?|stop(?:s|ped|ping)?|quit"
          r"|cease[sd]?|absent|absence|ignor(?:e|es|ed|ing|ant|ance)|free|zero|away|w/o|anymore"
          r"|miss(?:es|ed|ing)?|forget|forgot|forgotten|non-?\w+|un(?!der|til|to\b|ion|it|iv|iq|cle|less)\w{3,}"
          r"|dis(?:agree|like|approv|honest|abl|satisf|continu|appear|trust|regard|respect)\w*"
          r"|in(?:sufficient|complete|correct|capab|abilit|valid|accura|effectiv|adequa|action|activ"
          r"|consisten|credib|appropria|evitab|attentiv|dispensab|visib)\w*"
          r"|im(?:possib|prop|patien|matur|perfec|practic|balanc|mobil)\w*"
          r"|ir(?:relevan|regular|responsib|reversib)\w*|il(?:legal|logic|litera)\w*|\w{3,}less(?:ly|ness)?",
    "de": r"kaum|selten|statt|anstatt|stattdessen|ohne|fehl\w*|verweiger\w*|vermied\w*|vermeid\w*"
          r"|verhinder\w*|ablehn\w*|verpass\w*|vergess\w*|vergaß\w*|un\w{4,}|\w{3,}los(?:e|er|es|en|em)?"
          r"|\w{3,}frei(?:e|er|es|en|em)?|null|weg|mangel\w*|aufhör\w*|aufgehört",
}
QUESTION = re.compile(r"[^.!?]*\?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--min-gain", type=float, default=0.003)
    args = parser.parse_args()

    import numpy as np

    from aligner.checks import negation, registry
    from aligner.checks.severity import logistic

    def explicit(text, lang):
        return negation.negations(text, lang)

    def implicit(text, lang):
        return list(re.finditer(rf"\b(?:{IMPLICIT[lang]})\b", text, re.IGNORECASE))

    def denials(text, lang):
        questions = [m.span() for m in QUESTION.finditer(text)]
        return [m for m in explicit(text, lang) if not any(a <= m.start() < b for a, b in questions)]

    def variant(ctx):
        if ctx.embed is None:
            return
        for bead in ctx.linked_beads():
            source, target = ctx.source_text(bead), ctx.target_text(bead)
            for text, other, lang, other_lang, added in ((target, source, ctx.target.lang, ctx.source.lang, True),
                                                          (source, target, ctx.source.lang, ctx.target.lang, False)):
                words = denials(text, lang)
                if not words or explicit(other, other_lang) or implicit(other, other_lang):
                    continue
                variants = [" ".join((text[:m.start()] + text[m.end():]).split()) for m in words]
                vectors = ctx.embed([text, other, *variants])
                gains = vectors[2:] @ vectors[1] - float(vectors[0] @ vectors[1])
                best = int(np.argmax(gains))
                if gains[best] < args.min_gain:
                    break
                confidence = logistic(float(gains[best]), 0.005, 0.004)
                word = words[best]
                doc, indices = (ctx.target, bead.target) if added else (ctx.source, bead.source)
                start = doc.offset_of(indices, word.start())
                span = (start, start + len(word.group()))
                yield negation.NEGATION_MISMATCH.finding(
                    confidence=confidence,
                    source_span=ctx.source_span(bead) if added else span,
                    target_span=span if added else ctx.target_span(bead),
                    message=f"negation “{word.group()}” {'added' if added else 'lost'}")
                break

    registry.CHECKS = tuple(replace(check, run=variant) if check.name == "negation" else check
                            for check in registry.CHECKS)
    registry.OFF_BY_DEFAULT = frozenset(registry.OFF_BY_DEFAULT - {"negation-mismatch"})
    sys.argv = ["calibrate.py", "--shared", args.shared, "--dry-run", "--warning-at", "0.32", "0.35", "0.4"]
    runpy.run_path(str(ROOT / "bench" / "calibrate.py"), run_name="__main__")


if __name__ == "__main__":
    main()
