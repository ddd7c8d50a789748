from maillage.organizing.models import (
    Intensity,
    OrganizingTeam,
    SupportKind,
    SupportRequest,
    TeamMember,
    TeamRole,
)
from maillage.tables.testing import PersonaTestCase, make_user


class OrganizingTestCase(PersonaTestCase):
    """A CISSS organising team (the city stands in for the CISSS) and a requesting school.

    - ``organiser`` and ``manager`` are the team's; ``organiser2`` is of another team;
    - ``school_rep`` works at the school, which asks for support; ``outsider`` is nobody's.
    """

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.team = OrganizingTeam.objects.create(
            organization=cls.city,
            name_fr="Organisation communautaire",
            name_en="Community organising",
        )
        cls.team.territories.add(cls.territory)
        cls.school.territories.add(cls.territory)
        cls.organiser = make_user("organiser", cls.city)
        cls.manager = make_user("manager", cls.city)
        TeamMember.objects.create(team=cls.team, user=cls.organiser, role=TeamRole.ORGANISER)
        TeamMember.objects.create(team=cls.team, user=cls.manager, role=TeamRole.MANAGER)
        cls.other_team = OrganizingTeam.objects.create(
            organization=cls.police, name_fr="Autre équipe", name_en="Other team"
        )
        cls.organiser2 = make_user("organiser2", cls.police)
        TeamMember.objects.create(team=cls.other_team, user=cls.organiser2, role=TeamRole.ORGANISER)
        cls.school_rep = make_user("schoolrep", cls.school)
        cls.governance = SupportKind.objects.get(code="governance")
        cls.long_term = Intensity.objects.get(code="long_term")

    def new_request(self, **more) -> SupportRequest:
        values = {
            "team": self.team,
            "organization": self.school,
            "contact_name": "Direction",
            "contact_email": "direction@ecole.example",
            "language": "fr-ca",
            "need": "Revoir nos règlements généraux avant notre assemblée.",
            "kind": self.governance,
            "source": "public",
        }
        values.update(more)
        return SupportRequest.objects.create(**values)
