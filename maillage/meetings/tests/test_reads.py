"""The meeting pages' hand-written reads give what the same reads through the ORM give."""

from datetime import date

from maillage.demo.factory import walk
from maillage.meetings import agenda, reads, services
from maillage.meetings.models import AttendanceStatus
from maillage.organizations.models import Organization
from maillage.situations.models import Situation, Status

from .base import MeetingTestCase


class ReadsTests(MeetingTestCase):
    def setUp(self):
        self.presented = self.situation_in("presented")
        self.accepted = self.situation_in("accepted")
        self.mobilized = self.situation_in("mobilized")
        self.bare = walk(self.course(Status.PRESENTED, risk_factors=[]))
        self.schools = walk(
            self.course(
                Status.PRESENTED,
                originating=self.school,
                risk_factors=self.factors[:1],
                by=self.observer,
                description="Absences répétées, famille injoignable.",
                why_table="Besoin de la table.",
            )
        )
        self.removed = self.situation_in("presented")
        self.live = self.meeting(started=True)
        item = self.live.items.get(situation=self.removed)
        agenda.remove_item(item=item, by=self.coordinator)
        self.presented.refresh_from_db()
        assisting = [self.youth, self.housing]
        self.decide_and_name(self.live, self.presented, votes=(5, 1), assisting=assisting)
        services.add_next_step(
            meeting=self.live,
            situation=self.presented,
            title="Visite conjointe",
            owner=self.housing,
            due_on=date(2026, 12, 1),
            by=self.coordinator,
        )

    def expected_agenda(self, user) -> list[tuple]:
        visible = Situation.objects.visible_to(user, self.table)
        items = self.live.items.listed().filter(situation__in=visible).order_by("position", "pk")
        return [
            (
                item.pk,
                item.situation_id,
                item.situation.status,
                item.situation.lead_organization_id,
                list(
                    item.situation.risk_categories.order_by("position", "name_fr").values_list(
                        "pk", flat=True
                    )
                ),
            )
            for item in items
        ]

    def test_the_agenda_lists_what_each_person_may_see_with_its_categories_in_order(self):
        for user in (self.coordinator, self.member, self.uninvolved, self.observer, self.outsider):
            with self.subTest(user=user.username):
                found = [
                    (
                        line["item_pk"],
                        line["situation_pk"],
                        line["status_code"],
                        line["lead_pk"],
                        [category[0] for category in line["categories"]],
                    )
                    for line in reads.agenda(self.live, user)
                ]
                self.assertEqual(found, self.expected_agenda(user))

    def test_the_agenda_leaves_out_removed_items_and_keeps_situations_without_categories(self):
        listed = [line["situation_pk"] for line in reads.agenda(self.live, self.coordinator)]
        self.assertNotIn(self.removed.pk, listed)
        self.assertIn(self.bare.pk, listed)
        self.assertIn(self.schools.pk, listed)
        observed = [line["situation_pk"] for line in reads.agenda(self.live, self.observer)]
        self.assertNotIn(self.bare.pk, observed)  # presented, not decided yet
        self.assertIn(self.schools.pk, observed)  # but the observer's own agency's

    def test_decisions_carry_votes_agencies_and_next_steps_as_recorded(self):
        expected = []
        for decision in self.live.decisions.order_by("at", "pk"):
            task = decision.task
            expected.append(
                (
                    decision.situation_id,
                    decision.kind,
                    decision.aer_met,
                    decision.votes_for,
                    decision.lead_organization.name_fr if decision.lead_organization else None,
                    [o.name_fr for o in decision.assisting_organizations.order_by("name_fr")],
                    (task.title, task.owner_organization.name_fr, task.due_on) if task else None,
                )
            )
        found = [
            (
                line["situation_id"],
                line["kind"],
                line["aer_met"],
                line["votes_for"],
                line["lead"].fr if line["lead"] else None,
                [names.fr for names in line["assisting"]],
                (line["task_title"], line["owner"].fr, line["due_on"])
                if line["task_title"]
                else None,
            )
            for lines in reads.decisions(self.live.pk).values()
            for line in lines
        ]
        self.assertEqual(found, expected)
        self.assertEqual(len(found), 3)

    def test_attendance_lines_follow_the_agencies_names(self):
        services.set_attendance(
            meeting=self.live,
            organization_id=self.health.pk,
            status=AttendanceStatus.PRESENT,
            by=self.coordinator,
        )
        expected = [
            (line.pk, line.organization_id, line.status, line.organization.name_fr)
            for line in self.live.attendance.select_related("organization")
        ]
        found = [line[:4] for line in reads.attendance(self.live.pk)]
        self.assertEqual(found, expected)

    def test_seated_agencies_say_which_are_involved_in_a_situation(self):
        seated = Organization.objects.filter(table_seats__table=self.table).order_by("name_fr")
        row = next(
            line
            for line in reads.agenda(self.live, self.coordinator)
            if line["status_code"] == Status.MOBILIZED
        )
        involved = Situation.objects.get(pk=row["situation_pk"]).involved_organization_ids()
        self.assertEqual(
            [(pk, bool(flag)) for pk, _fr, _en, flag in reads.seated(self.table.pk, row)],
            [(org.pk, org.pk in involved) for org in seated],
        )
        self.assertFalse(any(flag for *_names, flag in reads.seated(self.table.pk)))
