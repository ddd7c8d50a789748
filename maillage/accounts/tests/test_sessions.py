import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse

from maillage.accounts.middleware import SESSION_STARTED_KEY
from maillage.accounts.models import User
from maillage.core.models import AuditEntry
from maillage.tables.testing import PersonaTestCase


class SessionLifetimeTests(PersonaTestCase):
    def test_idle_limit_is_thirty_minutes_renewed_on_each_request(self):
        self.assertEqual(settings.SESSION_COOKIE_AGE, 30 * 60)
        self.assertTrue(settings.SESSION_SAVE_EVERY_REQUEST)

    def test_session_older_than_twelve_hours_is_ended_however_active(self):
        self.sign_in(self.member)
        self.assertEqual(self.client.get(reverse("home")).status_code, 200)
        session = self.client.session
        session[SESSION_STARTED_KEY] = time.time() - 12 * 3600 - 1
        session.save()
        response = self.client.get(reverse("home"))
        self.assertRedirects(
            response, f"{reverse('accounts:login')}?next=/", fetch_redirect_response=False
        )
        self.assertNotIn(SESSION_KEY, self.client.session)

    def test_session_of_eleven_hours_is_kept(self):
        self.sign_in(self.member)
        self.client.get(reverse("home"))
        session = self.client.session
        session[SESSION_STARTED_KEY] = time.time() - 11 * 3600
        session.save()
        self.assertEqual(self.client.get(reverse("home")).status_code, 200)

    def assertSignedOut(self, *, session_deleted: bool = True) -> None:
        """The next request is anonymous; on an active account, the old session is deleted."""
        key = self.client.session.session_key
        response = self.client.get(reverse("home"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("accounts:login")))
        if session_deleted:
            self.assertFalse(Session.objects.filter(session_key=key).exists())

    def test_deactivating_a_user_ends_their_open_sessions_at_once(self):
        self.sign_in(self.member)
        self.assertEqual(self.client.get(reverse("home")).status_code, 200)
        self.member.deactivate(by=self.coordinator)
        # Django refuses an inactive account before reading its session: the session is dead
        # now, and its hash no longer matches should the account come back.
        self.assertSignedOut(session_deleted=False)

    def test_a_reactivated_account_finds_none_of_its_old_sessions_alive(self):
        self.sign_in(self.member)
        self.assertEqual(self.client.get(reverse("home")).status_code, 200)
        self.member.deactivate(by=self.coordinator)
        self.member.reactivate(by=self.coordinator)
        self.assertSignedOut()
        actions = AuditEntry.objects.filter(object_id=str(self.member.pk))
        self.assertTrue(actions.filter(action="accounts.user.reactivate").exists())

    def test_an_account_switched_off_and_on_in_sql_finds_none_of_its_old_sessions_alive(self):
        self.sign_in(self.member)
        self.assertEqual(self.client.get(reverse("home")).status_code, 200)
        pk = self.member.pk
        with connection.cursor() as cursor:
            cursor.execute("UPDATE accounts_user SET is_active = false WHERE id = %s", [pk])
            cursor.execute("UPDATE accounts_user SET is_active = true WHERE id = %s", [pk])
        self.assertSignedOut()

    def test_a_stale_copy_of_the_account_saved_later_does_not_revive_old_sessions(self):
        stale = User.objects.get(pk=self.member.pk)
        self.sign_in(self.member)
        self.member.deactivate(by=self.coordinator)
        self.member.reactivate(by=self.coordinator)
        stale.save()  # is_active unchanged, session_generation from before
        self.member.refresh_from_db()
        self.assertEqual(self.member.session_generation, 2)
        self.assertSignedOut()

    def test_sessions_from_before_any_deactivation_keep_django_s_own_hash(self):
        self.assertEqual(self.member.session_generation, 0)
        django_hash = AbstractBaseUser.get_session_auth_hash(self.member)
        self.assertEqual(self.member.get_session_auth_hash(), django_hash)
