from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from maillage.situations.models import Situation
from maillage.vault.models import VaultPerson

from .base import VaultTestCase


class RepeatDetectionTests(VaultTestCase):
    def earlier(self, days_ago: int) -> Situation:
        situation = self.situation_in("concluded")
        self.add(situation)
        created = timezone.now() - timedelta(days=days_ago)
        Situation.objects.filter(pk=situation.pk).update(created_at=created)
        return situation

    def test_the_same_person_within_12_months_flags_a_repeat(self):
        first = self.earlier(days_ago=200)
        second = self.situation_in("mobilized")
        saved = self.add(second, name="TREMBLAY, Marie")
        second.refresh_from_db()
        assert second.repeat_of == first
        assert saved.repeat == (second, first)

    def test_the_same_person_after_12_months_is_not_a_repeat(self):
        self.earlier(days_ago=400)
        second = self.situation_in("mobilized")
        assert self.add(second).repeat is None
        second.refresh_from_db()
        assert second.repeat_of is None

    def test_another_person_is_not_a_repeat(self):
        self.earlier(days_ago=30)
        second = self.situation_in("mobilized")
        assert self.add(second, born_on=date(1981, 5, 17)).repeat is None

    def test_the_same_person_at_another_table_is_never_a_repeat(self):
        self.earlier(days_ago=30)
        elsewhere = self.mobilized_at_other_table()
        saved = self.add(elsewhere, by=self.other_member)
        assert saved.repeat is None
        elsewhere.refresh_from_db()
        assert elsewhere.repeat_of is None
        keys = set(VaultPerson.objects.values_list("match_key", flat=True))
        assert len(keys) == 2

    def test_a_destroyed_vault_no_longer_matches(self):
        first = self.earlier(days_ago=100)
        first.vault_key.destroy()
        VaultPerson.objects.filter(situation=first).update(match_key="", sealed=b"")
        second = self.situation_in("mobilized")
        assert self.add(second).repeat is None

    def test_the_page_tells_the_person_who_entered_the_repeat(self):
        first = self.earlier(days_ago=10)
        second = self.situation_in("mobilized")
        self.sign_in(self.lead_worker)
        response = self.client.post(
            reverse("vault:person_add", args=[second.pk]),
            {"role": "at_risk", "name": "Marie Tremblay", "born_on": "1980-05-17"},
            follow=True,
        )
        self.assertContains(response, first.reference)
        second.refresh_from_db()
        assert second.repeat_of == first
