"""Audit entries for second-factor enrolment and removal, which happen inside allauth's views."""

from allauth.mfa import signals
from django.dispatch import receiver

from maillage.core.audit import log_action

from .audit import MFA_ADD, MFA_FAILED, MFA_REMOVE, MFA_RESET


@receiver(signals.authenticator_added)
def audit_added(sender, request, user, authenticator, **kwargs) -> None:
    log_action(MFA_ADD, user=user, obj=user, data={"type": authenticator.type}, request=request)


@receiver(signals.authenticator_removed)
def audit_removed(sender, request, user, authenticator, **kwargs) -> None:
    log_action(
        MFA_REMOVE,
        user=user,
        obj=user,
        data={"type": authenticator.type},
        request=request,
    )


@receiver(signals.authenticator_reset)
def audit_reset(sender, request, user, authenticator, **kwargs) -> None:
    log_action(
        MFA_RESET,
        user=user,
        obj=user,
        data={"type": authenticator.type},
        request=request,
    )


@receiver(signals.authentication_failed)
def audit_mfa_failed(sender, request, user, **kwargs) -> None:
    log_action(MFA_FAILED, obj=user, request=request)
