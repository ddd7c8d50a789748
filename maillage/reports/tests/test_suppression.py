"""An attacker holding every published number tries to recover a suppressed count, and fails."""

from collections import deque
from fractions import Fraction

from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from maillage.reports.suppression import (
    TOTAL,
    bridges,
    suppress_counts,
    suppress_list,
)

THRESHOLD = 5
small_or_zero = st.integers(min_value=0, max_value=12)


@st.composite
def tables(draw):
    n_rows = draw(st.integers(min_value=1, max_value=6))
    n_cols = draw(st.integers(min_value=1, max_value=5))
    # Many zeros and small counts: the hard cases for suppression.
    cell = st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 40))
    counts = {(r, c): draw(cell) for r in range(n_rows) for c in range(n_cols)}
    return list(range(n_rows)), list(range(n_cols)), counts


def equations(grid):
    """Each row and each column, margins included, as (entries, sign) lists summing to zero."""
    rows = grid.margin_row + 1
    cols = grid.margin_col + 1
    eqs = []
    for r in range(rows):
        eqs.append([((r, c), -1 if c == grid.margin_col else 1) for c in range(cols)])
    for c in range(cols):
        eqs.append([((r, c), -1 if r == grid.margin_row else 1) for r in range(rows)])
    return eqs


def recover_by_subtraction(grid):
    known = {e: grid.value(e) for e in grid.entries() if e not in grid.suppressed}
    progress = True
    while progress:
        progress = False
        for eq in equations(grid):
            unknown = [(e, s) for e, s in eq if e not in known]
            if len(unknown) == 1:
                (e, s) = unknown[0]
                rest = sum(s2 * known[e2] for e2, s2 in eq if e2 in known)
                known[e] = -rest * s
                progress = True
    return {e for e in grid.suppressed if e in known}


def rank(matrix):
    m = [row[:] for row in matrix]
    r = 0
    cols = len(m[0]) if m else 0
    for c in range(cols):
        pivot = next((i for i in range(r, len(m)) if m[i][c] != 0), None)
        if pivot is None:
            continue
        m[r], m[pivot] = m[pivot], m[r]
        for i in range(len(m)):
            if i != r and m[i][c] != 0:
                f = m[i][c] / m[r][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[r], strict=True)]
        r += 1
    return r


def recover_by_linear_algebra(grid):
    """A suppressed entry is determined iff its unit vector lies in the equations' row space."""
    unknowns = sorted(grid.suppressed)
    if not unknowns:
        return set()
    index = {e: i for i, e in enumerate(unknowns)}
    matrix = []
    for eq in equations(grid):
        row = [Fraction(0)] * len(unknowns)
        for e, s in eq:
            if e in index:
                row[index[e]] += s
        matrix.append(row)
    base = rank(matrix)
    found = set()
    for e in unknowns:
        unit = [Fraction(int(i == index[e])) for i in range(len(unknowns))]
        if rank([*matrix, unit]) == base:
            found.add(e)
    return found


def another_table(grid, entry):
    """A different non-negative table with the same published numbers, moving ``entry``."""
    graph = {}
    for r, c in grid.suppressed:
        graph.setdefault(("r", r), []).append(("c", c))
        graph.setdefault(("c", c), []).append(("r", r))
    start, goal = ("c", entry[1]), ("r", entry[0])
    came = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph[node]:
            if {node, nxt} == {start, goal} or nxt in came:
                continue
            came[nxt] = node
            queue.append(nxt)
    if goal not in came:
        return None
    path = [goal]
    while came[path[-1]] is not None:
        path.append(came[path[-1]])
    cycle = [entry] + [
        (a[1], b[1]) if a[0] == "r" else (b[1], a[1]) for a, b in zip(path, path[1:], strict=False)
    ]
    values = [line[:] for line in grid.values]
    for step, (r, c) in enumerate(cycle):
        # Margins enter their row or column with a minus sign: flip the step there.
        sign = (-1 if step % 2 else 1) * (-1 if c == grid.margin_col else 1)
        values[r][c] += sign * (-1 if r == grid.margin_row else 1)
        if values[r][c] < 0:
            return None
    return values


def consistent(grid, values) -> bool:
    for r in range(grid.margin_row + 1):
        if sum(values[r][: grid.margin_col]) != values[r][grid.margin_col]:
            return False
    for c in range(grid.margin_col + 1):
        if sum(values[r][c] for r in range(grid.margin_row)) != values[grid.margin_row][c]:
            return False
    return all(
        values[r][c] == grid.values[r][c]
        for r, c in grid.entries()
        if (r, c) not in grid.suppressed
    )


class SuppressionTests(SimpleTestCase):
    @settings(max_examples=400, deadline=None)
    @given(tables())
    def test_no_small_count_is_published(self, table):
        grid = suppress_counts(*table, THRESHOLD)
        for entry in grid.entries():
            if entry not in grid.suppressed:
                assert grid.value(entry) == 0 or grid.value(entry) >= THRESHOLD

    @settings(max_examples=400, deadline=None)
    @given(tables())
    def test_subtraction_recovers_nothing(self, table):
        grid = suppress_counts(*table, THRESHOLD)
        assert recover_by_subtraction(grid) == set()

    @settings(max_examples=300, deadline=None)
    @given(tables())
    def test_linear_algebra_recovers_nothing(self, table):
        grid = suppress_counts(*table, THRESHOLD)
        assert recover_by_linear_algebra(grid) == set()
        assert bridges(grid) == []

    @settings(max_examples=300, deadline=None)
    @given(tables())
    def test_every_suppressed_count_has_a_non_negative_alternative(self, table):
        grid = suppress_counts(*table, THRESHOLD)
        for entry in grid.suppressed:
            values = another_table(grid, entry)
            assert values is not None, entry
            assert consistent(grid, values)
            assert values[entry[0]][entry[1]] != grid.value(entry)

    @settings(max_examples=200, deadline=None)
    @given(tables())
    def test_grand_total_is_hidden_only_when_itself_small(self, table):
        grid = suppress_counts(*table, THRESHOLD)
        grand = grid.values[grid.margin_row][grid.margin_col]
        assert (grid.total is None) == (0 < grand < THRESHOLD)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(small_or_zero, min_size=1, max_size=10))
    def test_a_list_with_one_small_count_hides_a_second_one(self, counts):
        keys = list(range(len(counts)))
        grid = suppress_list(keys, dict(zip(keys, counts, strict=True)), THRESHOLD)
        hidden = [k for k in keys if grid.cell(k, TOTAL) is None]
        assert len(hidden) != 1 or grid.total is None
        assert recover_by_subtraction(grid) == set()

    def test_threshold_is_configurable(self):
        grid = suppress_list(["a", "b", "c"], {"a": 7, "b": 12, "c": 30}, 10)
        assert grid.cell("a", TOTAL) is None
        assert grid.cell("b", TOTAL) is None
        assert grid.cell("c", TOTAL) == 30

    def test_a_known_table_is_suppressed_as_documented(self):
        counts = {("a", "x"): 3, ("a", "y"): 20, ("b", "x"): 15, ("b", "y"): 30}
        grid = suppress_counts(["a", "b"], ["x", "y"], counts, THRESHOLD)
        assert grid.cell("a", "x") is None
        assert grid.cell("a", "y") is None
        assert grid.cell("b", "x") is None
        assert grid.cell("b", "y") is None
        assert grid.row_total("a") == 23
        assert grid.total == 68
