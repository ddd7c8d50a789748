"""Load deterministic, bilingual demo data: territories, agencies, tables, people with each role,
the Sudbury table's five-year history and open discussions walked through the lifecycle."""

import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings

from maillage.core.audit import log_action
from maillage.demo import data, organizing
from maillage.demo.audit import SEEDED
from maillage.demo.bulk import bulk_copy_fits, copy_situations
from maillage.demo.generator import history, open_discussions, seed_situations
from maillage.meetings.demo import seed_meetings
from maillage.organizations.models import Membership, Organization, Sector, Territory
from maillage.reports import summaries
from maillage.tables.models import Seat, Table, TableOrganization

DEMO_PASSWORD = "maillage-demo-2026"  # noqa: S105 - demo accounts only, printed on purpose
BATCH = 2000
OPEN_DISCUSSIONS = 36
# The notices of the demo's own discussions stay in the app: their mail goes nowhere.
NO_MAIL = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


class Command(BaseCommand):
    help = "Load demo data (organisations, tables, members, personas). Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--tables", type=int, default=0, help="Extra generated tables, for volume."
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
        parser.add_argument(
            "--situations",
            type=int,
            default=None,
            help=(
                "Generated situations to add across the tables (default on first load: the "
                f"Sudbury table's history and {OPEN_DISCUSSIONS} open discussions)."
            ),
        )

    def handle(self, *args, tables: int, seed: int, situations: int | None, **options) -> None:
        if tables < 0 or (situations or 0) < 0:
            raise CommandError("--tables and --situations must be zero or more.")
        rng = random.Random(seed)  # noqa: S311 - not security
        if Table.objects.filter(name_fr=data.TABLES[0][2]).exists():
            self.stdout.write("Demo data already loaded.")
        else:
            with transaction.atomic():
                fixed = self.load_fixed()
            if situations is None:
                self.load_discussions(fixed, rng)
        if tables:
            self.load_generated(tables, rng)
        if situations:
            load = copy_situations if bulk_copy_fits(situations) else seed_situations
            load(tables=list(Table.objects.all()), count=situations, rng=rng, stdout=self.stdout)
            if load is seed_situations:
                summaries.refresh()  # ``copy_situations`` refreshes what it loaded itself
        self.print_logins()

    def load_discussions(self, fixed: dict[str, Table], rng: random.Random) -> None:
        """Sudbury's past in bulk, then today's open discussions through the lifecycle."""
        with override_settings(MAILERS=NO_MAIL), transaction.atomic():
            history(fixed[data.HISTORY.table], rng=rng, stdout=self.stdout)
            open_discussions(
                tables=list(fixed.values()), count=OPEN_DISCUSSIONS, rng=rng, stdout=self.stdout
            )
        summaries.refresh()  # the dashboards read monthly summaries of what was loaded

    def load_fixed(self) -> dict[str, Table]:
        territories: dict[str, Territory] = {}
        for key, name, kind, parent in data.TERRITORIES:
            territories[key] = Territory.objects.create(
                name=name, kind=kind, parent=territories.get(parent) if parent else None
            )
        sectors = {s.code: s for s in Sector.objects.all()}
        organizations: dict[str, Organization] = {}
        for key, sector, name_fr, name_en, acronym, where, languages in data.ORGANIZATIONS:
            organization = Organization.objects.create(
                name_fr=name_fr,
                name_en=name_en,
                acronym=acronym,
                sector=sectors[sector],
                languages=languages,
                email=f"table@{key.replace('_', '-')}.example.org",
                phone="705 555 0100" if "sudbury" in where else "514 555 0100",
            )
            organization.territories.set(territories[t] for t in where)
            organizations[key] = organization
        tables = self.load_tables(territories, organizations)
        self.load_people(organizations, tables)
        User = get_user_model()
        organiser = User.objects.get(username="organisatrice")
        organizing.load(
            organizations=organizations,
            territories=territories,
            tables=tables,
            password=organiser.password,
            rng=random.Random(2026),  # noqa: S311 - not security
        )
        seed_meetings(table=tables["concertation"], by=organiser)
        log_action(SEEDED, data={"tables": len(tables)})
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        return tables

    def load_tables(self, territories, organizations) -> dict[str, Table]:
        tables = {}
        for key, kind, name_fr, name_en, territory, cadence, terms in data.TABLES:
            table = Table.objects.create(
                kind=kind,
                name_fr=name_fr,
                name_en=name_en,
                territory=territories[territory],
                cadence=cadence,
                terms_of_reference=terms,
                publishes_figures=key in data.PUBLISHING_TABLES,
            )
            TableOrganization.objects.bulk_create(
                TableOrganization(table=table, organization=organizations[o])
                for o in data.TABLE_ORGANIZATIONS[key]
            )
            tables[key] = table
        return tables

    def load_people(self, organizations, tables) -> None:
        User = get_user_model()
        password = User(username="x")
        password.set_password(DEMO_PASSWORD)
        for username, first, last, language, org, table, role, _note in data.PEOPLE:
            user = User.objects.create(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@demo.maillage.example",
                language=language,
                password=password.password,
                is_privacy_officer=username == "vieprivee",
                is_active=username != "inactif",
            )
            Membership.objects.create(user=user, organization=organizations[org])
            if table and role:
                Seat.objects.create(
                    table=tables[table], user=user, organization=organizations[org], role=role
                )
        gsps = TableOrganization.objects.get(
            table=tables["rmt"], organization=organizations["gsps"]
        )
        gsps.representative = User.objects.get(username="membre")
        gsps.substitute = User.objects.get(username="substitut")
        gsps.save()
        for username, org, table in [
            ("coordo", "sudbury_social", "rmt"),
            ("sante", "hsn", "rmt"),
            ("cellule", "spvm", "cellule"),
            ("autre", "cavac", "cellule"),
            ("organisatrice", "cisss_laurentides", "concertation"),
        ]:
            TableOrganization.objects.filter(
                table=tables[table], organization=organizations[org]
            ).update(representative=User.objects.get(username=username))
        User.objects.create_superuser(
            "admin", "admin@demo.maillage.example", DEMO_PASSWORD, first_name="Admin"
        )

    def load_generated(self, count: int, rng: random.Random) -> None:
        """Many more tables with member organisations, inserted in batches."""
        territories = list(Territory.objects.all())
        organizations = list(Organization.objects.values_list("pk", flat=True))
        start = Table.objects.count()
        for offset in range(0, count, BATCH):
            size = min(BATCH, count - offset)
            with transaction.atomic():
                created = Table.objects.bulk_create(
                    Table(
                        kind=rng.choice(["situation", "dv_cell", "concertation"]),
                        name_fr=f"Table générée {start + offset + i + 1}",
                        name_en=f"Generated table {start + offset + i + 1}",
                        territory=rng.choice(territories),
                    )
                    for i in range(size)
                )
                TableOrganization.objects.bulk_create(
                    TableOrganization(table=table, organization_id=org)
                    for table in created
                    for org in rng.sample(organizations, k=min(6, len(organizations)))
                )
            self.stdout.write(f"\r{offset + size}/{count} tables", ending="")
            self.stdout.flush()
        self.stdout.write("")

    def print_logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for username, first, last, *_rest, note in data.PEOPLE:
            self.stdout.write(f"  {username:<14} {first} {last} — {note}")
        self.stdout.write(f"  {'gestionnaire_oc':<14} manager of the community organising team")
        self.stdout.write(f"  {'admin':<14} site administrator (Django admin)")
