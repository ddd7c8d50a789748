"""Fixed personas shared by every test: one table, its people, and people outside it."""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.test import TestCase

from maillage.organizations.models import Membership, Organization, Sector, Territory
from maillage.tables.models import Role, Seat, Table, TableOrganization

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


class PersonaTestCase(TestCase):
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
        cls.territory = Territory.objects.create(name="Grand Sudbury", kind="municipality")
        cls.city = make_organization("ville", "municipal")
        cls.police = make_organization("police", "police")
        cls.school = make_organization("ecole", "education")
        cls.shelter = make_organization("refuge", "shelter")
        cls.table = Table.objects.create(
            kind="situation",
            name_fr="Table Sudbury",
            name_en="Sudbury table",
            territory=cls.territory,
        )
        cls.other_table = Table.objects.create(
            kind="dv_cell",
            name_fr="Cellule Montréal",
            name_en="Montréal cell",
            territory=cls.territory,
        )
        cls.coordinator = make_user("coordinator", cls.city)
        cls.member = make_user("member", cls.police)
        cls.substitute = make_user("substitute", cls.police)
        cls.observer = make_user("observer", cls.school)
        cls.other_member = make_user("other", cls.shelter)
        cls.outsider = make_user("outsider", cls.shelter)
        cls.inactive = make_user("inactive", cls.police)
        cls.privacy_officer = make_user("privacy", cls.city, is_privacy_officer=True)
        for organization in (cls.city, cls.police, cls.school):
            TableOrganization.objects.create(table=cls.table, organization=organization)
        TableOrganization.objects.create(table=cls.other_table, organization=cls.shelter)
        TableOrganization.objects.filter(table=cls.table, organization=cls.police).update(
            representative=cls.member, substitute=cls.substitute
        )
        for user, organization, role in [
            (cls.coordinator, cls.city, Role.COORDINATOR),
            (cls.member, cls.police, Role.MEMBER),
            (cls.substitute, cls.police, Role.MEMBER),
            (cls.observer, cls.school, Role.OBSERVER),
            (cls.inactive, cls.police, Role.MEMBER),
        ]:
            Seat.objects.create(table=cls.table, user=user, organization=organization, role=role)
        Seat.objects.create(
            table=cls.other_table,
            user=cls.other_member,
            organization=cls.shelter,
            role=Role.COORDINATOR,
        )
        cls.inactive.is_active = False
        cls.inactive.save()

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
