from datetime import date, timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from maillage.core.models import AuditEntry
from maillage.notifications.models import Notification
from maillage.situations.models import Situation
from maillage.vault import services
from maillage.vault.audit import REPEAT_CONFIRM, REPEAT_FOUND
from maillage.vault.models import PossibleRepeat, RepeatStatus, VaultPerson

from .base import VaultTestCase


class RepeatDetectionTests(VaultTestCase):
    def setUp(self):
        super().setUp()
        cache.clear()

    def earlier(self, days_ago: int) -> Situation:
        situation = self.situation_in("concluded")
        self.add(situation)
        created = timezone.now() - timedelta(days=days_ago)
        Situation.objects.filter(pk=situation.pk).update(created_at=created)
        return situation

    def test_the_same_person_within_12_months_is_a_possible_repeat_to_review(self):
        first = self.earlier(days_ago=200)
        second = self.situation_in("mobilized")
        self.add(second, name="TREMBLAY, Marie")
        candidate = PossibleRepeat.objects.get()
        assert (candidate.situation, candidate.earlier) == (second, first)
        assert candidate.status == RepeatStatus.PENDING
        second.refresh_from_db()
        assert second.repeat_of is None, "only the coordinator's review marks a repeat"

    def test_the_same_person_after_12_months_is_not_a_repeat(self):
        self.earlier(days_ago=400)
        self.add(self.situation_in("mobilized"))
        assert not PossibleRepeat.objects.exists()

    def test_another_person_is_not_a_repeat(self):
        self.earlier(days_ago=30)
        self.add(self.situation_in("mobilized"), born_on=date(1981, 5, 17))
        assert not PossibleRepeat.objects.exists()

    def test_the_same_person_at_another_table_is_never_a_repeat(self):
        self.earlier(days_ago=30)
        elsewhere = self.mobilized_at_other_table()
        self.add(elsewhere, by=self.other_member)
        assert not PossibleRepeat.objects.exists()
        keys = set(VaultPerson.objects.values_list("match_key", flat=True))
        assert len(keys) == 2

    def test_a_destroyed_vault_no_longer_matches(self):
        first = self.earlier(days_ago=100)
        first.vault_key.destroy()
        VaultPerson.objects.filter(situation=first).update(match_key="", sealed=b"")
        self.add(self.situation_in("mobilized"))
        assert not PossibleRepeat.objects.exists()

    def test_typing_the_same_match_again_records_it_once(self):
        self.earlier(days_ago=10)
        second = self.situation_in("mobilized")
        self.add(second)
        self.add(second, role="other")
        assert PossibleRepeat.objects.count() == 1
        assert AuditEntry.objects.filter(action=REPEAT_FOUND).count() == 1

    def test_the_coordinators_are_told_and_nobody_else(self):
        self.earlier(days_ago=10)
        self.add(self.situation_in("mobilized"))
        told = set(Notification.objects.filter(kind="repeat").values_list("recipient", flat=True))
        assert told == {self.coordinator.pk}


class RepeatOracleTests(VaultTestCase):
    """Saving a person says the same thing whether a match exists or not."""

    def setUp(self):
        super().setUp()
        cache.clear()

    def save_through_the_page(self, situation) -> str:
        self.sign_in(self.lead_worker)
        response = self.client.post(
            reverse("vault:person_add", args=[situation.pk]),
            {"role": "at_risk", "name": "Marie Tremblay", "born_on": "1980-05-17"},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_the_person_saving_is_not_told_of_a_match_in_another_vault(self):
        first = self.situation_in("concluded")
        self.add(first, name="Someone Else", born_on=date(1970, 1, 1))
        without = self.save_through_the_page(self.situation_in("mobilized"))
        self.add(first, name="Marie Tremblay", born_on=date(1980, 5, 17), role="other")
        with_match = self.save_through_the_page(self.situation_in("mobilized"))
        assert PossibleRepeat.objects.filter(earlier=first).exists()
        self.assertNotIn(first.reference, with_match)
        self.assertNotIn("repeat", with_match.lower())
        self.assertNotIn("récurren", with_match.lower())
        # The pages differ only by the situation's own reference.
        assert len(without.splitlines()) == len(with_match.splitlines())

    def test_saves_beyond_the_hourly_allowance_are_refused_and_nothing_is_written(self):
        situation = self.situation_in("mobilized")
        for n in range(services.VAULT_SAVES_PER_HOUR):
            self.add(situation, name=f"Person {n}", by=self.lead_worker)
        before = VaultPerson.objects.count()
        with self.assertRaises(ValidationError):
            self.add(situation, name="One more", by=self.lead_worker)
        assert VaultPerson.objects.count() == before


class RepeatReviewTests(VaultTestCase):
    def setUp(self):
        super().setUp()
        cache.clear()
        self.first = self.situation_in("concluded")
        self.add(self.first)
        self.second = self.situation_in("mobilized")
        self.add(self.second)
        self.candidate = PossibleRepeat.objects.get()
        self.url = reverse("vault:repeats", args=[self.table.pk])

    def test_the_coordinator_sees_the_possible_repeat(self):
        self.sign_in(self.coordinator)
        response = self.client.get(self.url)
        self.assertContains(response, self.second.reference)
        self.assertContains(response, self.first.reference)

    def test_the_coordinator_confirms_and_the_situation_becomes_a_repeat(self):
        self.sign_in(self.coordinator)
        self.client.post(self.url, {"candidate": self.candidate.pk, "decision": "confirm"})
        self.second.refresh_from_db()
        assert self.second.repeat_of == self.first
        assert AuditEntry.objects.filter(action=REPEAT_CONFIRM).exists()

    def test_the_coordinator_dismisses_and_nothing_is_marked(self):
        self.sign_in(self.coordinator)
        self.client.post(self.url, {"candidate": self.candidate.pk, "decision": "dismiss"})
        self.candidate.refresh_from_db()
        assert self.candidate.status == RepeatStatus.DISMISSED
        self.second.refresh_from_db()
        assert self.second.repeat_of is None

    def test_a_second_decision_is_refused_with_a_message(self):
        self.sign_in(self.coordinator)
        self.client.post(self.url, {"candidate": self.candidate.pk, "decision": "dismiss"})
        response = self.client.post(
            self.url, {"candidate": self.candidate.pk, "decision": "confirm"}
        )
        self.assertEqual(response.status_code, 422)
        self.second.refresh_from_db()
        assert self.second.repeat_of is None

    def test_members_who_are_not_managers_may_not_review(self):
        self.sign_in(self.lead_worker)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertEqual(
            self.client.post(
                self.url, {"candidate": self.candidate.pk, "decision": "confirm"}
            ).status_code,
            403,
        )

    def test_a_candidate_of_another_table_cannot_be_decided_from_there(self):
        self.sign_in(self.other_member)
        url = reverse("vault:repeats", args=[self.other_table.pk])
        response = self.client.post(url, {"candidate": self.candidate.pk, "decision": "confirm"})
        self.assertEqual(response.status_code, 422)
        self.assertNotContains(response, self.second.reference, status_code=422)
        self.candidate.refresh_from_db()
        assert self.candidate.is_pending
