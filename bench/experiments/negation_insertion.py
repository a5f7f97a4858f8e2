"""Tried at stop 19: does the negated source match the translation better?

negation-mismatch tests a German negation the English lacks from one side: delete the surplus
"nicht" and see whether the German then matches the English better. This asks the same question
from the other side: put a "not" into the English, after each auxiliary, modal or copula in turn
("is" -> "is not", "it's" -> "it's not", "can" -> "can not"), and take the best gain of the English
so negated against the German. A German that reverses the English's meaning should match the
negated English better; a German "nicht" that renders something the English says without one
("persisted" -> "gaben nicht auf") should not. For lost negations the mirror: a "nicht" put after
each German auxiliary. English (German) sides with no such verb get no gain and an indicator.

Each candidate of the dev sets (bench/fit_negation.py's, labelled as there) gets the insertion
gain; the per-direction model is cross-validated by document with and without it (added: fitted
on synthetic/dev.jsonl, lost: on both sets, as the checker's are).

    python bench/experiments/negation_insertion.py --shared ../shared
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import fit_negation  # noqa: E402

TABLE = Path(os.environ.get("TMPDIR", "/tmp")) / "aligner-negation-insertion.npz"

AUXILIARIES = {
    "en": re.compile(r"\b(?:am|is|are|was|were|be|been|has|have|had|do|does|did|will|would|shall|should|can|could|"
                     r"may|might|must)\b|(?<=\w)['’](?:s|re|m|ve|ll|d)\b", re.IGNORECASE),
    "de": re.compile(r"\b(?:bin|bist|ist|sind|seid|war|waren|warst|hat|habe|haben|hatte|hatten|hast|wird|werden|"
                     r"wurde|wurden|würde|würden|kann|können|konnte|könnte|muss|müssen|musste|soll|sollen|sollte|"
                     r"will|wollen|wollte|darf|dürfen|mag)\b", re.IGNORECASE),
}
NEGATOR = {"en": "not", "de": "nicht"}


def negated_variants(text: str, lang: str):
    return [text[:m.end()] + " " + NEGATOR[lang] + text[m.end():] for m in AUXILIARIES[lang].finditer(text)]


def insertion_gain(embed, text: str, lang: str, other: str):
    """(best gain of `text` with a negator put after one of its auxiliaries against `other`, whether it had one)."""
    variants = negated_variants(text, lang)
    if not variants:
        return 0.0, 0.0
    vectors = embed([text, other, *variants])
    base = float(vectors[0] @ vectors[1])
    return float((vectors[2:] @ vectors[1]).max() - base), 1.0


def insertion_features(ctx, candidate):
    """The insertion gain (per 0.01) of the side without the surplus negation, and whether it had an
    auxiliary to negate: the English for an added negation, the German for a lost one."""
    lang = ctx.source.lang if candidate.added else ctx.target.lang
    gain, has = insertion_gain(ctx.embed, candidate.other, lang[:2], candidate.text)
    return gain / 0.01, has


def collect(shared: Path) -> None:
    fit_negation.collect(shared, TABLE, insertion_features)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    if not args.reuse or not TABLE.exists():
        collect(args.shared)
    data = np.load(TABLE)
    print("| direction | features | CV AUC synthetic | MQM | at 0.3: synthetic flagged/right | MQM | at 0.4: synthetic | MQM |")
    print("|---|---|---|---|---|---|---|---|")
    for direction in (True, False):
        keep = data["added"] == direction
        X, y, groups, sets = data["X"][keep], data["y"][keep].astype(bool), data["groups"][keep], data["sets"][keep]
        fit_on = sets == 0 if direction else np.ones(len(y), dtype=bool)
        for columns, label in (([0, 1], "gain, word gap (the checker's)"), ([0, 1, 2, 3], "+ insertion gain"),
                               ([2, 3], "insertion gain alone")):
            held_out = fit_negation.held_out_by_document(X[:, columns], y, groups, fit_on)
            cells = fit_negation.table_cells(held_out, y, sets)
            print(f"| {'added' if direction else 'lost'} | {label} | " + " | ".join(cells) + " |")
        print(f"  ({len(y)} candidates, {int(y.sum())} right; synthetic {int((sets == 0).sum())} / {int(y[sets == 0].sum())})")


if __name__ == "__main__":
    main()
