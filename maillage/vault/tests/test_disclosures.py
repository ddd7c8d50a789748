import csv
import io
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from maillage.core.models import AuditEntry
from maillage.vault import services
from maillage.vault.audit import DISCLOSURE_ADD, DISCLOSURE_EXPORT, DISCLOSURE_VIEW_REGISTER
from maillage.vault.models import Disclosure, LegalBasis

from .base import VaultTestCase

SHIPPED = {
    "on_mfippa_32h",
    "on_fippa_42_1h",
    "on_phipa_40_1",
    "qc_a21_59_1",
    "qc_p391_18_1",
    "qc_lpj_72_6",
    "consent",
    "other",
}


class DisclosureTestCase(VaultTestCase):
    def setUp(self):
        self.situation = self.situation_in("mobilized")
        self.person = self.add(self.situation).person
        self.basis = LegalBasis.objects.get(code="on_mfippa_32h", table=None)

    def record(self, **changes) -> Disclosure:
        fields = {
            "disclosed_at": timezone.now() - timedelta(hours=1),
            "recipient_organization": self.health,
            "recipient_name": "Infirmière de liaison",
            "danger": "Menaces de mort envers un voisin; arme à feu possible.",
            "imminence": "days",
            "information": ["name", "address"],
            "information_details": "",
            "legal_basis": self.basis,
            "consent_obtained": False,
            **changes,
        }
        return services.record_disclosure(
            situation=self.situation, person=self.person, by=self.member, **fields
        )


class RecordingTests(DisclosureTestCase):
    def test_the_default_legal_bases_ship_in_both_languages(self):
        defaults = LegalBasis.objects.filter(table=None)
        assert set(defaults.values_list("code", flat=True)) == SHIPPED
        assert all(b.name_fr and b.name_en and b.name_fr != b.name_en for b in defaults)

    def test_a_disclosure_is_recorded_for_the_agency_of_the_person_recording(self):
        disclosure = self.record()
        assert disclosure.discloser_organization == self.police
        entry = AuditEntry.objects.get(action=DISCLOSURE_ADD)
        assert entry.data == {
            "legal_basis": "on_mfippa_32h",
            "recipient": self.health.pk,
            "consent": False,
        }
        assert "person" in entry.fields and "danger" in entry.fields
        assert "Menaces" not in str(entry.data)

    def test_a_disclosure_in_the_future_is_refused(self):
        with self.assertRaises(ValidationError):
            self.record(disclosed_at=timezone.now() + timedelta(hours=2))
        assert not Disclosure.objects.exists()

    def test_a_recipient_not_at_the_table_is_refused(self):
        with self.assertRaises(ValidationError):
            self.record(recipient_organization=self.shelter)

    def test_a_legal_basis_of_another_table_is_refused(self):
        foreign = LegalBasis.objects.create(
            code="local",
            name_fr="Entente locale",
            name_en="Local agreement",
            table=self.other_table,
        )
        with self.assertRaises(ValidationError):
            self.record(legal_basis=foreign)

    def test_the_vault_page_offers_to_record_one_for_each_agency_named(self):
        self.sign_in(self.member)
        response = self.client.get(reverse("vault:situation", args=[self.situation.pk]))
        add = reverse("vault:disclosure_add", args=[self.situation.pk])
        for organization in (self.health, self.housing):
            self.assertContains(response, f"{add}?recipient_organization={organization.pk}")
        self.assertNotContains(response, f"{add}?recipient_organization={self.police.pk}")

    def test_the_form_records_the_disclosure(self):
        self.sign_in(self.member)
        url = reverse("vault:disclosure_add", args=[self.situation.pk])
        when = timezone.localtime() - timedelta(minutes=30)
        response = self.client.post(
            url,
            {
                "person": self.person.pk,
                "disclosed_at": when.strftime("%Y-%m-%dT%H:%M"),
                "recipient_organization": self.housing.pk,
                "recipient_name": "Intervenante logement",
                "danger": "Risque d'expulsion et de violence.",
                "imminence": "immediate",
                "information": ["name", "contact"],
                "legal_basis": LegalBasis.objects.get(code="consent").pk,
                "consent_obtained": "on",
            },
        )
        self.assertRedirects(response, reverse("vault:situation", args=[self.situation.pk]))
        disclosure = Disclosure.objects.get()
        assert disclosure.consent_obtained and disclosure.information == ["name", "contact"]

    def test_an_incomplete_form_records_nothing(self):
        self.sign_in(self.member)
        url = reverse("vault:disclosure_add", args=[self.situation.pk])
        response = self.client.post(url, {"person": self.person.pk, "imminence": "days"})
        assert response.status_code == 422
        assert not Disclosure.objects.exists()

    def test_the_uninvolved_member_cannot_record_one(self):
        self.sign_in(self.uninvolved)
        url = reverse("vault:disclosure_add", args=[self.situation.pk])
        assert self.client.get(url).status_code == 403


class RegisterTests(DisclosureTestCase):
    def setUp(self):
        super().setUp()
        self.record(recipient_name='=HYPERLINK("http://x")')
        self.register = reverse("vault:register", args=[self.table.pk])
        self.export = reverse("vault:register_export", args=[self.table.pk])

    def test_the_register_answers_each_persona(self):
        expected = {
            "privacy_officer": 200,
            "coordinator": 200,
            "originating": 403,
            "lead": 403,
            "observer": 403,
            "other_table": 404,
            "outsider": 404,
        }
        for persona, status in expected.items():
            self.sign_in(self.situation_personas[persona])
            with self.subTest(persona=persona):
                assert self.client.get(self.register).status_code == status
                assert self.client.get(self.export).status_code == status

    def test_the_privacy_officer_sees_the_register_but_not_the_identities(self):
        self.sign_in(self.privacy_officer)
        response = self.client.get(self.register)
        self.assertContains(response, f"{self.situation.reference}-P1")
        self.assertContains(response, "Menaces de mort")
        self.assertNotContains(response, "Tremblay")
        assert AuditEntry.objects.filter(action=DISCLOSURE_VIEW_REGISTER).exists()

    def test_the_privacy_officer_cannot_open_the_vault(self):
        self.sign_in(self.privacy_officer)
        url = reverse("vault:situation", args=[self.situation.pk])
        assert self.client.post(url, {"reason": "verify"}).status_code == 404

    def test_the_export_lists_every_disclosure_without_identities(self):
        self.sign_in(self.privacy_officer)
        response = self.client.get(self.export)
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert len(rows) == 2
        row = dict(zip(rows[0], rows[1], strict=True))
        assert row["Personne à risque"] == f"{self.situation.reference}-P1"
        assert row["Code du fondement juridique"] == "on_mfippa_32h"
        assert row["Destinataire (personne)"].startswith("'=")
        assert "Tremblay" not in response.content.decode()
        entry = AuditEntry.objects.get(action=DISCLOSURE_EXPORT)
        assert entry.data == {"rows": 1} and entry.table == self.table
