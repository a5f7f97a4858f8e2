"""Progress bars on stderr (tqdm): texts embedded, and pairs checked in a corpus.

Shown only when stderr is a terminal, unless --progress / --no-progress says otherwise, so that
logs of CI jobs hold no carriage-return noise. Reports go to stdout and are never touched.
tqdm is imported only when a bar is actually shown.
"""

from __future__ import annotations

import sys
from typing import Callable, List, Optional

SMALL_CALL = 64  # an encoder call with fewer texts is over before a bar would be read


def progress_wanted(choice: Optional[bool]) -> bool:
    """--progress / --no-progress if given, else: is stderr a terminal?"""
    return choice if choice is not None else sys.stderr.isatty()


class Progress:
    """The bars of one run. With enabled=False every method is a cheap no-op."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._pairs = None  # the corpus bar, once the first pair is done

    def note(self, message: str) -> None:
        """A line such as "checking corpus.jsonl with e5-small", shown with the bars."""
        if self.enabled:
            print(f"aligner: {message}", file=sys.stderr, flush=True)

    def pair_done(self) -> None:
        """Count one checked pair (a file pair, a segment, a --pairs line)."""
        if not self.enabled:
            return
        if self._pairs is None:
            from tqdm import tqdm

            # The total is unknown: inputs are read as a stream, so the bar shows count and rate.
            self._pairs = tqdm(desc="checked", unit=" pairs", file=sys.stderr, position=0, leave=False)
        self._pairs.update(1)

    def clear(self) -> None:
        """Take the bar off the terminal before a report is printed; the next count draws it again."""
        if self._pairs is not None:
            self._pairs.clear()

    def close(self) -> None:
        if self._pairs is not None:
            self._pairs.close()
            self._pairs = None

    def embedding(self, encode: Callable) -> Callable[[List[str]], object]:
        """encode (an Encoder.encode taking progress=) wrapped to show a bar for each large call."""
        if not self.enabled:
            return encode

        def embed(texts: List[str]):
            if len(texts) <= SMALL_CALL:
                return encode(texts)
            from tqdm import tqdm

            with tqdm(total=len(texts), desc="embedded", unit=" texts", file=sys.stderr,
                      position=1 if self._pairs is not None else 0, leave=False) as bar:
                def advance(done: int, total: int) -> None:
                    bar.total = total  # distinct texts: the encoder drops repeats
                    bar.update(done - bar.n)

                return encode(texts, progress=advance)

        return embed
