"""An organiser moves a development project from planning to implementation, with its logic
model and an indicator whose curve she reads."""

import pytest
from django.urls import reverse

from maillage.organizing import project_services
from maillage.organizing.models import OrganizingTeam, TeamMember, TeamRole
from maillage.organizing.projects import Stage
from maillage.tables.browser import BrowserTestCase
from maillage.tables.testing import make_user

pytestmark = pytest.mark.browser


class ProjectJourneyTests(BrowserTestCase):
    def test_planning_to_implementation_with_logic_model_and_indicator(self):
        team = OrganizingTeam.objects.create(
            organization=self.city, name_fr="Organisation communautaire", name_en="Organising"
        )
        organiser = make_user("organiser", self.city)
        TeamMember.objects.create(team=team, user=organiser, role=TeamRole.ORGANISER)
        project = project_services.create_project(
            team=team, data={"title": "Cuisines collectives du quartier"}, by=organiser
        )
        project_services.change_stage(
            project=project, stage=Stage.PLANNING, reason="", by=organiser
        )
        page = self.page
        self.sign_in_with_mfa(organiser)
        page.goto(self.url(reverse("organizing:projects", args=[team.pk])))
        self.assert_accessible("organizing-projects")
        page.get_by_role("link", name="Cuisines collectives du quartier").click()

        page.locator("select[name=level]").select_option(value="activities")
        page.locator("input[name=text]").fill("Ateliers de cuisine")
        page.get_by_role("button", name="Ajouter au modèle logique").click()
        page.get_by_text("Le modèle logique est mis à jour.").wait_for()

        page.get_by_text("Ajouter un indicateur").click()
        page.locator("input[name=name]").fill("Familles qui cuisinent ensemble")
        page.locator("select[name=group]").select_option(value="how_much")
        page.locator("input[name=unit]").fill("familles")
        page.locator("select[name=polarity]").select_option(value="higher")
        page.locator("input[name=baseline]").fill("10")
        page.locator("input[name=baseline_on]").fill("2025-01-01")
        page.locator("input[name=target]").fill("40")
        page.locator("input[name=target_on]").fill("2027-12-31")
        page.get_by_role("button", name="Ajouter l'indicateur").click()
        page.get_by_text("L'indicateur est ajouté.").wait_for()
        page.locator("input[name=on]").fill("2026-01-15")
        page.locator("input[name=value]").fill("18")
        page.get_by_role("button", name="Consigner la valeur").click()
        page.get_by_text("La valeur est consignée.").wait_for()
        self.assert_accessible("organizing-indicator")
        self.screenshot("organizing-indicator")

        page.get_by_role("link", name="Cuisines collectives du quartier").click()
        page.locator("select[name=stage]").select_option(value="3")
        page.get_by_role("button", name="Changer d'étape").click()
        page.get_by_text("L'étape du projet est changée.").wait_for()
        self.assert_accessible("organizing-project")
        self.screenshot("organizing-project")
        project.refresh_from_db()
        self.assertEqual(project.stage, Stage.IMPLEMENTATION)
