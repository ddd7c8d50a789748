"""A concertation table's coordinator runs a meeting of topics, from the agenda to the published
minutes, with axe-core on each page."""

import re

import pytest
from django.urls import reverse

from maillage.meetings.models import ActionItem, ActionStatus, AgendaItem, ItemKind
from maillage.privacy import guard
from maillage.tables.browser import BrowserTestCase
from maillage.tables.models import TableKind

pytestmark = pytest.mark.browser


class TopicMeetingWalkthroughTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        type(self.table).objects.filter(pk=self.table.pk).update(kind=TableKind.CONCERTATION)
        # The identifier detector's language model takes seconds to load the first time: load
        # it here, in the live server's process, not within a click.
        guard.find_identifiers(["Plan de transport adopté."])

    def check(self, name: str) -> None:
        self.assert_accessible(name)
        self.screenshot(name)

    def test_the_coordinator_holds_a_meeting_of_topics_and_publishes_its_minutes(self):
        page = self.page
        self.sign_in_with_mfa(self.coordinator)
        page.goto(self.url(reverse("meetings:list", args=[self.table.pk])))
        page.get_by_role("link", name="Nouvelle rencontre (urgence ou autre date)").click()
        page.get_by_label("Date et heure").fill("2030-03-04T09:30")
        page.get_by_role("button", name="Créer la rencontre").click()
        page.get_by_text("Rien à l'ordre du jour.").wait_for()
        assert page.get_by_role("heading", name="Ajouter une situation").count() == 0

        page.get_by_label(re.compile("^Sujet")).fill("Transport collectif rural")
        page.get_by_label("Présenté par").select_option(label="Organisme police")
        page.get_by_label("Documents").fill("https://exemple.org/etude-transport.pdf")
        page.get_by_label("Minutes prévues").fill("20")
        self.check("topics-01-agenda")
        page.get_by_role("button", name="Ajouter le sujet à l'ordre du jour").click()
        page.get_by_text("Transport collectif rural a été ajouté à l'ordre du jour.").wait_for()
        page.get_by_role("link", name="https://exemple.org/etude-transport.pdf").wait_for()
        page.get_by_role("button", name="Publier l'ordre du jour et aviser les membres").click()
        page.get_by_text("L'ordre du jour a été publié").wait_for()
        page.get_by_role("button", name="Commencer la rencontre").click()
        page.get_by_role("heading", name="Présences").wait_for()

        page.get_by_label("Présence de Organisme police").select_option(label="Présent")
        police = page.get_by_role("row", name=re.compile("Organisme police"))
        with page.expect_response(re.compile("/live/attendance/$")):
            police.get_by_role("button", name="Enregistrer").click()
        page.get_by_label("Décision ou résumé").fill("La table adopte le plan de transport.")
        page.get_by_role(
            "button", name="Enregistrer le résumé de Transport collectif rural"
        ).click()
        page.get_by_text("Transport collectif rural : le résumé a été enregistré.").wait_for()

        # A due date before the meeting is refused, with its reason, and nothing is lost.
        page.get_by_label(re.compile("^Action")).fill("Sonder les municipalités")
        page.get_by_label(re.compile("^Organisme porteur")).select_option(label="Organisme ville")
        page.get_by_label(re.compile("^Échéance")).fill("2030-03-01")
        add = "Ajouter une action pour Transport collectif rural"
        page.get_by_role("button", name=add).click()
        page.get_by_text("L'échéance ne peut pas précéder la rencontre.").wait_for()
        assert page.get_by_label(re.compile("^Action")).input_value() == "Sonder les municipalités"
        page.get_by_label(re.compile("^Échéance")).fill("2030-04-15")
        self.check("topics-02-live")
        page.get_by_role("button", name=add).click()
        page.get_by_text("Transport collectif rural : l'action a été ajoutée.").wait_for()
        page.get_by_text(re.compile("Sonder les municipalités — Organisme ville")).wait_for()

        page.get_by_role("button", name="Terminer la rencontre et rédiger le compte rendu").click()
        page.get_by_role("heading", name="Compte rendu — Table Sudbury").wait_for()
        minutes = page.locator(".minutes")
        minutes.get_by_role("heading", name="Sujets discutés").wait_for()
        minutes.get_by_text("La table adopte le plan de transport.").wait_for()
        minutes.get_by_text("Présenté par Organisme police").wait_for()
        minutes.get_by_role("cell", name="Sonder les municipalités").wait_for()
        self.check("topics-03-minutes")
        page.get_by_role("button", name="Publier le compte rendu").click()
        page.get_by_text("Le compte rendu a été publié.").wait_for()

        page.get_by_role("link", name="Afficher en anglais").click()
        page.locator(".minutes").get_by_role("heading", name="Topics discussed").wait_for()
        page.locator(".minutes").get_by_text("Presented by Agency police").wait_for()
        page.get_by_role("link", name="Version à imprimer").click()
        page.get_by_role("heading", name="Topics discussed").wait_for()
        self.check("topics-04-print")

        topic = AgendaItem.objects.get(kind=ItemKind.TOPIC)
        assert topic.summary == "La table adopte le plan de transport."
        assert topic.documents == ["https://exemple.org/etude-transport.pdf"]
        action = ActionItem.objects.get()
        assert (action.what, action.owner_organization, action.status) == (
            "Sonder les municipalités",
            self.city,
            ActionStatus.OPEN,
        )
        assert str(action.due_on) == "2030-04-15"
        assert topic.meeting.minutes_published_at is not None
