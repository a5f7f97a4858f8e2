"""The whole check for one document pair: split -> embed -> align -> checks.

This is the only module that knows the order of the steps; each step lives in its own module
and none of them knows about the command line or the output formats.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Callable, List, Optional, Tuple

import numpy as np

from aligner import __version__
from aligner.align import AlignParams, align
from aligner.document import Document
from aligner.findings import Finding
from aligner.result import Report, Signature

EmbedFn = Callable[[List[str]], np.ndarray]


@dataclass(frozen=True)
class CheckOptions:
    source_lang: str = "en"
    target_lang: str = "de"
    presplit: bool = False  # the texts hold one sentence per line; keep those sentences
    align_params: AlignParams = field(default_factory=AlignParams)
    disabled_rules: Tuple[str, ...] = ()


def make_signature(model_name: str, options: CheckOptions) -> Signature:
    splitter = "lines" if options.presplit else f"punkt-{options.source_lang}/{options.target_lang}"
    from aligner.checks.severity import ERROR_AT, WARNING_AT

    return Signature(tool=__version__, model=model_name, splitter=splitter,
                     thresholds={"error_at": ERROR_AT, "warning_at": WARNING_AT},
                     align=asdict(options.align_params))


def split_document(text: str, lang: str, presplit: bool) -> Document:
    from aligner.split import split_lines, split_sentences

    spans = split_lines(text) if presplit else split_sentences(text, lang)
    return Document(text=text, lang=lang, sentences=tuple(spans))


def align_documents(source: Document, target: Document, embed: EmbedFn, params: AlignParams):
    """Embed every sentence once, then align. Returns (beads, source_vectors, target_vectors)."""
    source_vectors = embed(source.sentence_texts())
    target_vectors = embed(target.sentence_texts())

    def embed_merged(requests: List[Tuple[str, Tuple[int, ...]]]) -> np.ndarray:
        # The aligner asks for a few merged sentence runs a first pass proposed; it never sees text.
        docs = {"source": source, "target": target}
        return embed([docs[side].joined(indices) for side, indices in requests])

    beads = align(
        source_vectors,
        target_vectors,
        [b - a for a, b in source.sentences],
        [b - a for a, b in target.sentences],
        params=params,
        embed_merged=embed_merged,
    )
    return beads, source_vectors, target_vectors


def check_pair(
    source_text: str,
    target_text: str,
    embed: EmbedFn,
    model_name: str,
    options: CheckOptions = CheckOptions(),
    report_id: Optional[str] = None,
    run_checks: bool = True,
) -> Report:
    """Split, embed, align and (unless run_checks is False, as for `aligner align`) check."""
    from aligner.checks.context import CheckContext
    from aligner.checks.registry import run_checks as run_all_checks

    source = split_document(source_text, options.source_lang, options.presplit)
    target = split_document(target_text, options.target_lang, options.presplit)
    beads, source_vectors, target_vectors = align_documents(source, target, embed, options.align_params)
    findings: List[Finding] = []
    if run_checks:
        context = CheckContext(
            source=source,
            target=target,
            source_vectors=source_vectors,
            target_vectors=target_vectors,
            beads=beads,
            embed=embed,
        )
        findings = run_all_checks(context, disabled=options.disabled_rules)
    return Report(
        source=source,
        target=target,
        beads=beads,
        findings=findings,
        signature=make_signature(model_name, options),
        id=report_id,
    )
