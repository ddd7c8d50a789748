"""Request types for view annotations: what our middleware adds to Django's ``HttpRequest``."""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from maillage.accounts.models import User


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware, which sets ``request.htmx``."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HttpRequest):
    """A request to a view behind ``LoginRequiredMiddleware``: the person is signed in."""

    user: "User"
