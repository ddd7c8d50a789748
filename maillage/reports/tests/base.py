"""Personas plus discussions at both tables, enough to fill every panel."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from maillage.reports.periods import last_whole_quarter
from maillage.situations.models import (
    AgeGroup,
    ConclusionCategory,
    Gender,
    RiskFactor,
    Situation,
    Status,
)
from maillage.tables.testing import PersonaTestCase


def inside_last_quarter() -> datetime:
    """Noon on the 15th of the quarter's middle month: seen from inside and outside the table."""
    first, _last = last_whole_quarter()
    middle = first.replace(month=first.month + 1, day=15)
    return datetime.combine(middle, time(12), tzinfo=timezone.get_current_timezone())


def make_discussions(
    table, organizations, count: int, *, start_number: int = 1, days_ago: int | None = None
):
    """``count`` concluded discussions, alike, presented ``days_ago`` days ago (by default in
    the last quarter that has ended, which people outside the table see first)."""
    if days_ago is None:
        presented = inside_last_quarter()
    else:
        presented = timezone.now() - timedelta(days=days_ago)
    factors = list(RiskFactor.objects.filter(table__isnull=True).order_by("pk")[:3])
    age = AgeGroup.objects.filter(table__isnull=True).order_by("pk").first()
    gender = Gender.objects.filter(table__isnull=True).order_by("pk").first()
    conclusion = ConclusionCategory.objects.filter(table__isnull=True).order_by("pk").first()
    made = []
    for i in range(count):
        s = Situation.objects.create(
            table=table,
            number=start_number + i,
            status=Status.CONCLUDED,
            originating_organization=organizations[0],
            lead_organization=organizations[1],
            age_group=age,
            gender=gender,
            presented_at=presented,
            decided_at=presented,
            aer_met=True,
            agencies_named_at=presented,
            first_contact_at=presented + timedelta(hours=20 + i),
            concluded_at=presented + timedelta(days=5),
            conclusion_category=conclusion,
        )
        s.risk_factors.set(factors)
        s.risk_categories.set({f.category_id for f in factors})
        s.assisting_organizations.set(organizations[2:])
        made.append(s)
    return made


class ReportTestCase(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # Sudbury: 12 discussions; one rejected discussion is a small count on its own.
        cls.discussions = make_discussions(cls.table, [cls.city, cls.police, cls.school], 12)
        rejected = make_discussions(cls.table, [cls.police, cls.city], 1, start_number=100)[0]
        Situation.objects.filter(pk=rejected.pk).update(
            status=Status.REJECTED, aer_met=False, lead_organization=None
        )
        # Montréal: 7 discussions nobody at Sudbury may see.
        cls.other_discussions = make_discussions(
            cls.other_table, [cls.shelter, cls.police], 7, start_number=1
        )
