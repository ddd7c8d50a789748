"""Personas around one situation: the agencies involved and the people who are not."""

from maillage.situations import services
from maillage.situations.models import ConclusionCategory, RiskFactor, Situation
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

    def draft(self, **fields) -> Situation:
        fields.setdefault("description", "Personne isolée, menaces répétées envers un voisin.")
        fields.setdefault("why_table", "Refuse nos services; besoin du logement et de la santé.")
        return services.create_situation(
            table=self.table,
            organization=self.police,
            risk_factors=fields.pop("risk_factors", self.factors),
            by=self.member,
            **fields,
        )

    def situation_in(self, status: str) -> Situation:
        """A situation walked through the lifecycle up to ``status``."""
        situation = self.draft()
        steps = [
            ("presented", lambda s: s.present(by=self.member)),
            ("accepted", lambda s: s.decide(aer_met=True, method="consensus", by=self.coordinator)),
            (
                "mobilized",
                lambda s: services.name_agencies(
                    situation=s, lead=self.health, assisting=[self.housing], by=self.coordinator
                ),
            ),
            ("concluded", self._conclude),
        ]
        if status == "rejected":
            situation.present(by=self.member)
            situation.decide(aer_met=False, method="consensus", by=self.coordinator)
            return situation
        for _target, step in steps:
            if situation.status == status:
                break
            step(situation)
        assert situation.status == status
        return situation

    def _conclude(self, situation: Situation) -> None:
        situation.conclude(
            category=ConclusionCategory.objects.get(code="risk_lowered"), by=self.coordinator
        )
