"""The four filters as a state machine: every legal step, and the illegal ones refused."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from maillage.core.models import AuditEntry
from maillage.situations.audit import (
    SITUATION_CONCLUDE,
    SITUATION_CREATE,
    SITUATION_DECIDE,
    SITUATION_FIRST_CONTACT,
    SITUATION_MARK_REPEAT,
    SITUATION_NAME_AGENCIES,
    SITUATION_PRESENT,
)
from maillage.situations.models import ConclusionCategory, Service, Situation, Status

from .base import SituationTestCase


class WholeLifecycleTests(SituationTestCase):
    def test_a_situation_goes_from_draft_to_concluded_and_every_step_is_audited(self):
        situation = self.draft()
        self.assertEqual(situation.status, Status.DRAFT)
        self.assertEqual(situation.number, 1)
        situation.present(by=self.member)
        situation.decide(
            aer_met=True, method="vote", votes_for=5, votes_against=1, by=self.coordinator
        )
        self.assertEqual(situation.status, Status.ACCEPTED)
        situation.name_agencies(lead=self.health, assisting=[self.housing], by=self.coordinator)
        self.assertEqual(situation.status, Status.MOBILIZED)
        self.assertEqual(
            situation.involved_organization_ids(), {self.police.pk, self.health.pk, self.housing.pk}
        )
        contact = situation.agencies_named_at + timedelta(hours=20)
        situation.agencies_named_at -= timedelta(days=1)
        situation.save(update_fields=["agencies_named_at"])
        situation.record_first_contact(at=contact - timedelta(days=1), by=self.lead_worker)
        self.assertEqual(situation.time_to_mobilize, timedelta(hours=20))
        situation.conclude(
            category=ConclusionCategory.objects.get(code="connected"),
            services=Service.objects.filter(code__in=["housing", "mental_health"]),
            by=self.lead_worker,
        )
        stored = Situation.objects.get(pk=situation.pk)
        self.assertEqual(stored.status, Status.CONCLUDED)
        self.assertEqual(stored.services.count(), 2)
        self.assertEqual(stored.version, 6)
        actions = list(
            AuditEntry.objects.filter(object_id=str(situation.pk), action__startswith="situations.")
            .order_by("id")
            .values_list("action", flat=True)
        )
        self.assertEqual(
            actions,
            [
                SITUATION_CREATE,
                SITUATION_PRESENT,
                SITUATION_DECIDE,
                SITUATION_NAME_AGENCIES,
                SITUATION_FIRST_CONTACT,
                SITUATION_CONCLUDE,
            ],
        )

    def test_numbers_follow_each_other_within_a_table(self):
        self.assertEqual([self.draft().number for _ in range(3)], [1, 2, 3])

    def test_reference_uses_the_table_prefix(self):
        situation = self.draft()
        situation.table.situation_settings.prefix = "RMT"
        self.assertEqual(situation.reference, "RMT-0001")

    def test_reopening_within_the_window_returns_to_the_agencies_named(self):
        situation = self.situation_in("concluded")
        situation.reopen(by=self.coordinator)
        situation.refresh_from_db()
        self.assertEqual(situation.status, Status.MOBILIZED)
        self.assertIsNone(situation.conclusion_category)
        self.assertEqual(situation.reopened_count, 1)


class IllegalTransitionTests(SituationTestCase):
    def assertRefused(self, situation, call):
        before = Situation.objects.filter(pk=situation.pk).values().get()
        entries = AuditEntry.objects.count()
        with self.assertRaises(ValidationError) as caught:
            call()
        self.assertTrue(caught.exception.messages[0])
        self.assertEqual(Situation.objects.filter(pk=situation.pk).values().get(), before)
        self.assertEqual(AuditEntry.objects.count(), entries)

    def test_naming_agencies_before_the_decision_is_refused(self):
        situation = self.situation_in("presented")
        self.assertRefused(
            situation,
            lambda: situation.name_agencies(lead=self.health, assisting=[], by=self.coordinator),
        )

    def test_naming_agencies_after_a_rejection_is_refused(self):
        situation = self.situation_in("rejected")
        self.assertRefused(
            situation,
            lambda: situation.name_agencies(lead=self.health, assisting=[], by=self.coordinator),
        )

    def test_deciding_a_draft_is_refused(self):
        situation = self.draft()
        self.assertRefused(
            situation,
            lambda: situation.decide(aer_met=True, method="consensus", by=self.coordinator),
        )

    def test_a_vote_without_its_count_is_refused(self):
        situation = self.situation_in("presented")
        self.assertRefused(
            situation, lambda: situation.decide(aer_met=True, method="vote", by=self.coordinator)
        )

    def test_concluding_twice_is_refused(self):
        situation = self.situation_in("concluded")
        category = ConclusionCategory.objects.get(code="other")
        self.assertRefused(
            situation, lambda: situation.conclude(category=category, by=self.coordinator)
        )

    def test_presenting_twice_is_refused(self):
        situation = self.situation_in("presented")
        self.assertRefused(situation, lambda: situation.present(by=self.member))

    def test_first_contact_before_agencies_are_named_is_refused(self):
        situation = self.situation_in("accepted")
        self.assertRefused(
            situation, lambda: situation.record_first_contact(at=timezone.now(), by=self.member)
        )

    def test_first_contact_in_the_future_is_refused(self):
        situation = self.situation_in("mobilized")
        later = timezone.now() + timedelta(hours=2)
        self.assertRefused(
            situation, lambda: situation.record_first_contact(at=later, by=self.member)
        )

    def test_first_contact_recorded_twice_is_refused(self):
        situation = self.situation_in("mobilized")
        situation.record_first_contact(at=timezone.now(), by=self.lead_worker)
        self.assertRefused(
            situation, lambda: situation.record_first_contact(at=timezone.now(), by=self.member)
        )

    def test_naming_an_agency_that_does_not_sit_at_the_table_is_refused(self):
        situation = self.situation_in("accepted")
        self.assertRefused(
            situation,
            lambda: situation.name_agencies(lead=self.shelter, assisting=[], by=self.coordinator),
        )

    def test_reopening_after_the_window_is_refused(self):
        situation = self.situation_in("concluded")
        Situation.objects.filter(pk=situation.pk).update(
            concluded_at=timezone.now() - timedelta(days=31)
        )
        situation.refresh_from_db()
        self.assertRefused(situation, lambda: situation.reopen(by=self.coordinator))

    def test_reopening_after_the_identities_were_destroyed_is_refused(self):
        from maillage.vault.models import VaultKey

        situation = self.situation_in("concluded")
        VaultKey.create_for(situation).destroy()
        self.assertRefused(situation, lambda: situation.reopen(by=self.coordinator))

    def test_reopening_an_open_situation_is_refused(self):
        situation = self.situation_in("mobilized")
        self.assertRefused(situation, lambda: situation.reopen(by=self.coordinator))


class RepeatTests(SituationTestCase):
    def test_marking_a_repeat_links_the_earlier_situation_and_is_audited(self):
        earlier = self.situation_in("concluded")
        later = self.draft()
        later.mark_repeat(of=earlier, by=self.lead_worker)
        self.assertEqual(Situation.objects.get(pk=later.pk).repeat_of, earlier)
        self.assertTrue(AuditEntry.objects.filter(action=SITUATION_MARK_REPEAT).exists())

    def test_a_situation_cannot_repeat_itself(self):
        situation = self.draft()
        with self.assertRaises(ValidationError):
            situation.mark_repeat(of=situation, by=self.lead_worker)
