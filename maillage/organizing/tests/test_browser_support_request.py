"""An organisation asks for support; an organiser triages, accompanies and closes the request."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from maillage.organizing.models import (
    OrganizingTeam,
    RequestStatus,
    Satisfaction,
    SupportRequest,
    TeamMember,
    TeamRole,
)
from maillage.tables.browser import BrowserTestCase
from maillage.tables.testing import make_user

pytestmark = pytest.mark.browser


class SupportRequestJourneyTests(BrowserTestCase):
    def test_from_the_public_form_to_the_organisations_opinion(self):
        team = OrganizingTeam.objects.create(
            organization=self.city, name_fr="Organisation communautaire", name_en="Organising"
        )
        team.territories.add(self.territory)
        self.school.territories.add(self.territory)
        organiser = make_user("organiser", self.city)
        TeamMember.objects.create(team=team, user=organiser, role=TeamRole.ORGANISER)
        # The school's browser speaks French.
        self.context.close()
        self.context = self.browser.new_context(
            locale="fr-CA", viewport={"width": 1280, "height": 900}
        )
        self.page = page = self.context.new_page()
        page.set_default_timeout(20_000)

        # The school asks, without an account.
        page.goto(self.url(reverse("organizing:public_request", args=[team.pk])))
        self.assert_accessible("organizing-public-form")
        page.get_by_label("Organisme demandeur").select_option(label="Organisme ecole")
        page.get_by_label("Type de soutien").select_option(label="Planification stratégique")
        page.get_by_label("Le besoin, dans les mots de l'organisme").fill(
            "Notre conseil veut se doter d'un plan sur trois ans."
        )
        contact = page.get_by_role("textbox", name="Personne-ressource", exact=True)
        contact.fill("Direction générale")
        page.get_by_label("Courriel de la personne-ressource").fill("dg@ecole.example")
        page.get_by_role("button", name="Envoyer la demande").click()
        page.get_by_role("heading", name="Demande reçue").wait_for()
        found = SupportRequest.objects.get()

        # The organiser triages it.
        self.sign_in_with_mfa(organiser)
        page.goto(self.url(reverse("organizing:team_requests", args=[team.pk])))
        self.assert_accessible("organizing-team-requests")
        page.get_by_role("link", name=found.reference).click()
        page.get_by_label("Accepter").check()
        page.get_by_label("Organisateur ou organisatrice").select_option(label="Organiser Test")
        page.get_by_label("Axe").select_option(label="Soutien aux organismes")
        page.get_by_label("Intensité").select_option(label="Long terme")
        self.assert_accessible("organizing-request-triage")
        page.get_by_role("button", name="Consigner le tri").click()
        page.get_by_text("Le tri est consigné").wait_for()

        # An activity, then the closing.
        page.locator("select[name=kind]").select_option(label="Rencontre avec l'organisme")
        page.get_by_label("Durée (minutes)").fill("120")
        page.get_by_label("Participants").fill("7")
        page.get_by_role("button", name="Consigner l'activité").click()
        page.get_by_text("L'activité est consignée.").wait_for()
        self.assertIn("2,0", page.locator("dl.facts").inner_text())
        page.get_by_label("Objectifs partiellement atteints").check()
        page.get_by_label("Ce qui a changé pour l'organisme").fill("Un plan adopté en assemblée.")
        page.get_by_role("button", name="Fermer et demander l'avis de l'organisme").click()
        page.get_by_text("La demande est fermée").wait_for()
        self.assert_accessible("organizing-request-closed")
        self.screenshot("organizing-request-closed")
        found.refresh_from_db()
        self.assertEqual(found.status, RequestStatus.CLOSED)

        # The school answers the questionnaire through its link.
        link = re.search(r"http\S+/satisfaction/\S+/", mail.outbox[-1].body).group(0)
        self.context.clear_cookies()
        page.goto(link.replace("http://127.0.0.1:8000", self.live_server_url))
        self.assert_accessible("organizing-satisfaction")
        for group in ("usefulness", "listening", "autonomy"):
            page.locator(f"input[name={group}][value='4']").check()
        page.get_by_role("button", name="Envoyer mes réponses").click()
        page.get_by_role("heading", name="Merci").wait_for()
        self.assertEqual(Satisfaction.objects.get().usefulness, 4)
