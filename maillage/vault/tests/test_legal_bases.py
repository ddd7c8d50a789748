"""A table's coordinator adapts the legal bases offered when a disclosure is recorded."""

import csv
import io

from django.core.exceptions import ValidationError
from django.urls import reverse

from maillage.core.models import AuditEntry
from maillage.situations.audit import REFERENCE_ADD
from maillage.vault.forms import DisclosureForm
from maillage.vault.models import LegalBasis

from .test_disclosures import DisclosureTestCase

LOCAL_FR = (
    "Entente de partage d'information de la table de Sudbury, signée par chaque agence "
    "membre, article 4 : communication sans consentement lorsqu'un risque de préjudice grave "
    "et imminent est établi par la table et que la communication est limitée au nécessaire"
)


class LegalBasisListTests(DisclosureTestCase):
    def url(self, name: str, **kwargs) -> str:
        kwargs = {"table_pk": self.table.pk, **kwargs}
        if name != "settings":
            kwargs.setdefault("list_name", "legalbasis")
        return reverse(f"situations:{name}", kwargs=kwargs)

    def offered(self, situation) -> list[LegalBasis]:
        return list(DisclosureForm(situation=situation).fields["legal_basis"].queryset)

    def add_local_basis(self) -> LegalBasis:
        self.sign_in(self.coordinator)
        self.client.post(self.url("add_item"), {"name_fr": LOCAL_FR, "name_en": "Local agreement"})
        return LegalBasis.objects.get(table=self.table)

    def test_the_settings_page_lists_the_legal_bases(self):
        self.sign_in(self.coordinator)
        response = self.client.get(self.url("settings") + "?list=legalbasis")
        self.assertContains(response, "?list=legalbasis")
        self.assertContains(response, LegalBasis.objects.get(code="consent").name_fr)
        self.assertContains(response, 'maxlength="300"')

    def test_a_basis_the_coordinator_adds_is_offered_at_their_table_only(self):
        basis = self.add_local_basis()
        assert basis.name_fr == LOCAL_FR and basis.name_en == "Local agreement"
        assert AuditEntry.objects.filter(action=REFERENCE_ADD, table=self.table)
        assert basis in self.offered(self.situation)
        assert basis not in self.offered(self.mobilized_at_other_table())
        self.basis = basis
        assert self.record().legal_basis == basis

    def test_hiding_a_default_basis_removes_it_from_the_form(self):
        self.sign_in(self.coordinator)
        self.client.post(self.url("toggle_item", item_pk=self.basis.pk), {"hide": "yes"})
        assert self.basis not in self.offered(self.situation)
        assert self.basis in self.offered(self.mobilized_at_other_table())
        with self.assertRaises(ValidationError):
            self.record()
        self.client.post(self.url("toggle_item", item_pk=self.basis.pk), {"hide": "no"})
        assert self.basis in self.offered(self.situation)

    def test_a_retired_basis_stays_on_past_disclosures_and_in_the_export(self):
        self.basis = self.add_local_basis()
        disclosure = self.record()
        self.client.post(self.url("retire_item", item_pk=self.basis.pk))
        self.basis.refresh_from_db()
        assert self.basis.is_retired and self.basis not in self.offered(self.situation)
        disclosure.refresh_from_db()
        assert disclosure.legal_basis == self.basis
        register = self.client.get(reverse("vault:register", args=[self.table.pk]))
        self.assertContains(register, "Entente de partage")
        export = self.client.get(reverse("vault:register_export", args=[self.table.pk]))
        rows = list(csv.reader(io.StringIO(export.content.decode())))
        row = dict(zip(rows[0], rows[1], strict=True))
        assert row["Code du fondement juridique"] == self.basis.code
        assert row["Fondement juridique"] == LOCAL_FR

    def test_a_member_who_is_not_a_coordinator_gets_403(self):
        self.sign_in(self.member)
        self.assert_every_action_answers(403)

    def test_an_outsider_gets_404(self):
        self.sign_in(self.outsider)
        self.assert_every_action_answers(404)

    def assert_every_action_answers(self, status: int) -> None:
        local = LegalBasis.objects.create(
            code="local", name_fr="Entente locale", name_en="Local agreement", table=self.table
        )
        assert self.client.get(self.url("settings") + "?list=legalbasis").status_code == status
        posts = [
            (self.url("add_item"), {"name_fr": "Entente", "name_en": "Agreement"}),
            (self.url("toggle_item", item_pk=self.basis.pk), {"hide": "yes"}),
            (self.url("retire_item", item_pk=local.pk), {}),
        ]
        for url, data in posts:
            with self.subTest(url=url):
                assert self.client.post(url, data).status_code == status
        assert LegalBasis.objects.filter(table=self.table).count() == 1
        assert self.basis in self.offered(self.situation)
        local.refresh_from_db()
        assert not local.is_retired
