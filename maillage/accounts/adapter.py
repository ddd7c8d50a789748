"""How allauth signs people in at Maillage: no self sign-up, audited attempts, MFA enforced."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.core.audit import log_action
from maillage.core.http import client_ip

from .audit import LOGIN, LOGIN_FAILED, LOGIN_LOCKED, LOGOUT
from .mfa import has_mfa, requires_mfa


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # Same words whether the account exists or not: the lockout reveals nothing.
        "too_many_login_attempts": _(
            "Too many failed sign-in attempts. Sign-in is blocked for 15 minutes."
        ),
    }

    def get_client_ip(self, request: HttpRequest) -> str:
        """The address the lockout counts, read behind the proxy like the audit trail's."""
        address = client_ip(request)
        if address is None:
            raise PermissionDenied("The client's address is unknown.")
        return address

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Accounts are opened by an administrator for a named person, never by visitors."""
        return False

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            log_action(LOGIN_LOCKED, obj=_account(credentials), request=request)
            raise

    def authenticate(self, request: HttpRequest, **credentials: Any):
        """A deactivated account answers like a wrong password, so the page never tells which
        accounts exist but are closed (allauth would show its "account inactive" page)."""
        user = super().authenticate(request, **credentials)
        if user is not None and not user.is_active:
            self.authentication_failed(request, **credentials)
            return None
        return user

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        log_action(LOGIN_FAILED, obj=_account(credentials), request=request)

    def login(self, request: HttpRequest, user) -> None:
        super().login(request, user)
        log_action(LOGIN, user=user, obj=user, request=request)

    def logout(self, request: HttpRequest) -> None:
        if request.user.is_authenticated:
            log_action(LOGOUT, user=request.user, obj=request.user, request=request)
        super().logout(request)

    def post_login(self, request: HttpRequest, user, **kwargs: Any):
        """Enrolment comes first even when the sign-in page was reached with ``?next=``."""
        if requires_mfa(user) and not has_mfa(user):
            kwargs["redirect_url"] = self.get_login_redirect_url(request)
        return super().post_login(request, user, **kwargs)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Someone whose role requires a second factor and has none goes to enrolment first."""
        if requires_mfa(request.user) and not has_mfa(request.user):
            messages.warning(
                request,
                gettext(
                    "Your role gives access to information about people: set up two-step "
                    "verification to continue."
                ),
            )
            return reverse("mfa_index")
        return super().get_login_redirect_url(request)


def _account(credentials: dict[str, Any]):
    """The account an attempt named, for the audit trail only (never shown to the visitor)."""
    username = credentials.get("username") or ""
    return get_user_model().objects.filter(username__iexact=username).first()
