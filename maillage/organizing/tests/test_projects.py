from django.core.exceptions import ValidationError
from django.urls import reverse

from maillage.core.models import AuditEntry
from maillage.organizing import audit
from maillage.organizing import project_services as services
from maillage.organizing.projects import Determinant, GuidingQuestion, Stage, StageAnswer

from .base import OrganizingTestCase


class ProjectStageTests(OrganizingTestCase):
    def setUp(self):
        self.project = services.create_project(
            team=self.team,
            data={
                "title": "Sécurité alimentaire à Donovan",
                "territories": [self.territory],
                "determinants": list(Determinant.objects.filter(code__in=["food", "income"])),
            },
            by=self.organiser,
        )

    def test_a_project_moves_forward_one_stage_at_a_time_with_dates_kept(self):
        services.change_stage(
            project=self.project, stage=Stage.PLANNING, reason="", by=self.organiser
        )
        services.change_stage(
            project=self.project, stage=Stage.IMPLEMENTATION, reason="", by=self.organiser
        )
        stages = list(self.project.stage_changes.values_list("to_stage", flat=True))
        self.assertEqual(stages, [1, 2, 3])
        self.assertEqual(AuditEntry.objects.filter(action=audit.PROJECT_STAGE).count(), 2)

    def test_going_back_without_a_reason_is_refused_and_nothing_changes(self):
        services.change_stage(
            project=self.project, stage=Stage.PLANNING, reason="", by=self.organiser
        )
        with self.assertRaises(ValidationError):
            services.change_stage(
                project=self.project, stage=Stage.INITIATION, reason="  ", by=self.organiser
            )
        self.project.refresh_from_db()
        self.assertEqual(self.project.stage, Stage.PLANNING)
        self.assertEqual(self.project.stage_changes.count(), 2)

    def test_going_back_with_a_reason_is_kept_with_the_change(self):
        services.change_stage(
            project=self.project, stage=Stage.PLANNING, reason="", by=self.organiser
        )
        services.change_stage(
            project=self.project,
            stage=Stage.INITIATION,
            reason="Nouveau portrait requis.",
            by=self.organiser,
        )
        self.assertEqual(self.project.stage_changes.last().reason, "Nouveau portrait requis.")

    def test_answers_to_the_stages_guiding_questions_are_saved_and_blanks_removed(self):
        question = GuidingQuestion.objects.filter(stage=Stage.INITIATION).first()
        services.answer_questions(
            project=self.project, answers={question.pk: "Une épicerie a fermé."}, by=self.organiser
        )
        self.assertEqual(StageAnswer.objects.get().text, "Une épicerie a fermé.")
        services.answer_questions(
            project=self.project, answers={question.pk: ""}, by=self.organiser
        )
        self.assertFalse(StageAnswer.objects.exists())

    def test_a_funding_that_ends_before_it_starts_is_refused(self):
        with self.assertRaises(ValidationError):
            services.add_funding(
                project=self.project,
                data={
                    "funder": "Centraide",
                    "amount": 5000,
                    "starts_on": "2026-06-01",
                    "ends_on": "2026-01-01",
                },
                by=self.organiser,
            )
        self.assertFalse(self.project.fundings.exists())


class ProjectPageTests(OrganizingTestCase):
    def setUp(self):
        self.project = services.create_project(
            team=self.team, data={"title": "Jardins collectifs"}, by=self.organiser
        )

    def test_the_team_moves_a_project_from_planning_to_implementation_through_the_page(self):
        self.sign_in(self.organiser)
        url = reverse("organizing:project_stage", args=[self.project.pk])
        self.client.post(url, {"stage": 2})
        response = self.client.post(url, {"stage": 3}, follow=True)
        self.assertEqual(response.status_code, 200)
        self.project.refresh_from_db()
        self.assertEqual(self.project.stage, Stage.IMPLEMENTATION)

    def test_skipping_back_without_reason_is_explained_on_the_page(self):
        self.sign_in(self.organiser)
        url = reverse("organizing:project_stage", args=[self.project.pk])
        response = self.client.post(url, {"stage": 4})
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, 'role="alert"', status_code=422)

    def test_people_outside_the_team_get_404(self):
        for user in (self.outsider, self.organiser2, self.school_rep):
            self.sign_in(user)
            for name in ("organizing:project", "organizing:project_stage"):
                with self.subTest(user=user.username, url=name):
                    url = reverse(name, args=[self.project.pk])
                    self.assertEqual(self.client.get(url).status_code, 404)
                    self.assertEqual(self.client.post(url, {"stage": 2}).status_code, 404)
            with self.subTest(user=user.username, url="projects"):
                url = reverse("organizing:projects", args=[self.team.pk])
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_new_project_without_a_title_is_explained_and_nothing_is_written(self):
        self.sign_in(self.organiser)
        response = self.client.post(
            reverse("organizing:project_new", args=[self.team.pk]), {"title": "", "summary": "x"}
        )
        self.assertEqual(response.status_code, 422)
        self.assertEqual(self.team.projects.count(), 1)
