"""The end of a meeting in meeting mode, then its minutes on screen and in print, with axe-core."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.meetings import services
from maillage.meetings.models import (
    AgendaItem,
    AttendanceStatus,
    Decision,
    DecisionKind,
    MeetingKind,
    MeetingStatus,
)
from maillage.privacy import guard
from maillage.situations.models import Status, Task
from maillage.situations.tests.browser import AgenciesBrowserTestCase

pytestmark = pytest.mark.browser


class CloseAndMinutesTests(AgenciesBrowserTestCase):
    """A new situation and one the agencies already work on, at a meeting in progress."""

    def setUp(self):
        super().setUp()
        self.new = self.presented("Menaces répétées envers un voisin.")
        self.returning = self.presented(
            "Personne âgée isolée, refuse tout service.", Status.MOBILIZED, [self.housing]
        )
        self.meeting = services.create_meeting(
            table=self.table,
            starts_at=timezone.now() + timedelta(hours=1),
            kind=MeetingKind.SCHEDULED,
            by=self.coordinator,
        )
        services.start_meeting(meeting=self.meeting, by=self.coordinator)
        # The minutes page runs the identifier detector, whose language model takes seconds to
        # load the first time: load it here, in the live server's process, not within a click.
        guard.find_identifiers(["Rencontre de suivi."])

    def check(self, name: str) -> None:
        self.assert_accessible(name)
        self.screenshot(name)

    def test_the_coordinator_adds_a_next_step_and_notes_closes_and_reads_the_minutes(self):
        page = self.page
        reference = self.returning.reference
        self.sign_in_with_mfa(self.coordinator)
        page.goto(self.url(reverse("meetings:live", args=[self.table.pk, self.meeting.pk])))
        page.get_by_label("Présence de Organisme police").select_option(label="Présent")
        police = page.get_by_role("row", name=re.compile("Organisme police"))
        with page.expect_response(re.compile("/live/attendance/$")):
            police.get_by_role("button", name="Enregistrer").click()

        # The new situation is open first; the coordinator moves on to the returning one.
        page.get_by_role(
            "button", name=f"Enregistrer la décision sur {self.new.reference}"
        ).wait_for()
        page.get_by_role("link", name=f"Discuter de {reference}").click()
        page.get_by_label(re.compile("^Prochaine étape")).fill("Rencontre de suivi avec la famille")
        page.get_by_label(re.compile("^Organisme chargé")).select_option(label="Organisme logement")
        page.get_by_label("Échéance").fill("2030-03-20")
        self.check("minutes-01-live-next-step")
        page.get_by_role("button", name=f"Ajouter une prochaine étape pour {reference}").click()
        page.get_by_text(f"{reference} : la prochaine étape a été ajoutée.").wait_for()
        page.get_by_text(
            "Prochaine étape : Rencontre de suivi avec la famille — Organisme logement"
        ).wait_for()

        page.get_by_label("Notes de discussion").fill("Le logement confirme une place en avril.")
        page.get_by_role("button", name=f"Enregistrer les notes sur {reference}").click()
        page.get_by_text("Les notes ont été enregistrées.").wait_for()
        page.get_by_label("Notes générales pour le compte rendu").fill(
            "Prochaine rencontre : revoir les situations en retard."
        )
        self.check("minutes-02-live-notes")
        page.get_by_role("button", name="Terminer la rencontre et rédiger le compte rendu").click()

        page.get_by_text(
            "La rencontre est terminée. Relisez le compte rendu, puis publiez-le."
        ).wait_for()
        page.get_by_role("heading", name="Compte rendu — Table Sudbury").wait_for()
        minutes = page.locator(".minutes")
        minutes.get_by_text("Projet : pas encore publié.").wait_for()
        # The new situation was not decided at this meeting; the returning one got a next step.
        minutes.get_by_text("Discutée; aucune décision enregistrée.").wait_for()
        minutes.get_by_text(re.compile("Rencontre de suivi avec la famille")).wait_for()
        minutes.get_by_text("Le logement confirme une place en avril.").wait_for()
        minutes.get_by_text("Prochaine rencontre : revoir les situations en retard.").wait_for()
        minutes.get_by_role("row", name="Organisme police Présent").wait_for()
        self.assertEqual(minutes.get_by_text("Menaces répétées").count(), 0)
        self.check("minutes-03-page")

        page.get_by_role("link", name="Version à imprimer").click()
        page.get_by_role("heading", name="Compte rendu — Table Sudbury").wait_for()
        page.get_by_role("heading", name="Situations discutées").wait_for()
        page.get_by_text("Le logement confirme une place en avril.").wait_for()
        self.check("minutes-04-print")

        self.meeting.refresh_from_db()
        self.assertEqual(self.meeting.status, MeetingStatus.CLOSED)
        self.assertIsNotNone(self.meeting.ended_at)
        self.assertEqual(
            self.meeting.minutes_notes, "Prochaine rencontre : revoir les situations en retard."
        )
        self.assertIsNone(self.meeting.minutes_published_at)
        task = Task.objects.get(situation=self.returning)
        self.assertEqual(
            (task.title, task.owner_organization),
            (
                "Rencontre de suivi avec la famille",
                self.housing,
            ),
        )
        self.assertEqual(str(task.due_on), "2030-03-20")
        decision = Decision.objects.get(meeting=self.meeting, kind=DecisionKind.TASK)
        self.assertEqual(decision.task, task)
        item = AgendaItem.objects.get(meeting=self.meeting, situation=self.returning)
        self.assertEqual(item.notes, "Le logement confirme une place en avril.")
        attendance = self.meeting.attendance.get(organization=self.police)
        self.assertEqual(attendance.status, AttendanceStatus.PRESENT)
