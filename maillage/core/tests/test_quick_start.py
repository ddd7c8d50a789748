"""The quick start's database is SQLite: the demo loads there and a meeting's pages work.

The rest of the suite runs on PostgreSQL, so this walks the pages a first user opens on the
zero-setup database, in a separate process with its own settings.
"""

import os
import subprocess
import sys
import textwrap

WALK = textwrap.dedent(
    """
    import re
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import timezone
    from maillage.meetings import services
    from maillage.accounts.testing import sign_in
    from maillage.tables.models import Seat, Table

    setup_test_environment()
    table = Table.objects.filter(situations__status="mobilized").distinct().first()
    seat = Seat.objects.filter(table=table, role="coordinator").first()
    meeting = services.create_meeting(
        table=table, starts_at=timezone.now(), kind="scheduled", by=seat.user
    )
    services.start_meeting(meeting=meeting, by=seat.user)
    assert meeting.items.exists()
    client = Client()
    sign_in(client, seat.user)  # with a second factor: the table's figures show small counts
    pages = [
        reverse("situations:dashboard", args=[table.pk]),
        reverse("meetings:agenda", args=[table.pk, meeting.pk]),
        reverse("meetings:live", args=[table.pk, meeting.pk]),
        reverse("reports:dashboard"),
    ]
    for page in pages:
        response = client.get(page, follow=True)
        assert response.status_code == 200, (page, response.status_code)
    assert response.request["PATH_INFO"] == reverse("reports:unsuppressed")
    charts = re.findall(r'src="(/reports/charts/[^"]+)"', response.content.decode())
    assert client.get(charts[0])["Content-Type"] == "image/svg+xml"

    # The browser fetches the charts at once while another page stores its own: on SQLite the
    # drawings are written beside one another, and no page or chart fails for it.
    from concurrent.futures import ThreadPoolExecutor
    from django.db import connection

    def fetch(url):
        other = Client()
        other.cookies = client.cookies
        try:
            return other.get(url).status_code
        finally:
            connection.close()

    urls = [*charts[1:], reverse("reports:unsuppressed") + "?table=%d&period=quarter" % table.pk]
    with ThreadPoolExecutor(max_workers=len(urls)) as pool:
        codes = list(pool.map(fetch, urls))
    assert codes == [200] * len(urls), codes

    # The dashboard's monthly summaries are built on SQLite too, and equal the live counts.
    from maillage.reports import queries, summaries
    from maillage.reports.figures import Counts
    from maillage.reports.periods import default_start, today

    assert summaries.refresh()
    every = list(Table.objects.values_list("pk", flat=True))
    counts = Counts(every, default_start(), today(), period="month")
    assert counts.months, "the summaries were not used"
    live = queries.discussions(every, default_start(), today())
    for name in ("decisions_by_type", "factor_pairs", "sector_pairs", "time_to_mobilize"):
        assert getattr(counts, name)() == getattr(queries, name)(live), name
    assert counts.by_period("quarter") == queries.by_period(live, "quarter")
    print("walked", len(pages), "pages")
    """
)


def test_the_demo_loads_on_sqlite_and_a_meeting_can_be_held(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'maillage.sqlite3'}"}
    command = [sys.executable, "-m", "maillage"]
    for arguments in (["migrate", "-v0"], ["seed_demo"], ["shell", "-c", WALK]):
        done = subprocess.run(  # noqa: S603 - our own command, fixed arguments
            command + arguments, env=env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr[-3000:]
    assert "walked 4 pages" in done.stdout
