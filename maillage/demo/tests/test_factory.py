"""One factory makes situations: walked through the lifecycle, or written in bulk alike."""

from datetime import timedelta

from django.utils import timezone

from maillage.core.models import AuditEntry
from maillage.demo.factory import Course, walk, write
from maillage.situations.models import (
    ConclusionCategory,
    DecisionMethod,
    ProtectiveFactor,
    Service,
    Situation,
    Status,
)
from maillage.situations.tests.base import SituationTestCase

M2M = ["risk_factors", "risk_categories", "protective_factors", "assisting_organizations"]
IGNORED = {"id", "number", "updated_at"}  # the row's own key and sequence, and when it was saved


def end_state(situation: Situation) -> dict:
    """Every stored field of a situation and its lists, except its key, number and save time."""
    situation = Situation.objects.get(pk=situation.pk)
    fields = {
        f.attname: getattr(situation, f.attname)
        for f in Situation._meta.concrete_fields
        if f.attname not in IGNORED
    }
    for name in [*M2M, "services", "study_flags"]:
        fields[name] = sorted(getattr(situation, name).values_list("pk", flat=True))
    return fields


class CourseTestCase(SituationTestCase):
    def full_course(self, to: str, **more) -> Course:
        """A course that says everything, times included, as the demo's generators do."""
        now = timezone.now()
        presented = now - timedelta(days=20)
        planned = {
            "protective_factors": list(ProtectiveFactor.objects.filter(table=None)[:2]),
            "services": list(Service.objects.filter(table=None)[:2]),
            "conclusion": ConclusionCategory.objects.get(table=None, code="connected"),
            "created_at": presented - timedelta(days=2),
            "presented_at": presented,
            "decided_at": presented + timedelta(hours=1),
            "agencies_named_at": presented + timedelta(hours=2),
            "first_contact_at": presented + timedelta(hours=30),
            "concluded_at": presented + timedelta(days=12),
        }
        return self.course(to, **{**planned, **more})


class WalkAndWriteTests(CourseTestCase):
    def test_a_written_situation_is_the_one_the_walk_leaves_in_every_state(self):
        for status in Status.values:
            for method in DecisionMethod.values:
                with self.subTest(status=status, method=method):
                    course = self.full_course(status, method=method)
                    walked, written = walk(course), write([course])[0]
                    assert walked.status == status
                    assert end_state(written) == end_state(walked)

    def test_a_written_situation_without_first_contact_is_the_walked_one(self):
        course = self.full_course(Status.MOBILIZED, first_contact_at=None)
        assert end_state(write([course])[0]) == end_state(walk(course))

    def test_written_situations_continue_the_table_numbers(self):
        walk(self.course(Status.PRESENTED))
        written = write([self.course(Status.DRAFT), self.course(Status.PRESENTED)])
        assert [s.number for s in written] == [2, 3]

    def test_writing_records_one_audit_entry_for_the_load(self):
        before = AuditEntry.objects.count()
        write([self.course(Status.CONCLUDED) for _ in range(3)])
        entry = AuditEntry.objects.order_by("-id").first()
        assert AuditEntry.objects.count() == before + 1
        assert (entry.action, entry.table, entry.data) == (
            "demo.situations.load",
            self.table,
            {"count": 3},
        )


class WalkTests(SituationTestCase):
    def actions(self, situation: Situation) -> list[str]:
        return list(
            AuditEntry.objects.filter(object_id=str(situation.pk))
            .order_by("id")
            .values_list("action", flat=True)
        )

    def test_the_walk_leaves_the_audit_trail_of_each_step_by_whoever_took_it(self):
        named = timezone.now() - timedelta(hours=5)
        situation = walk(
            self.course(
                Status.CONCLUDED,
                agencies_named_at=named,
                first_contact_at=named + timedelta(hours=1),
            )
        )
        assert self.actions(situation) == [
            "situations.situation.create",
            "situations.situation.present",
            "situations.situation.decide",
            "situations.situation.name_agencies",
            "situations.situation.first_contact",
            "situations.situation.conclude",
        ]
        actors = AuditEntry.objects.filter(object_id=str(situation.pk)).order_by("id")
        assert [e.actor for e in actors] == [self.member, self.member] + [self.coordinator] * 2 + [
            self.lead_worker,
            self.coordinator,
        ]

    def test_a_walk_goes_on_from_where_a_situation_stands(self):
        situation = walk(self.course(Status.PRESENTED))
        walk(situation, to=Status.MOBILIZED, chair=self.coordinator, lead=self.health)
        assert situation.status == Status.MOBILIZED
        assert situation.version == 4  # created, presented, decided, agencies named
        assert self.actions(situation).count("situations.situation.present") == 1

    def test_planned_times_replace_the_time_of_each_step(self):
        named = timezone.now() - timedelta(days=3)
        situation = walk(self.course(Status.MOBILIZED, agencies_named_at=named))
        situation.refresh_from_db()
        assert situation.agencies_named_at == named
        assert situation.decided_at > named  # not planned: when it was walked

    def test_people_left_out_are_the_ones_seated_at_the_table(self):
        situation = walk(
            Course(table=self.table, originating=self.police, to=Status.ACCEPTED, by=None)
        )
        assert situation.created_by == self.member
        decided = AuditEntry.objects.get(
            object_id=str(situation.pk), action="situations.situation.decide"
        )
        assert decided.actor == self.coordinator

    def test_a_rejected_walk_keeps_only_the_minimal_data(self):
        situation = walk(self.course(Status.REJECTED))
        situation.refresh_from_db()
        assert situation.description == "" and not situation.risk_factors.exists()
        assert situation.risk_categories.exists()
