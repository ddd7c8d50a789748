"""Audited writes do not queue behind each other's transactions, and the chain holds under load.

Each test runs writers in threads, each with its own PostgreSQL connection, against committed
data (``TransactionTestCase``): one request that has written an audit entry and is still busy
(rendering a page) must not hold up another request's audited write.
"""

import threading

from django.db import connection, transaction
from django.test import TransactionTestCase

from maillage.core.audit import DEMO_SEED, log_action
from maillage.core.chain import chain_pending, verify_chain
from maillage.core.models import AuditEntry

WRITERS = 6
ENTRIES_EACH = 15
# Upper bound on waiting for a thread, so that a regression fails instead of hanging the suite.
PATIENCE = 30


def in_thread(target) -> threading.Thread:
    def run() -> None:
        try:
            target()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


class ConcurrentAuditTests(TransactionTestCase):
    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("concurrent writers need PostgreSQL")

    def test_a_request_still_rendering_does_not_block_another_audited_write(self):
        written, release, done = threading.Event(), threading.Event(), threading.Event()

        def slow_request() -> None:
            with transaction.atomic():
                log_action(DEMO_SEED)
                written.set()
                release.wait(PATIENCE)  # the page is rendering; the transaction is open

        def quick_request() -> None:
            with transaction.atomic():
                log_action(DEMO_SEED)
            done.set()  # committed and chained (on commit)

        slow = in_thread(slow_request)
        self.assertTrue(written.wait(PATIENCE))
        quick = in_thread(quick_request)
        finished_first = done.wait(PATIENCE)
        release.set()
        slow.join(PATIENCE)
        quick.join(PATIENCE)
        self.assertTrue(finished_first, "the audited write waited for the other request")
        self.assertEqual(AuditEntry.objects.chained().count(), 2)
        self.assertEqual(list(verify_chain()), [])

    def test_the_chain_verifies_after_many_concurrent_writers(self):
        start = threading.Barrier(WRITERS)

        def writer() -> None:
            start.wait(PATIENCE)
            for _ in range(ENTRIES_EACH):
                with transaction.atomic():
                    log_action(DEMO_SEED)

        for thread in [in_thread(writer) for _ in range(WRITERS)]:
            thread.join(PATIENCE * 2)
        chain_pending()
        sequences = list(AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True))
        self.assertEqual(sequences, list(range(1, WRITERS * ENTRIES_EACH + 1)))
        self.assertEqual(list(verify_chain()), [])
