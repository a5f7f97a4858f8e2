"""The whole check for one document pair: split -> embed -> align -> checks.

This is the only module that knows the order of the steps; each step lives in its own module
and none of them knows about the command line or the output formats.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

import numpy as np

from aligner import __version__
from aligner.align import AlignParams, align
from aligner.document import Document
from aligner.findings import Finding
from aligner.result import Origin, Report, Signature

if TYPE_CHECKING:
    from aligner.inputs import TextPair

EmbedFn = Callable[[List[str]], np.ndarray]


@dataclass(frozen=True)
class CheckOptions:
    source_lang: str = "en"
    target_lang: str = "de"
    presplit: bool = False  # the texts hold one sentence per line; keep those sentences
    align_params: AlignParams = field(default_factory=AlignParams)
    disabled_rules: Tuple[str, ...] = ()
    enabled_rules: Tuple[str, ...] = ()  # rules off by default (registry.OFF_BY_DEFAULT) turned on
    allow_terms: Tuple[str, ...] = ()  # left untranslated on purpose: never flagged as English or as a changed name
    severity_overrides: Tuple[Tuple[str, str], ...] = ()  # (rule id, "error"|"warning"|"info") from configuration
    run_checks: bool = True  # False: the alignment alone, as `aligner align` prints it
    word_evidence: bool = True  # checks may read word vectors of the bundled encoder (aligner.embed.word_states)
    word_cache_dir: Optional[str] = None  # where word-level results are kept between runs (None: not kept)


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
    origin: Optional[Origin] = None,
) -> Report:
    """Split, embed, align and (unless options.run_checks is False) check."""
    source = split_document(source_text, options.source_lang, options.presplit)
    target = split_document(target_text, options.target_lang, options.presplit)
    return check_documents(source, target, embed, model_name, options, report_id, origin)


def check_documents(
    source: Document,
    target: Document,
    embed: EmbedFn,
    model_name: str,
    options: CheckOptions = CheckOptions(),
    report_id: Optional[str] = None,
    origin: Optional[Origin] = None,
    inline_codes: Optional[Tuple[Tuple[str, ...], Tuple[str, ...]]] = None,
) -> Report:
    """Embed, align and (unless options.run_checks is False) check two documents already split
    into sentences (`inline_codes`: their segment's tags, when a bilingual file gave them)."""
    from aligner.checks.context import CheckContext
    from aligner.checks.registry import run_checks as run_all_checks
    from aligner.embed.registry import pair_similarity_prior
    from aligner.embed.word_states import word_evidence

    beads, source_vectors, target_vectors = align_documents(source, target, embed, options.align_params)
    findings: List[Finding] = []
    if options.run_checks:
        context = CheckContext(
            source=source,
            target=target,
            source_vectors=source_vectors,
            target_vectors=target_vectors,
            beads=beads,
            embed=embed,
            allow_terms=options.allow_terms,
            similarity_prior=pair_similarity_prior(model_name),
            inline_codes=inline_codes,
            words=word_evidence(model_name, options.word_cache_dir) if options.word_evidence else None,
        )
        findings = run_all_checks(context, disabled=options.disabled_rules, enabled=options.enabled_rules)
        findings = apply_severity_overrides(findings, options.severity_overrides)
    return Report(
        source=source,
        target=target,
        beads=beads,
        findings=findings,
        signature=make_signature(model_name, options),
        id=report_id,
        origin=origin,
    )


def apply_severity_overrides(findings: List[Finding], overrides: Tuple[Tuple[str, str], ...]) -> List[Finding]:
    """A team may rate a rule differently (configuration `[tool.aligner.severity]`); the confidence
    stays as the check measured it, only the severity changes."""
    if not overrides:
        return findings
    from dataclasses import replace

    from aligner.findings import Severity

    table = {rule: Severity.parse(label) for rule, label in overrides}
    return [replace(f, severity=table[f.rule]) if f.rule in table else f for f in findings]


class Prefetched:
    """An EmbedFn that answers from vectors computed in one batch, and asks the encoder for the rest.

    Many short pairs (a --pairs file, the segments of an XLIFF file) would otherwise each make a
    few tiny encoder calls; embedding all their sentences at once keeps the encoder's batches full.
    """

    def __init__(self, embed: EmbedFn, texts: Sequence[str]):
        self._embed = embed
        unique = list(dict.fromkeys(texts))
        vectors = embed(unique) if unique else np.zeros((0, 0), dtype=np.float32)
        self._known: Dict[str, np.ndarray] = dict(zip(unique, vectors))

    def __call__(self, texts: List[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._known))
        if missing:
            self._known.update(zip(missing, self._embed(missing)))
        return np.stack([self._known[t] for t in texts]) if texts else np.zeros((0, 0), dtype=np.float32)


PairOutcome = Tuple["TextPair", Optional[Report], Optional[Exception]]


def check_many(
    pairs: Iterable["TextPair"],
    embed: EmbedFn,
    model_name: str,
    options: CheckOptions = CheckOptions(),
    batch_sentences: int = 512,
) -> Iterator[PairOutcome]:
    """Check many pairs, embedding the sentences of several pairs in one encoder call.

    Yields (pair, report, None) in input order, or (pair, None, error) when one pair fails, so
    that one bad pair never loses the reports of the others.
    """
    pending: List[Tuple["TextPair", Document, Document]] = []

    def flush() -> Iterator[PairOutcome]:
        texts = [t for _, s, d in pending for t in (*s.sentence_texts(), *d.sentence_texts())]
        batch = Prefetched(embed, texts)
        for pair, source, target in pending:
            try:
                yield pair, check_documents(source, target, batch, model_name, options, pair.id,
                                            origin=pair.origin, inline_codes=pair.inline_codes), None
            except Exception as err:  # noqa: BLE001 - reported per pair by the caller
                yield pair, None, err
        pending.clear()

    queued = 0
    for pair in pairs:
        try:
            source = split_document(pair.source, options.source_lang, options.presplit)
            target = split_document(pair.target, options.target_lang, options.presplit)
        except Exception as err:  # noqa: BLE001
            yield pair, None, err
            continue
        pending.append((pair, source, target))
        queued += len(source.sentences) + len(target.sentences)
        if queued >= batch_sentences:
            yield from flush()
            queued = 0
    if pending:
        yield from flush()
