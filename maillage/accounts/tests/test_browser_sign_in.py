"""Two-step sign-in and lockout, as a person meets them in the browser."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse

from maillage.accounts.audit import MFA_ADD
from maillage.core.models import AuditEntry
from maillage.tables.browser import BrowserTestCase
from maillage.tables.testing import PASSWORD

pytestmark = pytest.mark.browser


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


class FirstSignInEnrolmentTests(BrowserTestCase):
    def test_coordinator_of_a_situation_table_sets_up_an_authenticator_then_reads_the_trail(self):
        page = self.page
        self.sign_in("coordinator")
        # Seated at a situation table: sent to set up a second factor before anything else.
        page.wait_for_url(re.compile("/accounts/2fa/"))
        page.goto(self.url(reverse("mfa_activate_totp")))
        if page.locator("main input[type=password]").count():
            page.locator("main input[type=password]").first.fill(PASSWORD)
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_url(re.compile("/totp/activate/"))
        secret = page.locator("#authenticator_secret").input_value()
        self.assert_accessible("mfa-activate")
        self.screenshot("mfa-01-activate")
        page.locator("main input[name=code]").fill(current_code(secret))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
        self.assertTrue(AuditEntry.objects.filter(action=MFA_ADD).exists())

        # Identifying data: this session must now pass the second factor itself.
        page.goto(self.url(reverse("privacy:table_audit", args=[self.table.pk])))
        page.wait_for_url(re.compile("/2fa/reauthenticate/"))
        self.enter_fresh_code(secret)
        page.get_by_role("heading", name=re.compile("Journal d'audit")).wait_for()
        self.screenshot("mfa-02-audit-after-enrolment")

    def enter_fresh_code(self, secret: str) -> None:
        """A code is accepted once: wait for the next period to type a new one."""
        time.sleep(30 - time.time() % 30 + 1)
        self.page.locator("main input[name=code]").fill(current_code(secret))
        self.page.locator("main form button[type=submit]").first.click()


class SecondSignInTests(BrowserTestCase):
    def test_person_with_an_authenticator_is_asked_for_the_code_at_sign_in(self):
        secret = generate_totp_secret()
        TOTP.activate(self.member, secret)
        page = self.page
        self.sign_in("member")
        code = page.locator("main input[name=code]")
        code.wait_for()
        self.assert_accessible("mfa-authenticate")
        self.screenshot("mfa-03-code")
        code.fill(current_code(secret))
        page.locator("main form button[type=submit]").first.click()
        page.get_by_role("heading", name=re.compile("Bienvenue")).wait_for()


class LockoutInBrowserTests(BrowserTestCase):
    def test_five_wrong_passwords_lock_the_account_with_a_clear_message(self):
        page = self.page
        page.goto(self.url(reverse("accounts:login")))
        for _attempt in range(6):
            page.locator("main input[name=username], main input[name=login]").first.fill("observer")
            page.locator("main input[type=password]").first.fill("not the password at all")
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_load_state()
        page.get_by_text(
            re.compile("too many failed sign-in attempts", re.IGNORECASE)
        ).first.wait_for()
        self.assert_accessible("lockout")
        self.screenshot("mfa-04-lockout")
