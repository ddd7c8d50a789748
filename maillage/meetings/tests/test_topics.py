"""Topics on the agenda and the action items agreed on them, followed up at later meetings."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from maillage.core.models import AuditEntry
from maillage.meetings import agenda, services
from maillage.meetings.models import ActionItem, ActionStatus, AgendaItem, ItemKind, MeetingKind

from .base import MeetingTestCase


class TopicTests(MeetingTestCase):
    def setUp(self):
        self.planned = self.meeting()

    def test_a_topic_has_its_title_presenter_links_and_time_and_is_audited(self):
        item = self.topic(
            self.planned,
            documents=["https://exemple.org/plan.pdf", " https://exemple.org/bilan "],
            minutes_allotted=20,
        )
        item.refresh_from_db()
        self.assertEqual(item.kind, ItemKind.TOPIC)
        self.assertIsNone(item.situation)
        self.assertEqual(item.presenter_organization, self.city)
        self.assertEqual(
            item.documents, ["https://exemple.org/plan.pdf", "https://exemple.org/bilan"]
        )
        self.assertEqual(item.minutes_allotted, 20)
        entry = AuditEntry.objects.get(action="meetings.agenda.add_topic")
        self.assertEqual(entry.data, {"topic": item.pk})

    def test_a_topic_without_a_title_is_refused_and_nothing_is_written(self):
        with self.assertRaisesMessage(ValidationError, "Donnez un titre au sujet."):
            agenda.add_topic(meeting=self.planned, title="   ", by=self.coordinator)
        self.assertFalse(AgendaItem.objects.filter(kind=ItemKind.TOPIC).exists())

    def test_a_presenter_not_seated_at_the_table_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "doit siéger à cette table"):
            self.topic(self.planned, presenter=self.shelter)
        self.assertFalse(AgendaItem.objects.filter(kind=ItemKind.TOPIC).exists())

    def test_a_document_that_is_not_a_web_address_is_refused(self):
        for link in ("plan.pdf", "javascript:alert(1)", "ftp://exemple.org/plan"):
            with self.subTest(link=link), self.assertRaises(ValidationError):
                self.topic(self.planned, documents=[link])
        self.assertFalse(AgendaItem.objects.filter(kind=ItemKind.TOPIC).exists())

    def test_the_time_allotted_must_be_sensible(self):
        with self.assertRaises(ValidationError):
            self.topic(self.planned, minutes_allotted=0)
        self.assertFalse(AgendaItem.objects.filter(kind=ItemKind.TOPIC).exists())

    def test_refreshing_the_agenda_keeps_the_topics(self):
        item = self.topic(self.planned)
        agenda.refresh_agenda(meeting=self.planned, by=self.coordinator)
        self.assertEqual(list(self.planned.items.listed()), [item])

    def test_topics_are_ordered_and_removed_like_situations(self):
        situation = self.situation_in("presented")
        agenda.refresh_agenda(meeting=self.planned, by=self.coordinator)
        item = self.topic(self.planned)
        agenda.move_item(item=item, offset=-1, by=self.coordinator)
        self.assertEqual([i.pk for i in self.planned.items.listed()][0], item.pk)
        agenda.remove_item(item=item, by=self.coordinator)
        self.assertEqual([i.situation for i in self.planned.items.listed()], [situation])

    def test_an_agenda_of_topics_only_can_be_published(self):
        self.topic(self.planned)
        services.publish_agenda(meeting=self.planned, by=self.coordinator)
        self.planned.refresh_from_db()
        self.assertTrue(self.planned.agenda_published_at)


class ActionItemTests(MeetingTestCase):
    def setUp(self):
        self.live = self.meeting(started=True)
        self.item = self.topic(self.live)
        self.due = self.live.local_date + timedelta(days=30)

    def add(self, **fields):
        fields.setdefault("what", "Dresser la liste des comptoirs alimentaires")
        fields.setdefault("owner", self.police)
        fields.setdefault("due_on", self.due)
        return services.add_action_item(item=self.item, by=self.coordinator, **fields)

    def test_an_action_item_is_agreed_on_a_topic_and_audited(self):
        action = self.add()
        self.assertEqual(
            (action.item, action.owner_organization, action.due_on, action.status),
            (self.item, self.police, self.due, ActionStatus.OPEN),
        )
        entry = AuditEntry.objects.get(action="meetings.meeting.action_item")
        self.assertEqual(entry.data, {"topic": self.item.pk, "action": action.pk})
        self.assertNotIn("comptoirs", str(entry.data))

    def test_bad_input_gets_a_clear_message_and_nothing_is_written(self):
        cases = [
            ({"what": "  "}, "Indiquez ce qui doit être fait."),
            ({"owner": self.shelter}, "L'organisme porteur doit siéger à cette table."),
            (
                {"due_on": self.live.local_date - timedelta(days=1)},
                "ne peut pas précéder la rencontre",
            ),
        ]
        for fields, message in cases:
            with self.subTest(message=message), self.assertRaisesMessage(ValidationError, message):
                self.add(**fields)
        self.assertFalse(ActionItem.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(action="meetings.meeting.action_item").exists())

    def test_a_due_date_on_the_day_of_the_meeting_is_accepted(self):
        self.assertEqual(self.add(due_on=self.live.local_date).due_on, self.live.local_date)

    def test_nothing_is_agreed_before_the_meeting_starts(self):
        planned = self.meeting()
        item = self.topic(planned)
        with self.assertRaises(ValidationError):
            services.add_action_item(
                item=item, what="Appeler", owner=self.police, due_on=self.due, by=self.coordinator
            )
        self.assertFalse(ActionItem.objects.exists())

    def test_action_items_are_not_added_to_situations(self):
        situation_item = AgendaItem.objects.create(
            meeting=self.live, situation=self.situation_in("presented"), reason="added"
        )
        with self.assertRaises(ValidationError):
            services.add_action_item(
                item=situation_item,
                what="Appeler",
                owner=self.police,
                due_on=self.due,
                by=self.coordinator,
            )

    def test_a_topic_with_action_items_stays_on_the_agenda(self):
        self.add()
        with self.assertRaises(ValidationError):
            agenda.remove_item(item=self.item, by=self.coordinator)
        self.item.refresh_from_db()
        self.assertIsNone(self.item.removed_at)

    def test_the_summary_is_saved_and_audited_without_its_text(self):
        services.save_summary(item=self.item, summary=" Plan adopté. ", by=self.coordinator)
        self.item.refresh_from_db()
        self.assertEqual(self.item.summary, "Plan adopté.")
        entry = AuditEntry.objects.get(action="meetings.meeting.summary")
        self.assertEqual(entry.data, {"topic": self.item.pk})


class FollowUpTests(MeetingTestCase):
    """Action items agreed at one meeting come back at the next one until done or dropped."""

    def setUp(self):
        self.first = self.meeting(started=True)
        item = self.topic(self.first)
        due = self.first.local_date + timedelta(days=20)
        self.action = services.add_action_item(
            item=item,
            what="Sonder les partenaires",
            owner=self.school,
            due_on=due,
            by=self.coordinator,
        )
        self.later = services.create_meeting(
            table=self.table,
            starts_at=timezone.now() + timedelta(days=14),
            kind=MeetingKind.SCHEDULED,
            by=self.coordinator,
        )

    def test_open_items_of_earlier_meetings_are_listed_at_the_next_one(self):
        self.assertEqual(list(ActionItem.objects.to_follow_up(self.later)), [self.action])
        self.assertEqual(list(ActionItem.objects.to_follow_up(self.first)), [])

    def test_an_item_done_at_the_next_meeting_stays_in_its_follow_up_and_leaves_the_open_list(self):
        services.start_meeting(meeting=self.later, by=self.coordinator)
        services.follow_up_action(
            meeting=self.later, action=self.action, status=ActionStatus.DONE, by=self.coordinator
        )
        self.action.refresh_from_db()
        self.assertEqual((self.action.status, self.action.followed_up_at), ("done", self.later))
        self.assertEqual(list(ActionItem.objects.of_table(self.table).open()), [])
        self.assertEqual(list(ActionItem.objects.to_follow_up(self.later)), [self.action])
        entry = AuditEntry.objects.get(action="meetings.meeting.follow_up")
        self.assertEqual(entry.data, {"action": self.action.pk, "status": "done"})

    def test_an_item_is_not_followed_up_at_the_meeting_that_agreed_it(self):
        with self.assertRaises(ValidationError):
            services.follow_up_action(
                meeting=self.first, action=self.action, status="done", by=self.coordinator
            )
        self.action.refresh_from_db()
        self.assertEqual(self.action.status, ActionStatus.OPEN)

    def test_an_unknown_status_is_refused(self):
        services.start_meeting(meeting=self.later, by=self.coordinator)
        with self.assertRaises(ValidationError):
            services.follow_up_action(
                meeting=self.later, action=self.action, status="lost", by=self.coordinator
            )
        self.action.refresh_from_db()
        self.assertEqual(self.action.status, ActionStatus.OPEN)

    def test_a_late_item_is_late(self):
        self.assertTrue(self.action.is_late(today=self.action.due_on + timedelta(days=1)))
        self.assertFalse(self.action.is_late(today=date(2000, 1, 1)))
