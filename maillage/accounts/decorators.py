"""Guards for views that show identifying data: a second factor, and a recent sign-in."""

import time
from collections.abc import Callable
from functools import wraps

from allauth.core.exceptions import ReauthenticationRequired
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .mfa import has_mfa, last_authenticated_at, session_verified_with_mfa

View = Callable[..., HttpResponse]


def mfa_required(view: View) -> View:
    """Send a person without a second factor to enrolment, an unverified session to the MFA step."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not has_mfa(request.user):
            messages.warning(
                request,
                _("This page shows information about people: set up two-step verification first."),
            )
            return redirect_to_login(request.get_full_path(), reverse("mfa_index"))
        if not session_verified_with_mfa(request):
            return redirect_to_login(request.get_full_path(), reverse("mfa_reauthenticate"))
        return view(request, *args, **kwargs)

    return wrapped


def recent_auth_required(view: View) -> View:
    """Ask the person to confirm who they are if they last did so too long ago."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        # Someone with a second factor confirms with it: a password alone proves less.
        if has_mfa(request.user):
            at = last_authenticated_at(request, method="mfa")
            if at is None or time.time() - at > settings.ACCOUNT_REAUTHENTICATION_TIMEOUT:
                return redirect_to_login(request.get_full_path(), reverse("mfa_reauthenticate"))
            return view(request, *args, **kwargs)
        at = last_authenticated_at(request)
        if at is None or time.time() - at > settings.ACCOUNT_REAUTHENTICATION_TIMEOUT:
            raise ReauthenticationRequired()
        return view(request, *args, **kwargs)

    return wrapped
