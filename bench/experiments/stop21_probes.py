"""Stop 21's probes of more evidence for partial-omission and negation-mismatch, each
cross-validated by document as the rule's own fit script does, or counted (BENCHMARKS.md, stop
21). One led to a feature of the checker (junction: aligner/checks/seams.py); the others were not
kept.

    python bench/experiments/stop21_probes.py --shared ../shared PROBE

PROBE is one of:

- omission-centred: every vector partial-omission embeds is first centred on the mean sentence
  vector of mqm/dev.jsonl (both languages; e5-small's vectors share most of their direction: the
  mean has norm 0.89) and normalised again, at scale 1 (v - m) and 0.5 (v - m/2), so the
  deletion gains measure what is left; the rule's features refitted on each.
- negation-centred: the same for negation-mismatch's deletion of a surplus negation word, at
  scales 0, 0.5, 0.8 and 1 (fit_negation's two features, added negations fitted on synthetic).
- connectives: whether a candidate clause opens with (or holds) an English connective (which,
  when, because, but, so, although, if, while, especially, before ...) of which the German pair
  has fewer counterparts (", die", wenn/als, weil/da, aber/doch ...) than the English pair has,
  beside partial-omission's features.
- length-z: the length shortfall as Gale and Church weigh it, in spreads that grow with the square
  root of the source pair's length (shortfall times the square root of the length in hundreds of
  characters), beside the features, and instead of the two shortfall features.
- junction: in each pair of two English sentences and one German one, whether the German seam
  between them is bare (no punctuation or coordinating conjunction within a word of it: German
  sets two main clauses apart with a comma unless "und" or "oder" joins them), counted by whether
  the second English sentence holds a marked omission, for the seam located three ways: by
  embedding the German's head and tail at every word boundary, by the word vectors alone, and as
  the checker does (seams.py: the word vectors' guess, refined by embedding the boundaries beside
  it).
- seam-edge: in the same pairs, whether the word vectors place the seam at the German's first or
  last boundary (one English sentence has next to no German words), for candidates in that
  sentence, beside the features (the checker's own, bare seam included).
- clause-match: a candidate clause's best cosine with any German clause piece of its pair, and
  how far that lies below the pair's other English pieces' (median) best, beside the features.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fit_omission import (FeatureRow, auc, candidate_rows, dev_contexts, gold_omissions,  # noqa: E402
                          print_variant_table)

TMP = Path(os.environ.get("TMPDIR", "/tmp"))


def centred(embed, mean: np.ndarray, scale: float):
    """`embed` with every vector moved away from the shared mean and normalised again."""
    def embed_centred(texts):
        vectors = embed(texts)
        if not len(vectors) or scale == 0:
            return vectors
        vectors = vectors - scale * mean
        return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    return embed_centred


def mean_vector(contexts) -> np.ndarray:
    """The mean sentence vector of mqm/dev.jsonl's two sides (set 1 of the dev contexts)."""
    rows = [np.vstack([ctx.source_vectors, ctx.target_vectors]) for set_id, _, ctx in contexts if set_id == 1]
    mean = np.vstack(rows).mean(axis=0)
    print(f"mean sentence vector of mqm/dev: norm {np.linalg.norm(mean):.3f}", file=sys.stderr)
    return mean


def omission_rows(contexts, more=lambda ctx, candidate: (), scale: float = 0.0, mean=None):
    """partial-omission's candidates on the dev sets, labelled as fit_omission labels them, with
    `more` features appended; with `scale`, every vector the rule embeds is centred first."""
    from aligner.checks.partial_omission import find_candidates

    def rows(ctx):
        if scale:
            ctx = replace(ctx, embed=centred(ctx.embed, mean, scale))
        for c in find_candidates(ctx):
            yield FeatureRow(c.span, (*c.features(), *more(ctx, c)))

    return candidate_rows(contexts, rows, gold_omissions)


def omission_centred(contexts) -> None:
    from aligner.checks.partial_omission import FEATURES

    mean = mean_vector(contexts)
    for scale in (0.0, 0.5, 1.0):
        X, y, groups, sets = omission_rows(contexts, scale=scale, mean=mean)
        print(f"scale {scale}: {len(y)} candidates, {int(y.sum())} right", file=sys.stderr)
        print_variant_table({f"centred at scale {scale}": X[:, :len(FEATURES)]}, y, groups, sets)


def negation_centred(contexts) -> None:
    from fit_negation import collect, held_out_by_document, table_cells

    mean = mean_vector(contexts)
    path = TMP / "aligner-stop21-negation.npz"
    print("| scale | direction | features | CV AUC synthetic | MQM | at 0.3: synthetic flagged/right | MQM | at 0.4: synthetic | MQM |")
    print("|---|---|---|---|---|---|---|---|---|")
    for scale in (0.0, 0.5, 0.8, 1.0):
        collect(None, path, contexts=[(set_id, item, replace(ctx, embed=centred(ctx.embed, mean, scale)))
                                      for set_id, item, ctx in contexts])
        data = np.load(path)
        for direction in (True, False):
            keep = data["added"] == direction
            X, y, groups, sets = data["X"][keep], data["y"][keep].astype(bool), data["groups"][keep], data["sets"][keep]
            fit_on = sets == 0 if direction else np.ones(len(y), dtype=bool)  # as fit_negation fits
            for columns, label in (([0], "gain"), ([0, 1], "gain, word gap")):
                cells = table_cells(held_out_by_document(X[:, columns], y, groups, fit_on), y, sets)
                print(f"| {scale} | {'added' if direction else 'lost'} | {label} | " + " | ".join(cells) + " |")


# An English connective that opens a clause, and the German words that render it.
RELATIVE_DE = r",\s*(?:\w+\s+)?(?:der|die|das|dem|den|deren|dessen|denen|welche[rsnm]?|wo\w*|was)\b"
CONNECTIVES = {
    "relative": (r"\b(?:which|who|whom|whose)\b", RELATIVE_DE),
    "when": (r"\b(?:when|whenever|once)\b", r"\b(?:wenn|als|wann|sobald|sowie|nachdem)\b"),
    "because": (r"\b(?:because|since|as)\b",
                r"\b(?:weil|da|denn|nachdem|seit|seitdem|als|wie|deshalb|daher|darum|zumal)\b"),
    "but": (r"\b(?:but|yet|however)\b", r"\b(?:aber|doch|jedoch|sondern|allerdings|dennoch|trotzdem|nur)\b"),
    "so": (r"\b(?:so|so that|in order to)\b", r"\b(?:damit|sodass|so|um|also|deshalb|daher|darum|deswegen)\b"),
    "though": (r"\b(?:although|though|even if|even though)\b",
               r"\b(?:obwohl|obgleich|obschon|wenngleich|zwar|auch wenn|selbst wenn|trotz\w*)\b"),
    "if": (r"\b(?:if|unless)\b", r"\b(?:wenn|falls|ob|sofern|es sei denn)\b"),
    "while": (r"\b(?:while|whilst)\b", r"\b(?:während|wobei|solange|indem|wo)\b"),
    "especially": (r"\b(?:especially|particularly)\b", r"\b(?:besonders|vor allem|insbesondere|gerade|zumal)\b"),
    "time": (r"\b(?:before|after|until)\b", r"\b(?:bevor|ehe|nachdem|bis|vor|nach)\b"),
}


def connective_deficit(clause: str, source: str, target: str):
    """(the clause opens with a connective the German pair renders less often than the English
    pair has it, the clause holds one)."""
    lead = " ".join(clause.lower().split()[:2])
    opens = holds = 0.0
    for english, german in CONNECTIVES.values():
        if len(re.findall(english, source.lower())) > len(re.findall(german, target.lower())):
            opens = max(opens, float(re.match(english.replace(r"\b(?:", "(?:", 1), lead) is not None))
            holds = max(holds, float(re.search(english, clause.lower()) is not None))
    return opens, holds


def connectives(contexts) -> None:
    from aligner.checks.partial_omission import FEATURES

    def more(ctx, c):
        if not c.located or c.word_only:
            return (0.0, 0.0)
        clause = ctx.source.text[c.span[0]:c.span[1]]
        return connective_deficit(clause, ctx.source_text(c.bead), ctx.target_text(c.bead))

    X, y, groups, sets = omission_rows(contexts, more)
    n = len(FEATURES)
    for k, label in ((n, "opens with"), (n + 1, "holds")):
        for set_id, name in ((0, "synthetic"), (1, "MQM")):
            fires = (X[:, k] > 0) & (sets == set_id)
            print(f"{name}: a clause that {label} a connective the German lacks: {int(fires.sum())} candidates, "
                  f"{int((fires & y).sum())} right (all candidates: {y[sets == set_id].mean():.3f} right)")
    print_variant_table({"the checker's": X[:, :n], "+ opens with": X[:, :n + 1],
                         "+ holds": np.column_stack([X[:, :n], X[:, n + 1]]), "+ both": X}, y, groups, sets)


def clause_match(contexts) -> None:
    from aligner.checks.partial_omission import FEATURES
    from aligner.checks.text import clause_pieces

    def pieces(doc, indices):
        return [doc.text[a:b] for i in indices for a, b in clause_pieces(doc.sentence(i), doc.sentences[i][0], doc.lang)]

    def more(ctx, c):
        if not c.located or c.word_only:
            return (0.0, 0.0, 0.0)
        clause = ctx.source.text[c.span[0]:c.span[1]]
        others = [p for p in pieces(ctx.source, c.bead.source) if p and p not in clause and clause not in p]
        german = pieces(ctx.target, c.bead.target)
        if not others or not german:
            return (0.0, 0.0, 0.0)
        vectors = ctx.embed([clause] + others + german)
        own, rest, target = vectors[:1], vectors[1:1 + len(others)], vectors[1 + len(others):]
        best = float((own @ target.T).max())
        typical = float(np.median((rest @ target.T).max(axis=1)))
        return ((typical - best) / 0.01, best, 1.0)

    X, y, groups, sets = omission_rows(contexts, more)
    n = len(FEATURES)
    has = X[:, n + 2] > 0
    for set_id, name in ((0, "synthetic"), (1, "MQM")):
        m = has & (sets == set_id)
        print(f"{name}: {int(m.sum())} located candidates with other pieces, {int(y[m].sum())} right; alone, the gap "
              f"ranks them at AUC {auc(X[m, n], y[m]):.3f}, the low best match at {auc(-X[m, n + 1], y[m]):.3f}")
    print_variant_table({"the checker's": X[:, :n], "+ clause gap": X[:, :n + 1], "+ gap, best match": X[:, :n + 2]},
                        y, groups, sets)


def length_z(contexts) -> None:
    from aligner.checks.partial_omission import FEATURES

    def more(ctx, c):
        return (c.shortfall * np.sqrt(len(ctx.source_text(c.bead)) / 100),)

    X, y, groups, sets = omission_rows(contexts, more)
    n = len(FEATURES)
    without = [k for k in range(n) if FEATURES[k] not in ("explained", "shortfall")]
    print_variant_table({"the checker's": X[:, :n], "+ shortfall x sqrt(length)": X,
                         "instead of shortfall, explained": X[:, without + [n]]}, y, groups, sets)


def full_search_seam(ctx, bead) -> int:
    """The seam by embedding the German's head and tail at every word boundary (the probe before
    partial-omission's seams.py, which embeds only near the word vectors' guess)."""
    words = ctx.target_text(bead).split()
    first, second = (ctx.source.sentence(i) for i in bead.source)
    heads = [" ".join(words[:k]) for k in range(1, len(words))]
    tails = [" ".join(words[k:]) for k in range(1, len(words))]
    vectors = ctx.embed([first, second] + heads + tails)
    n = len(heads)
    return int(np.argmax(vectors[2:2 + n] @ vectors[0] + vectors[2 + n:] @ vectors[1])) + 1


def junction(contexts) -> None:
    """How often a 2:1 pair's German seam is bare, by whether its second English sentence holds
    a marked omission, for three ways to locate the seam."""
    from aligner.checks import seams

    counts = {}  # (set, locator, marked) -> [pairs, bare]
    for set_id, item, ctx in contexts:
        pairs = seams.seam_pairs(ctx, ctx.linked_beads())
        guesses = seams.guess_seams(ctx, pairs)
        for bead in pairs:
            second = ctx.source.sentences[bead.source[1]]
            marked = any(a < second[1] and second[0] < b for a, b in gold_omissions(item))
            guess = guesses.get(bead)
            located = {"every boundary embedded": full_search_seam(ctx, bead),
                       "word vectors' guess alone": guess,
                       "guess refined (the checker's)": None}
            for locator, k in located.items():
                if locator.startswith("guess refined"):
                    bare = seams.bare_seam(ctx, ctx.embed, bead, guess)
                else:
                    bare = k is not None and seams.bare_at(ctx.target_text(bead), k)
                cell = counts.setdefault((set_id, locator, marked), [0, 0])
                cell[0] += 1
                cell[1] += bare
    print("| seam located by | synthetic: bare where marked | bare elsewhere | MQM: bare where marked | bare elsewhere |")
    print("|---|---|---|---|---|")
    for locator in ("every boundary embedded", "word vectors' guess alone", "guess refined (the checker's)"):
        cells = [f"{counts.get((s, locator, m), [0, 0])[1]}/{counts.get((s, locator, m), [0, 0])[0]}"
                 for s in (0, 1) for m in (True, False)]
        print(f"| {locator} | " + " | ".join(cells) + " |")


def seam_edge(contexts) -> None:
    from aligner.checks import seams
    from aligner.checks.partial_omission import FEATURES

    edges = {}

    def more(ctx, c):
        key = (id(ctx.target), c.bead)
        if key not in edges:
            edges[key] = None
            guess = seams.guess_seams(ctx, seams.seam_pairs(ctx, [c.bead])).get(c.bead)
            if guess is not None:
                words = len(ctx.target_text(c.bead).split())
                # The English sentence the German (next to) does not render.
                edges[key] = c.bead.source[1] if guess >= words - 1 else c.bead.source[0] if guess <= 1 else None
        sentence = edges[key]
        if sentence is None:
            return (0.0,)
        start, end = ctx.source.sentences[sentence]
        return (float(start <= c.span[0] < end),)

    X, y, groups, sets = omission_rows(contexts, more)
    n = len(FEATURES)
    for set_id, name in ((0, "synthetic"), (1, "MQM")):
        fires = (X[:, n] > 0) & (sets == set_id)
        print(f"{name}: {int(fires.sum())} candidates in a sentence the seam leaves without German words, "
              f"{int((fires & y).sum())} right")
    print_variant_table({"the checker's": X[:, :n], "+ in the sentence at the seam's edge": X}, y, groups, sets)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("probe", choices=("omission-centred", "negation-centred", "connectives", "length-z",
                                          "junction", "seam-edge", "clause-match"))
    args = parser.parse_args()
    contexts = list(dev_contexts(args.shared))
    {"omission-centred": omission_centred, "negation-centred": negation_centred, "connectives": connectives,
     "length-z": length_z, "junction": junction,
     "seam-edge": seam_edge, "clause-match": clause_match}[args.probe](contexts)


if __name__ == "__main__":
    main()
