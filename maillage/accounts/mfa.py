"""Who must use a second factor, and whether this session was verified with one.

Multi-factor sign-in itself (TOTP, WebAuthn passkeys, recovery codes) is provided by
``allauth.mfa``; this module holds Maillage's rule on top of it: anyone who can read identifying
data or unsuppressed figures, and every administrator, must have a second factor.
"""

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpRequest

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


def last_authenticated_at(request: HttpRequest) -> float | None:
    """When this person last proved who they are in this session (epoch seconds)."""
    records = get_authentication_records(request, request.user)
    return max((float(record["at"]) for record in records if "at" in record), default=None)
