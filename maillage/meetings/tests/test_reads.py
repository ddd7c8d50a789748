"""What the meeting pages read: each person's agenda follows the situations' visibility rule,
decisions carry their agencies and next steps, topics their action items."""

from datetime import date

from maillage.demo.factory import walk
from maillage.meetings import agenda, services
from maillage.meetings.views import seated_choices
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
                        "name_fr", flat=True
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
                        item.pk,
                        item.situation_id,
                        item.situation.status,
                        item.situation.lead_organization_id,
                        [names.fr for names in item.categories],
                    )
                    for item in self.live.agenda_for(user)
                ]
                self.assertEqual(found, self.expected_agenda(user))

    def test_the_agenda_leaves_out_removed_items_and_keeps_situations_without_categories(self):
        listed = [item.situation_id for item in self.live.agenda_for(self.coordinator)]
        self.assertNotIn(self.removed.pk, listed)
        self.assertIn(self.bare.pk, listed)
        self.assertIn(self.schools.pk, listed)
        observed = [item.situation_id for item in self.live.agenda_for(self.observer)]
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
                decision.situation_id,
                decision.kind,
                decision.aer_met,
                decision.votes_for,
                decision.lead_organization.name_fr if decision.lead_organization else None,
                [o.name_fr for o in decision.assisting_organizations.all()],
                (
                    decision.task.title,
                    decision.task.owner_organization.name_fr,
                    decision.task.due_on,
                )
                if decision.task
                else None,
            )
            for decisions in self.live.decisions_by_situation().values()
            for decision in decisions
        ]
        self.assertEqual(found, expected)
        self.assertEqual(len(found), 3)

    def test_seated_choices_are_the_organisations_at_the_table_by_name(self):
        seated = Organization.objects.filter(table_seats__table=self.table).order_by("name_fr")
        self.assertEqual(
            [pk for pk, _name in seated_choices(self.table)], [org.pk for org in seated]
        )

    def test_an_outsider_reads_no_item_and_topics_are_read_with_situations(self):
        topic = agenda.add_topic(meeting=self.live, title="Plan d'action", by=self.coordinator)
        self.assertEqual(self.live.agenda_for(self.outsider), [])
        for user in (self.coordinator, self.observer):
            with self.subTest(user=user.username):
                self.assertIn(topic.pk, [item.pk for item in self.live.agenda_for(user)])
