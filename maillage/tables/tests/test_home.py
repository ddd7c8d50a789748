from django.urls import reverse

from maillage.tables.testing import PersonaTestCase


class HomeTests(PersonaTestCase):
    def test_anonymous_visitor_is_sent_to_sign_in(self):
        response = self.client.get(reverse("home"))
        self.assertRedirects(response, reverse("accounts:login") + "?next=/")

    def test_member_sees_their_tables_and_organisations(self):
        self.sign_in(self.member)
        response = self.client.get(reverse("home"))
        self.assertContains(response, "Table Sudbury")
        self.assertContains(response, "Organisme police")
        self.assertNotContains(response, "Cellule Montréal")

    def test_signed_in_pages_are_never_cached(self):
        self.sign_in(self.member)
        response = self.client.get(reverse("home"))
        self.assertEqual(response["Cache-Control"], "no-store")

    def test_person_without_a_table_is_told_how_to_get_one(self):
        self.sign_in(self.outsider)
        response = self.client.get(reverse("home"))
        self.assertContains(response, "peut vous y donner un siège")
