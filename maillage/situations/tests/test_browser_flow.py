"""A situation's life through its own pages, from the decision to the reopening, with axe-core.

The coordinator decides and names the agencies; a worker of the lead agency plans, records first
contact and concludes; the coordinator reopens. A domestic violence cell fills in its risk
checklist, and a coordinator adapts the table's reference lists.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.demo.factory import Course, walk
from maillage.situations.models import (
    HiddenItem,
    RiskAssessment,
    RiskFactor,
    RiskInstrument,
    Service,
    SituationSettings,
    Status,
    Task,
    TaskStatus,
)

from .browser import AgenciesBrowserTestCase

pytestmark = pytest.mark.browser


class PageTestCase(AgenciesBrowserTestCase):
    def check(self, name: str) -> None:
        """axe-core, then a screenshot of the page as it is."""
        self.assert_accessible(name)
        self.screenshot(name)


class FlowTestCase(PageTestCase):
    """Health (``lead_worker``) and housing sit at Sudbury; the police bring a situation."""

    def setUp(self):
        super().setUp()
        self.situation = self.presented("Personne âgée isolée, menaces répétées envers un voisin.")

    def open_situation(self) -> None:
        kwargs = {"table_pk": self.table.pk, "pk": self.situation.pk}
        self.page.goto(self.url(reverse("situations:detail", kwargs=kwargs)))


class DecideAndNameAgenciesTests(FlowTestCase):
    def test_the_coordinator_decides_then_names_the_agencies_on_their_own_pages(self):
        page = self.page
        self.sign_in_with_mfa(self.coordinator)
        self.open_situation()
        page.get_by_role("link", name="Consigner la décision").click()
        page.get_by_role("heading", name=re.compile("^Consigner la décision")).wait_for()
        self.check("flow-01-decide")
        page.get_by_label("Oui : le seuil de risque aigu est atteint").check()
        page.get_by_label("Consensus").check()
        page.get_by_role("button", name="Consigner la décision").click()
        page.get_by_text("La décision de la table a été consignée.").wait_for()
        page.locator("h1 .status", has_text="Acceptée").wait_for()

        page.get_by_role("link", name="Désigner les organismes").click()
        page.get_by_role("heading", name=re.compile("^Désigner les organismes")).wait_for()
        self.check("flow-02-agencies")
        page.get_by_label("Organisme responsable").select_option(label="Organisme sante")
        page.get_by_label("Organisme logement").check()
        page.get_by_role("button", name="Désigner les organismes").click()
        page.get_by_text("Les organismes ont été désignés.").wait_for()
        page.locator("h1 .status", has_text="Mobilisée").wait_for()
        self.check("flow-03-mobilized")

        self.situation.refresh_from_db()
        self.assertEqual(self.situation.status, Status.MOBILIZED)
        self.assertTrue(self.situation.aer_met)
        self.assertEqual(self.situation.lead_organization, self.health)
        self.assertEqual(list(self.situation.assisting_organizations.all()), [self.housing])


class LeadAgencyWorkTests(FlowTestCase):
    def setUp(self):
        super().setUp()
        # First contact is recorded to the minute and cannot come before the naming.
        walk(
            self.situation,
            to=Status.MOBILIZED,
            chair=self.coordinator,
            lead=self.health,
            assisting=[self.housing],
            agencies_named_at=timezone.now() - timedelta(hours=2),
        )

    def test_the_lead_agency_plans_contacts_and_concludes_then_the_coordinator_reopens(self):
        page = self.page
        self.sign_in_with_mfa(self.lead_worker)
        self.open_situation()
        page.get_by_role("link", name="Plan d'action").click()
        page.get_by_text("Aucune tâche pour le moment.").wait_for()
        self.check("flow-04-plan")
        page.get_by_label(re.compile(r"^Tâche\b")).fill("Visite conjointe à domicile")
        page.get_by_label("Organisme responsable de la tâche").select_option(
            label="Organisme logement"
        )
        page.get_by_label("Échéance").fill("2030-03-15")
        page.get_by_role("button", name="Ajouter la tâche").click()
        page.get_by_text("La tâche a été ajoutée au plan d'action.").wait_for()
        status = page.get_by_label("Statut de « Visite conjointe à domicile »")
        status.select_option(label="Terminée")
        page.get_by_role("row", name=re.compile("Visite conjointe")).get_by_role(
            "button", name="Modifier"
        ).click()
        page.get_by_text("Le statut de la tâche a été modifié.").wait_for()
        self.check("flow-05-plan-task-done")
        task = Task.objects.get(situation=self.situation)
        self.assertEqual(task.owner_organization, self.housing)
        self.assertEqual(task.status, TaskStatus.DONE)
        self.assertIsNotNone(task.completed_at)

        self.open_situation()
        page.get_by_role("link", name="Consigner le premier contact").click()
        self.check("flow-06-first-contact")
        contact = timezone.localtime() - timedelta(hours=1)
        page.get_by_label("Date et heure du premier contact").fill(
            contact.strftime("%Y-%m-%dT%H:%M")
        )
        page.get_by_role("button", name="Consigner le premier contact").click()
        page.get_by_text("Le premier contact a été consigné.").wait_for()
        page.get_by_text(re.compile("délai de mobilisation")).wait_for()

        page.get_by_role("link", name="Conclure").click()
        self.check("flow-07-conclude")
        page.get_by_label("Conclusion").select_option(label="Lié à des services")
        page.get_by_label("Logement", exact=True).check()
        page.get_by_label("Soins de santé").check()
        page.get_by_role("button", name="Conclure").click()
        page.get_by_text("La situation a été conclue.").wait_for()
        page.locator("h1 .status", has_text="Conclue").wait_for()
        # Reopening is the table's call, not the lead agency's.
        self.assertEqual(page.get_by_role("link", name="Rouvrir").count(), 0)
        self.check("flow-08-concluded")

        self.situation.refresh_from_db()
        self.assertEqual(self.situation.status, Status.CONCLUDED)
        self.assertEqual(self.situation.conclusion_category.code, "connected")
        self.assertEqual(
            set(self.situation.services.values_list("code", flat=True)), {"housing", "health_care"}
        )
        self.assertEqual(
            timezone.localtime(self.situation.first_contact_at).replace(tzinfo=None),
            contact.replace(second=0, microsecond=0, tzinfo=None),
        )

        self.sign_in_with_mfa(self.coordinator)
        self.open_situation()
        page.get_by_role("link", name="Rouvrir").click()
        self.check("flow-09-reopen")
        page.get_by_role("button", name="Rouvrir").click()
        page.get_by_text("La situation a été rouverte.").wait_for()
        page.locator("h1 .status", has_text="Mobilisée").wait_for()

        self.situation.refresh_from_db()
        self.assertEqual(self.situation.status, Status.MOBILIZED)
        self.assertEqual(self.situation.reopened_count, 1)
        self.assertIsNone(self.situation.conclusion_category)


class RiskChecklistTests(PageTestCase):
    """The Montréal cell, a domestic violence table coordinated by ``other_member``."""

    def setUp(self):
        super().setUp()
        self.situation = walk(
            Course(
                table=self.other_table,
                originating=self.shelter,
                to=Status.PRESENTED,
                by=self.other_member,
                description="Violence conjugale qui s'aggrave depuis la séparation.",
                why_table="",
            )
        )

    def test_the_cell_fills_in_the_checklist_and_sees_the_score(self):
        page = self.page
        instrument = RiskInstrument.objects.get(code="dv-24")
        questions = list(instrument.questions.all())
        self.sign_in_with_mfa(self.other_member)
        kwargs = {"table_pk": self.other_table.pk, "pk": self.situation.pk}
        page.goto(self.url(reverse("situations:detail", kwargs=kwargs)))
        page.get_by_role("link", name="Évaluation du risque").click()
        page.get_by_role("heading", name=re.compile("Grille de risque")).wait_for()
        self.check("flow-10-assessment")
        for question in questions[:9]:
            page.locator(f'input[name="q{question.pk}"][value="yes"]').check()
        for question in questions[9:12]:
            page.locator(f'input[name="q{question.pk}"][value="no"]').check()
        page.get_by_label("Risque élevé par escalade").check()
        page.get_by_role("button", name="Enregistrer l'évaluation").click()
        # Nine "yes" is below the threshold of 14: escalation alone makes it high risk.
        page.get_by_text(
            re.compile(r"Évaluation enregistrée : score 9, risque élevé\.", re.I)
        ).wait_for()
        page.get_by_role("heading", name="Évaluation du risque").wait_for()
        self.check("flow-11-assessed")

        assessment = RiskAssessment.objects.get(situation=self.situation)
        self.assertEqual((assessment.score, assessment.level), (9, "high"))
        self.assertTrue(assessment.escalation)
        self.assertFalse(assessment.professional_judgement)
        answers = assessment.answers
        self.assertEqual(answers[str(questions[0].pk)], "yes")
        self.assertEqual(answers[str(questions[10].pk)], "no")
        self.assertEqual(answers[str(questions[-1].pk)], "unknown")


class ReferenceListSettingsTests(PageTestCase):
    def test_the_coordinator_adapts_timings_and_the_reference_lists(self):
        page = self.page
        factor = RiskFactor.objects.filter(table__isnull=True).order_by("pk").first()
        shown = f"{factor.category.name_fr} – {factor.name_fr}"
        self.sign_in_with_mfa(self.coordinator)
        page.goto(self.url(reverse("situations:dashboard", kwargs={"table_pk": self.table.pk})))
        page.get_by_role("link", name="Listes et délais").click()
        page.get_by_role("heading", name="Listes et délais").wait_for()
        self.check("flow-12-settings")

        page.get_by_label("Heures avant le premier contact").fill("72")
        page.get_by_role("button", name="Enregistrer").click()
        page.get_by_text("Les paramètres ont été enregistrés.").wait_for()

        row = page.get_by_role("row").filter(has=page.get_by_role("cell", name=shown, exact=True))
        row.get_by_role("button", name="Masquer").click()
        page.get_by_text("L'élément est masqué.").wait_for()
        row.get_by_role("button", name="Offrir de nouveau").wait_for()

        page.get_by_role("link", name="Services mobilisés").click()
        page.get_by_label("Nom (français)").fill("Accompagnement juridique")
        page.get_by_label("Nom (anglais)").fill("Legal support")
        page.get_by_role("button", name="Ajouter", exact=True).click()
        page.get_by_text("L'élément a été ajouté à la liste de votre table.").wait_for()
        self.check("flow-13-settings-services")
        row = page.get_by_role("row").filter(has_text="Accompagnement juridique")
        row.get_by_role("button", name="Retirer").click()
        page.get_by_text("L'élément a été retiré; les situations passées le conservent.").wait_for()

        self.assertEqual(SituationSettings.for_table(self.table).mobilization_hours, 72)
        self.assertTrue(
            HiddenItem.objects.filter(
                table=self.table, list_name="riskfactor", item_id=factor.pk
            ).exists()
        )
        self.assertNotIn(factor, RiskFactor.objects.for_table(self.table))
        own = Service.objects.get(table=self.table)
        self.assertEqual((own.name_fr, own.name_en), ("Accompagnement juridique", "Legal support"))
        self.assertIsNotNone(own.retired_at)
        self.assertNotIn(own, Service.objects.for_table(self.table))
