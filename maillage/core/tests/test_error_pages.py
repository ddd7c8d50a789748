from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from maillage.core import errors
from maillage.tables.testing import PersonaTestCase


class ErrorPageTests(PersonaTestCase):
    def test_a_missing_page_says_so_in_both_languages_with_a_way_back(self):
        self.sign_in(self.member)
        response = self.client.get("/nothing-here/", headers={"accept-language": "fr-CA"})
        self.assertEqual(response.status_code, 404)
        page = response.content.decode()
        self.assertIn("Page introuvable", page)
        self.assertIn("Page not found", page)
        self.assertIn(f'href="{reverse("home")}"', page)
        self.assertIn('class="site-header"', page, "drawn in the site's layout")

    def test_a_refused_action_says_what_to_do(self):
        self.sign_in(self.member)
        response = self.client.get(reverse("tables:edit", args=[self.table.pk]))
        self.assertEqual(response.status_code, 403)
        self.assertIn("coordination", response.content.decode())
        self.assertIn("coordinator", response.content.decode())

    def test_the_server_error_page_is_drawn_without_the_request(self):
        with translation.override("en-ca"):
            response = errors.server_error(RequestFactory().get("/"))
        self.assertEqual(response.status_code, 500)
        page = response.content.decode()
        self.assertIn("Something went wrong", page)
        self.assertIn("Une erreur s", page)
