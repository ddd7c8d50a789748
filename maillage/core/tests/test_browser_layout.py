"""The layout on a phone, and the error pages, as a person sees them in Chromium."""

import pytest

from maillage.tables.browser import BrowserTestCase

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


class PhoneHeaderTests(BrowserTestCase):
    def test_every_header_control_fits_a_phone_screen(self):
        self.page.set_viewport_size(PHONE)
        self.sign_in_with_mfa(self.coordinator)
        self.page.goto(self.url("/"))
        controls = self.page.locator(".site-header a, .site-header button")
        self.assertGreater(controls.count(), 5)
        for index in range(controls.count()):
            box = controls.nth(index).bounding_box()
            self.assertIsNotNone(box)
            with self.subTest(control=controls.nth(index).inner_text()):
                self.assertLessEqual(box["x"] + box["width"], PHONE["width"])
        width = self.page.evaluate("document.documentElement.scrollWidth")
        self.assertLessEqual(width, PHONE["width"], "nothing scrolls sideways")
        self.assert_accessible("phone-home")
        self.screenshot("layout-phone-home")


class ErrorPagesTests(BrowserTestCase):
    def test_a_missing_page_is_in_the_layout_in_both_languages_with_a_way_back(self):
        self.sign_in_with_mfa(self.member)
        response = self.page.goto(self.url("/nothing-here/"))
        self.assertEqual(response.status, 404)
        self.page.get_by_role("heading", name="Page introuvable").wait_for()
        self.assertTrue(self.page.get_by_role("heading", name="Page not found").is_visible())
        self.assert_accessible("error-404")
        self.screenshot("error-404")
        self.page.get_by_role("link", name="Retour à l'accueil").click()
        self.page.wait_for_url(self.url("/"))
