"""Two people hold a meeting in two browsers: the coordinator drives, a member follows."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from maillage.situations.models import Status
from maillage.situations.tests.browser import AgenciesBrowserTestCase

pytestmark = pytest.mark.browser


class MeetingWalkthroughTests(AgenciesBrowserTestCase):
    def setUp(self):
        super().setUp()
        self.situation = self.presented("Menaces répétées envers un voisin.")

    def follower_page(self, user):
        """A second browser, signed in as ``user``."""
        from maillage.accounts.testing import sign_in

        client = Client()
        sign_in(client, user, mfa=True)  # members of a situation table pass a second factor
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        self.addCleanup(context.close)
        context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": self.live_server_url}]
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    def check(self, page, name: str) -> None:
        """axe-core and a screenshot of ``page``."""
        current = self.page
        self.page = page
        try:
            self.assert_accessible(name)
            self.screenshot(name)
        finally:
            self.page = current

    def test_the_coordinator_decides_and_names_agencies_while_a_member_follows(self):
        coordinator = self.page
        self.sign_in_with_mfa(self.coordinator)
        coordinator.goto(self.url(reverse("meetings:list", args=[self.table.pk])))
        self.check(coordinator, "meeting-01-list")
        coordinator.get_by_role("link", name="Nouvelle rencontre (urgence ou autre date)").click()
        coordinator.get_by_label("Date et heure").fill("2030-03-04T09:30")
        coordinator.get_by_label("Type").select_option("emergency")
        coordinator.get_by_role("button", name="Créer la rencontre").click()
        coordinator.get_by_text(self.situation.reference).first.wait_for()
        self.check(coordinator, "meeting-02-agenda")
        publish = "Publier l'ordre du jour et aviser les membres"
        coordinator.get_by_role("button", name=publish).click()
        coordinator.get_by_text("L'ordre du jour a été publié").wait_for()
        coordinator.get_by_role("button", name="Commencer la rencontre").click()
        coordinator.get_by_role("heading", name="Présences").wait_for()
        self.check(coordinator, "meeting-03-drive")

        follower = self.follower_page(self.member)
        follower.goto(coordinator.url)
        follower.get_by_text(self.situation.reference).first.wait_for()
        follower.evaluate("window.followingSince = Date.now()")
        self.check(follower, "meeting-04-follow")
        assert follower.locator("form[hx-post]").count() == 0

        prefix = f"s{self.situation.pk}"
        coordinator.locator(f'input[name="{prefix}-aer_met"][value="yes"]').check()
        coordinator.locator(f'input[name="{prefix}-method"][value="consensus"]').check()
        reference = self.situation.reference
        coordinator.get_by_role("button", name=f"Enregistrer la décision sur {reference}").click()
        coordinator.get_by_text("Risque aigu : reconnu.").wait_for()
        follower.get_by_text("Risque aigu : reconnu.").wait_for()

        coordinator.locator(f'select[name="{prefix}-lead"]').select_option(str(self.health.pk))
        coordinator.locator(f'input[name="{prefix}-assisting"][value="{self.housing.pk}"]').check()
        self.check(coordinator, "meeting-05-agencies")
        coordinator.get_by_role("button", name=f"Désigner les organismes pour {reference}").click()
        follower.get_by_text("Organisme responsable : Organisme sante.").wait_for()
        assert follower.evaluate("typeof window.followingSince") == "number"  # never reloaded
        self.check(follower, "meeting-06-follow-updated")

        self.situation.refresh_from_db()
        assert self.situation.status == Status.MOBILIZED
        assert self.situation.lead_organization == self.health
