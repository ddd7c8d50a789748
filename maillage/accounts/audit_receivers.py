"""Audit entries for second-factor enrolment and removal, which happen inside allauth's views."""

from allauth.mfa import signals
from django.dispatch import receiver

from maillage.core.audit import log_action


@receiver(signals.authenticator_added)
def audit_added(sender, request, user, authenticator, **kwargs) -> None:
    log_action(
        "accounts.mfa.add", user=user, obj=user, data={"type": authenticator.type}, request=request
    )


@receiver(signals.authenticator_removed)
def audit_removed(sender, request, user, authenticator, **kwargs) -> None:
    log_action(
        "accounts.mfa.remove",
        user=user,
        obj=user,
        data={"type": authenticator.type},
        request=request,
    )


@receiver(signals.authenticator_reset)
def audit_reset(sender, request, user, authenticator, **kwargs) -> None:
    log_action(
        "accounts.mfa.reset",
        user=user,
        obj=user,
        data={"type": authenticator.type},
        request=request,
    )


@receiver(signals.authentication_failed)
def audit_mfa_failed(sender, request, user, **kwargs) -> None:
    log_action("accounts.mfa.failed", obj=user, request=request)
