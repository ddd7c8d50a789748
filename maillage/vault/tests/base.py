"""Vault personas: the situation personas of the situations app, with people in the vault."""

from datetime import date

from maillage.demo.factory import Course, walk
from maillage.situations.models import Situation, Status
from maillage.situations.tests.base import SituationTestCase
from maillage.vault import services
from maillage.vault.models import Identity, PersonRole


class VaultTestCase(SituationTestCase):
    """Situations of Sudbury brought by the police, health leading and housing assisting."""

    def identity(self, name="Marie Tremblay", born_on=date(1980, 5, 17), **more) -> Identity:
        more.setdefault("address", "12 rue des Érables, Sudbury")
        more.setdefault("contact", "705-555-0142")
        return Identity(name=name, born_on=born_on, **more)

    def add(self, situation: Situation, by=None, role=PersonRole.AT_RISK, **identity):
        return services.add_person(
            situation=situation,
            role=role,
            identity=self.identity(**identity),
            by=by or self.member,
        )

    def mobilized_at_other_table(self) -> Situation:
        """A situation of the Montréal cell, where ``other_member`` coordinates for the shelter."""
        return walk(
            Course(
                table=self.other_table,
                originating=self.shelter,
                to=Status.MOBILIZED,
                by=self.other_member,
                chair=self.other_member,
                lead=self.shelter,
                description="Menaces de mort répétées.",
                why_table="",
            )
        )
