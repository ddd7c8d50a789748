"""Who must use a second factor, and whether this session was verified with one.

Multi-factor sign-in itself (TOTP, WebAuthn passkeys, recovery codes) is provided by
``allauth.mfa``; this module holds Maillage's rule on top of it: anyone who can read identifying
data or unsuppressed figures, and every administrator, must have a second factor.
"""

from collections.abc import Callable

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from maillage.tables.models import Seat, TableKind

# Tables whose members see situations that may be identified (filter 3) or unsuppressed counts.
IDENTIFYING_KINDS = frozenset({TableKind.SITUATION, TableKind.DOMESTIC_VIOLENCE})


def requires_mfa(user) -> bool:
    """True for administrators, privacy officers and anyone seated at an identifying table."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser or user.is_privacy_officer:
        return True
    return Seat.objects.filter(user=user, table__kind__in=IDENTIFYING_KINDS).exists()


def has_mfa(user) -> bool:
    """The person has enrolled at least one second factor."""
    return bool(user is not None and user.is_authenticated and is_mfa_enabled(user))


def session_verified_with_mfa(request: HttpRequest) -> bool:
    """This session passed a second-factor challenge (at sign-in or since)."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def last_authenticated_at(request: HttpRequest, *, method: str | None = None) -> float | None:
    """When this person last proved who they are in this session (epoch seconds).

    With ``method="mfa"``, only proofs made with the second factor count.
    """
    records = get_authentication_records(request, request.user)
    times = (
        float(record["at"])
        for record in records
        if "at" in record and method in (None, record.get("method"))
    )
    return max(times, default=None)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        return may_remove_factor(authenticator.user, authenticator)


# --- Enforcement ---------------------------------------------------------------------------------
# One place for every request: a person who must use a second factor gets no page of the
# application until they have one and this session was verified with it. Only the pages that
# let them enrol, confirm it or leave are let through.
OPEN_URL_NAMES = frozenset({"accounts:logout", "accounts:set_language", "account_logout"})
OPEN_URL_PREFIXES = ("mfa_", "account_reauthenticate")
# Allauth's pages that remove a factor: refused for the last one while it is required.
REMOVE_URL_NAMES = frozenset({"mfa_deactivate_totp", "mfa_remove_webauthn"})
# Recovery codes are a fallback for a lost factor, not a factor of their own.
PRIMARY_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def may_remove_factor(user, authenticator: Authenticator | None = None) -> bool:
    """A person who must use a second factor keeps at least one (an app or a passkey)."""
    if not requires_mfa(user):
        return True
    primary = Authenticator.objects.filter(user=user, type__in=PRIMARY_TYPES)
    if authenticator is not None and authenticator.type not in PRIMARY_TYPES:
        return True
    return primary.count() > 1


def _url_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


def _is_open(name: str) -> bool:
    return name in OPEN_URL_NAMES or name.startswith(OPEN_URL_PREFIXES)


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect that htmx follows as a whole page, not swapped into a fragment."""
    target = redirect_to_login(request.get_full_path(), url)
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target["Location"]
        return response
    return target


class SecondFactorMiddleware:
    """Enforce the second factor on every request of those who must use it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        # A session verified with a second factor (the usual case) costs no query here.
        if user is None or not user.is_authenticated or session_verified_with_mfa(request):
            return self._guard_removal(request)
        if not requires_mfa(user):
            return self.get_response(request)
        name = _url_name(request)
        if _is_open(name):
            return self._guard_removal(request, name)
        if not has_mfa(user):
            messages.warning(
                request,
                _(
                    "Your role gives access to information about people: set up two-step "
                    "verification to continue."
                ),
            )
            return _redirect(request, reverse("mfa_index"))
        return _redirect(request, reverse("mfa_reauthenticate"))

    def _guard_removal(self, request: HttpRequest, name: str | None = None) -> HttpResponse:
        if request.method == "POST" and request.user.is_authenticated:
            name = name if name is not None else _url_name(request)
            if name in REMOVE_URL_NAMES and not may_remove_factor(request.user):
                messages.error(
                    request,
                    _(
                        "Your role requires two-step verification: add another authenticator "
                        "app or passkey before removing this one."
                    ),
                )
                return redirect("mfa_index")
        return self.get_response(request)
