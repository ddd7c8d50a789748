"""Fixed personas shared by every test: one table, its people, and people outside it."""

import functools
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.test import TestCase

from maillage.accounts.testing import sign_in as sign_in_client
from maillage.organizations.models import Membership, Organization, Sector, Territory
from maillage.tables.models import Role, Seat, Table, TableOrganization

if TYPE_CHECKING:
    from maillage.accounts.models import User

PASSWORD = "correct horse battery staple"  # noqa: S105 - test accounts only


@functools.cache
def password_hash() -> str:
    """Argon2 is slow on purpose: hash the shared test password once per test run."""
    return make_password(PASSWORD)


def make_user(username: str, organization: Organization, **extra):
    user = get_user_model().objects.create(
        username=username,
        password=password_hash(),
        first_name=username.capitalize(),
        last_name="Test",
        **extra,
    )
    Membership.objects.create(user=user, organization=organization)
    return user


def make_organization(code: str, sector: str = "community") -> Organization:
    return Organization.objects.create(
        name_fr=f"Organisme {code}",
        name_en=f"Agency {code}",
        sector=Sector.objects.get(code=sector),
    )


class Personas:
    """What ``create_personas`` sets on a test case, declared for the type checker."""

    territory: Territory
    city: Organization
    police: Organization
    school: Organization
    shelter: Organization
    table: Table
    other_table: Table
    coordinator: "User"
    member: "User"
    substitute: "User"
    observer: "User"
    other_member: "User"
    outsider: "User"
    inactive: "User"
    privacy_officer: "User"


def create_personas(ns) -> None:
    """Create the personas' world and set each piece as an attribute of ``ns``."""
    ns.territory = Territory.objects.create(name="Grand Sudbury", kind="municipality")
    ns.city = make_organization("ville", "municipal")
    ns.police = make_organization("police", "police")
    ns.school = make_organization("ecole", "education")
    ns.shelter = make_organization("refuge", "shelter")
    ns.table = Table.objects.create(
        kind="situation",
        name_fr="Table Sudbury",
        name_en="Sudbury table",
        territory=ns.territory,
    )
    ns.other_table = Table.objects.create(
        kind="dv_cell",
        name_fr="Cellule Montréal",
        name_en="Montréal cell",
        territory=ns.territory,
    )
    ns.coordinator = make_user("coordinator", ns.city)
    ns.member = make_user("member", ns.police)
    ns.substitute = make_user("substitute", ns.police)
    ns.observer = make_user("observer", ns.school)
    ns.other_member = make_user("other", ns.shelter)
    ns.outsider = make_user("outsider", ns.shelter)
    ns.inactive = make_user("inactive", ns.police)
    ns.privacy_officer = make_user("privacy", ns.city, is_privacy_officer=True)
    for organization in (ns.city, ns.police, ns.school):
        TableOrganization.objects.create(table=ns.table, organization=organization)
    TableOrganization.objects.create(table=ns.other_table, organization=ns.shelter)
    TableOrganization.objects.filter(table=ns.table, organization=ns.police).update(
        representative=ns.member, substitute=ns.substitute
    )
    for user, organization, role in [
        (ns.coordinator, ns.city, Role.COORDINATOR),
        (ns.member, ns.police, Role.MEMBER),
        (ns.substitute, ns.police, Role.MEMBER),
        (ns.observer, ns.school, Role.OBSERVER),
        (ns.inactive, ns.police, Role.MEMBER),
    ]:
        Seat.objects.create(table=ns.table, user=user, organization=organization, role=role)
    Seat.objects.create(
        table=ns.other_table,
        user=ns.other_member,
        organization=ns.shelter,
        role=Role.COORDINATOR,
    )
    ns.inactive.is_active = False
    ns.inactive.save()


class PersonaTestCase(Personas, TestCase):
    """The table "Sudbury" and "Montréal", with one person in each position.

    - ``coordinator`` (municipal services) coordinates Sudbury;
    - ``member`` (police) represents the police at Sudbury, ``substitute`` stands in for them;
    - ``observer`` (school) observes at Sudbury;
    - ``other_member`` sits only at the Montréal table;
    - ``outsider`` works for an agency but has no seat anywhere;
    - ``inactive`` was a Sudbury member and has been deactivated;
    - ``privacy_officer`` has no seat but audits everything.
    """

    @classmethod
    def setUpTestData(cls) -> None:
        create_personas(cls)

    def sign_in(self, user, *, mfa: bool = True) -> None:
        """Sign ``user`` in on ``self.client``, as if through the sign-in page just now.

        With ``mfa`` the person has a second factor enrolled and this session passed it, so views
        guarded by ``mfa_required`` and ``recent_auth_required`` let them through.
        """
        sign_in_client(self.client, user, mfa=mfa)

    @property
    def personas(self) -> dict:
        return {
            "coordinator": self.coordinator,
            "member": self.member,
            "substitute": self.substitute,
            "observer": self.observer,
            "other_member": self.other_member,
            "outsider": self.outsider,
            "inactive": self.inactive,
        }
