"""Who may do what on a situation, and when, in every state: the access matrix of the four filters.

The actions come from the registry: a rule declared without an expectation here fails the test.
``WHO`` is the person's right (a refusal there is a 403 from the loader); ``WHEN`` the states in
which the situation allows the verb (elsewhere the page does not offer it and the verb refuses).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from maillage.core.access import rules
from maillage.situations.access import get_situation_for_user
from maillage.tables.models import TableKind

from .base import SituationTestCase

STATES = ("draft", "presented", "rejected", "accepted", "mobilized", "concluded")
SEATED = frozenset({"originating", "lead", "assisting", "uninvolved", "coordinator", "observer"})
INVOLVED = frozenset({"originating", "lead", "assisting"})
ORIGINATING = frozenset({"originating"})
COORDINATOR = frozenset({"coordinator"})
NOBODY: frozenset[str] = frozenset()


def by_state(draft, before, named) -> dict[str, frozenset[str]]:
    """Personas allowed in a draft, before the agencies are named, and once they are."""
    before_named = {"presented": before, "rejected": before, "accepted": before}
    return {"draft": draft, **before_named, "mobilized": named, "concluded": named}


# action → state → personas holding the right. Everyone else (other table, outsider, inactive,
# privacy officer) holds none, in any state.
WHO = {
    "situation.view": {
        "draft": ORIGINATING,
        "presented": SEATED - {"observer"},
        "rejected": SEATED,
        "accepted": SEATED,
        "mobilized": SEATED,
        "concluded": SEATED,
    },
    "situation.edit": by_state(
        ORIGINATING, ORIGINATING | COORDINATOR, ORIGINATING | COORDINATOR | {"lead"}
    ),
    "situation.present": by_state(ORIGINATING, ORIGINATING, ORIGINATING),
    "situation.decide": by_state(NOBODY, COORDINATOR, COORDINATOR),
    "situation.name_agencies": by_state(NOBODY, COORDINATOR, COORDINATOR),
    "situation.manage_plan": by_state(ORIGINATING, ORIGINATING, INVOLVED),
    "situation.record_contact": by_state(ORIGINATING, ORIGINATING, INVOLVED),
    "situation.assess_risk": by_state(
        ORIGINATING, ORIGINATING | COORDINATOR, INVOLVED | COORDINATOR
    ),
    "situation.conclude": by_state(NOBODY, COORDINATOR, COORDINATOR | {"lead"}),
    "situation.reopen": by_state(NOBODY, COORDINATOR, COORDINATOR),
    "situation.read_vault": by_state(ORIGINATING, ORIGINATING, INVOLVED),
    "situation.write_vault": by_state(ORIGINATING, ORIGINATING, INVOLVED),
}
OPEN = {"draft", "presented", "accepted", "mobilized"}
# action → states in which the verb is offered (at a situation table: no risk instrument there).
WHEN = {
    "situation.view": set(STATES),
    "situation.edit": OPEN,
    "situation.present": {"draft"},
    "situation.decide": {"presented"},
    "situation.name_agencies": {"accepted"},
    "situation.manage_plan": {"mobilized"},
    "situation.record_contact": {"mobilized"},
    "situation.assess_risk": set(),
    "situation.conclude": {"mobilized"},
    "situation.reopen": {"concluded"},
    "situation.read_vault": {"mobilized", "concluded"},
    "situation.write_vault": {"mobilized", "concluded"},
}


class SituationMatrixTests(SituationTestCase):
    def test_every_situation_action_of_the_registry_has_an_expectation(self):
        declared = set(rules.actions("situation"))
        self.assertEqual(declared - set(WHO), set())
        self.assertEqual(declared - set(WHEN), set())

    def test_each_persona_holds_exactly_the_rights_the_matrix_says_in_every_state(self):
        for state in STATES:
            situation = self.situation_in(state)
            for persona, user in self.situation_personas.items():
                for action in rules.actions("situation"):
                    allowed = persona in WHO[action][state]
                    with self.subTest(state=state, persona=persona, action=action):
                        self.assertEqual(rules.permits(user, action, situation), allowed)
                        self.assertEqual(
                            rules.may(user, action, situation), allowed and state in WHEN[action]
                        )

    def test_coordinator_reads_the_vault_only_when_their_agency_is_named(self):
        situation = self.situation_in("accepted")
        situation.name_agencies(lead=self.city, assisting=[], by=self.coordinator)
        self.assertTrue(rules.may(self.coordinator, "situation.read_vault", situation))

    def test_substitute_of_the_originating_agency_sees_its_draft(self):
        self.assertTrue(rules.permits(self.substitute, "situation.view", self.draft()))

    def test_first_contact_is_no_longer_offered_once_recorded(self):
        situation = self.situation_in("mobilized")
        self.assertTrue(rules.may(self.lead_worker, "situation.record_contact", situation))
        assert situation.agencies_named_at is not None
        situation.record_first_contact(at=situation.agencies_named_at, by=self.lead_worker)
        self.assertFalse(rules.may(self.lead_worker, "situation.record_contact", situation))
        self.assertTrue(rules.permits(self.lead_worker, "situation.record_contact", situation))

    def test_risk_assessment_is_offered_at_a_domestic_violence_cell_only(self):
        situation = self.situation_in("presented")
        self.assertFalse(rules.may(self.coordinator, "situation.assess_risk", situation))
        self.table.kind = TableKind.DOMESTIC_VIOLENCE
        self.table.save()
        situation.table.kind = TableKind.DOMESTIC_VIOLENCE
        self.assertTrue(rules.may(self.coordinator, "situation.assess_risk", situation))

    def test_unknown_action_is_a_programming_error(self):
        with self.assertRaises(ValueError):
            rules.may(self.coordinator, "situation.fly", self.draft())


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

    def test_a_verb_at_the_wrong_time_is_left_to_the_situation_to_refuse(self):
        situation = self.situation_in("mobilized")
        loaded = get_situation_for_user(self.coordinator, situation.pk, "situation.decide")
        self.assertEqual(loaded, situation)

    def test_situation_of_another_table_in_the_url_gets_404(self):
        situation = self.situation_in("presented")
        with self.assertRaises(Http404):
            get_situation_for_user(self.coordinator, situation.pk, table_pk=self.other_table.pk)
