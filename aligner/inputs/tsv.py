"""TSV bitext: `source<TAB>target` a line, or `id<TAB>source<TAB>target`.

The layout is set once per file, by a header line or else by the first line with text: 2 columns
are source and target (the id is then the line number), 3 columns are id, source and target. A
line with another number of columns is a problem of its own. A header is a first line whose cells
are all column names (id, source, target, or the two language codes), e.g. `source<TAB>target`.

Quotes are not interpreted (the csv module's QUOTE_NONE, i.e. a plain split on tabs): in bitext a
`"` is part of the sentence, and a quoted field spanning lines would break the line numbers that
findings point at.
"""

from __future__ import annotations

from typing import Iterator, List, Optional, Union

from aligner.inputs.base import InputProblem, TextPair
from aligner.inputs.segments import empty_side_problem
from aligner.inputs.positions import physical_lines
from aligner.read import read_text
from aligner.result import Origin

LAYOUTS = {2: "source<TAB>target", 3: "id<TAB>source<TAB>target"}


def read_tsv(path: str, source_lang: str = "en", target_lang: str = "de",
             encoding: Optional[str] = None) -> Iterator[Union[TextPair, InputProblem]]:
    text = read_text(path, encoding)  # whole-file errors come before the first item
    return _items(path, text, {"id", "source", "target", source_lang.lower(), target_lang.lower()})


def _items(path: str, text: str, header_names: set) -> Iterator[Union[TextPair, InputProblem]]:
    width: Optional[int] = None
    for number, line in enumerate(physical_lines(text), start=1):
        if not line.strip():
            continue
        cells = line.split("\t")
        where = f"{path} line {number}"
        if width is None and len(cells) in LAYOUTS:
            width = len(cells)
            if all(cell.strip().lower() in header_names for cell in cells):
                continue  # the header line
        if len(cells) != (width or 0):
            yield InputProblem(where, _width_problem(len(cells), width))
            continue
        pair_id = cells[0] if width == 3 else str(number)
        source, target = cells[-2], cells[-1]
        problem = empty_side_problem(where, source, target)
        if problem:
            yield problem
            continue
        source_column = _column(cells, width - 2)
        yield TextPair(pair_id, source, target,
                       Origin(path, path, pair_id, number, source_column, number, _column(cells, width - 1)))


def _column(cells: List[str], index: int) -> int:
    """1-based column where cell `index` starts (each earlier cell plus its tab)."""
    return sum(len(cell) + 1 for cell in cells[:index]) + 1


def _width_problem(found: int, width: Optional[int]) -> str:
    expected = LAYOUTS[width] if width else " or ".join(LAYOUTS.values())
    plural = "column" if found == 1 else "columns"
    return f"{found} {plural}, expected {expected}; separate the columns with one tab each"
