"""Reading what to check: a plain-text pair, directory pairs and segment-based files (TMX, XLIFF,
PO, JSONL, TSV), all turned into TextPairs, plus one-line problems for what cannot be used."""

from aligner.inputs.base import InputProblem, TextPair

__all__ = ["InputProblem", "TextPair"]
