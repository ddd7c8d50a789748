"""The privacy officer's work: retention, the incident register, access reports, the audit."""

from django.core.exceptions import PermissionDenied

from maillage.core.access import is_signed_in, rules


def can_audit_everything(user) -> bool:
    return rules.permits(user, "privacy.audit_everything", None)


def can_manage_privacy(user) -> bool:
    """Retention, the incident register and access reports: the privacy officer's work only."""
    return rules.permits(user, "privacy.manage", None)


def require_privacy_officer(user) -> None:
    if not can_manage_privacy(user):
        raise PermissionDenied


rules.register(
    "privacy.manage", who=lambda user, _obj: is_signed_in(user) and user.is_privacy_officer
)
rules.register(
    "privacy.audit_everything",
    who=lambda user, _obj: is_signed_in(user) and (user.is_privacy_officer or user.is_superuser),
)
