from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.urls import reverse

from maillage.accounts.audit import LOGIN, LOGIN_FAILED, LOGOUT
from maillage.core.models import AuditEntry
from maillage.tables.models import Seat
from maillage.tables.testing import PASSWORD, PersonaTestCase


class SignInTests(PersonaTestCase):
    def setUp(self):
        cache.clear()
        self.url = reverse("accounts:login")

    def post(self, username, password=PASSWORD, address="10.0.0.1"):
        return self.client.post(
            self.url, {"login": username, "password": password}, REMOTE_ADDR=address
        )

    def test_login_page_is_served_at_accounts_login(self):
        response = self.client.get(self.url)
        self.assertContains(response, 'name="login"')
        self.assertEqual(reverse("account_login"), self.url)

    def test_right_password_signs_in_and_is_audited(self):
        self.table.kind = "concertation"
        self.table.save()
        response = self.post("coordinator")
        self.assertRedirects(response, reverse("home"), fetch_redirect_response=False)
        self.assertEqual(self.client.session[SESSION_KEY], str(self.coordinator.pk))
        self.assertTrue(AuditEntry.objects.filter(action=LOGIN).exists())

    def test_wrong_password_is_refused_and_audited(self):
        response = self.post("coordinator", "wrong password here")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(SESSION_KEY, self.client.session)
        entry = AuditEntry.objects.get(action=LOGIN_FAILED)
        self.assertEqual(entry.object_id, str(self.coordinator.pk))

    def test_person_who_needs_mfa_and_has_none_is_taken_to_enrolment(self):
        response = self.post("member")
        self.assertRedirects(response, reverse("mfa_index"), fetch_redirect_response=False)

    def test_person_with_mfa_must_pass_the_second_step(self):
        from maillage.accounts.testing import enrol_totp

        enrol_totp(self.member)
        response = self.post("member")
        self.assertRedirects(response, reverse("mfa_authenticate"), fetch_redirect_response=False)
        self.assertNotIn(SESSION_KEY, self.client.session)

    def test_inactive_account_cannot_sign_in(self):
        response = self.post("inactive")
        self.assertNotIn(SESSION_KEY, self.client.session)
        self.assertNotEqual(response.status_code, 500)

    def test_a_deactivated_account_with_its_right_password_gets_the_wrong_password_answer(self):
        wrong = self.post("inactive", "wrong password here")
        right = self.post("inactive")
        self.assertEqual(right.status_code, 200)
        self.assertEqual(right.context["form"].errors, wrong.context["form"].errors)
        self.assertEqual(right.templates[0].name, wrong.templates[0].name)
        self.assertNotIn(SESSION_KEY, self.client.session)
        failures = AuditEntry.objects.filter(action="accounts.login.failed")
        self.assertEqual(failures.filter(object_id=str(self.inactive.pk)).count(), 2)

    def test_sign_out_is_audited_and_ends_the_session(self):
        self.client.force_login(self.coordinator)
        self.client.post(reverse("accounts:logout"))
        self.assertNotIn(SESSION_KEY, self.client.session)
        self.assertTrue(AuditEntry.objects.filter(action=LOGOUT).exists())

    def test_self_sign_up_is_closed(self):
        response = self.client.post(
            reverse("account_signup"),
            {"username": "intruder", "password1": "x" * 20, "password2": "x" * 20},
        )
        self.assertNotEqual(response.status_code, 302)
        self.assertFalse(Seat.objects.filter(user__username="intruder").exists())
        from django.contrib.auth import get_user_model

        self.assertFalse(get_user_model().objects.filter(username="intruder").exists())
