from maillage.core.models import AuditEntry
from maillage.meetings import services
from maillage.meetings.audit import MINUTES_EXPORT, MINUTES_PUBLISH
from maillage.meetings.models import MeetingStatus
from maillage.vault import services as vault_services
from maillage.vault.models import Identity

from .base import MeetingTestCase

PERSON = "Gisèle Tremblay-Ouellet"


class MinutesTests(MeetingTestCase):
    """A meeting where one situation was accepted and given its agencies and a next step."""

    def setUp(self):
        self.situation = self.situation_in("presented")
        self.held = self.meeting(started=True)
        services.set_attendance(
            meeting=self.held,
            organization_id=self.police.pk,
            status="present",
            by=self.coordinator,
        )
        self.decide_and_name(self.held, self.situation, votes=(5, 0), assisting=[self.housing])
        vault_services.add_person(
            situation=self.situation,
            role="at_risk",
            identity=Identity(name=PERSON, address="12 rue des Pins"),
            by=self.lead_worker,
        )
        services.close_meeting(meeting=self.held, notes="Séance productive.", by=self.coordinator)

    def test_minutes_carry_references_decisions_and_agencies_but_no_identifiers(self):
        self.sign_in(self.coordinator)
        response = self.client.get(self.url("minutes_print", self.held), {"lang": "fr"})
        self.assertContains(response, self.situation.reference)
        self.assertContains(response, "Organisme sante")
        self.assertContains(response, "5 pour, 0 contre")
        self.assertContains(response, "Séance productive.")
        for secret in (PERSON, "rue des Pins", self.situation.description, "Coordinator"):
            self.assertNotContains(response, secret)

    def test_minutes_render_in_english_on_demand_and_keep_notes_as_written(self):
        self.sign_in(self.coordinator)
        response = self.client.get(self.url("minutes_print", self.held), {"lang": "en"})
        self.assertContains(response, '<html lang="en-ca">')
        self.assertContains(response, "Lead agency: Agency sante.")
        self.assertContains(response, "Decided by vote: 5 for, 0 against.")
        self.assertContains(response, "Séance productive.")

    def test_pdf_is_produced(self):
        self.sign_in(self.coordinator)
        response = self.client.get(self.url("minutes_pdf", self.held), {"lang": "en"})
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertTrue(AuditEntry.objects.filter(action=MINUTES_EXPORT).exists())

    def test_members_read_the_minutes_only_once_published(self):
        self.sign_in(self.member)
        self.assertEqual(self.client.get(self.url("minutes", self.held)).status_code, 403)
        self.sign_in(self.coordinator)
        self.client.post(self.url("publish_minutes", self.held))
        self.held.refresh_from_db()
        self.assertIsNotNone(self.held.minutes_published_at)
        self.sign_in(self.member)
        self.assertEqual(self.client.get(self.url("minutes", self.held)).status_code, 200)
        self.sign_in(self.outsider)
        self.assertEqual(self.client.get(self.url("minutes", self.held)).status_code, 404)

    def test_possible_identifiers_in_notes_block_publication_until_confirmed(self):
        self.held.minutes_notes = "Rappeler au 514-555-0123."
        self.held.save()
        self.sign_in(self.coordinator)
        page = self.client.get(self.url("minutes", self.held))
        self.assertContains(page, "<mark")
        self.client.post(self.url("publish_minutes", self.held))
        self.held.refresh_from_db()
        self.assertIsNone(self.held.minutes_published_at)
        self.client.post(
            self.url("publish_minutes", self.held),
            {"confirm": "yes", "digest": page.context["digest"]},
        )
        self.held.refresh_from_db()
        self.assertIsNotNone(self.held.minutes_published_at)
        entry = AuditEntry.objects.get(action=MINUTES_PUBLISH)
        self.assertEqual(entry.data, {"confirmed_labels": ["PHONE"]})
        self.assertNotIn("514", str(entry.data))

    def test_minutes_of_a_meeting_not_yet_held_are_not_available(self):
        upcoming = self.meeting()
        self.assertEqual(upcoming.status, MeetingStatus.PLANNED)
        self.sign_in(self.coordinator)
        self.assertEqual(self.client.get(self.url("minutes", upcoming)).status_code, 403)
