"""The second factor, enforced for every request of a person who must have one."""

import time

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from django.urls import reverse

from maillage.accounts.testing import enrol_totp
from maillage.tables.testing import PersonaTestCase


class SecondFactorEnforcementTests(PersonaTestCase):
    def test_htmx_requests_are_sent_to_enrolment_as_a_whole_page(self):
        self.client.force_login(self.member)
        response = self.client.get(reverse("home"), headers={"HX-Request": "true"})
        self.assertEqual(response.status_code, 204)
        self.assertTrue(response["HX-Redirect"].startswith(reverse("mfa_index")))

    def test_enrolment_pages_and_sign_out_stay_open(self):
        self.sign_in(self.member, mfa=False)
        self.assertEqual(self.client.get(reverse("mfa_activate_totp")).status_code, 200)
        self.assertEqual(self.client.post(reverse("accounts:logout")).status_code, 302)

    def test_the_last_authenticator_app_cannot_be_removed_while_required(self):
        self.sign_in(self.member)
        totp = Authenticator.objects.get(user=self.member, type=Authenticator.Type.TOTP)
        response = self.client.post(reverse("mfa_deactivate_totp"), follow=True)
        self.assertTrue(Authenticator.objects.filter(pk=totp.pk).exists())
        self.assertEqual(response.redirect_chain[-1][0], reverse("mfa_index"))
        [message] = [str(m) for m in response.context["messages"]]
        self.assertTrue("two-step" in message or "deux étapes" in message, message)

    def test_a_person_who_needs_no_second_factor_may_remove_theirs(self):
        self.sign_in(self.outsider)
        self.client.post(reverse("mfa_deactivate_totp"))
        self.assertFalse(
            Authenticator.objects.filter(user=self.outsider, type=Authenticator.Type.TOTP).exists()
        )


class ReauthenticationAsksForTheSecondFactorTests(PersonaTestCase):
    def age_proofs(self, *, password_age: float, mfa_age: float) -> None:
        session = self.client.session
        records = session[AUTHENTICATION_METHODS_SESSION_KEY]
        for record in records:
            record["at"] = time.time() - (mfa_age if record["method"] == "mfa" else password_age)
        session[AUTHENTICATION_METHODS_SESSION_KEY] = records
        session.save()

    def test_a_fresh_password_alone_does_not_open_an_export(self):
        self.sign_in(self.privacy_officer)
        self.age_proofs(password_age=10, mfa_age=3600)
        response = self.client.get(reverse("privacy:incidents_export"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("mfa_reauthenticate")))

    def test_a_fresh_second_factor_opens_it(self):
        self.sign_in(self.privacy_officer)
        self.age_proofs(password_age=3600, mfa_age=10)
        self.assertEqual(self.client.get(reverse("privacy:incidents_export")).status_code, 200)

    def test_the_confirmation_step_accepts_the_authenticator_code(self):
        from allauth.mfa.totp.internal.auth import hotp_value

        self.sign_in(self.privacy_officer)
        self.age_proofs(password_age=3600, mfa_age=3600)
        totp = enrol_totp(self.privacy_officer)
        code = hotp_value(totp.wrap().instance.data["secret"], int(time.time()) // 30)
        response = self.client.post(reverse("mfa_reauthenticate"), {"code": f"{code:06d}"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get(reverse("privacy:incidents_export")).status_code, 200)
