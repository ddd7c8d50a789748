import time
from datetime import timedelta
from unittest import mock

from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from maillage.core.models import AuditEntry
from maillage.organizing import audit, services
from maillage.organizing.models import RequestStatus, Satisfaction, SupportRequest

from .base import OrganizingTestCase


class ReceiveTests(OrganizingTestCase):
    def test_a_request_is_recorded_audited_and_acknowledged_in_the_requesters_language(self):
        data = {
            "organization": self.school,
            "contact_name": "Principal",
            "contact_email": "principal@school.example",
            "language": "en-ca",
            "need": "Our board wants to review its by-laws.",
            "kind": self.governance,
        }
        with self.captureOnCommitCallbacks(execute=True):
            found = services.receive_request(form_data=data, team=self.team, source="public")
        self.assertEqual(found.status, RequestStatus.RECEIVED)
        self.assertTrue(AuditEntry.objects.filter(action=audit.REQUEST_RECEIVE).exists())
        [message] = mail.outbox
        self.assertEqual(message.to, ["principal@school.example"])
        self.assertIn("was received", message.subject)
        self.assertIn(found.reference, message.body)

    def test_a_request_without_an_organisation_is_refused_and_nothing_is_written(self):
        data = {
            "contact_name": "X",
            "contact_email": "x@example.org",
            "need": "N",
            "kind": self.governance,
        }
        with self.assertRaises(ValidationError):
            services.receive_request(form_data=data, team=self.team, source="public")
        self.assertFalse(SupportRequest.objects.exists())


class TriageTests(OrganizingTestCase):
    def test_accepting_assigns_the_organiser_axis_and_intensity_and_tells_the_organisation(self):
        found = self.new_request()
        with self.captureOnCommitCallbacks(execute=True):
            services.triage_request(
                support_request=found,
                decision="accepted",
                reason="",
                redirected_to="",
                organiser=self.organiser,
                axis="organizations",
                intensity=self.long_term,
                by=self.manager,
            )
        found.refresh_from_db()
        self.assertEqual(found.status, RequestStatus.ACCEPTED)
        self.assertEqual(found.organiser, self.organiser)
        self.assertEqual(len(mail.outbox), 1)

    def test_redirecting_needs_a_reason_and_a_place_and_changes_nothing_without(self):
        found = self.new_request()
        with self.assertRaises(ValidationError):
            services.triage_request(
                support_request=found,
                decision="redirected",
                reason="Hors mandat",
                redirected_to="",
                by=self.manager,
            )
        found.refresh_from_db()
        self.assertEqual(found.status, RequestStatus.RECEIVED)

    def test_a_request_is_triaged_once(self):
        found = self.new_request()
        services.triage_request(
            support_request=found,
            decision="declined",
            reason="Hors territoire",
            redirected_to="",
            by=self.manager,
        )
        with self.assertRaises(ValidationError):
            services.triage_request(
                support_request=found,
                decision="declined",
                reason="Encore",
                redirected_to="",
                by=self.manager,
            )


class AccompanimentTests(OrganizingTestCase):
    def setUp(self):
        self.found = self.new_request(
            status=RequestStatus.ACCEPTED,
            organiser=self.organiser,
            axis="organizations",
            intensity=self.long_term,
            received_at=timezone.now() - timedelta(days=30),
        )

    def log(self, **more):
        values = {
            "on": timezone.localdate(),
            "kind": "meeting",
            "minutes": 90,
            "participants": 6,
            "notes": "Rencontre du CA.",
        }
        values.update(more)
        return services.log_activity(support_request=self.found, by=self.organiser, **values)

    def test_activities_add_up_to_the_hours_of_accompaniment(self):
        self.log()
        self.log(minutes=30)
        self.assertEqual(self.found.hours(), 2.0)

    def test_an_activity_before_the_request_was_received_is_refused(self):
        with self.assertRaises(ValidationError):
            self.log(on=timezone.localdate() - timedelta(days=60))
        self.assertFalse(self.found.activities.exists())

    def test_a_duration_outside_its_range_is_refused(self):
        with self.assertRaises(ValidationError):
            self.log(minutes=0)
        with self.assertRaises(ValidationError):
            self.log(minutes=25 * 60)

    def test_closing_records_the_outcome_and_sends_a_single_use_questionnaire(self):
        with self.captureOnCommitCallbacks(execute=True):
            services.close_request(
                support_request=self.found,
                outcome="partly",
                what_changed="Nouveaux règlements.",
                by=self.organiser,
            )
        self.found.refresh_from_db()
        self.assertTrue(self.found.is_closed)
        [message] = mail.outbox
        token = message.body.split("/satisfaction/")[1].split("/")[0]
        answers = {"usefulness": 5, "listening": 4, "autonomy": 3, "comment": ""}
        services.record_satisfaction(token=token, answers=answers)
        self.assertEqual(Satisfaction.objects.get().usefulness, 5)
        with self.assertRaises(services.LinkProblem):
            services.record_satisfaction(token=token, answers=answers)

    def test_no_activity_once_closed(self):
        services.close_request(
            support_request=self.found, outcome="met", what_changed="Tout.", by=self.organiser
        )
        self.found.refresh_from_db()
        with self.assertRaises(ValidationError):
            self.log()


class SatisfactionLinkTests(OrganizingTestCase):
    def test_a_tampered_or_expired_link_is_refused_with_a_reason(self):
        found = self.new_request(status=RequestStatus.CLOSED)
        with self.assertRaises(services.LinkProblem):
            services.request_for_token("12:forged")
        signer = signing.TimestampSigner(salt=services.SATISFACTION_SALT)
        fresh = signer.sign(str(found.pk))
        long_ago = time.time() - 61 * 24 * 3600
        with mock.patch("django.core.signing.time.time", return_value=long_ago):
            expired = signer.sign(str(found.pk))
        with (
            self.assertRaisesMessage(services.LinkProblem, "expired"),
            translation.override("en-ca"),
        ):
            services.request_for_token(expired)
        self.assertEqual(services.request_for_token(fresh), found)
