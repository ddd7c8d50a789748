"""An attacker holding every panel of a dashboard, for every period offered, recovers nothing.

Discussions are drawn at random with a few values of each attribute the linked panels count
(type, decision, lead agency, originating agency, month, risk categories, age group and gender,
repeat). Every published number is a sum over the possible kinds of discussion ("atoms"); the
attacker knows which atoms cannot exist (a lead agency is named only where risk was found),
how many discussions still await their agencies, and every published number of every panel,
for each quarter and grouped by month and by quarter (the periods offered outside a table).
A hidden count is recovered exactly if and only if its sum lies in the span of the published
ones: checked by exact elimination modulo a large prime (a rank lost modulo the prime could
only make the test fail, never pass).
"""

import itertools
from collections import Counter
from datetime import date

import numpy as np
from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from maillage.reports.panels import DISCUSSIONS, LEAD_PENDING, Figures, Options, Shown
from maillage.reports.suppression import TOTAL

THRESHOLD = 5
PRIME = 2_147_483_629
TYPES = ("person", "family")
DECISIONS = (True, False, None)
SECTORS = (1, 2)
CATEGORIES = (10, 20)
AGE_GENDER = ((1, 1), (1, 2), (2, 1))
QUARTERS = (date(2025, 1, 1), date(2025, 4, 1))
MONTHS = {q: [q, q.replace(month=q.month + 1)] for q in QUARTERS}


def possible_atoms() -> list[tuple]:
    atoms = []
    for quarter in QUARTERS:
        for kind, decision, lead, origin, month, cats, (age, gender), repeat in itertools.product(
            TYPES,
            DECISIONS,
            (None, *SECTORS),
            SECTORS,
            MONTHS[quarter],
            [(), (10,), (20,), (10, 20)],
            AGE_GENDER,
            (0, 1),
        ):
            if lead is not None and decision is not True:
                continue  # agencies are named only where risk was found
            atoms.append((quarter, kind, decision, lead, origin, month, cats, age, gender, repeat))
    return atoms


ATOMS = possible_atoms()


@st.composite
def discussions(draw):
    # Mostly one kind of discussion with a few odd ones: many small counts.
    common = draw(st.sampled_from(ATOMS))
    odd = draw(st.lists(st.sampled_from(ATOMS), max_size=25))
    many = draw(st.integers(0, 40))
    return [common] * many + odd


def figures_of(found: list[tuple], period: str) -> Figures:
    def start(month: date) -> date:
        return month if period == "month" else month.replace(month=3 * ((month.month - 1) // 3) + 1)

    count = Counter
    return Figures(
        period=period,
        volume=dict(count(start(a[5]) for a in found)),
        decisions=dict(count((a[1], a[2]) for a in found)),
        categories=dict(count(c for a in found for c in a[6])),
        trend=dict(count((c, start(a[5])) for a in found for c in a[6])),
        factors={},
        pairs=[],
        protective={},
        age_gender=dict(count((a[7], a[8]) for a in found)),
        repeats={
            "first": sum(1 for a in found if not a[9]),
            "repeat": sum(1 for a in found if a[9]),
        },
        originating=dict(count(a[4] for a in found)),
        lead=dict(count(a[3] for a in found if a[3] is not None)),
        assisting={},
        sector_pairs=[],
        conclusions={},
        mobilize={"n": 0, "within": 0, "median": None, "p90": None},
        conclude={"n": 0, "within": 0, "median": None, "p90": None},
    )


def members(key: tuple, quarter: date, period: str):
    """The atoms a published number adds up, written from what each panel counts."""

    def in_period(a, p) -> bool:
        return a[5] == p if period == "month" else True

    match key:
        case ("discussions",):
            return lambda a: True
        case ("volume", p):
            return lambda a: in_period(a, p)
        case ("decisions", t, d):
            return lambda a: (t is TOTAL or a[1] == t) and (d is TOTAL or a[2] == d)
        case ("category", c):
            return lambda a: c in a[6]
        case ("trend", c, p):
            return lambda a: c in a[6] and in_period(a, p)
        case ("age_gender", age, gender):
            return lambda a: (age is TOTAL or a[7] == age) and (gender is TOTAL or a[8] == gender)
        case ("repeats", which):
            return lambda a: a[9] == (which == "repeat")
        case ("originating", s):
            return lambda a: a[4] == s
        case ("lead", "pending"):
            return lambda a: a[2] is True and a[3] is None
        case ("lead", s):
            return lambda a: a[3] is not None if s is TOTAL else a[3] == s
        case ("conclusion", _k):
            return lambda a: False
    raise AssertionError(key)


def vector(key: tuple, quarter: date, period: str) -> np.ndarray:
    test = members(key, quarter, period)
    return np.array([int(a[0] == quarter and test(a)) for a in ATOMS], dtype=np.int64)


def echelon(rows: list[np.ndarray]) -> list[tuple[int, np.ndarray]]:
    """Rows reduced modulo ``PRIME``, each with its pivot column."""
    basis: list[tuple[int, np.ndarray]] = []
    for row in rows:
        reduced = reduce(row, basis)
        pivot = int(np.flatnonzero(reduced)[0]) if reduced.any() else None
        if pivot is not None:
            inverse = pow(int(reduced[pivot]), PRIME - 2, PRIME)
            basis.append((pivot, reduced * inverse % PRIME))
    return basis


def reduce(row: np.ndarray, basis) -> np.ndarray:
    row = row % PRIME
    for pivot, base in basis:
        if row[pivot]:
            row = (row - int(row[pivot]) * base) % PRIME
    return row


def published_dashboards(found: list[tuple]):
    """(quarter, period, the dashboard's ``Shown``) for every dashboard offered."""
    for quarter in QUARTERS:
        mine = [a for a in found if a[0] == quarter]
        for period in ("month", "quarter"):
            yield quarter, period, Shown(figures_of(mine, period), Options(THRESHOLD))


class LinkedSuppressionTests(SimpleTestCase):
    @settings(max_examples=60, deadline=None)
    @given(discussions())
    def test_every_panel_and_every_period_together_recover_no_small_count(self, found):
        published, hidden = [], []
        for quarter, period, shown in published_dashboards(found):
            links = shown.links
            for key, value in links.values.items():
                if key not in links.suppressed:
                    published.append((key, value, vector(key, quarter, period)))
                elif value:  # a count hidden only as a last resort may be zero
                    hidden.append((key, value, vector(key, quarter, period)))
        basis = echelon([v for _key, _value, v in published])
        for key, value, row in hidden:
            assert reduce(row, basis).any(), f"{key} = {value} follows from the published counts"

    @settings(max_examples=100, deadline=None)
    @given(discussions())
    def test_every_published_count_is_zero_or_at_least_the_threshold(self, found):
        for _quarter, _period, shown in published_dashboards(found):
            for key, value in shown.links.values.items():
                if shown(*key) is not None and key not in shown.links.known:
                    assert value == 0 or value >= THRESHOLD, key

    def test_a_category_hidden_over_time_is_not_its_total_less_the_other_periods(self):
        found = [(QUARTERS[0], "person", True, 1, 1, MONTHS[QUARTERS[0]][0], (10,), 1, 1, 0)] * 9
        found += [(QUARTERS[0], "person", True, 1, 1, MONTHS[QUARTERS[0]][1], (10,), 1, 1, 0)] * 3
        shown = Shown(figures_of(found, "month"), Options(THRESHOLD))
        assert shown("category", 10) == 12
        assert shown("trend", 10, MONTHS[QUARTERS[0]][1]) is None
        assert shown("trend", 10, MONTHS[QUARTERS[0]][0]) is None

    def test_awaiting_decision_does_not_follow_from_the_lead_agencies(self):
        month = MONTHS[QUARTERS[0]][0]
        # Risk found 8 times (lead agencies named for each), rejected 30 times, 2 waiting: the
        # smallest complement of "awaiting decision" is "risk found", which the lead agencies
        # add up to.
        accepted = [(QUARTERS[0], "person", True, 1, 1, month, (), 1, 1, 0)] * 8
        rejected = [(QUARTERS[0], "person", False, None, 1, month, (), 1, 1, 0)] * 30
        waiting = [(QUARTERS[0], "person", None, None, 1, month, (), 1, 1, 0)] * 2
        shown = Shown(figures_of(accepted + rejected + waiting, "month"), Options(THRESHOLD))
        assert shown("decisions", TOTAL, None) is None
        assert shown(*DISCUSSIONS) == 40
        assert shown("decisions", TOTAL, True) is None
        assert shown("lead", TOTAL) is None
        assert LEAD_PENDING in shown.links.known
        assert shown.links.determined() == set()
