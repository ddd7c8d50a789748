"""The access rules asked of a table, as a matrix: every persona × every table-level action.

The actions come from the registry: any rule on a table (the table's own, its situations, its
figures, its meetings) or site-wide without an expectation here fails the test.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from maillage.core.access import rules
from maillage.organizations.models import Organization
from maillage.tables.access import can, get_table_for_user, seat_at
from maillage.tables.models import Seat
from maillage.tables.testing import PersonaTestCase

SEATED = frozenset({"coordinator", "member", "substitute", "observer"})
PARTICIPANTS = SEATED - {"observer"}
MANAGERS = frozenset({"coordinator"})
# What each action allows at the Sudbury table (a situation table), by persona. Everyone else
# (other table, outsider, inactive) is refused everything.
TABLE_EXPECTED = {
    "table.view": SEATED | {"privacy_officer"},
    "table.view_members": SEATED,
    "table.edit": MANAGERS,
    "table.manage_members": MANAGERS,
    "table.view_audit": MANAGERS | {"privacy_officer"},
    "table.view_situations": SEATED,
    "table.create_situation": PARTICIPANTS,
    "table.configure_situations": MANAGERS,
    "table.review_repeats": MANAGERS,
    "reports.view": SEATED | {"privacy_officer"},
    "reports.view_unsuppressed": SEATED,
    "reports.write_narrative": MANAGERS,
    "reports.export_provincial": MANAGERS,
}
# Site-wide actions, asked of no object.
SITE_EXPECTED = {
    "privacy.manage": {"privacy_officer"},
    "privacy.audit_everything": {"privacy_officer"},
}
# Asked of other objects, with their own personas: one situation (the matrix in
# situations/tests/test_permissions.py), a meeting (meetings/tests/test_access.py), and an
# organising team's requests and projects (organizing/tests). The outsider's refusal of every
# one is in core/tests/test_every_url_access.py.
OTHER_SUBJECTS = {"situation", "meeting", "organizing_team", "support_request", "project"}


def table_actions() -> list[str]:
    return [
        a
        for a in rules.actions()
        if a not in SITE_EXPECTED and a.split(".")[0] not in OTHER_SUBJECTS
    ]


class TableActionMatrixTests(PersonaTestCase):
    @property
    def everyone(self) -> dict:
        return {**self.personas, "privacy_officer": self.privacy_officer}

    def test_every_action_of_the_registry_has_an_expectation(self):
        for action in rules.actions():
            with self.subTest(action=action):
                self.assertTrue(
                    action in TABLE_EXPECTED
                    or action in SITE_EXPECTED
                    or action.split(".")[0] in OTHER_SUBJECTS
                )

    def test_each_persona_may_do_exactly_what_the_matrix_says(self):
        for persona, user in self.everyone.items():
            for action in table_actions():
                with self.subTest(persona=persona, action=action):
                    allowed = persona in TABLE_EXPECTED[action]
                    self.assertEqual(can(user, action, self.table), allowed)

    def test_each_persona_may_do_exactly_what_the_site_wide_matrix_says(self):
        for persona, user in self.everyone.items():
            for action in SITE_EXPECTED:
                with self.subTest(persona=persona, action=action):
                    allowed = persona in SITE_EXPECTED[action]
                    self.assertEqual(rules.permits(user, action, None), allowed)

    def test_chair_may_manage_like_a_coordinator(self):
        self.table.seats.filter(user=self.member).update(role="chair")
        self.assertTrue(can(self.member, "table.manage_members", self.table))

    def test_a_concertation_table_offers_no_situations(self):
        self.table.kind = "concertation"
        self.assertTrue(rules.permits(self.member, "table.view_situations", self.table))
        self.assertFalse(can(self.member, "table.view_situations", self.table))

    def test_unknown_action_is_a_programming_error(self):
        with self.assertRaises(ValueError):
            can(self.coordinator, "table.fly", self.table)


class SeatInForceTests(PersonaTestCase):
    def test_a_seat_for_an_organisation_the_person_left_gives_no_right(self):
        self.member.memberships.filter(organization=self.police).update(is_active=False)
        self.assertIsNone(seat_at(self.member, self.table))
        self.assertFalse(can(self.member, "table.view", self.table))

    def test_a_seat_for_a_deactivated_organisation_gives_no_right(self):
        Organization.objects.filter(pk=self.police.pk).update(is_active=False)
        self.assertIsNone(seat_at(self.member, self.table))
        with self.assertRaises(Http404):
            get_table_for_user(self.member, self.table.pk)

    def test_a_seat_for_another_organisation_the_person_never_worked_for_gives_no_right(self):
        Seat.objects.filter(user=self.member).update(organization=self.school)
        self.assertIsNone(seat_at(self.member, self.table))

    def test_a_seat_in_force_gives_its_role(self):
        self.assertEqual(seat_at(self.member, self.table), ("member", self.police.pk))


class TableLoaderTests(PersonaTestCase):
    def test_outsider_gets_404(self):
        with self.assertRaises(Http404):
            get_table_for_user(self.outsider, self.table.pk)

    def test_member_of_another_table_gets_404(self):
        with self.assertRaises(Http404):
            get_table_for_user(self.other_member, self.table.pk)

    def test_member_without_the_right_gets_403(self):
        with self.assertRaises(PermissionDenied):
            get_table_for_user(self.member, self.table.pk, "table.manage_members")

    def test_unknown_table_gets_404(self):
        with self.assertRaises(Http404):
            get_table_for_user(self.coordinator, 999_999)

    def test_deactivated_user_gets_404(self):
        with self.assertRaises(Http404):
            get_table_for_user(self.inactive, self.table.pk)

    def test_coordinator_gets_the_table(self):
        self.assertEqual(
            get_table_for_user(self.coordinator, self.table.pk, "table.manage_members"), self.table
        )
