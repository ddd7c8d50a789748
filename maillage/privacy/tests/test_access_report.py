from django.urls import reverse

from maillage.core.audit import log_action
from maillage.core.models import AuditEntry
from maillage.privacy.audit import ACCESS_REPORT_VIEW
from maillage.tables.testing import PersonaTestCase
from maillage.vault.audit import PERSON_EDIT, VAULT_VIEW


class FakeVaultPerson:
    """Stands for a vault record: the report reads only what the audit entry stored."""

    class _meta:  # noqa: N801 - mimics a model's options for the audit API
        label_lower = "vault.vaultperson"

    def __init__(self, pk: int, reference: str) -> None:
        self.pk, self.audit_label = pk, reference

    def __str__(self) -> str:
        return "Marie Tremblay"  # what a careless __str__ could say: never stored


class ViewsOfVaultPeople(PersonaTestCase):
    def setUp(self):
        self.first = FakeVaultPerson(11, "RMT-0042-P1")
        self.second = FakeVaultPerson(12, "RMT-0042-P2")
        self.elsewhere = FakeVaultPerson(13, "RMT-0420-P1")
        for person, user in [
            (self.first, self.member),
            (self.second, self.coordinator),
            (self.elsewhere, self.member),
        ]:
            log_action(
                VAULT_VIEW,
                user=user,
                obj=person,
                table=self.table,
                data={"reason": "plan"},
            )
        log_action(PERSON_EDIT, user=self.member, obj=self.first, table=self.table)
        self.url = reverse("privacy:access_report")


class AccessReportTests(ViewsOfVaultPeople):
    def test_report_by_person_reference_lists_who_viewed_them(self):
        self.sign_in(self.privacy_officer)
        response = self.client.get(self.url, {"reference": "rmt-0042-p1"})
        self.assertEqual([e.actor for e in response.context["entries"]], [self.member])

    def test_report_by_situation_reference_covers_every_person_of_it(self):
        self.sign_in(self.privacy_officer)
        response = self.client.get(self.url, {"reference": "RMT-0042"})
        self.assertEqual(
            sorted(e.label for e in response.context["entries"]),
            ["RMT-0042-P1", "RMT-0042-P2"],
        )

    def test_report_by_record_number(self):
        self.sign_in(self.privacy_officer)
        response = self.client.get(self.url, {"object_id": "13"})
        self.assertEqual([e.label for e in response.context["entries"]], ["RMT-0420-P1"])

    def test_report_names_the_reader_and_the_reason_in_the_readers_language(self):
        self.member.first_name, self.member.last_name = "Luc", "Bélanger"
        self.member.save()
        self.sign_in(self.privacy_officer)
        response = self.client.get(self.url, {"reference": "RMT-0042-P1"})
        self.assertContains(response, "Luc Bélanger")
        self.assertContains(response, "Planifier ou mener l")
        self.assertNotContains(response, "Marie Tremblay")

    def test_a_reference_with_spaces_is_explained(self):
        self.sign_in(self.privacy_officer)
        response = self.client.get(self.url, {"reference": "RMT 0042"})
        self.assertContains(response, "lettres, des chiffres et des traits", status_code=400)

    def test_consulting_the_report_is_itself_audited(self):
        self.sign_in(self.privacy_officer)
        self.client.get(self.url, {"reference": "RMT-0042"})
        self.assertTrue(AuditEntry.objects.filter(action=ACCESS_REPORT_VIEW).exists())

    def test_empty_search_is_explained(self):
        self.sign_in(self.privacy_officer)
        response = self.client.get(self.url, {"reference": ""})
        self.assertContains(response, "Indiquez une référence", status_code=400)

    def test_coordinator_gets_403(self):
        self.sign_in(self.coordinator)
        self.assertEqual(self.client.get(self.url).status_code, 403)


class AuditSampleTests(ViewsOfVaultPeople):
    def test_sample_shows_recent_identifying_reads_only(self):
        self.sign_in(self.privacy_officer)
        response = self.client.get(reverse("privacy:audit_sample"))
        self.assertEqual(response.context["total"], 3)
        self.assertTrue(all(e.action == VAULT_VIEW for e in response.context["sample"]))

    def test_targeted_by_user(self):
        self.sign_in(self.privacy_officer)
        response = self.client.get(reverse("privacy:audit_sample"), {"user": "coordinator"})
        self.assertEqual(response.context["total"], 1)

    def test_targeted_by_organisation(self):
        self.sign_in(self.privacy_officer)
        response = self.client.get(
            reverse("privacy:audit_sample"), {"organization": self.police.pk}
        )
        self.assertEqual(response.context["total"], 2)
