"""Server time of the meeting pages against a minimal signed-in page, in the same run.

usage: DATABASE_URL=postgres://…/a_database_of_its_own python bench/pages.py [--runs N]

Migrates the database first (an empty one is fine), then seeds, in one transaction that is
rolled back at the end: one table with 10,000 situations in its history and 40 on the agenda of
a meeting in progress (bulk inserts), and a second table holding a meeting of 12 topics with
their action items, after a meeting whose action items are to be followed up. It times each
page through Django's test client in-process (median of N runs after warm-up). The baseline is
a login-protected view that renders the site's layout and nothing else. Each run times the
baseline and every page in turn, so a busy machine slows them alike. Templates render as in
production: DEBUG off, the cached loader, and without the test environment's instrumentation
(which copies the context of every template rendered, for assertions). Prints
'NAME ms=… baseline_ms=… ratio=… cpu_ms=… baseline_cpu_ms=… cpu_ratio=…' per page (elapsed and
this process's CPU time) and a last line 'max_ratio=…' (elapsed).
"""

import argparse
import os
import statistics
import sys
import time
import types
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.template import PartialTemplate, Template  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.urls import path, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

HISTORY = 10_000
ON_AGENDA = {"presented": 15, "accepted": 10, "mobilized": 15}
TOPICS, ACTIONS_PER_TOPIC = 12, 2


class RolledBack(Exception):
    """Raised to leave the seeding transaction: the database keeps nothing of the bench."""


def baseline(request):
    return render(request, "base.html", {})


def bench_urls() -> str:
    """The site's URLs plus the baseline page, as a module Django can import."""
    from maillage import urls

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [path("bench/baseline/", baseline), *urls.urlpatterns]
    sys.modules["bench_urls"] = module
    return "bench_urls"


def seed() -> SimpleNamespace:
    from maillage.demo.factory import Course, write
    from maillage.meetings import services as meeting_services
    from maillage.situations.models import RiskFactor, Status
    from maillage.tables.models import TableOrganization
    from maillage.tables.testing import create_personas, make_organization

    ns = SimpleNamespace()
    create_personas(ns)
    ns.health = make_organization("sante", "health")
    TableOrganization.objects.create(table=ns.table, organization=ns.health)
    now = timezone.now()
    closed = [Status.CONCLUDED, Status.REJECTED]
    factors = list(RiskFactor.objects.filter(table__isnull=True).order_by("pk")[:3])
    common = {"table": ns.table, "originating": ns.police, "by": ns.member, "lead": ns.health}
    history = [
        Course(
            **common,
            to=closed[n % 2],
            description="Historique.",
            decided_at=now,
            agencies_named_at=now,
            concluded_at=now,
        )
        for n in range(1, HISTORY + 1)
    ]
    statuses = [status for status, count in ON_AGENDA.items() for _ in range(count)]
    agenda = [
        Course(
            **common,
            to=status,
            description="Sur l'ordre du jour.",
            risk_factors=factors,
            agencies_named_at=now - timezone.timedelta(hours=72 if number % 3 else 1),
        )
        for number, status in enumerate(statuses, start=HISTORY + 1)
    ]
    write(history, batch_size=2000)
    ns.situation = write(agenda)[-1]
    ns.meeting = meeting_services.create_meeting(
        table=ns.table, starts_at=now, kind="scheduled", by=ns.coordinator
    )
    meeting_services.start_meeting(meeting=ns.meeting, by=ns.coordinator)
    seed_topics(ns)
    return ns


def seed_topics(ns) -> None:
    """At the personas' other table, which the coordinator also coordinates: a held meeting
    whose action items are open, then a meeting of topics in progress."""
    from maillage.meetings import agenda, services
    from maillage.tables.models import Role, Seat, TableOrganization

    table, now = ns.other_table, timezone.now()
    for organization in (ns.city, ns.police, ns.school):
        TableOrganization.objects.create(table=table, organization=organization)
    Seat.objects.create(
        table=table, user=ns.coordinator, organization=ns.city, role=Role.COORDINATOR
    )
    owners = [ns.city, ns.police, ns.school, ns.shelter]
    for starts_at in (now - timezone.timedelta(days=14), now):
        meeting = services.create_meeting(
            table=table, starts_at=starts_at, kind="scheduled", by=ns.coordinator
        )
        for number in range(TOPICS):
            agenda.add_topic(
                meeting=meeting,
                title=f"Sujet {number + 1}",
                presenter=owners[number % len(owners)],
                documents=["https://exemple.org/document.pdf"],
                minutes_allotted=15,
                by=ns.coordinator,
            )
        services.start_meeting(meeting=meeting, by=ns.coordinator)
        for index, item in enumerate(meeting.items.all()):
            services.save_summary(item=item, summary="Résumé de la discussion.", by=ns.coordinator)
            for action in range(ACTIONS_PER_TOPIC):
                services.add_action_item(
                    item=item,
                    what=f"Action {action + 1} du sujet {index + 1}",
                    owner=owners[(index + action) % len(owners)],
                    due_on=meeting.local_date + timezone.timedelta(days=30),
                    by=ns.coordinator,
                )
    ns.topic_meeting = meeting


def median_ms(client: Client, urls: dict[str, str], runs: int) -> dict[str, tuple[float, float]]:
    """Median (elapsed, CPU) time of each page, the pages taken in turn in every run.

    CPU time is this process's own work; on a machine shared with other work it shows what
    elapsed time mixes with waiting for the database and for the processor."""
    for url in urls.values():
        for _ in range(3):
            assert client.get(url).status_code == 200, url
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in urls}
    for _ in range(runs):
        for name, url in urls.items():
            start, cpu = time.perf_counter(), time.process_time()
            client.get(url)
            elapsed = (time.perf_counter() - start) * 1000
            times[name].append((elapsed, (time.process_time() - cpu) * 1000))
    return {
        name: (statistics.median(t[0] for t in found), statistics.median(t[1] for t in found))
        for name, found in times.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL server.")
    production_render = Template._render  # type: ignore[attr-defined]
    production_partial_render = PartialTemplate._render
    setup_test_environment()
    Template._render = production_render  # type: ignore[attr-defined]
    PartialTemplate._render = production_partial_render  # type: ignore[method-assign]
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    try:
        with transaction.atomic(), override_settings(ROOT_URLCONF=bench_urls()):
            measure(seed(), args.runs)
            raise RolledBack
    except RolledBack:
        pass


def measure(ns, runs: int) -> None:
    assert ns.meeting.items.count() == sum(ON_AGENDA.values())
    from maillage.accounts.testing import sign_in

    client = Client()
    sign_in(client, ns.coordinator, mfa=True)  # coordinators must pass a second factor
    table, meeting = ns.table.pk, ns.meeting.pk
    pages = {
        "agenda": reverse("meetings:agenda", args=[table, meeting]),
        "meeting_mode": reverse("meetings:live", args=[table, meeting]),
        "situation": reverse("situations:detail", args=[table, ns.situation.pk]),
        "topic_meeting_mode": reverse(
            "meetings:live", args=[ns.topic_meeting.table_id, ns.topic_meeting.pk]
        ),
    }
    found = median_ms(client, {"baseline": "/bench/baseline/", **pages}, runs)
    base, base_cpu = found.pop("baseline")
    ratios = []
    for name, (ms, cpu) in found.items():
        ratios.append(ms / base)
        print(
            f"{name} ms={ms:.1f} baseline_ms={base:.1f} ratio={ms / base:.2f} "
            f"cpu_ms={cpu:.1f} baseline_cpu_ms={base_cpu:.1f} cpu_ratio={cpu / base_cpu:.2f}"
        )
    print(f"max_ratio={max(ratios):.2f}")


if __name__ == "__main__":
    main()
