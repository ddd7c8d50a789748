import csv
import io

from django.urls import reverse

from maillage.core.models import AuditEntry
from maillage.privacy.audit import INCIDENT_ADD, INCIDENT_EXPORT
from maillage.privacy.models import Incident
from maillage.tables.testing import PersonaTestCase

from .test_retention import make_incident

VALID = {
    "occurred_on": "2026-03-01",
    "discovered_on": "2026-03-02",
    "description": "An e-mail with a situation reference went to the wrong agency.",
    "information_concerned": "Reference, age group, risk factors",
    "people_affected": "One person",
    "people_affected_count": "1",
    "risk": "serious",
    "risk_reasons": "Risk factors reveal mental health information",
    "regulator": "cai",
    "regulator_notified_on": "2026-03-03",
    "people_notified_on": "",
    "measures_taken": "Recipient confirmed deletion",
}


class IncidentRegisterTests(PersonaTestCase):
    def test_privacy_officer_records_an_incident(self):
        self.sign_in(self.privacy_officer)
        response = self.client.post(reverse("privacy:incident_add"), VALID)
        self.assertRedirects(response, reverse("privacy:incidents"))
        incident = Incident.objects.get()
        self.assertEqual(incident.recorded_by, self.privacy_officer)
        self.assertTrue(incident.notifications_due)
        self.assertTrue(AuditEntry.objects.filter(action=INCIDENT_ADD).exists())

    def test_discovery_before_the_incident_is_explained_and_nothing_saved(self):
        self.sign_in(self.privacy_officer)
        response = self.client.post(
            reverse("privacy:incident_add"), VALID | {"discovered_on": "2026-02-01"}
        )
        self.assertContains(
            response, "Un incident ne peut pas être découvert avant", status_code=400
        )
        self.assertFalse(Incident.objects.exists())

    def test_privacy_officer_edits_an_incident(self):
        incident = make_incident()
        self.sign_in(self.privacy_officer)
        url = reverse("privacy:incident_edit", args=[incident.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        self.client.post(url, VALID | {"people_notified_on": "2026-03-05"})
        incident.refresh_from_db()
        self.assertEqual(str(incident.people_notified_on), "2026-03-05")
        self.assertFalse(incident.notifications_due)

    def test_export_is_csv_with_every_field_and_neutralises_formulas(self):
        make_incident(description='=HYPERLINK("http://x")')
        self.sign_in(self.privacy_officer)
        response = self.client.get(reverse("privacy:incidents_export"))
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        self.assertIn("risk_reasons", rows[0])
        self.assertTrue(rows[1][rows[0].index("description")].startswith("'="))
        self.assertTrue(AuditEntry.objects.filter(action=INCIDENT_EXPORT).exists())

    def test_everyone_else_gets_403(self):
        incident = make_incident()
        for user in (self.coordinator, self.member, self.outsider):
            self.sign_in(user)
            for url in (
                reverse("privacy:incidents"),
                reverse("privacy:incident_add"),
                reverse("privacy:incident_edit", args=[incident.pk]),
                reverse("privacy:incidents_export"),
            ):
                self.assertEqual(self.client.get(url).status_code, 403, (user, url))

    def test_privacy_officer_without_mfa_is_sent_to_enrolment(self):
        self.client.force_login(self.privacy_officer)
        response = self.client.get(reverse("privacy:incidents"))
        self.assertTrue(response["Location"].startswith(reverse("mfa_index")))
