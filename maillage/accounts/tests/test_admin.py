"""The admin changes accounts only through the audited methods; access flags are not form fields."""

from django.contrib.sessions.models import Session
from django.urls import reverse

from maillage.accounts.testing import admin_form_data, sign_in
from maillage.core.models import AuditEntry
from maillage.tables.testing import PersonaTestCase, make_user


class UserAdminTests(PersonaTestCase):
    def setUp(self):
        self.root = make_user("root", self.city, is_superuser=True, is_staff=True)
        self.sign_in(self.root)
        self.change_url = reverse("admin:accounts_user_change", args=[self.member.pk])

    def act(self, action: str, *people):
        return self.client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": action, "_selected_action": [p.pk for p in people]},
        )

    def entries(self, action: str, person):
        return AuditEntry.objects.filter(action=action, object_id=str(person.pk))

    def test_the_change_form_does_not_set_access_flags(self):
        data = admin_form_data(self.client.get(self.change_url))
        data.update(is_privacy_officer="on", is_superuser="on", is_staff="on", first_name="Max")
        data.pop("is_active", None)
        response = self.client.post(self.change_url, data)
        self.assertEqual(response.status_code, 302)
        self.member.refresh_from_db()
        self.assertEqual(self.member.first_name, "Max")
        self.assertTrue(self.member.is_active)
        self.assertFalse(self.member.is_privacy_officer or self.member.is_superuser)
        self.assertEqual(
            self.entries("accounts.user.edit", self.member).get().fields, ["first_name"]
        )

    def test_deactivating_from_the_admin_is_audited_and_ends_the_sessions(self):
        other = self.client_class()
        sign_in(other, self.member)
        self.assertEqual(other.get(reverse("home")).status_code, 200)
        self.act("deactivate", self.member)
        self.member.refresh_from_db()
        self.assertFalse(self.member.is_active)
        self.assertTrue(self.entries("accounts.user.deactivate", self.member).exists())
        self.act("reactivate", self.member)
        self.assertTrue(self.entries("accounts.user.reactivate", self.member).exists())
        key = other.session.session_key
        self.assertEqual(other.get(reverse("home")).status_code, 302)
        self.assertFalse(Session.objects.filter(session_key=key).exists())

    def test_naming_a_privacy_officer_from_the_admin_is_audited(self):
        self.act("name_privacy_officer", self.member)
        self.member.refresh_from_db()
        self.assertTrue(self.member.is_privacy_officer)
        entry = self.entries("accounts.user.privacy_officer", self.member).get()
        self.assertEqual(entry.data, {"privacy_officer": True})
        self.act("withdraw_privacy_officer", self.member)
        self.member.refresh_from_db()
        self.assertFalse(self.member.is_privacy_officer)

    def test_a_password_set_in_the_admin_is_audited(self):
        url = reverse("admin:auth_user_password_change", args=[self.member.pk])
        new = "a long new passphrase 2026"
        self.client.post(url, {"password1": new, "password2": new, "usable_password": "true"})
        self.member.refresh_from_db()
        self.assertTrue(self.member.check_password(new))
        self.assertTrue(self.entries("accounts.user.password", self.member).exists())
