"""Checking a stream of pairs: in this process, or in `--jobs N` worker processes.

Either way the outcomes come back in input order, as pipeline.check_many yields them:
(pair, report, None), or (pair, None, error) for a pair that failed.

Workers: each loads the encoder once and checks chunks of consecutive pairs with check_many, so
the sentences of a chunk still share encoder batches. The embedding cache is shared between
them (it is safe for concurrent runs, see embed/cache.py). Workers are spawned, not forked: a
fork would copy whatever threads and native libraries the parent holds. Each worker gets its
share of the CPU threads, because the bundled encoder otherwise starts one thread per core in
every worker and they fight for the same cores.
"""

from __future__ import annotations

import os
import pickle
from collections import deque
from typing import TYPE_CHECKING, Deque, Iterable, Iterator, List, Optional, Tuple

from aligner.errors import InputError

if TYPE_CHECKING:
    from aligner.inputs import TextPair
    from aligner.pipeline import CheckOptions, PairOutcome
    from aligner.progress import Progress

CHUNK_CHARACTERS = 20_000  # about 150 sentences a side: big enough for full batches, small enough to share out


def load_encoder_or_fail(model: Optional[str], use_cache: bool):
    """The encoder; a model that cannot be loaded is an InputError (one line, exit 2)."""
    from aligner.embed import ModelError, load_encoder

    try:
        return load_encoder(model, use_cache=use_cache)
    except ModelError as err:
        raise InputError(str(err)) from None


def check_pairs(pairs: Iterable["TextPair"], *, model: Optional[str], use_cache: bool, options: "CheckOptions",
                jobs: int, progress: "Progress") -> Iterator["PairOutcome"]:
    """Check every pair with `jobs` processes (1: this one); outcomes in input order."""
    if use_cache and options.word_cache_dir is None:  # word-level results are cached beside the vectors
        from dataclasses import replace

        from aligner.embed.cache import default_cache_dir

        options = replace(options, word_cache_dir=str(default_cache_dir()))
    if jobs <= 1:
        from aligner.pipeline import check_many

        encoder = load_encoder_or_fail(model, use_cache)
        for outcome in check_many(pairs, progress.embedding(encoder.encode), encoder.name, options):
            progress.pair_done()
            yield outcome
        return
    yield from _check_in_workers(pairs, model, use_cache, options, jobs, progress)


def _check_in_workers(pairs, model, use_cache, options, jobs, progress) -> Iterator["PairOutcome"]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    threads = max(1, (os.cpu_count() or 1) // jobs)
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(model, use_cache, options, threads))
    pending: Deque[Tuple[List["TextPair"], object]] = deque()  # (chunk, future), oldest first

    def finished() -> Iterator["PairOutcome"]:
        chunk, future = pending.popleft()
        try:
            results = future.result()
        except BrokenProcessPool:
            raise InputError(f"a worker process died (out of memory?); run again with --jobs below {jobs}") from None
        for pair, (report, error) in zip(chunk, results):
            if isinstance(error, InputError):  # the model could not be loaded: the same for every pair
                raise error
            progress.pair_done()
            yield pair, report, error

    try:
        for chunk in _chunks(pairs):
            pending.append((chunk, executor.submit(_check_chunk, chunk)))
            if len(pending) > 2 * jobs:  # keep every worker busy, but do not read the whole corpus ahead
                yield from finished()
        while pending:
            yield from finished()
    except BaseException:  # Ctrl-C, a bad input, a closed pipe: do not wait for the chunks in progress
        executor.shutdown(wait=False, cancel_futures=True)
        workers = getattr(executor, "_processes", None) or {}  # no public way to stop them before Python 3.14
        for process in list(workers.values()):
            process.terminate()
        raise
    executor.shutdown(wait=True)


def _chunks(pairs: Iterable["TextPair"]) -> Iterator[List["TextPair"]]:
    chunk: List["TextPair"] = []
    size = 0
    for pair in pairs:
        chunk.append(pair)
        size += len(pair.source) + len(pair.target)
        if size >= CHUNK_CHARACTERS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


# ----------------------------------------------------------------- inside a worker process

_worker: dict = {}  # this worker's encoder and options, set once by _start_worker


def _start_worker(model, use_cache, options, threads) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    os.environ.setdefault("OMP_NUM_THREADS", str(threads))  # read when the encoder's library loads
    try:
        _worker["encoder"] = load_encoder_or_fail(model, use_cache)
    except InputError as err:  # told to the parent with the first chunk, which then stops
        _worker["error"] = err
    _worker["options"] = options


def _check_chunk(chunk: List["TextPair"]) -> List[Tuple[object, Optional[BaseException]]]:
    from aligner.pipeline import check_many

    if "error" in _worker:
        return [(None, _worker["error"])] * len(chunk)
    encoder = _worker["encoder"]
    return [(report, _picklable(error))
            for _, report, error in check_many(chunk, encoder.encode, encoder.name, _worker["options"])]


def _picklable(error: Optional[BaseException]) -> Optional[BaseException]:
    """The error itself when it can travel to the parent process, else its type and message."""
    if error is None:
        return None
    try:
        pickle.dumps(error)
        return error
    except Exception:  # noqa: BLE001 - any pickling failure
        return RuntimeError(f"{type(error).__name__}: {error}")
