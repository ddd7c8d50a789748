"""Kill the application in the middle of many concurrent writes: nothing acknowledged is lost.

The server runs in its own process against the test database; the test signs a member in,
posts situation drafts from several threads, sends SIGKILL while writes are in flight, then
checks the database: every acknowledged draft is there, whole (its risk factors and its audit
entry), no draft exists half-written, and the audit chain still verifies once the entries the
kill left unchained are chained.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

from django.conf import settings
from django.db import connection
from django.test import TransactionTestCase
from django.urls import reverse

from maillage.accounts.testing import sign_in
from maillage.core.chain import chain_pending, verify_chain
from maillage.core.models import AuditEntry
from maillage.situations.audit import SITUATION_CREATE
from maillage.situations.models import Situation
from maillage.situations.reference import AgeGroup, Gender, RiskFactor
from maillage.tables.testing import create_personas

WRITERS = 6
KILL_AFTER_SECONDS = 3.0
MARKER = "Essai de résistance"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class CrashSafetyTests(TransactionTestCase):
    serialized_rollback = True

    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("crash safety is a property of the PostgreSQL deployment")
        create_personas(self)
        sign_in(self.client, self.member)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.server = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
            [
                sys.executable,
                "-m",
                "maillage",
                "runserver",
                "--noreload",
                "--skip-checks",
                f"127.0.0.1:{self.port}",
            ],
            env={**os.environ, "DATABASE_URL": database_url(), "MAILLAGE_ENV": "development"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.addCleanup(self.server.kill)
        self.opener = urllib.request.build_opener(NoRedirect)
        self.cookies = {
            settings.SESSION_COOKIE_NAME: self.client.cookies[settings.SESSION_COOKIE_NAME].value
        }
        self.wait_until_serving()

    def request(self, path: str, data: dict | None = None, timeout: float = 60) -> int:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            headers["X-CSRFToken"] = self.cookies["csrftoken"]
            headers["Referer"] = self.base + path
            body = urllib.parse.urlencode(data, doseq=True).encode()
        req = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310
        try:
            with self.opener.open(req, timeout=timeout) as response:
                self.keep_cookies(response.headers)
                return response.status
        except urllib.error.HTTPError as error:
            self.keep_cookies(error.headers)
            return error.code

    def keep_cookies(self, headers) -> None:
        for header in headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value

    def wait_until_serving(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.request(self.create_path()) == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.fail("the application did not start")

    def create_path(self) -> str:
        return reverse("situations:create", kwargs={"table_pk": self.table.pk})

    def draft(self, number: int) -> dict:
        return {
            "discussion_type": "person",
            "age_group": AgeGroup.objects.order_by("pk").first().pk,
            "gender": Gender.objects.order_by("pk").first().pk,
            "risk_factors": list(self.factors),
            "description": f"{MARKER} {number} : consommation et isolement.",
            "why_table": "Aucun organisme ne peut agir seul.",
        }

    def test_every_acknowledged_write_survives_a_kill(self):
        self.factors = list(RiskFactor.objects.order_by("pk").values_list("pk", flat=True)[:3])
        self.assertEqual(self.request(self.create_path(), self.draft(0)), 302)  # warm-up
        acknowledged: list[int] = []
        stop = threading.Event()
        counter = iter(range(1, 1_000_000))
        lock = threading.Lock()

        def writer() -> None:
            while not stop.is_set():
                with lock:
                    number = next(counter)
                try:
                    status = self.request(self.create_path(), self.draft(number), timeout=30)
                except OSError:
                    return
                if status == 302:
                    with lock:
                        acknowledged.append(number)

        threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
        for thread in threads:
            thread.start()
        time.sleep(KILL_AFTER_SECONDS)
        self.server.send_signal(signal.SIGKILL)
        self.server.wait(timeout=10)
        stop.set()
        for thread in threads:
            thread.join(timeout=35)

        self.assertGreater(len(acknowledged), 0, "no write was acknowledged before the kill")
        drafts = Situation.objects.filter(description__startswith=MARKER)
        stored = {int(d.description.split()[3]) for d in drafts}
        self.assertTrue(set(acknowledged) <= stored, "an acknowledged write is missing")
        for situation in drafts.prefetch_related("risk_factors"):
            self.assertEqual(len(situation.risk_factors.all()), 3, "half-written situation")
        created = AuditEntry.objects.filter(
            action=SITUATION_CREATE, object_type="situations.situation"
        ).values_list("object_id", flat=True)
        self.assertEqual({str(d.pk) for d in drafts}, set(created))
        chain_pending()  # what the kill left unchained, as `maillage verify_audit` does
        self.assertEqual(list(verify_chain()), [])
