from django.urls import reverse

from maillage.tables.testing import PersonaTestCase


class OrganizationDirectoryTests(PersonaTestCase):
    def test_signed_in_person_sees_the_directory(self):
        self.sign_in(self.outsider)
        response = self.client.get(reverse("organizations:list"))
        self.assertContains(response, "Organisme police")

    def test_colleagues_are_listed_only_to_people_of_the_organisation(self):
        self.sign_in(self.member)
        response = self.client.get(reverse("organizations:detail", args=[self.police.pk]))
        self.assertContains(response, "Substitute")
        self.sign_in(self.outsider)
        response = self.client.get(reverse("organizations:detail", args=[self.police.pk]))
        self.assertNotContains(response, "Substitute")

    def test_inactive_organisation_gets_404(self):
        self.police.is_active = False
        self.police.save()
        self.sign_in(self.member)
        response = self.client.get(reverse("organizations:detail", args=[self.police.pk]))
        self.assertEqual(response.status_code, 404)

    def test_unknown_organisation_gets_404(self):
        self.sign_in(self.member)
        response = self.client.get(reverse("organizations:detail", args=[999999]))
        self.assertEqual(response.status_code, 404)
