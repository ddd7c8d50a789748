"""Who may do what on a situation, in every state: the access matrix of the four filters."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from maillage.core.permissions import can_situation, get_situation_for_user

from .base import SituationTestCase

ACTIONS = (
    "situation.view",
    "situation.edit",
    "situation.decide",
    "situation.name_agencies",
    "situation.conclude",
    "situation.read_vault",
    "situation.write_vault",
)
SEATED = {"originating", "lead", "assisting", "uninvolved", "coordinator", "observer"}
INVOLVED = {"originating", "lead", "assisting"}
# state → action → personas allowed. Everyone else (other table, outsider, inactive, privacy
# officer) is refused everything in every state.
EXPECTED = {
    "draft": {
        "situation.view": {"originating"},
        "situation.edit": {"originating"},
    },
    "presented": {
        "situation.view": SEATED - {"observer"},
        "situation.edit": {"originating", "coordinator"},
        "situation.decide": {"coordinator"},
        "situation.name_agencies": {"coordinator"},
        "situation.conclude": {"coordinator"},
    },
    "rejected": {
        "situation.view": SEATED,
        "situation.decide": {"coordinator"},
        "situation.name_agencies": {"coordinator"},
        "situation.conclude": {"coordinator"},
    },
    "accepted": {
        "situation.view": SEATED,
        "situation.edit": {"originating", "coordinator"},
        "situation.decide": {"coordinator"},
        "situation.name_agencies": {"coordinator"},
        "situation.conclude": {"coordinator"},
    },
    "mobilized": {
        "situation.view": SEATED,
        "situation.edit": {"originating", "coordinator", "lead"},
        "situation.decide": {"coordinator"},
        "situation.name_agencies": {"coordinator"},
        "situation.conclude": {"coordinator", "lead"},
        "situation.read_vault": INVOLVED,
        "situation.write_vault": INVOLVED,
    },
    "concluded": {
        "situation.view": SEATED,
        "situation.decide": {"coordinator"},
        "situation.name_agencies": {"coordinator"},
        "situation.conclude": {"coordinator", "lead"},
        "situation.read_vault": INVOLVED,
        "situation.write_vault": INVOLVED,
    },
}


class SituationMatrixTests(SituationTestCase):
    def test_each_persona_may_do_exactly_what_the_matrix_says_in_every_state(self):
        for state, rules in EXPECTED.items():
            situation = self.situation_in(state)
            for persona, user in self.situation_personas.items():
                for action in ACTIONS:
                    with self.subTest(state=state, persona=persona, action=action):
                        self.assertEqual(
                            can_situation(user, action, situation),
                            persona in rules.get(action, set()),
                        )

    def test_coordinator_reads_the_vault_only_when_their_agency_is_named(self):
        situation = self.situation_in("accepted")
        situation.name_agencies(lead=self.city, assisting=[], by=self.coordinator)
        self.assertTrue(can_situation(self.coordinator, "situation.read_vault", situation))

    def test_substitute_of_the_originating_agency_sees_its_draft(self):
        self.assertTrue(can_situation(self.substitute, "situation.view", self.draft()))

    def test_unknown_action_is_a_programming_error(self):
        with self.assertRaises(ValueError):
            can_situation(self.coordinator, "situation.fly", self.draft())


class SituationLoaderTests(SituationTestCase):
    def test_uninvolved_member_gets_404_for_a_draft_of_another_agency(self):
        with self.assertRaises(Http404):
            get_situation_for_user(self.uninvolved, self.draft().pk)

    def test_outsider_gets_404(self):
        with self.assertRaises(Http404):
            get_situation_for_user(self.outsider, self.situation_in("mobilized").pk)

    def test_member_without_the_right_gets_403(self):
        situation = self.situation_in("presented")
        with self.assertRaises(PermissionDenied):
            get_situation_for_user(self.uninvolved, situation.pk, "situation.decide")

    def test_situation_of_another_table_in_the_url_gets_404(self):
        situation = self.situation_in("presented")
        with self.assertRaises(Http404):
            get_situation_for_user(self.coordinator, situation.pk, table_pk=self.other_table.pk)
