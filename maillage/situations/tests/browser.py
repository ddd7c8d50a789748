"""The agencies a situation is handed to, for the tests that walk it through the browser."""

from maillage.situations import services
from maillage.situations.models import Situation
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

    def presented(self, description: str) -> Situation:
        """A situation the police bring to the table."""
        situation = services.create_situation(
            table=self.table, organization=self.police, by=self.member, description=description
        )
        situation.present(by=self.member)
        return situation
