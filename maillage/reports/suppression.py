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
   smallest non-zero entry beside it, and for any entry still determined by the published
   ones the smallest non-zero entry beside it that leaves it undetermined (secondary
   suppression).

The same method runs over every panel of a dashboard at once (``Linked``): panels published
together share totals, so they are one system of sums, and a grid is its simplest case.

All suppressed entries are non-zero, so moving every cell of a cycle by ±1 gives another table
with the same published numbers and no negative count: the attacker cannot tell them apart.
The grand total is never chosen as a complement, so it is published or not by its own value
alone, and tables of the same period that share it stay consistent. See ``docs/reports.md``.
"""

from collections import deque
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction

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
    linked = Linked()
    for entry in grid.entries():
        linked.add(entry, grid.value(entry))
    for kind, count in (("row", grid.margin_row), ("col", grid.margin_col)):
        for index in range(count + 1):
            *parts, total = _line(grid, kind, index)
            linked.tie(parts, total)
    linked.fixed.add((grid.margin_row, grid.margin_col))
    grid.suppressed = linked.suppress(threshold)
    return grid


def suppress_counts(rows: list, cols: list, counts: dict, threshold: int) -> Grid:
    return suppress(build_grid(rows, cols, counts), threshold)


def suppress_list(keys: list, counts: dict, threshold: int) -> Grid:
    """A one-way table: each key's count and the total."""
    return suppress_counts(keys, [TOTAL], {(k, TOTAL): n for k, n in counts.items()}, threshold)


def is_small(value: int | None, threshold: int) -> bool:
    return value is not None and 0 < value < threshold


def _line(grid: Grid, kind: str, index: int) -> list[Entry]:
    if kind == "row":
        return [(index, c) for c in range(grid.margin_col + 1)]
    return [(r, index) for r in range(grid.margin_row + 1)]


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


class Linked:
    """Counts published together, and the sums that tie them: every panel of one dashboard.

    A dashboard's panels share numbers (the number of discussions is the total of five of
    them; a risk category's count is the total of its row over time; the lead agencies add up
    to the discussions where risk was found, less those whose agencies are not named yet), so
    suppression must hold across all of them at once: a count hidden in one panel must not
    follow from the others. Each quantity has a key and a value; ``tie(parts, total)`` says
    that the parts add up to the total. ``fixed`` quantities are never chosen as complements
    (each panel's overall total: hidden only when itself small, so that panels agree on it);
    ``known`` ones are assumed known to the reader though not shown (the worst case).

    A hidden quantity is recovered exactly if and only if its unit vector lies in the row
    space of the sums restricted to the hidden quantities (``determined``). Suppression adds,
    for each hidden quantity that is still determined, the smallest non-zero complement in a
    sum beside it that leaves it undetermined (or, when no single one does, the smallest, and
    tries again). Complements are never zero: a zero is published, so a hidden count is at
    least one and a move of the unknowns along a cycle keeps every count non-negative.
    """

    def __init__(self) -> None:
        self.values: dict[Hashable, int] = {}
        self.sums: list[tuple[tuple, Hashable]] = []
        self.fixed: set = set()
        self.known: set = set()
        self.suppressed: set = set()

    def add(self, key: Hashable, value: int, *, fixed: bool = False, known: bool = False):
        if key in self.values and self.values[key] != value:
            raise ValueError(f"{key!r} is published twice with different values")
        self.values[key] = int(value)
        if fixed:
            self.fixed.add(key)
        if known:
            self.known.add(key)

    def tie(self, parts: Iterable[Hashable], total: Hashable) -> None:
        self.sums.append((tuple(parts), total))

    def shown(self, key: Hashable) -> int | None:
        return None if key in self.suppressed else self.values[key]

    def suppress(self, threshold: int) -> set:
        """Primary and secondary suppression; returns the hidden keys."""
        self.suppressed = {
            k for k, v in self.values.items() if 0 < v < threshold and k not in self.known
        }
        while self._protect_sums() or self._protect_determined():
            pass
        return self.suppressed

    def _order(self, key) -> tuple:
        return (self.values[key], repr(key))

    def _protect_sums(self) -> bool:
        """A sum with exactly one hidden quantity gives it away by subtraction."""
        changed = False
        for parts, total in self.sums:
            members = (*parts, total)
            if sum(q in self.suppressed for q in members) == 1:
                options = self._options(members)
                if options:
                    self.suppressed.add(options[0])
                    changed = True
        return changed

    def _protect_determined(self) -> bool:
        """A hidden quantity still determined by several sums together: hide a complement
        that leaves it undetermined, or the smallest beside it and try again."""
        exposed = self.determined()
        if not exposed:
            return False
        key = min(exposed, key=self._order)
        beside = {q for sum_ in self._sums_with(key) for q in sum_}
        options = self._options(beside) or self._options(self._component(key))
        for option in options:
            if key not in self.determined(extra=option, within=key):
                self.suppressed.add(option)
                return True
        if options:
            self.suppressed.add(options[0])
            return True
        # Nothing left to hide beside it but totals: hide them too.
        more = self._component(key) - self.known - self.suppressed
        self.suppressed |= more
        return bool(more)

    def _sums_with(self, key) -> list[tuple]:
        """Each sum that holds ``key``, as its members (parts and total)."""
        return [(*parts, total) for parts, total in self.sums if key in (*parts, total)]

    def _options(self, keys) -> list:
        found = [
            k
            for k in keys
            if k not in self.suppressed
            and k not in self.fixed
            and k not in self.known
            and self.values[k] > 0
        ]
        return sorted(found, key=self._order)

    def _component(self, key) -> set:
        """Every quantity tied to ``key`` through sums with hidden quantities."""
        seen, todo = {key}, [key]
        while todo:
            current = todo.pop()
            for parts, total in self.sums:
                members = (*parts, total)
                if current in members:
                    for q in members:
                        if q not in seen:
                            seen.add(q)
                            if q in self.suppressed:
                                todo.append(q)
        return seen

    def determined(self, *, extra=None, within=None) -> set:
        """Hidden quantities that follow exactly from the published ones."""
        hidden = self.suppressed | ({extra} if extra is not None else set())
        groups = _groups(self.sums, hidden)
        if within is not None:
            groups = [g for g in groups if within in g[0]]
        found: set = set()
        for unknowns, sums in groups:
            found |= _solved(unknowns, sums, hidden)
        return found


def _groups(sums, hidden: set) -> list[tuple[set, list]]:
    """The sums split into groups that share no hidden quantity, with their hidden quantities."""
    groups: list[tuple[set, list]] = []
    for parts, total in sums:
        unknowns = {q for q in (*parts, total) if q in hidden}
        if not unknowns:
            continue
        joined = [g for g in groups if g[0] & unknowns]
        merged: tuple[set, list] = (set(unknowns), [(parts, total)])
        for group in joined:
            merged[0].update(group[0])
            merged[1].extend(group[1])
            groups.remove(group)
        groups.append(merged)
    return groups


def _solved(unknowns: set, sums: list, hidden: set) -> set:
    """The unknowns fixed by these sums: pivots whose reduced row holds no other unknown."""
    order = sorted(unknowns, key=repr)
    index = {k: i for i, k in enumerate(order)}
    rows = []
    for parts, total in sums:
        row = [Fraction(0)] * len(order)
        for p in parts:
            if p in hidden:
                row[index[p]] += 1
        if total in hidden:
            row[index[total]] -= 1
        rows.append(row)
    pivots = []
    r = 0
    for c in range(len(order)):
        pivot = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        lead = rows[r][c]
        rows[r] = [v / lead for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                f = rows[i][c]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append((r, c))
        r += 1
    return {order[c] for r, c in pivots if all(v == 0 for i, v in enumerate(rows[r]) if i != c)}
