"""Production settings pass Django's deployment checks with no warning at all."""

import base64
import os
import secrets
import subprocess
import sys

from django.test import SimpleTestCase


def production_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MAILLAGE_"))}
    env.update(
        MAILLAGE_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="maillage.example.org",
        DATABASE_URL=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        MAILLAGE_VAULT_KEY=base64.b64encode(secrets.token_bytes(32)).decode(),
        AUDIT_CHAIN_KEY=secrets.token_urlsafe(48),
        AUDIT_CHECKPOINT_PATH="/var/lib/maillage/audit-checkpoints.jsonl",
        DEBUG="",
    )
    return env


def run_maillage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "-m", "maillage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


class DeployCheckTests(SimpleTestCase):
    def test_check_deploy_reports_nothing_with_production_settings(self):
        result = run_maillage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("System check identified no issues (0 silenced).", result.stdout)

    def test_production_refuses_to_start_with_the_development_secret(self):
        env = production_env() | {"SECRET_KEY": "short"}
        result = run_maillage("check", env=env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY", result.stderr)

    def test_production_refuses_to_start_without_an_audit_chain_key(self):
        env = production_env()
        del env["AUDIT_CHAIN_KEY"]
        result = run_maillage("check", env=env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("AUDIT_CHAIN_KEY", result.stderr)

    def test_production_cookies_and_transport_settings(self):
        script = (
            "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000, "
            "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_HTTPONLY, s.DEBUG)"
        )
        result = run_maillage("shell", "-c", script, env=production_env())
        self.assertEqual(result.stdout.split()[-7:], ["True"] * 6 + ["False"], result.stderr)
