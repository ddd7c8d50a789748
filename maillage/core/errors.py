"""The error pages, in the site's layout and in both official languages, with a way back.

Django's own handlers would do, but they render ``403.html`` and ``404.html`` with nothing to tell
the pages apart; one template with the status as its context keeps the three pages together.
"""

import logging

from django.http import HttpRequest, HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)


def _page(request: HttpRequest | None, code: int) -> HttpResponse:
    content = loader.render_to_string("core/error.html", {"code": code}, request)
    return HttpResponse(content, status=code)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Drawn without the request's context: whatever failed may fail again while drawing it."""
    try:
        return _page(None, 500)
    except Exception:  # the layout itself failed: a plain page still says what happened
        logger.exception("The error page could not be drawn.")
        return HttpResponse(
            "Une erreur s'est produite. Something went wrong.",
            status=500,
            content_type="text/plain; charset=utf-8",
        )
