from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from maillage.accounts.audit import LOGIN_LOCKED
from maillage.core.models import AuditEntry
from maillage.tables.testing import PASSWORD, PersonaTestCase, password_hash

WRONG = "wrong password!"
LOCKED = "Sign-in is blocked for 15 minutes."
LOCKED_FR = "La connexion est bloquée pendant 15 minutes."
# An attempt on an unknown name hashes the password anyway, with the first hasher: a fast one
# here, so that tests making dozens of attempts stay quick. The personas' shared hash is made
# first, with the site's own hashers, so every account keeps its Argon2 hash.
password_hash()
FAST_HASHING = override_settings(
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
)


@FAST_HASHING
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

    def test_failures_on_other_names_from_one_office_do_not_lock_out_a_colleague(self):
        for name in ["a", "b", "c", "d", "e", "f", "g", "member", "member", "member"]:
            self.fail(name, times=1, address="10.9.9.9")
        self.post("coordinator", PASSWORD, address="10.9.9.9")
        self.assertEqual(self.client.session[SESSION_KEY], str(self.coordinator.pk))

    def test_an_address_is_locked_only_after_many_more_failures_than_an_account(self):
        limit = settings.LOGIN_FAILURES_PER_ADDRESS
        self.assertGreaterEqual(limit, 50)
        self.assertEqual(settings.ACCOUNT_RATE_LIMITS["login_failed"], f"5/15m/key,{limit}/15m/ip")

    @override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "5/15m/key,8/15m/ip"})
    def test_an_address_is_locked_once_it_reaches_its_own_limit(self):
        for name in ["a", "b", "c", "d", "e", "f", "g", "h"]:
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


@FAST_HASHING
@override_settings(
    TRUSTED_PROXY_HEADER="X-Real-IP",
    TRUSTED_PROXIES=["127.0.0.1"],
    ACCOUNT_RATE_LIMITS={"login_failed": "5/15m/key,8/15m/ip"},
)
class LockoutBehindTheProxyTests(PersonaTestCase):
    """Behind the documented proxy every connection comes from 127.0.0.1."""

    def setUp(self):
        cache.clear()
        self.table.kind = "concertation"
        self.table.save()

    def post(self, username, password=WRONG, *, client="203.0.113.7", remote="127.0.0.1"):
        return self.client.post(
            reverse("accounts:login"),
            {"login": username, "password": password},
            REMOTE_ADDR=remote,
            HTTP_X_REAL_IP=client,
        )

    def test_one_client_locked_by_address_does_not_lock_out_the_others(self):
        for name in ["a", "b", "c", "d", "e", "f", "g", "h"]:
            self.post(name)
        self.assertContains(self.post("coordinator", PASSWORD), LOCKED_FR)
        self.post("coordinator", PASSWORD, client="198.51.100.20")
        self.assertEqual(self.client.session[SESSION_KEY], str(self.coordinator.pk))

    def test_the_audit_trail_records_the_client_address_given_by_the_proxy(self):
        self.post("coordinator")
        entry = AuditEntry.objects.get(action="accounts.login.failed")
        self.assertEqual(entry.ip_address, "203.0.113.7")

    def test_the_header_is_ignored_on_a_connection_that_does_not_come_from_the_proxy(self):
        for name in ["a", "b", "c", "d", "e", "f", "g", "h"]:
            self.post(name, client=f"198.51.100.{len(name)}", remote="192.0.2.9")
        self.assertContains(self.post("coordinator", PASSWORD, remote="192.0.2.9"), LOCKED_FR)
        entry = AuditEntry.objects.filter(action="accounts.login.failed").first()
        self.assertEqual(entry.ip_address, "192.0.2.9")
