"""An agency named at Filter 3 enters the person at risk, opens the vault, records a disclosure."""

import re

import pytest
from django.urls import reverse

from maillage.situations.models import Status
from maillage.situations.tests.browser import AgenciesBrowserTestCase
from maillage.vault.models import Disclosure, LegalBasis, VaultPerson

pytestmark = pytest.mark.browser


class VaultWalkthroughTests(AgenciesBrowserTestCase):
    def setUp(self):
        super().setUp()
        self.situation = self.presented("Menaces répétées envers un voisin.", to=Status.MOBILIZED)

    def test_the_lead_agency_enters_opens_and_records_a_disclosure(self):
        page = self.page
        self.sign_in_with_mfa(self.member)
        page.goto(self.url(reverse("situations:detail", args=[self.table.pk, self.situation.pk])))
        page.get_by_role("link", name=re.compile("Coffre d'identité")).click()
        page.get_by_role("link", name="Ajouter une personne").click()
        self.assert_accessible("vault-add")
        page.get_by_label(re.compile(r"^Nom")).fill("Marie Tremblay")
        page.get_by_label("Date de naissance").fill("1980-05-17")
        page.get_by_label("Adresse").fill("12 rue des Érables, Sudbury")
        self.screenshot("vault-01-add")
        page.get_by_role("button", name="Enregistrer").click()
        page.get_by_text("La personne a été ajoutée au coffre.").wait_for()
        assert VaultPerson.objects.filter(situation=self.situation).count() == 1
        assert page.get_by_text("Marie Tremblay").count() == 0
        self.assert_accessible("vault-reason")
        self.screenshot("vault-02-reason")

        page.get_by_label("Pourquoi ouvrez-vous le coffre?").select_option("contact")
        page.get_by_role("button", name="Ouvrir le coffre").click()
        page.get_by_text("Marie Tremblay").wait_for()
        self.assert_accessible("vault-open")
        self.screenshot("vault-03-open")

        page.get_by_role("button", name=re.compile("Modifier")).click()
        page.get_by_label("Coordonnées").fill("705-555-0142")
        page.get_by_role("button", name="Enregistrer").click()
        page.get_by_text("Les renseignements de la personne ont été enregistrés.").wait_for()
        assert page.get_by_text("705-555-0142").count() == 0
        page.get_by_role("button", name="Ouvrir le coffre").click()
        page.get_by_text("705-555-0142").wait_for()

        name = re.compile("Consigner une communication à")
        page.get_by_role("link", name=name).first.click()
        page.get_by_label("Destinataire (personne)").fill("Infirmière de liaison")
        page.get_by_label("Danger").fill("Menaces de mort; arme possible.")
        page.get_by_label("Imminence").select_option("days")
        page.get_by_label("Nom", exact=True).check()
        phipa = LegalBasis.objects.get(code="on_phipa_40_1", table=None)
        page.get_by_label("Fondement juridique").select_option(str(phipa.pk))
        self.assert_accessible("vault-disclosure")
        self.screenshot("vault-04-disclosure")
        page.get_by_role("button", name="Consigner la communication").click()
        page.get_by_text("La communication a été consignée au registre.").wait_for()
        disclosure = Disclosure.objects.get()
        assert disclosure.recipient_organization == self.health
        self.screenshot("vault-05-recorded")
