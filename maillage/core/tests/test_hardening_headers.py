"""Security headers on real responses: CSP with nonces, HSTS, frames, referrer, caching."""

import re

from django.http import HttpResponse
from django.template import engines
from django.test import override_settings
from django.urls import path, reverse

from maillage.tables.testing import PersonaTestCase


def nonce_page(request):
    """A page with a nonce-bearing script, as a template would render one."""
    template = engines["django"].from_string("{{ csp_nonce }}")
    return HttpResponse(template.render({}, request))


urlpatterns = [path("nonce/", nonce_page)]


class HeaderTests(PersonaTestCase):
    def signed_in_page(self):
        self.sign_in(self.member)
        return self.client.get(reverse("home"))

    def test_csp_is_strict_and_has_no_unsafe_inline(self):
        policy = self.signed_in_page()["Content-Security-Policy"]
        self.assertIn("default-src 'self'", policy)
        self.assertRegex(policy, r"script-src 'self'(;| 'nonce-)")
        self.assertIn("style-src 'self';", policy)
        self.assertNotIn("unsafe-inline", policy)
        self.assertNotIn("unsafe-eval", policy)
        self.assertIn("object-src 'none'", policy)
        self.assertIn("frame-ancestors 'none'", policy)
        self.assertIn("base-uri 'none'", policy)

    @override_settings(ROOT_URLCONF=__name__)
    def test_a_page_that_uses_the_nonce_gets_it_in_the_policy_fresh_each_time(self):
        self.sign_in(self.member)
        first, second = self.client.get("/nonce/"), self.client.get("/nonce/")
        nonce = re.compile(r"script-src 'self' 'nonce-([^']+)'")
        self.assertEqual(nonce.search(first["Content-Security-Policy"])[1], first.content.decode())
        self.assertNotEqual(first.content, second.content)

    def test_pages_carry_no_inline_script_or_style(self):
        for response in (self.signed_in_page(), self.client.get(reverse("accounts:login"))):
            html = response.content.decode()
            for tag in re.findall(r"<script\b[^>]*>", html):
                self.assertTrue("src=" in tag or "application/json" in tag, tag)
            self.assertNotRegex(html, r"<style\b|\sstyle=\"|\son[a-z]+=\"")

    def test_frames_are_denied(self):
        self.assertEqual(self.signed_in_page()["X-Frame-Options"], "DENY")

    def test_referrer_policy_and_nosniff(self):
        response = self.signed_in_page()
        self.assertEqual(response["Referrer-Policy"], "same-origin")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Cross-Origin-Opener-Policy"], "same-origin")

    def test_signed_in_pages_are_not_stored(self):
        self.assertIn("no-store", self.signed_in_page()["Cache-Control"])

    def test_login_page_is_not_cached_either(self):
        response = self.client.get(reverse("accounts:login"))
        self.assertIn("no-cache", response["Cache-Control"])

    @override_settings(
        SECURE_HSTS_SECONDS=31536000,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
        SECURE_HSTS_PRELOAD=True,
        SESSION_COOKIE_SECURE=True,
        CSRF_COOKIE_SECURE=True,
        SECURE_SSL_REDIRECT=True,
    )
    def test_https_gets_hsts_and_secure_cookies_and_http_is_redirected(self):
        plain = self.client.get(reverse("accounts:login"))
        self.assertEqual(plain.status_code, 301)
        self.assertTrue(plain["Location"].startswith("https://"))
        response = self.client.get(reverse("accounts:login"), secure=True)
        self.assertEqual(
            response["Strict-Transport-Security"], "max-age=31536000; includeSubDomains; preload"
        )
        self.assertTrue(response.cookies["csrftoken"]["secure"])
        self.sign_in(self.member)
        session_cookie = self.client.get(reverse("home"), secure=True).cookies["sessionid"]
        self.assertTrue(session_cookie["secure"])
        self.assertTrue(session_cookie["httponly"])
