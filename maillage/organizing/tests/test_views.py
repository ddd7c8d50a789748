from django.core.cache import cache
from django.urls import reverse

from maillage.organizing.models import RequestStatus, SupportRequest

from .base import OrganizingTestCase


class PublicFormTests(OrganizingTestCase):
    def setUp(self):
        cache.clear()
        self.url = reverse("organizing:public_request", args=[self.team.pk])

    def post(self, **more):
        data = {
            "organization": self.school.pk,
            "kind": self.governance.pk,
            "need": "Préparer notre assemblée générale.",
            "contact_name": "Direction",
            "contact_email": "direction@ecole.example",
            "language": "fr-ca",
            "website": "",
        }
        data.update(more)
        return self.client.post(self.url, data)

    def test_anyone_may_open_the_form(self):
        self.assertEqual(self.client.get(self.url).status_code, 200)

    def test_a_sent_request_reaches_the_team(self):
        response = self.post()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(SupportRequest.objects.get().source, "public")

    def test_a_request_without_an_organisation_is_explained_and_nothing_is_written(self):
        response = self.post(organization="")
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, "organisme", status_code=422)
        self.assertFalse(SupportRequest.objects.exists())

    def test_a_robot_filling_the_hidden_field_is_thanked_but_nothing_is_written(self):
        self.assertEqual(self.post(website="http://spam.example").status_code, 200)
        self.assertFalse(SupportRequest.objects.exists())

    def test_too_many_requests_from_one_address_are_refused(self):
        for _ in range(5):
            self.post()
        self.assertEqual(self.post().status_code, 429)
        self.assertEqual(SupportRequest.objects.count(), 5)


class AccessTests(OrganizingTestCase):
    def setUp(self):
        self.found = self.new_request()

    def test_the_teams_organisers_see_and_triage_requests(self):
        self.sign_in(self.organiser)
        self.assertEqual(
            self.client.get(reverse("organizing:team_requests", args=[self.team.pk])).status_code,
            200,
        )
        response = self.client.get(reverse("organizing:request", args=[self.found.pk]))
        self.assertContains(response, self.found.need)

    def test_people_outside_the_team_get_404(self):
        for user in (self.outsider, self.organiser2):
            self.sign_in(user)
            with self.subTest(user=user.username):
                for url in (
                    reverse("organizing:team_requests", args=[self.team.pk]),
                    reverse("organizing:request", args=[self.found.pk]),
                    reverse("organizing:follow", args=[self.found.pk]),
                ):
                    self.assertEqual(self.client.get(url).status_code, 404)
                    self.assertEqual(self.client.post(url, {}).status_code, 404)

    def test_the_requesting_organisation_sees_only_the_status(self):
        self.sign_in(self.school_rep)
        response = self.client.get(reverse("organizing:follow", args=[self.found.pk]))
        self.assertContains(response, self.found.get_status_display())
        self.assertNotContains(response, self.found.need)
        self.assertEqual(
            self.client.get(reverse("organizing:request", args=[self.found.pk])).status_code, 403
        )
        response = self.client.post(
            reverse("organizing:triage", args=[self.found.pk]), {"decision": "declined"}
        )
        self.assertEqual(response.status_code, 403)

    def test_triage_through_the_page_explains_what_is_missing(self):
        self.sign_in(self.manager)
        response = self.client.post(
            reverse("organizing:triage", args=[self.found.pk]), {"decision": "accepted"}
        )
        self.assertEqual(response.status_code, 422)
        self.found.refresh_from_db()
        self.assertEqual(self.found.status, RequestStatus.RECEIVED)

    def test_a_closed_request_offers_no_step_and_refuses_each_with_a_message(self):
        self.found.status = RequestStatus.CLOSED
        self.found.save()
        self.sign_in(self.manager)
        page = self.client.get(reverse("organizing:request", args=[self.found.pk]))
        for name in ("organizing:triage", "organizing:add_activity", "organizing:close"):
            self.assertNotContains(page, reverse(name, args=[self.found.pk]))
        steps = {
            "organizing:triage": {"decision": "declined", "reason": "Non"},
            "organizing:add_activity": {
                "on": "2026-01-05",
                "kind": "meeting",
                "minutes": 60,
                "participants": 3,
            },
            "organizing:close": {"outcome": "met", "what_changed": "Tout."},
        }
        for name, data in steps.items():
            with self.subTest(step=name):
                response = self.client.post(reverse(name, args=[self.found.pk]), data)
                self.assertEqual(response.status_code, 422)
                self.assertContains(response, 'role="alert"', status_code=422)
        self.assertFalse(self.found.activities.exists())


class SatisfactionPageTests(OrganizingTestCase):
    def test_a_broken_link_gets_a_clear_page_not_an_error(self):
        response = self.client.get(reverse("organizing:satisfaction", args=["nonsense"]))
        self.assertEqual(response.status_code, 410)
        self.assertContains(response, "lien", status_code=410)
