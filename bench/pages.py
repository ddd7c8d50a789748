"""Server time of the meeting pages against a minimal signed-in page, in the same run.

usage: DATABASE_URL=postgres://… python bench/pages.py [--runs N]

Builds a throw-away PostgreSQL database (TEST_DATABASE_NAME, default bench_pages), seeds one
table with 10,000 situations in its history and 40 on the agenda of a meeting in progress (bulk
inserts), then times each page through Django's test client in-process (median of N runs after
warm-up). The baseline is a login-protected view that renders the site's layout and nothing
else. Each run times the baseline and every page in turn, so a busy machine slows them alike.
Templates render as in production: DEBUG off, the cached loader, and without the test
environment's instrumentation (which copies the context of every template rendered, for
assertions). Prints 'NAME ms=… baseline_ms=… ratio=…' per page and a last line 'max_ratio=…'.
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
os.environ.setdefault("TEST_DATABASE_NAME", "bench_pages")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.template import Template  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.urls import path, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

HISTORY = 10_000
ON_AGENDA = {"presented": 15, "accepted": 10, "mobilized": 15}


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
    return ns


def median_ms(client: Client, urls: dict[str, str], runs: int) -> dict[str, float]:
    """Median time of each page, the pages taken in turn in every run."""
    for url in urls.values():
        for _ in range(3):
            assert client.get(url).status_code == 200, url
    times: dict[str, list[float]] = {name: [] for name in urls}
    for _ in range(runs):
        for name, url in urls.items():
            start = time.perf_counter()
            client.get(url)
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(found) for name, found in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL server.")
    production_render = Template._render  # type: ignore[attr-defined]
    setup_test_environment()
    Template._render = production_render  # type: ignore[attr-defined]
    settings.DEBUG = False
    creation = connection.creation
    old_name = connection.settings_dict["NAME"]
    creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        with override_settings(ROOT_URLCONF=bench_urls()):
            ns = seed()
            assert ns.meeting.items.count() == sum(ON_AGENDA.values())
            client = Client()
            client.force_login(ns.coordinator)
            table, meeting = ns.table.pk, ns.meeting.pk
            pages = {
                "agenda": reverse("meetings:agenda", args=[table, meeting]),
                "meeting_mode": reverse("meetings:live", args=[table, meeting]),
                "situation": reverse("situations:detail", args=[table, ns.situation.pk]),
            }
            found = median_ms(client, {"baseline": "/bench/baseline/", **pages}, args.runs)
            base = found.pop("baseline")
            ratios = []
            for name, ms in found.items():
                ratios.append(ms / base)
                print(f"{name} ms={ms:.1f} baseline_ms={base:.1f} ratio={ms / base:.2f}")
            print(f"max_ratio={max(ratios):.2f}")
    finally:
        creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
