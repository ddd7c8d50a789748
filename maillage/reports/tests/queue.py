"""The task worker, run by a test once the page has queued its work."""

import signal
from unittest import mock

from django.core.management import call_command
from django_tasks_db.management.commands import db_worker


def run_worker() -> None:
    """``maillage db_worker --batch`` in this process: it runs what is queued, then stops.

    The worker drops database connections it finds inside a transaction (the test's own) and
    takes over the process's signals; both are left as the test had them.
    """
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        with mock.patch.object(db_worker, "close_old_connections"):
            call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)
