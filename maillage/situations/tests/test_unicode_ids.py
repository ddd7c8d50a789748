"""An id in a form that is not a plain number is refused with a message, never a server error."""

from django.urls import reverse

from maillage.situations.models import RiskCategory, RiskFactor

from .base import SituationTestCase


class RiskFactorCategoryTests(SituationTestCase):
    def add(self, category: str):
        self.sign_in(self.coordinator)
        url = reverse(
            "situations:add_item", kwargs={"table_pk": self.table.pk, "list_name": "riskfactor"}
        )
        data = {"name_fr": "Facteur local", "name_en": "Local factor", "category": category}
        return self.client.post(url, data, follow=True)

    def test_a_superscript_digit_as_category_is_refused_with_a_message(self):
        response = self.add("²")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Choisissez la catégorie du facteur de risque.")
        self.assertFalse(RiskFactor.objects.filter(table=self.table).exists())

    def test_a_plain_category_id_adds_the_factor(self):
        category = RiskCategory.objects.for_table(self.table).first()
        self.add(str(category.pk))
        self.assertTrue(RiskFactor.objects.filter(table=self.table, category=category).exists())
