"""An agency worker brings a situation to the table through the pages, with axe-core checks."""

import re

import pytest
from django.urls import reverse

from maillage.situations.models import Situation, Status
from maillage.tables.browser import BrowserTestCase

pytestmark = pytest.mark.browser


class DraftAndPresentTests(BrowserTestCase):
    def test_member_drafts_is_warned_about_a_name_then_presents_the_situation(self):
        page = self.page
        self.sign_in_with_mfa(self.member)
        page.goto(self.url(reverse("situations:dashboard", kwargs={"table_pk": self.table.pk})))
        self.assert_accessible("situations-dashboard")
        page.get_by_role("link", name="Nouvelle situation").click()
        self.assert_accessible("situation-new")

        page.get_by_label("Type de discussion").select_option(index=1)
        page.get_by_label("Groupe d'âge").select_option(index=1)
        page.get_by_label("Genre").select_option(index=1)
        page.locator("input[name=risk_factors]").first.check()
        page.get_by_label("Description").fill("Marie Tremblay refuse tout service depuis mars.")
        page.locator("textarea[name=why_table]").fill("Aucun organisme ne peut agir seul.")
        page.locator("main form button[type=submit]").last.click()
        # The guard shows the name it found; the worker removes it and saves again.
        page.locator("mark").first.wait_for()
        self.screenshot("situation-01-guard")
        page.get_by_label("Description").fill("Personne âgée isolée, refuse tout service.")
        page.locator("main form button[type=submit]").last.click()
        page.get_by_text(re.compile("Seul votre organisme")).wait_for()
        self.assert_accessible("situation-detail")
        self.screenshot("situation-02-draft")

        situation = Situation.objects.get(table=self.table)
        self.assertEqual(situation.status, Status.DRAFT)
        self.assertEqual(situation.description, "Personne âgée isolée, refuse tout service.")
