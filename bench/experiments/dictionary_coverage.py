"""Tried and not kept: a bilingual dictionary as evidence of words the translation leaves out.

    apt-get install trans-de-en        # Debian's German-English dictionary (Ding, GPL), 206,000 lines
    python bench/experiments/dictionary_coverage.py [--shared ../shared] [--dictionary /usr/share/trans/de-en]

Most omissions a reader marks in mqm/dev.jsonl are one or two words, which a sentence embedding
hardly notices. This reads the dictionary's one-word English entries (110,000, with 400,000
German words among their translations), counts for each MQM dev item the English content words
none of whose translations (nor the word itself) appears in the German, inflected or inside a
compound, and measures how that count ranks the items with a marked omission, alone and beside
the checker's own omission confidence (item-level logistic regression, 5-fold cross-validated).
BENCHMARKS.md has the outcome.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

WORD = re.compile(r"[^\W\d_][\w'’-]*")
ANNOTATION = re.compile(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>")
EN_STOP = set("""a an the and or but if of to in on at by for with from as is are was were be been being am do does
did have has had having it its this that these those there here i me my we our you your he him his she her they them
their what which who whom whose when where why how not no nor so than too very can could will would shall should may
might must just also only about into over under further then once all any both each few most other some such own same
s t don now out off above below between through during before after because while until against upon per via etc one
someone something sb sth""".split())
DE_STOP = set("""der die das den dem des ein eine einen einem einer eines und oder aber wenn von zu in im am an auf bei
mit aus als ist sind war waren sein wird werden wurde hat haben hatte es sich er sie ihr wir ich du man nicht kein keine
so wie was wer auch nur noch schon sehr um für über unter nach vor durch bis dass daß jdn jdm jds etw""".split())


def read_dictionary(path: Path):
    """English word -> German words of its translations (entries of one English content word)."""
    lexicon = defaultdict(set)
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or "::" not in line:
            continue
        german, english = line.rstrip("\n").split("::", 1)
        for de_sense, en_sense in zip(german.split("|"), english.split("|")):
            for en in en_sense.split(";"):
                en_words = [w.lower() for w in WORD.findall(ANNOTATION.sub(" ", en)) if w.lower() not in EN_STOP]
                if len(en_words) != 1:
                    continue
                for de in de_sense.split(";"):
                    de_words = [w.lower() for w in WORD.findall(ANNOTATION.sub(" ", de)) if w.lower() not in DE_STOP]
                    if 0 < len(de_words) <= 2:
                        lexicon[en_words[0]].update(de_words)
    return lexicon


def base_forms(word: str):
    forms = [word]
    for ending, replacements in (("ies", ("y",)), ("es", ("",)), ("s", ("",)), ("ing", ("", "e")), ("ed", ("", "e")),
                                 ("'s", ("",)), ("’s", ("",))):
        if word.endswith(ending):
            forms += [word[:-len(ending)] + r for r in replacements]
    return forms


def uncovered(source: str, target: str, lexicon) -> int:
    """English content words with dictionary translations of which the German shows none."""
    german = [w.lower() for w in WORD.findall(target)]
    german_set = set(german)
    count = 0
    for word in (w.lower() for w in WORD.findall(source)):
        if word in EN_STOP or len(word) < 3 or word in german_set:
            continue
        translations = set().union(*(lexicon.get(f, set()) for f in base_forms(word)))
        if not translations:
            continue  # a name, a typo, or a word the dictionary lacks: no evidence either way
        if translations & german_set:
            continue
        if not any((len(d) >= 4 and g.startswith(d) and len(g) - len(d) <= 3) or (len(d) >= 5 and d in g)
                   or (len(g) >= 4 and d.startswith(g) and len(d) - len(g) <= 2) for g in german for d in translations):
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--dictionary", type=Path, default=Path("/usr/share/trans/de-en"))
    args = parser.parse_args()
    if not args.dictionary.exists():
        sys.exit(f"{args.dictionary}: not found; install Debian's trans-de-en or pass --dictionary")
    from fit_omission import auc, fit_logistic

    lexicon = read_dictionary(args.dictionary)
    items_path = args.shared / "eval" / "mqm" / "dev.jsonl"
    with tempfile.NamedTemporaryFile("w+", suffix=".jsonl") as reports:
        subprocess.run([sys.executable, "-m", "aligner", "check", "--pairs", str(items_path), "--format", "jsonl"],
                       stdout=reports, stderr=subprocess.DEVNULL, cwd=ROOT)
        reports.seek(0)
        by_id = {r["id"]: r for r in map(json.loads, reports)}
    rows, labels = [], []
    for item in map(json.loads, open(items_path, encoding="utf-8")):
        confidence = max((f["confidence"] for f in by_id[str(item["id"])]["findings"] if f["kind"] == "omission"),
                         default=0.0)
        missing = uncovered(item["source"], item["target"], lexicon)
        rows.append([math.log(max(confidence, 1e-3) / (1 - min(confidence, 0.999))), missing, math.log1p(missing)])
        labels.append(any(e["category"] == "accuracy/omission" and e["severity"] == "major" for e in item["errors"]))
    X, y = np.array(rows), np.array(labels)
    print(f"{len(lexicon)} English words in the dictionary; {int(X[:, 1].sum())} uncovered words in {len(y)} items")
    print(f"omission ROC-AUC: checker {auc(X[:, 0], y):.3f}, uncovered words alone {auc(X[:, 1], y):.3f}")
    fold = np.random.default_rng(1).integers(0, 5, len(y))
    for columns, name in (([0], "checker"), ([0, 1], "checker + uncovered"), ([0, 2], "checker + log uncovered")):
        predicted = np.zeros(len(y))
        for k in range(5):
            w = fit_logistic(X[fold != k][:, columns], y[fold != k])
            predicted[fold == k] = w[0] + X[fold == k][:, columns] @ w[1:]
        print(f"  {name}, cross-validated: {auc(predicted, y):.3f}")


if __name__ == "__main__":
    main()
