import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.urls import reverse

from maillage.accounts.middleware import SESSION_STARTED_KEY
from maillage.tables.testing import PersonaTestCase


class SessionLifetimeTests(PersonaTestCase):
    def test_idle_limit_is_thirty_minutes_renewed_on_each_request(self):
        self.assertEqual(settings.SESSION_COOKIE_AGE, 30 * 60)
        self.assertTrue(settings.SESSION_SAVE_EVERY_REQUEST)

    def test_session_older_than_twelve_hours_is_ended_however_active(self):
        self.sign_in(self.member)
        self.assertEqual(self.client.get(reverse("core:home")).status_code, 200)
        session = self.client.session
        session[SESSION_STARTED_KEY] = time.time() - 12 * 3600 - 1
        session.save()
        response = self.client.get(reverse("core:home"))
        self.assertRedirects(
            response, f"{reverse('accounts:login')}?next=/", fetch_redirect_response=False
        )
        self.assertNotIn(SESSION_KEY, self.client.session)

    def test_session_of_eleven_hours_is_kept(self):
        self.sign_in(self.member)
        self.client.get(reverse("core:home"))
        session = self.client.session
        session[SESSION_STARTED_KEY] = time.time() - 11 * 3600
        session.save()
        self.assertEqual(self.client.get(reverse("core:home")).status_code, 200)

    def test_deactivating_a_user_ends_their_open_sessions_at_once(self):
        self.sign_in(self.member)
        self.assertEqual(self.client.get(reverse("core:home")).status_code, 200)
        self.member.deactivate(by=self.coordinator)
        self.assertFalse(Session.objects.filter(session_key=self.client.session.session_key))
        response = self.client.get(reverse("core:home"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("accounts:login")))
