"""Personas around one situation: the agencies involved and the people who are not."""

from maillage.demo.factory import Course, walk
from maillage.situations.models import RiskFactor, Situation, Status
from maillage.tables.models import Role, Seat, TableOrganization
from maillage.tables.testing import PersonaTestCase, make_organization, make_user


class SituationTestCase(PersonaTestCase):
    """The police (``member``) bring situations to Sudbury; health leads, housing assists.

    - ``lead_worker`` (health) and ``assisting_worker`` (housing) sit at Sudbury as members;
    - ``uninvolved`` (youth services) sits at Sudbury but is never named;
    - the coordinator's own agency (city) is never named either.
    """

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.health = make_organization("sante", "health")
        cls.housing = make_organization("logement", "housing")
        cls.youth = make_organization("jeunesse", "child_welfare")
        cls.lead_worker = make_user("lead", cls.health)
        cls.assisting_worker = make_user("assisting", cls.housing)
        cls.uninvolved = make_user("uninvolved", cls.youth)
        for user, organization in (
            (cls.lead_worker, cls.health),
            (cls.assisting_worker, cls.housing),
            (cls.uninvolved, cls.youth),
        ):
            TableOrganization.objects.create(table=cls.table, organization=organization)
            Seat.objects.create(
                table=cls.table, user=user, organization=organization, role=Role.MEMBER
            )
        cls.factors = list(RiskFactor.objects.filter(table__isnull=True)[:3])

    @property
    def situation_personas(self) -> dict:
        return {
            "originating": self.member,
            "lead": self.lead_worker,
            "assisting": self.assisting_worker,
            "uninvolved": self.uninvolved,
            "coordinator": self.coordinator,
            "observer": self.observer,
            "other_table": self.other_member,
            "outsider": self.outsider,
            "inactive": self.inactive,
            "privacy_officer": self.privacy_officer,
        }

    def course(self, to: str = Status.DRAFT, **fields) -> Course:
        """The police bring it; the coordinator decides; health leads and housing assists."""
        cast = {
            "table": self.table,
            "originating": self.police,
            "by": self.member,
            "chair": self.coordinator,
            "lead": self.health,
            "assisting": [self.housing],
            "risk_factors": self.factors,
        }
        return Course.build(to=to, **{**cast, **fields})

    def draft(self, **fields) -> Situation:
        return walk(self.course(Status.DRAFT, **fields))

    def situation_in(self, status: str) -> Situation:
        """A situation walked through the lifecycle up to ``status``."""
        situation = walk(self.course(status))
        assert situation.status == status
        return situation

    def _conclude(self, situation: Situation) -> None:
        walk(situation, to=Status.CONCLUDED, chair=self.coordinator)
