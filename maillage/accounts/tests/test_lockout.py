from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.urls import reverse

from maillage.accounts.audit import LOGIN_LOCKED
from maillage.core.models import AuditEntry
from maillage.tables.testing import PASSWORD, PersonaTestCase

WRONG = "wrong password!"
LOCKED = "Sign-in is blocked for 15 minutes"
LOCKED_FR = "La connexion est bloquée pendant 15 minutes"


class LockoutTests(PersonaTestCase):
    def setUp(self):
        cache.clear()
        self.table.kind = "concertation"
        self.table.save()

    def post(self, username, password=WRONG, address="10.0.0.1"):
        return self.client.post(
            reverse("accounts:login"),
            {"login": username, "password": password},
            REMOTE_ADDR=address,
        )

    def fail(self, username, times=5, address="10.0.0.1"):
        for _ in range(times):
            self.post(username, address=address)

    def test_sixth_attempt_on_an_account_is_refused_even_with_the_right_password(self):
        self.fail("coordinator")
        response = self.post("coordinator", PASSWORD, address="10.0.0.2")
        self.assertContains(response, LOCKED_FR)
        self.assertNotIn(SESSION_KEY, self.client.session)
        self.assertTrue(AuditEntry.objects.filter(action=LOGIN_LOCKED).exists())

    def test_an_address_is_locked_after_five_failures_on_several_accounts(self):
        for name in ["a", "b", "c", "d", "e"]:
            self.fail(name, times=1, address="10.9.9.9")
        response = self.post("coordinator", PASSWORD, address="10.9.9.9")
        self.assertContains(response, LOCKED_FR)
        self.assertNotIn(SESSION_KEY, self.client.session)

    def test_four_failures_do_not_lock(self):
        self.fail("coordinator", times=4)
        self.post("coordinator", PASSWORD)
        self.assertEqual(self.client.session[SESSION_KEY], str(self.coordinator.pk))

    def test_unknown_account_gets_the_same_answers_as_a_real_one(self):
        real = [self.post("coordinator").content for _ in range(6)]
        cache.clear()
        unknown = [self.post("nobody-here").content for _ in range(6)]
        strip = [r.replace(b"coordinator", b"X") for r in real]
        self.assertEqual(
            [r.replace(b"nobody-here", b"X").count(b"error") for r in unknown],
            [r.count(b"error") for r in strip],
        )
        self.assertIn(LOCKED_FR.encode(), unknown[-1])
        self.assertIn(LOCKED_FR.encode(), real[-1])

    def test_lockout_message_follows_the_language(self):
        self.fail("coordinator")
        response = self.client.post(
            reverse("accounts:login"),
            {"login": "coordinator", "password": PASSWORD},
            HTTP_ACCEPT_LANGUAGE="en-ca",
            HTTP_COOKIE="maillage_language=en-ca",
        )
        self.assertContains(response, LOCKED)
