"""A concertation table's coordinator runs a meeting of topics; members follow; others cannot."""

from datetime import timedelta
from pathlib import Path

from django.urls import reverse
from django.utils import timezone

from maillage.core.models import AuditEntry
from maillage.meetings import services
from maillage.meetings.models import ActionItem, ActionStatus, AgendaItem, ItemKind, MeetingKind

from .base import MeetingTestCase

PHONE = "Rappeler Mme Tremblay au 514-555-0123."


class TopicAgendaViewTests(MeetingTestCase):
    def setUp(self):
        self.as_concertation()
        self.planned = self.meeting()
        self.add_url = self.url("add_topic", self.planned)
        self.payload = {
            "title": "Transport collectif",
            "presenter": self.city.pk,
            "documents": "https://exemple.org/etude.pdf\nhttps://exemple.org/carte",
            "minutes_allotted": 15,
        }

    def test_coordinator_adds_a_topic_through_htmx(self):
        self.sign_in(self.coordinator)
        response = self.htmx_post(self.add_url, self.payload)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="agenda"')
        self.assertContains(response, "Transport collectif")
        self.assertContains(response, 'href="https://exemple.org/carte"')
        item = AgendaItem.objects.get(kind=ItemKind.TOPIC)
        self.assertEqual(
            item.documents, ["https://exemple.org/etude.pdf", "https://exemple.org/carte"]
        )

    def test_a_concertation_table_offers_topics_not_situations(self):
        self.sign_in(self.coordinator)
        response = self.client.get(self.url("agenda", self.planned))
        self.assertContains(response, "Ajouter un sujet")
        self.assertNotContains(response, self.url("add_item", self.planned))
        self.assertNotContains(response, self.url("refresh", self.planned))

    def test_bad_input_shows_its_error_and_writes_nothing(self):
        self.sign_in(self.coordinator)
        cases = [
            ({"title": ""}, "Ce champ est obligatoire."),
            ({"documents": "etude.pdf"}, "etude.pdf"),
            ({"presenter": self.shelter.pk}, "Sélectionnez un choix valide."),
        ]
        for change, message in cases:
            with self.subTest(change=change):
                response = self.htmx_post(self.add_url, {**self.payload, **change})
                self.assertEqual(response.status_code, 422)
                self.assertContains(response, message, status_code=422)
        response = self.client.post(self.add_url, {**self.payload, "title": ""})
        self.assertContains(response, "<html", status_code=422)
        self.assertFalse(AgendaItem.objects.filter(kind=ItemKind.TOPIC).exists())

    def test_member_without_the_right_gets_403_and_outsiders_404(self):
        for user, status in (
            (self.member, 403),
            (self.observer, 403),
            (self.outsider, 404),
            (self.other_member, 404),
        ):
            with self.subTest(user=user.username):
                self.sign_in(user)
                self.assertEqual(self.htmx_post(self.add_url, self.payload).status_code, status)
        self.assertFalse(AgendaItem.objects.filter(kind=ItemKind.TOPIC).exists())


class TopicMeetingModeViewTests(MeetingTestCase):
    def setUp(self):
        self.as_concertation()
        self.live = self.meeting(started=True)
        self.item = self.topic(self.live)
        self.due = (self.live.local_date + timedelta(days=10)).isoformat()
        self.prefix = f"t{self.item.pk}"

    def action_payload(self, **change):
        payload = {
            f"{self.prefix}a-what": "Inventaire des comptoirs",
            f"{self.prefix}a-owner": self.police.pk,
            f"{self.prefix}a-due_on": self.due,
        }
        payload.update({f"{self.prefix}a-{k}": v for k, v in change.items()})
        return payload

    def test_coordinator_writes_a_summary_and_adds_an_action_item(self):
        self.sign_in(self.coordinator)
        page = self.client.get(self.url("live", self.live))
        self.assertContains(page, f'name="{self.prefix}-summary"')
        response = self.htmx_post(
            self.url("summary", self.live, self.item.pk), {f"{self.prefix}-summary": "Plan adopté."}
        )
        self.assertEqual(response.status_code, 200)
        response = self.htmx_post(
            self.url("add_action", self.live, self.item.pk), self.action_payload()
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Inventaire des comptoirs")
        self.item.refresh_from_db()
        self.assertEqual(self.item.summary, "Plan adopté.")
        self.assertEqual(ActionItem.objects.get().owner_organization, self.police)

    def test_a_summary_with_a_possible_identifier_waits_for_confirmation(self):
        self.sign_in(self.coordinator)
        url = self.url("summary", self.live, self.item.pk)
        response = self.htmx_post(url, {f"{self.prefix}-summary": PHONE})
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, "<mark", status_code=422)
        self.item.refresh_from_db()
        self.assertEqual(self.item.summary, "")
        digest = response.context["forms"]["summary"].guard_digest
        confirmed = {
            f"{self.prefix}-summary": PHONE,
            "guard_confirm": "yes",
            "guard_digest": digest,
        }
        self.assertEqual(self.htmx_post(url, confirmed).status_code, 200)
        self.item.refresh_from_db()
        self.assertEqual(self.item.summary, PHONE)
        entry = AuditEntry.objects.get(action="meetings.meeting.guard_override")
        self.assertIn("PHONE", entry.data["labels"])
        self.assertNotIn("514", str(entry.data))

    def test_an_action_item_due_before_the_meeting_is_refused_with_its_reason(self):
        self.sign_in(self.coordinator)
        before = (self.live.local_date - timedelta(days=2)).isoformat()
        response = self.htmx_post(
            self.url("add_action", self.live, self.item.pk), self.action_payload(due_on=before)
        )
        self.assertContains(
            response, "échéance ne peut pas précéder la rencontre.", status_code=422
        )
        self.assertFalse(ActionItem.objects.exists())

    def test_members_follow_the_topics_read_only(self):
        services.save_summary(item=self.item, summary="Plan adopté.", by=self.coordinator)
        self.sign_in(self.member)
        page = self.client.get(self.url("live", self.live))
        self.assertContains(page, "Sécurité alimentaire")
        self.assertContains(page, "Plan adopté.")
        self.assertContains(page, 'hx-trigger="every 3s"')
        self.assertNotContains(page, f'name="{self.prefix}-summary"')

    def test_member_without_the_right_gets_403_and_outsiders_404(self):
        urls = [
            (self.url("summary", self.live, self.item.pk), {f"{self.prefix}-summary": "x"}),
            (self.url("add_action", self.live, self.item.pk), self.action_payload()),
        ]
        for user, status in ((self.member, 403), (self.observer, 403), (self.outsider, 404)):
            self.sign_in(user)
            for url, data in urls:
                with self.subTest(user=user.username, url=url):
                    self.assertEqual(self.htmx_post(url, data).status_code, status)
        self.assertFalse(ActionItem.objects.exists())
        self.item.refresh_from_db()
        self.assertEqual(self.item.summary, "")

    def test_a_situation_url_does_not_reach_a_topic(self):
        self.sign_in(self.coordinator)
        response = self.htmx_post(self.url("notes", self.live, self.item.pk), {})
        self.assertEqual(response.status_code, 404)


class FollowUpViewTests(MeetingTestCase):
    def setUp(self):
        self.as_concertation()
        first = self.meeting(started=True)
        due = first.local_date + timedelta(days=5)
        self.action = services.add_action_item(
            item=self.topic(first),
            what="Sonder les partenaires",
            owner=self.school,
            due_on=due,
            by=self.coordinator,
        )
        services.close_meeting(meeting=first, notes="", by=self.coordinator)
        self.later = services.create_meeting(
            table=self.table,
            starts_at=timezone.now() + timedelta(days=14),
            kind=MeetingKind.SCHEDULED,
            by=self.coordinator,
        )
        services.start_meeting(meeting=self.later, by=self.coordinator)

    def test_the_next_meeting_lists_the_open_item_and_the_coordinator_marks_it_done(self):
        self.sign_in(self.coordinator)
        page = self.client.get(self.url("live", self.later))
        self.assertContains(page, "Actions à suivre")
        self.assertContains(page, "Sonder les partenaires")
        response = self.htmx_post(
            self.url("follow_up", self.later),
            {"action": self.action.pk, f"status-{self.action.pk}": "done"},
        )
        self.assertEqual(response.status_code, 200)
        self.action.refresh_from_db()
        self.assertEqual(self.action.status, ActionStatus.DONE)

    def test_open_items_are_on_the_tables_page_for_its_members_only(self):
        self.sign_in(self.member)
        page = self.client.get(reverse("tables:detail", args=[self.table.pk]))
        self.assertContains(page, "Sonder les partenaires")
        self.sign_in(self.outsider)
        self.assertEqual(
            self.client.get(reverse("tables:detail", args=[self.table.pk])).status_code, 404
        )

    def test_members_cannot_follow_up_and_outsiders_get_404(self):
        url = self.url("follow_up", self.later)
        data = {"action": self.action.pk, f"status-{self.action.pk}": "done"}
        for user, status in ((self.member, 403), (self.outsider, 404)):
            self.sign_in(user)
            self.assertEqual(self.htmx_post(url, data).status_code, status)
        self.action.refresh_from_db()
        self.assertEqual(self.action.status, ActionStatus.OPEN)


class TopicMinutesTests(MeetingTestCase):
    def setUp(self):
        self.as_concertation()
        self.held = self.meeting(started=True)
        self.item = self.topic(
            self.held, documents=["https://exemple.org/plan.pdf"], minutes_allotted=20
        )
        services.save_summary(item=self.item, summary="Plan régional adopté.", by=self.coordinator)
        services.add_action_item(
            item=self.item,
            what="Diffuser le plan",
            owner=self.police,
            due_on=self.held.local_date + timedelta(days=7),
            by=self.coordinator,
        )
        services.close_meeting(meeting=self.held, notes="", by=self.coordinator)
        self.sign_in(self.coordinator)

    def test_minutes_carry_topics_summaries_and_action_items_in_both_languages(self):
        french = self.client.get(self.url("minutes_print", self.held), {"lang": "fr"})
        self.assertContains(french, "Sujets discutés")
        self.assertContains(french, "Présenté par Organisme ville")
        self.assertContains(french, "Plan régional adopté.")
        self.assertContains(french, "Diffuser le plan")
        self.assertNotContains(french, "Situations discutées")
        english = self.client.get(self.url("minutes_print", self.held), {"lang": "en"})
        self.assertContains(english, "Topics discussed")
        self.assertContains(english, "Presented by Agency ville")
        self.assertContains(english, "Plan régional adopté.")  # as written, never translated

    def test_the_pdf_is_produced(self):
        response = self.client.get(self.url("minutes_pdf", self.held), {"lang": "fr"})
        self.assertTrue(response.content.startswith(b"%PDF"))

    def test_identifiers_in_action_items_hold_back_publication(self):
        ActionItem.objects.update(what=PHONE)
        page = self.client.get(self.url("minutes", self.held))
        self.assertContains(page, "<mark")
        self.client.post(self.url("publish_minutes", self.held))
        self.held.refresh_from_db()
        self.assertIsNone(self.held.minutes_published_at)


class TemplatesAskRulesTests(MeetingTestCase):
    def test_meeting_templates_test_no_status_literal(self):
        folder = Path(__file__).resolve().parent.parent / "templates"
        for template in folder.rglob("*.html"):
            with self.subTest(template=template.name):
                text = template.read_text()
                self.assertNotRegex(text, r"""status\s*==\s*["']""")
                self.assertNotRegex(text, r"""kind\s*==\s*["']""")


class DemoMeetingsTests(MeetingTestCase):
    def test_the_demo_meetings_of_a_concertation_table_open_for_its_coordinator(self):
        from maillage.meetings.demo import seed_meetings

        self.as_concertation()
        held, upcoming = seed_meetings(table=self.table, by=self.coordinator)
        self.assertTrue(held.minutes_published_at)
        self.assertEqual(ActionItem.objects.of_table(self.table).open().count(), 3)
        self.sign_in(self.coordinator)
        services.start_meeting(meeting=upcoming, by=self.coordinator)
        for url in (
            self.url("minutes", held),
            self.url("agenda", upcoming),
            reverse("meetings:list", args=[self.table.pk]),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)
        page = self.client.get(self.url("live", upcoming))
        self.assertContains(page, "Recenser les horaires des comptoirs")
