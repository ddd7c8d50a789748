"""What a request carries, read safely: the client's address, ids in parameters, and the
request types for view annotations (what our middleware adds to Django's ``HttpRequest``).

Behind a reverse proxy every connection comes from the proxy, so ``REMOTE_ADDR`` names the proxy
for everyone. The client's address is then taken from the one header the proxy sets
(``TRUSTED_PROXY_HEADER``), and only on connections that come from a proxy listed in
``TRUSTED_PROXIES``: anyone else could write that header. Both are configured explicitly
(docs/deploy.md); without them the header is ignored.
"""

import ipaddress
import re
from typing import TYPE_CHECKING

from django.conf import settings
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


def client_ip(request: HttpRequest | None) -> str | None:
    """The address of the person's machine, as far as this server can trust it."""
    if request is None:
        return None
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    header = settings.TRUSTED_PROXY_HEADER
    if header and remote is not None and _is_trusted_proxy(remote):
        # X-Forwarded-For may carry addresses the client wrote; the last one is what our proxy saw.
        forwarded = _address(request.headers.get(header, "").split(",")[-1])
        if forwarded is not None:
            return forwarded
    return remote


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def _is_trusted_proxy(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in ipaddress.ip_network(p, strict=False) for p in settings.TRUSTED_PROXIES)


# ASCII digits only: "²".isdigit() is true but int("²") fails, and an id past PostgreSQL's bigint
# range fails in the database.
_ID = re.compile(r"[1-9][0-9]{0,17}")


def parse_id(value: object) -> int | None:
    """The database id a request parameter names, or None when it is not a plain positive id."""
    if isinstance(value, str) and _ID.fullmatch(value):
        return int(value)
    return None
