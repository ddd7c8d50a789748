"""Small-cell suppression of published counts, with secondary suppression.

A table is a grid of counts with its row totals, column totals and grand total (a list of
counts is a grid with one column). Seen as a system of equations, every row (its cells minus its
total) and every column sums to zero. Draw one node per row and per column, margins included,
and one edge per suppressed entry: a suppressed value can be recovered exactly from the
published ones if and only if its edge is a *bridge* of that graph (it lies on no cycle), because
cycles are exactly the directions in which the unknowns can move without changing any published
sum. So we suppress:

1. every count from 1 to ``threshold - 1`` (cells and margins alike: primary suppression);
2. then, until nothing changes, for any row or column with exactly one suppressed entry the
   smallest non-zero entry beside it, and for any remaining bridge the smallest non-zero entry
   that closes a cycle through it (secondary suppression).

All suppressed entries are non-zero, so moving every cell of a cycle by ±1 gives another table
with the same published numbers and no negative count: the attacker cannot tell them apart.
The grand total is never chosen as a complement, so it is published or not by its own value
alone, and tables of the same period that share it stay consistent. See ``docs/reports.md``.
"""

from collections import deque
from dataclasses import dataclass, field

DEFAULT_THRESHOLD = 5
TOTAL = "__total__"

Entry = tuple[int, int]  # (row index, column index); index == len(rows/cols) is the margin


@dataclass
class Grid:
    """Counts laid out as ``values[row][col]``, with the margins appended."""

    rows: list
    cols: list
    values: list[list[int]]
    suppressed: set[Entry] = field(default_factory=set)

    @property
    def margin_row(self) -> int:
        return len(self.rows)

    @property
    def margin_col(self) -> int:
        return len(self.cols)

    def value(self, entry: Entry) -> int:
        return self.values[entry[0]][entry[1]]

    def shown(self, row: int, col: int) -> int | None:
        """The published value, or None where suppressed."""
        return None if (row, col) in self.suppressed else self.values[row][col]

    def cell(self, row_key, col_key) -> int | None:
        return self.shown(self.rows.index(row_key), self.cols.index(col_key))

    def row_total(self, row_key) -> int | None:
        return self.shown(self.rows.index(row_key), self.margin_col)

    def col_total(self, col_key) -> int | None:
        return self.shown(self.margin_row, self.cols.index(col_key))

    @property
    def total(self) -> int | None:
        return self.shown(self.margin_row, self.margin_col)

    def entries(self):
        for r in range(self.margin_row + 1):
            for c in range(self.margin_col + 1):
                yield (r, c)


def build_grid(rows: list, cols: list, counts: dict) -> Grid:
    """Lay ``counts[(row, col)]`` out with margins computed from the unsuppressed data."""
    values = [[int(counts.get((r, c), 0)) for c in cols] for r in rows]
    for line in values:
        line.append(sum(line))
    values.append([sum(line[i] for line in values) for i in range(len(cols) + 1)])
    return Grid(rows=list(rows), cols=list(cols), values=values)


def suppress(grid: Grid, threshold: int = DEFAULT_THRESHOLD) -> Grid:
    """Mark primary and secondary suppressions on ``grid`` (in place) and return it."""
    grid.suppressed = {e for e in grid.entries() if 0 < grid.value(e) < threshold}
    changed = True
    while changed:
        changed = _protect_lines(grid) or _protect_bridges(grid)
    return grid


def suppress_counts(rows: list, cols: list, counts: dict, threshold: int) -> Grid:
    return suppress(build_grid(rows, cols, counts), threshold)


def suppress_list(keys: list, counts: dict, threshold: int) -> Grid:
    """A one-way table: each key's count and the total."""
    return suppress_counts(keys, [TOTAL], {(k, TOTAL): n for k, n in counts.items()}, threshold)


def is_small(value: int | None, threshold: int) -> bool:
    return value is not None and 0 < value < threshold


def _candidates(grid: Grid, entries) -> list[Entry]:
    """Entries that may become complements: unsuppressed, non-zero, not the grand total."""
    grand = (grid.margin_row, grid.margin_col)
    return [e for e in entries if e not in grid.suppressed and e != grand and grid.value(e) > 0]


def _line(grid: Grid, kind: str, index: int) -> list[Entry]:
    if kind == "row":
        return [(index, c) for c in range(grid.margin_col + 1)]
    return [(r, index) for r in range(grid.margin_row + 1)]


def _protect_lines(grid: Grid) -> bool:
    """A row or column with exactly one suppressed entry gives it away by subtraction."""
    changed = False
    for kind, count in (("row", grid.margin_row + 1), ("col", grid.margin_col + 1)):
        for index in range(count):
            line = _line(grid, kind, index)
            if sum(e in grid.suppressed for e in line) == 1:
                options = _candidates(grid, line)
                if options:
                    grid.suppressed.add(min(options, key=lambda e: (grid.value(e), e)))
                    changed = True
    return changed


def _neighbours(grid: Grid) -> dict:
    graph: dict = {}
    for r, c in grid.suppressed:
        graph.setdefault(("r", r), set()).add(("c", c))
        graph.setdefault(("c", c), set()).add(("r", r))
    return graph


def _reachable(graph: dict, start, without: tuple) -> set:
    seen, queue = {start}, deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, ()):
            if {node, nxt} == set(without) or nxt in seen:
                continue
            seen.add(nxt)
            queue.append(nxt)
    return seen


def bridges(grid: Grid) -> list[Entry]:
    """Suppressed entries that lie on no cycle, hence recoverable exactly."""
    graph = _neighbours(grid)
    found = []
    for r, c in sorted(grid.suppressed):
        if ("c", c) not in _reachable(graph, ("r", r), (("r", r), ("c", c))):
            found.append((r, c))
    return found


def _protect_bridges(grid: Grid) -> bool:
    for r, c in bridges(grid):
        graph = _neighbours(grid)
        side_a = _reachable(graph, ("r", r), (("r", r), ("c", c)))
        side_b = _reachable(graph, ("c", c), (("r", r), ("c", c)))
        closing = [
            (rr, cc) for (ka, rr), (kb, cc) in _pairs(side_a, side_b) if ka == "r" and kb == "c"
        ]
        options = _candidates(grid, closing)
        if not options:
            # No single entry closes a cycle: reach out from the bridge's row instead;
            # the line rule then completes the cycle on a later pass.
            options = _candidates(grid, _line(grid, "row", r)) or _candidates(
                grid, _line(grid, "col", c)
            )
        if options:
            grid.suppressed.add(min(options, key=lambda e: (grid.value(e), e)))
            return True
    return False


def _pairs(side_a: set, side_b: set):
    for a in side_a:
        for b in side_b:
            yield (a, b)
            yield (b, a)
