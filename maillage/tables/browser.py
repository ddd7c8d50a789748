"""Helpers for tests that drive Debian's Chromium through Playwright against a live server."""

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.core.cache import cache

from maillage.accounts.testing import sign_in as sign_in_client
from maillage.tables.testing import PASSWORD, Personas, create_personas

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
AXE_SOURCE = Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}


class BrowserTestCase(Personas, StaticLiveServerTestCase):
    """A live server, the personas, and one Chromium page per test.

    Write one test per class: under pytest, reference data restored by ``serialized_rollback``
    is only reloaded before the first test of a live-server class.
    """

    host = "127.0.0.1"
    # Reference data comes from data migrations: restore it after each test's flush.
    serialized_rollback = True

    playwright: "Playwright"
    browser: "Browser"
    context: "BrowserContext"
    page: "Page"

    @classmethod
    def setUpClass(cls) -> None:
        # Playwright's synchronous API runs an event loop in this thread; the ORM calls made by
        # the test itself are still plain synchronous code.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        super().setUpClass()
        # The identifier detector loads its language model on first use (seconds on a busy
        # machine): load it here, once per process, not inside a page's time limit.
        from playwright.sync_api import sync_playwright

        from maillage.privacy.pii.engine import get_analyzer

        get_analyzer()

        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.browser.close()
        cls.playwright.stop()
        super().tearDownClass()

    def setUp(self) -> None:
        # Sign-in throttling counts failures per address in the cache, and every browser test
        # signs in from 127.0.0.1: start each test with a clean slate.
        cache.clear()
        create_personas(self)
        self.context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(20_000)

    def tearDown(self) -> None:
        self.context.close()

    def url(self, path: str) -> str:
        return f"{self.live_server_url}{path}"

    def sign_in(self, username: str) -> None:
        page = self.page
        page.goto(self.url("/"))
        page.locator("main input[name=username], main input[name=login]").first.fill(username)
        page.locator("main input[type=password]").first.fill(PASSWORD)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()

    def sign_in_with_mfa(self, user) -> None:
        """Continue as ``user`` with a session that passed the second factor.

        The second-factor pages are exercised by the accounts tests; here the session is made
        by the test client and handed to the browser.
        """
        sign_in_client(self.client, user, mfa=True)
        cookie = self.client.cookies[settings.SESSION_COOKIE_NAME]
        self.context.clear_cookies()
        self.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": self.live_server_url}]
        )

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def assert_accessible(self, name: str) -> None:
        """Run axe-core on the current page; fail on any serious or critical violation."""
        self.page.evaluate(AXE_SOURCE.read_text())
        result = self.page.evaluate(
            "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']})"
        )
        blocking = [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]
        summary = [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in blocking]
        self.assertEqual(blocking and summary, [], f"{name}: {json.dumps(summary, indent=1)}")
