from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from maillage.organizations.models import Territory
from maillage.privacy.models import Regulator, regulator_for
from maillage.privacy.retention import next_purge
from maillage.tables.testing import PersonaTestCase


class RegulatorTests(PersonaTestCase):
    def test_an_ontario_organisation_reports_to_ontarios_commissioner(self):
        ontario = Territory.objects.create(name="Ontario", kind="province")
        self.territory.parent = ontario
        self.territory.save()
        self.city.territories.add(self.territory)
        self.assertEqual(regulator_for(self.coordinator), Regulator.IPC)

    def test_a_quebec_organisation_reports_to_the_commission_daccess(self):
        quebec = Territory.objects.create(name="Québec", kind="province")
        montreal = Territory.objects.create(name="Montréal", kind="region", parent=quebec)
        self.city.territories.add(montreal)
        self.assertEqual(regulator_for(self.coordinator), Regulator.CAI)

    def test_the_form_proposes_the_officers_regulator(self):
        ontario = Territory.objects.create(name="Ontario", kind="province")
        self.territory.parent = ontario
        self.territory.save()
        for membership in self.privacy_officer.memberships.all():
            membership.organization.territories.add(self.territory)
        self.sign_in(self.privacy_officer)
        response = self.client.get(reverse("privacy:incident_add"))
        self.assertContains(response, 'value="ipc" selected')


class OfficerHomeTests(PersonaTestCase):
    def test_the_home_page_shows_vault_openings_incidents_and_the_next_purge(self):
        self.sign_in(self.privacy_officer)
        response = self.client.get(reverse("privacy:index"))
        self.assertContains(response, reverse("privacy:access_report"))
        self.assertContains(response, reverse("privacy:retention"))

    def test_the_retention_page_never_says_a_number_of_days_beside_never_deleted(self):
        self.sign_in(self.privacy_officer)
        response = self.client.get(reverse("privacy:retention"))
        self.assertNotContains(response, 'name="audit"')


class NextPurgeTests(PersonaTestCase):
    def test_tonight_after_a_run_last_night(self):
        now = timezone.make_aware(datetime(2026, 12, 8, 14, 0))
        last = now - timedelta(hours=11)
        self.assertEqual(timezone.localtime(next_purge(last, now=now)).date(), date(2026, 12, 9))

    def test_now_when_last_nights_run_was_missed(self):
        now = timezone.make_aware(datetime(2026, 12, 8, 14, 0))
        self.assertEqual(next_purge(now - timedelta(days=3), now=now), timezone.localtime(now))
