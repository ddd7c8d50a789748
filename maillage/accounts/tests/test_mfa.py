import time

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from maillage.accounts.audit import MFA_ADD
from maillage.accounts.decorators import mfa_required, recent_auth_required
from maillage.accounts.mfa import requires_mfa
from maillage.accounts.testing import enrol_totp
from maillage.core.models import AuditEntry
from maillage.tables.models import Role, Seat, Table
from maillage.tables.testing import PersonaTestCase, make_user


class RequiresMfaTests(PersonaTestCase):
    def test_members_of_situation_tables_and_dv_cells_require_mfa(self):
        self.assertTrue(requires_mfa(self.member))
        self.assertTrue(requires_mfa(self.other_member))

    def test_privacy_officers_and_superusers_require_mfa(self):
        self.assertTrue(requires_mfa(self.privacy_officer))
        self.outsider.is_superuser = True
        self.assertTrue(requires_mfa(self.outsider))

    def test_concertation_members_and_outsiders_do_not(self):
        self.assertFalse(requires_mfa(self.outsider))
        table = Table.objects.create(
            kind="concertation", name_fr="C", name_en="C", territory=self.territory
        )
        person = make_user("concert", self.school)
        Seat.objects.create(table=table, user=person, organization=self.school, role=Role.MEMBER)
        self.assertFalse(requires_mfa(person))


class MfaRequiredDecoratorTests(PersonaTestCase):
    url_name = "privacy:audit"

    def test_privacy_officer_without_mfa_is_sent_to_enrolment(self):
        self.client.force_login(self.privacy_officer)
        response = self.client.get(reverse(self.url_name))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("mfa_index")))

    def test_session_not_verified_with_mfa_is_sent_to_the_mfa_step(self):
        enrol_totp(self.privacy_officer)
        self.sign_in(self.privacy_officer, mfa=False)
        response = self.client.get(reverse(self.url_name))
        self.assertTrue(response["Location"].startswith(reverse("mfa_reauthenticate")))

    def test_session_verified_with_mfa_gets_the_page(self):
        self.sign_in(self.privacy_officer)
        self.assertEqual(self.client.get(reverse(self.url_name)).status_code, 200)

    def test_a_member_without_a_second_factor_gets_no_page_but_enrolment(self):
        self.client.force_login(self.member)
        response = self.client.get(reverse("home"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("mfa_index")))
        self.assertEqual(self.client.get(reverse("mfa_index")).status_code, 200)

    def test_a_person_who_needs_no_second_factor_signs_in_with_a_password(self):
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(reverse("home")).status_code, 200)

    def test_admin_requires_a_superuser_with_mfa(self):
        self.outsider.is_superuser = True
        self.outsider.is_staff = True
        self.outsider.save()
        self.client.force_login(self.outsider)
        response = self.client.get("/admin/")
        self.assertTrue(response["Location"].startswith(reverse("mfa_index")))
        self.sign_in(self.outsider)
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_admin_refuses_staff_who_are_not_superusers(self):
        self.member.is_staff = True
        self.member.save()
        self.sign_in(self.member)
        self.assertEqual(self.client.get("/admin/", follow=True).status_code, 403)


class RecentAuthTests(PersonaTestCase):
    def setUp(self):
        self.view = recent_auth_required(lambda request: HttpResponse("ok"))

    def request_with_records(self, records):
        from django.contrib.sessions.backends.db import SessionStore

        request = RequestFactory().get("/export/")
        request.user = self.member
        request.session = SessionStore()
        request.session[AUTHENTICATION_METHODS_SESSION_KEY] = records
        request.session["account_authentication_methods_user"] = str(self.member.pk)
        return request

    def test_sign_in_less_than_fifteen_minutes_ago_passes(self):
        request = self.request_with_records([{"method": "password", "at": time.time() - 60}])
        self.assertEqual(self.view(request).content, b"ok")

    def test_sign_in_older_than_fifteen_minutes_asks_to_confirm_identity(self):
        from allauth.core.exceptions import ReauthenticationRequired

        request = self.request_with_records([{"method": "password", "at": time.time() - 901}])
        with self.assertRaises(ReauthenticationRequired):
            self.view(request)

    def test_through_the_middleware_an_old_sign_in_is_redirected_to_reauthenticate(self):
        self.sign_in(self.privacy_officer)
        session = self.client.session
        records = session[AUTHENTICATION_METHODS_SESSION_KEY]
        for record in records:
            record["at"] -= 3600
        session[AUTHENTICATION_METHODS_SESSION_KEY] = records
        session.save()
        self.assertIsNotNone(mfa_required)
        response = self.client.get(reverse("privacy:incidents_export"))
        self.assertEqual(response.status_code, 302)
        self.assertIn("reauthenticate", response["Location"])


class MfaEnrolmentAuditTests(PersonaTestCase):
    def test_activating_totp_is_audited(self):
        from allauth.mfa.totp.internal.auth import hotp_value

        self.sign_in(self.member, mfa=False)
        url = reverse("mfa_activate_totp")
        self.assertEqual(self.client.get(url).status_code, 200)
        secret = self.client.session["mfa.totp.secret"]
        code = hotp_value(secret, int(time.time()) // 30)
        # allauth announces the new factor once the request's transaction has committed.
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {"code": f"{code:06d}"})
        self.assertEqual(response.status_code, 302, response.content.decode()[-3000:])
        self.assertEqual(response["Location"], reverse("mfa_view_recovery_codes"))
        added = AuditEntry.objects.filter(action=MFA_ADD, object_id=str(self.member.pk))
        self.assertEqual(sorted(e.data["type"] for e in added), ["recovery_codes", "totp"])
