"""A person who leaves their organisation loses the seats they held for it, and what they opened."""

from django.http import Http404
from django.urls import reverse

from maillage.core.access import rules
from maillage.core.models import AuditEntry
from maillage.organizations.models import Membership, Organization
from maillage.situations.access import get_situation_for_user
from maillage.situations.tests.base import SituationTestCase
from maillage.tables.access import forget_seats, get_table_for_user
from maillage.tables.models import Seat, TableOrganization
from maillage.tables.services import end_membership


class EndMembershipTests(SituationTestCase):
    def membership(self, user, organization) -> Membership:
        return Membership.objects.get(user=user, organization=organization)

    def test_ending_a_membership_ends_the_person_s_seats_for_that_organisation(self):
        ended = end_membership(
            membership=self.membership(self.member, self.police), acting_user=self.coordinator
        )
        self.assertEqual(ended, 1)
        self.assertFalse(Seat.objects.filter(user=self.member).exists())
        self.assertFalse(self.membership(self.member, self.police).is_active)
        forget_seats(self.member)
        with self.assertRaises(Http404):
            get_table_for_user(self.member, self.table.pk)

    def test_the_vault_of_a_situation_the_agency_leads_closes_to_the_person_who_left(self):
        situation = self.situation_in("mobilized")
        self.assertTrue(rules.may(self.lead_worker, "situation.read_vault", situation))
        end_membership(
            membership=self.membership(self.lead_worker, self.health), acting_user=self.coordinator
        )
        forget_seats(self.lead_worker)
        with self.assertRaises(Http404):
            get_situation_for_user(self.lead_worker, situation.pk, "situation.read_vault")

    def test_each_seat_and_the_membership_are_audited(self):
        end_membership(
            membership=self.membership(self.member, self.police),
            acting_user=self.privacy_officer,
        )
        seat_entry = AuditEntry.objects.get(action="tables.seat.remove")
        self.assertEqual(seat_entry.table_id, self.table.pk)
        self.assertEqual(seat_entry.data, {"membership_ended": True})
        entry = AuditEntry.objects.get(action="organizations.membership.end")
        self.assertEqual(entry.organization_id, self.police.pk)
        self.assertEqual(entry.data, {"seats_removed": 1})

    def test_the_person_no_longer_represents_the_organisation(self):
        end_membership(
            membership=self.membership(self.member, self.police), acting_user=self.coordinator
        )
        designation = TableOrganization.objects.get(table=self.table, organization=self.police)
        self.assertIsNone(designation.representative)
        self.assertEqual(designation.substitute, self.substitute)

    def test_seats_held_for_another_organisation_stay(self):
        Membership.objects.create(user=self.member, organization=self.shelter)
        Seat.objects.create(
            table=self.other_table, user=self.member, organization=self.shelter, role="member"
        )
        end_membership(
            membership=self.membership(self.member, self.police), acting_user=self.coordinator
        )
        self.assertEqual(
            list(Seat.objects.filter(user=self.member)),
            [Seat.objects.get(table=self.other_table, user=self.member)],
        )

    def test_ending_it_again_changes_nothing(self):
        membership = self.membership(self.member, self.police)
        end_membership(membership=membership, acting_user=self.coordinator)
        self.assertEqual(end_membership(membership=membership, acting_user=self.coordinator), 0)
        self.assertEqual(
            AuditEntry.objects.filter(action="organizations.membership.end").count(), 1
        )


class DeactivatedOrganisationTests(SituationTestCase):
    def test_seats_of_a_deactivated_organisation_open_nothing(self):
        situation = self.situation_in("mobilized")
        Organization.objects.filter(pk=self.health.pk).update(is_active=False)
        with self.assertRaises(Http404):
            get_situation_for_user(self.lead_worker, situation.pk)

    def test_a_seat_whose_membership_is_inactive_opens_nothing(self):
        situation = self.situation_in("mobilized")
        Membership.objects.filter(user=self.lead_worker).update(is_active=False)
        self.assertTrue(Seat.objects.filter(user=self.lead_worker).exists())
        with self.assertRaises(Http404):
            get_situation_for_user(self.lead_worker, situation.pk, "situation.read_vault")


class MembershipAdminTests(SituationTestCase):
    def test_unticking_a_membership_in_the_admin_ends_the_person_s_seats(self):
        self.outsider.is_superuser = self.outsider.is_staff = True
        self.outsider.save()
        self.sign_in(self.outsider)
        police = self.police
        memberships = list(Membership.objects.filter(organization=police).order_by("pk"))
        data = {
            "name_fr": police.name_fr,
            "name_en": police.name_en,
            "acronym": police.acronym,
            "sector": police.sector_id,
            "languages": "[]",
            "is_active": "on",
            "memberships-TOTAL_FORMS": str(len(memberships)),
            "memberships-INITIAL_FORMS": str(len(memberships)),
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        }
        for index, membership in enumerate(memberships):
            prefix = f"memberships-{index}-"
            data[prefix + "id"] = str(membership.pk)
            data[prefix + "organization"] = str(police.pk)
            data[prefix + "user"] = str(membership.user_id)
            data[prefix + "job_title"] = membership.job_title
            if membership.user_id != self.member.pk:
                data[prefix + "is_active"] = "on"
        url = reverse("admin:organizations_organization_change", args=[police.pk])
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        self.assertFalse(Seat.objects.filter(user=self.member).exists())
        self.assertTrue(Seat.objects.filter(user=self.substitute).exists())
        self.assertTrue(AuditEntry.objects.filter(action="organizations.membership.end").exists())
