"""The agencies a situation is handed to, for the tests that walk it through the browser."""

from maillage.demo.factory import Course, walk
from maillage.situations.models import Situation, Status
from maillage.tables.browser import BrowserTestCase
from maillage.tables.models import Role, Seat, TableOrganization
from maillage.tables.testing import make_organization, make_user


class AgenciesBrowserTestCase(BrowserTestCase):
    """Health (``lead_worker``) and housing sit at Sudbury beside the personas' agencies."""

    def setUp(self) -> None:
        super().setUp()
        self.health = make_organization("sante", "health")
        self.housing = make_organization("logement", "housing")
        self.lead_worker = make_user("lead", self.health)
        for organization in (self.health, self.housing):
            TableOrganization.objects.create(table=self.table, organization=organization)
        Seat.objects.create(
            table=self.table, user=self.lead_worker, organization=self.health, role=Role.MEMBER
        )

    def presented(self, description: str, to: str = Status.PRESENTED, assisting=()) -> Situation:
        """A situation the police bring to the table, walked up to ``to``: health leads."""
        return walk(
            Course(
                table=self.table,
                originating=self.police,
                to=to,
                by=self.member,
                chair=self.coordinator,
                lead=self.health,
                assisting=assisting,
                description=description,
                why_table="",
            )
        )
