"""The access rules as a matrix: every persona × every table action."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from maillage.core.permissions import TABLE_RULES, can, get_table_for_user
from maillage.core.testing import PersonaTestCase

# Table-level actions of this module; situation rules have their own matrix.
ALL = {action for action in TABLE_RULES if action.startswith("table.")}
# What each persona may do at the Sudbury table.
EXPECTED = {
    "coordinator": ALL,
    "member": {"table.view", "table.view_members"},
    "substitute": {"table.view", "table.view_members"},
    "observer": {"table.view", "table.view_members"},
    "other_member": set(),
    "outsider": set(),
    "inactive": set(),
}


class TableActionMatrixTests(PersonaTestCase):
    def test_each_persona_may_do_exactly_what_the_matrix_says(self):
        for persona, user in self.personas.items():
            for action in sorted(ALL):
                with self.subTest(persona=persona, action=action):
                    self.assertEqual(can(user, action, self.table), action in EXPECTED[persona])

    def test_privacy_officer_may_view_and_audit_but_not_manage(self):
        self.assertTrue(can(self.privacy_officer, "table.view_audit", self.table))
        self.assertFalse(can(self.privacy_officer, "table.manage_members", self.table))

    def test_chair_may_manage_like_a_coordinator(self):
        self.table.seats.filter(user=self.member).update(role="chair")
        self.assertTrue(can(self.member, "table.manage_members", self.table))

    def test_unknown_action_is_a_programming_error(self):
        with self.assertRaises(ValueError):
            can(self.coordinator, "table.fly", self.table)


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
