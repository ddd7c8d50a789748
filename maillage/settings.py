"""Maillage settings, read from the environment.

Development gets safe defaults (SQLite, console mail, DEBUG on). With MAILLAGE_ENV=production every
value that protects people must be given explicitly, and an unsafe one stops the start-up.
"""

import base64
import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


MAILLAGE_ENV = env("MAILLAGE_ENV", "development")
if MAILLAGE_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("MAILLAGE_ENV must be 'development' or 'production'.")
PRODUCTION = MAILLAGE_ENV == "production"

DEV_SECRET_KEY = "development-only-key-never-use-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = env("SECRET_KEY", "" if PRODUCTION else DEV_SECRET_KEY)
DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

DEFAULT_SQLITE = f"sqlite:///{BASE_DIR / 'var' / 'maillage.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", "" if PRODUCTION else DEFAULT_SQLITE) or "postgres://",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if PRODUCTION else 0),
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if not env("DATABASE_URL") and not PRODUCTION:
    (BASE_DIR / "var").mkdir(exist_ok=True)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The quick start's web server and task worker write to one file: each transaction takes the
    # write lock when it begins and waits for the other's, instead of failing half-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20, init_command="PRAGMA journal_mode=WAL;"
    )
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env("TEST_DATABASE_NAME", "test_maillage")
    # Statements sent with their parameters apart and prepared after two runs: the pages' reads
    # join several tables and PostgreSQL spent longer planning them than running them. Turn off
    # behind a pooler that shares server connections between transactions.
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options.update(server_side_binding=True, prepare_threshold=2)

INSTALLED_APPS = [
    "maillage.core",
    "maillage.accounts",
    "maillage.organizations",
    "maillage.tables",
    "maillage.situations",
    "maillage.meetings",
    "maillage.notifications",
    "maillage.vault",
    "maillage.privacy",
    "maillage.reports",
    "maillage.organizing",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "maillage.accounts.apps.MaillageAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "maillage.demo",  # last: demo and volume data, imported by no other app
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "maillage.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "maillage.accounts.middleware.SessionLifetimeMiddleware",
    "maillage.accounts.mfa.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "maillage.core.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "maillage.urls"
WSGI_APPLICATION = "maillage.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # the cookie age then measures idle time
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 3600)

# Sign-in through django-allauth: lockout, second factor (TOTP, passkeys, recovery codes; no SMS),
# re-authentication. See docs/security.md.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "maillage.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Five failures lock one account for 15 minutes. An address is locked only after many more: an
# office (or a proxy) puts many people behind one address, and one person's typos or an attack
# on unknown names must not lock out everyone there.
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 100)
ACCOUNT_RATE_LIMITS = {"login_failed": f"5/15m/key,{LOGIN_FAILURES_PER_ADDRESS}/15m/ip"}
ACCOUNT_REAUTHENTICATION_TIMEOUT = 15 * 60
MFA_ADAPTER = "maillage.accounts.mfa.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "Maillage"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
# Lockout counters must be shared by every worker process in production.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache"
        if PRODUCTION
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "maillage_cache" if PRODUCTION else "maillage",
    }
}

LANGUAGE_CODE = "fr-ca"
LANGUAGES = [("fr-ca", _("French")), ("en-ca", _("English"))]
LANGUAGE_COOKIE_NAME = "maillage_language"
TIME_ZONE = env("TIME_ZONE", "America/Toronto")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
# Reports: counts from 1 to threshold - 1 are never published; exports are written here.
REPORTS_SUPPRESSION_THRESHOLD = int(env("REPORTS_SUPPRESSION_THRESHOLD", "5"))
# Load the identifier detector (spaCy's model, ~5 s) when a web worker starts (docs/deploy.md).
PII_PRELOAD = env_bool("PII_PRELOAD", PRODUCTION)
EXPORTS_DIR = Path(env("EXPORTS_DIR", str(BASE_DIR / "var" / "exports")))
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]

# Background work (exports; later notifications and webhooks) waits in a database queue and runs in
# `maillage db_worker`, never inside a web request. `maillage run_exports` recovers exports left
# waiting. Tests that need a task run at once use Django's immediate backend.
# The reports' covering indexes carry extra columns that SQLite (the quick start) ignores: the
# index still works there, only without them, so the warning says nothing to act on.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Live-server tests restore reference data (from data migrations) after each flush; content
# types and permissions are recreated on demand and would clash when restored.
TEST_NON_SERIALIZED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]

MAIL_BACKEND = env(
    "MAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
MAIL_OPTIONS: dict[str, object] = {}
if MAIL_BACKEND.endswith("smtp.EmailBackend"):
    MAIL_OPTIONS = {
        "host": env("MAIL_HOST", "localhost"),
        "port": env_int("MAIL_PORT", 25),
        "username": env("MAIL_USER"),
        "password": env("MAIL_PASSWORD"),
        "use_tls": env_bool("MAIL_USE_TLS", False),
    }
MAILERS = {"default": {"BACKEND": MAIL_BACKEND, "OPTIONS": MAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Maillage <noreply@localhost>")

# Security headers. Strict everywhere; production adds HTTPS-only cookies and HSTS.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
# Behind a reverse proxy: the header in which it passes the client's address (e.g. X-Real-IP),
# believed only on connections from TRUSTED_PROXIES (addresses or networks). The audit trail and
# the sign-in lockout read the address through maillage.core.http.client_ip.
TRUSTED_PROXY_HEADER = env("TRUSTED_PROXY_HEADER")
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")


def check_proxy_settings() -> None:
    for proxy in TRUSTED_PROXIES:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {proxy!r} is not an address or a network."
            ) from None
    if TRUSTED_PROXY_HEADER and not TRUSTED_PROXIES:
        raise ImproperlyConfigured(
            "TRUSTED_PROXY_HEADER needs TRUSTED_PROXIES, the proxies setting it."
        )


check_proxy_settings()
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}


def check_production_settings() -> None:
    """Refuse to start in production with a value that would expose people's data."""
    problems = []
    if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50:
        problems.append("SECRET_KEY must be set to a random value of at least 50 characters.")
    if DEBUG:
        problems.append("DEBUG must be off.")
    if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS must list the site's host names.")
    if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
        problems.append("DATABASE_URL must point to PostgreSQL.")
    if not env("MAILLAGE_VAULT_KEY"):
        problems.append("MAILLAGE_VAULT_KEY must be set.")
    elif MAILLAGE_VAULT_KEY == DEV_VAULT_KEY or not is_vault_key(MAILLAGE_VAULT_KEY):
        problems.append("MAILLAGE_VAULT_KEY must be the base64 of 32 random bytes.")
    if AUDIT_CHAIN_KEY == DEV_AUDIT_CHAIN_KEY or len(AUDIT_CHAIN_KEY) < 32:
        problems.append("AUDIT_CHAIN_KEY must be set to a random value of at least 32 characters.")
    if not AUDIT_CHECKPOINT_PATH:
        problems.append("AUDIT_CHECKPOINT_PATH must name the file that receives audit checkpoints.")
    if problems:
        raise ImproperlyConfigured("Unsafe production settings: " + " ".join(problems))


def is_vault_key(value: str) -> bool:
    try:
        return len(base64.b64decode(value, validate=True)) == 32
    except ValueError:
        return False


# Master key that wraps the per-situation keys of the identity vault: the base64 of 32 random
# bytes (`openssl rand -base64 32`). MAILLAGE_VAULT_KEY_OLD is set only while rotating
# (docs/vault.md). VAULT_RETENTION_DAYS seeds the default retention rule of the vault.
DEV_VAULT_KEY = "bWFpbGxhZ2UtZGV2LXZhdWx0LWtleS1ub3QtcmVhbCE="  # noqa: S105
MAILLAGE_VAULT_KEY = env("MAILLAGE_VAULT_KEY", "" if PRODUCTION else DEV_VAULT_KEY)
MAILLAGE_VAULT_KEY_OLD = env("MAILLAGE_VAULT_KEY_OLD")
VAULT_RETENTION_DAYS = env_int("VAULT_RETENTION_DAYS", 30)

# Key of the audit trail's hash chain (HMAC-SHA256), kept outside the database so that whoever
# can write to the database cannot recompute the chain; and the file that receives its signed
# checkpoints, shipped by the operator to another host (docs/security.md).
DEV_AUDIT_CHAIN_KEY = "development-only-audit-chain-key-0123456789"  # noqa: S105
AUDIT_CHAIN_KEY = env("AUDIT_CHAIN_KEY", "" if PRODUCTION else DEV_AUDIT_CHAIN_KEY)
AUDIT_CHECKPOINT_PATH = env("AUDIT_CHECKPOINT_PATH")

if PRODUCTION:
    check_production_settings()
