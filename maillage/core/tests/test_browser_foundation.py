"""What a person does in the pages: sign in, switch language, manage members, read the trail."""

import re

import pytest
from django.urls import reverse

from maillage.tables.browser import BrowserTestCase
from maillage.tables.models import Seat
from maillage.tables.testing import make_user

pytestmark = pytest.mark.browser


class CoordinatorWalkthroughTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        # A concertation table: its coordinator signs in with a password alone.
        self.table.kind = "concertation"
        self.table.save()
        self.newcomer = make_user("newcomer", self.school)

    def test_coordinator_signs_in_switches_language_and_gives_a_seat(self):
        page = self.page
        self.sign_in("coordinator")
        page.get_by_role("heading", name=re.compile("Bienvenue")).wait_for()
        self.assert_accessible("home-fr")
        self.screenshot("01-home-fr")

        page.get_by_role("button", name="English").click()
        page.get_by_role("heading", name=re.compile("Welcome")).wait_for()
        self.coordinator.refresh_from_db()
        self.assertEqual(self.coordinator.language, "en-ca")

        page.get_by_role("link", name="Sudbury table").first.click()
        page.get_by_role("link", name="Manage members").click()
        page.get_by_role("heading", name="People at the table").wait_for()
        self.assert_accessible("members")
        self.screenshot("02-members")

        page.get_by_label("Person").select_option(label="Newcomer Test")
        page.get_by_label("On behalf of").select_option(label="Agency ecole")
        page.get_by_role("button", name="Give the seat").click()
        page.get_by_text("The person now has a seat at the table.").wait_for()
        self.assertEqual(page.url, self.url(reverse("tables:members", args=[self.table.pk])))
        self.assertTrue(Seat.objects.filter(table=self.table, user=self.newcomer).exists())
        self.screenshot("03-seat-given")

        self.sign_in_with_mfa(self.coordinator)
        page.goto(self.url(reverse("privacy:table_audit", args=[self.table.pk])))
        page.get_by_role("cell", name="Member seated").wait_for()
        self.assert_accessible("audit")
        self.screenshot("04-audit")


class LanguagePreferenceTests(BrowserTestCase):
    def test_language_choice_follows_the_person_to_a_new_browser(self):
        self.table.kind = "concertation"  # a password alone signs its members in
        self.table.save()
        self.coordinator.language = "en-ca"
        self.coordinator.save()
        self.sign_in("coordinator")
        self.page.get_by_role("heading", name=re.compile("Welcome")).wait_for()


class MemberPagesTests(BrowserTestCase):
    def test_member_sees_the_table_but_no_management(self):
        self.table.kind = "concertation"
        self.table.save()
        page = self.page
        self.sign_in("observer")
        page.get_by_role("link", name="Table Sudbury").first.click()
        page.get_by_role("heading", name="Organismes membres").wait_for()
        self.assertEqual(page.get_by_role("link", name="Gérer les membres").count(), 0)
        self.assert_accessible("table-detail")
        page.get_by_role("link", name="Organismes").first.click()
        self.assert_accessible("organizations")
        self.screenshot("05-organizations")


class SignInPageTests(BrowserTestCase):
    def test_sign_in_page_is_accessible_and_refuses_a_wrong_password(self):
        page = self.page
        page.goto(self.url("/"))
        self.assert_accessible("login")
        page.locator("main input[name=username], main input[name=login]").first.fill("observer")
        page.locator("main input[type=password]").first.fill("wrong password, surely")
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
        self.assertIn("/accounts/", page.url)
        self.screenshot("06-login-refused")
