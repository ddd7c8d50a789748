"""Every situation page renders, in French and in English, for someone allowed to use it."""

from django.urls import reverse
from django.utils import translation

from maillage.situations.models import RiskFactor

from .base import SituationTestCase


class PageTests(SituationTestCase):
    def get(self, user, name, **kwargs):
        self.sign_in(user)
        return self.client.get(reverse(f"situations:{name}", kwargs=kwargs))

    def test_pages_render_in_both_languages(self):
        t = self.table.pk
        mobilized = self.situation_in("mobilized")
        presented = self.situation_in("presented")
        concluded = self.situation_in("concluded")
        pages = [
            (self.coordinator, "dashboard", {"table_pk": t}),
            (self.member, "create", {"table_pk": t}),
            (self.coordinator, "settings", {"table_pk": t}),
            (self.lead_worker, "detail", {"table_pk": t, "pk": mobilized.pk}),
            (self.lead_worker, "edit", {"table_pk": t, "pk": mobilized.pk}),
            (self.coordinator, "decide", {"table_pk": t, "pk": presented.pk}),
            (self.lead_worker, "plan", {"table_pk": t, "pk": mobilized.pk}),
            (self.lead_worker, "first_contact", {"table_pk": t, "pk": mobilized.pk}),
            (self.lead_worker, "conclude", {"table_pk": t, "pk": mobilized.pk}),
            (self.coordinator, "reopen", {"table_pk": t, "pk": concluded.pk}),
            (self.coordinator, "detail", {"table_pk": t, "pk": concluded.pk}),
        ]
        for language, word in (("fr", "Situations"), ("en", "Situations")):
            for user, name, kwargs in pages:
                with self.subTest(language=language, page=name), translation.override(language):
                    self.client.cookies.load({"django_language": language})
                    response = self.get(user, name, **kwargs)
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, word)

    def test_risk_checklist_page_lists_the_twenty_four_questions_at_a_cell(self):
        self.table.kind = "dv_cell"
        self.table.save()
        situation = self.situation_in("presented")
        response = self.get(self.coordinator, "assess", table_pk=self.table.pk, pk=situation.pk)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["form"].questions), 24)

    def test_settings_page_hides_a_default_item(self):
        factor = RiskFactor.objects.filter(table__isnull=True).first()
        self.sign_in(self.coordinator)
        url = reverse(
            "situations:toggle_item",
            kwargs={"table_pk": self.table.pk, "list_name": "riskfactor", "item_pk": factor.pk},
        )
        self.client.post(url, {"hide": "yes"})
        self.assertNotIn(factor, RiskFactor.objects.for_table(self.table))

    def test_member_may_not_open_the_settings_page(self):
        self.assertEqual(self.get(self.member, "settings", table_pk=self.table.pk).status_code, 403)

    def test_table_page_links_to_the_situations(self):
        self.sign_in(self.member)
        response = self.client.get(reverse("tables:detail", kwargs={"pk": self.table.pk}))
        self.assertContains(
            response, reverse("situations:dashboard", kwargs={"table_pk": self.table.pk})
        )
