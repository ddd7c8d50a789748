"""Optimistic locking of situations through ``maillage.core.locking.refresh_for_update``."""

from django.db import transaction

from maillage.core.locking import refresh_for_update
from maillage.situations import services
from maillage.situations.models import Situation, StaleEdit, Status

from .base import SituationTestCase


class OptimisticLockingTests(SituationTestCase):
    def test_a_transition_on_a_stale_copy_bumps_the_stored_version_not_the_copys(self):
        stale = self.situation_in("mobilized")
        fresh = Situation.objects.get(pk=stale.pk)
        services.update_situation(
            situation=fresh,
            version=fresh.version,
            changes={"why_table": "Mis à jour."},
            by=self.member,
        )
        stored = fresh.version
        self._conclude(stale)
        assert Situation.objects.get(pk=stale.pk).version == stored + 1
        assert stale.version == stored + 1
        assert stale.why_table == "Mis à jour."

    def test_a_stale_copy_counts_from_the_stored_state(self):
        stale = self.situation_in("concluded")
        fresh = Situation.objects.get(pk=stale.pk)
        fresh.reopen(by=self.coordinator)
        self._conclude(fresh)
        stale.reopen(by=self.coordinator)
        assert Situation.objects.get(pk=stale.pk).reopened_count == 2

    def test_a_save_from_an_outdated_version_is_refused_and_changes_nothing(self):
        situation = self.situation_in("presented")
        opened_at = situation.version
        Situation.objects.get(pk=situation.pk).decide(
            aer_met=True, method="consensus", by=self.coordinator
        )
        with self.assertRaises(StaleEdit) as raised:
            situation.name_agencies(
                lead=self.health, assisting=[], by=self.coordinator, version=opened_at
            )
        assert raised.exception.code == "stale"
        assert Situation.objects.get(pk=situation.pk).status == Status.ACCEPTED

    def test_the_helper_reloads_the_instance_from_the_locked_row(self):
        situation = self.draft()
        Situation.objects.filter(pk=situation.pk).update(version=7, why_table="Ailleurs.")
        with transaction.atomic():
            assert refresh_for_update(situation, 7) is situation
        assert situation.version == 7 and situation.why_table == "Ailleurs."
