from django.urls import reverse

from .base import VaultTestCase


class SituationPageLinkTests(VaultTestCase):
    def test_the_agencies_named_find_the_vault_from_the_situation_page(self):
        situation = self.situation_in("mobilized")
        vault = reverse("vault:situation", args=[situation.pk])
        detail = reverse("situations:detail", args=[self.table.pk, situation.pk])
        for user, linked in [
            (self.lead_worker, True),
            (self.member, True),
            (self.coordinator, False),
            (self.uninvolved, False),
        ]:
            self.sign_in(user)
            with self.subTest(user=user.username):
                assert (vault in self.client.get(detail).content.decode()) is linked

    def test_no_link_before_the_agencies_are_named(self):
        situation = self.situation_in("accepted")
        self.sign_in(self.member)
        detail = reverse("situations:detail", args=[self.table.pk, situation.pk])
        vault = reverse("vault:situation", args=[situation.pk])
        assert vault not in self.client.get(detail).content.decode()


class RegisterLinkTests(VaultTestCase):
    def test_the_register_link_is_offered_only_to_those_who_may_audit(self):
        from django.template.loader import render_to_string

        url = reverse("vault:register", args=[self.table.pk])
        shown = render_to_string(
            "vault/_register_link.html", {"may": {"view_audit": True}, "table": self.table}
        )
        hidden = render_to_string(
            "vault/_register_link.html", {"may": {"view_audit": False}, "table": self.table}
        )
        assert url in shown and url not in hidden
