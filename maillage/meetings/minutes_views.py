"""The minutes: on screen, as a print view and as PDF, in French or English on demand."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.access import rules
from maillage.core.audit import log_action

from . import access, minutes
from .access import get_meeting_for_user
from .audit import MINUTES_EXPORT
from .models import Meeting


def _readable(request: HttpRequest, table_pk: int, pk: int) -> Meeting:
    """Managers see the minutes once the meeting is held; members once they are published."""
    meeting = get_meeting_for_user(request.user, table_pk, pk)
    if not access.may_read_minutes(request.user, meeting):
        raise PermissionDenied(_("The minutes of this meeting are not available yet."))
    return meeting


def minutes_page(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = _readable(request, table_pk, pk)
    language = minutes.language_of(request)
    context = minutes.minutes_context(meeting, request.user)
    with translation.override(language):
        document = render_to_string("meetings/minutes_document.html#document", context)
    page = {
        "table": meeting.table,
        "meeting": meeting,
        "document": document,
        "language": language[:2],
        "document_language": language,
        "may_publish": rules.may(request.user, "meeting.publish_minutes", meeting),
    }
    if page["may_publish"]:
        page["findings"], page["digest"] = minutes.findings(context)
    return render(request, "meetings/minutes.html", page)


def minutes_print(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = _readable(request, table_pk, pk)
    language = minutes.language_of(request)
    context = minutes.minutes_context(meeting, request.user)
    with translation.override(language):
        return render(request, "meetings/minutes_document.html", context)


def minutes_pdf(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = _readable(request, table_pk, pk)
    language = minutes.language_of(request)
    pdf = minutes.render_pdf(minutes.minutes_context(meeting, request.user), language)
    log_action(
        MINUTES_EXPORT,
        user=request.user,
        obj=meeting,
        table=meeting.table,
        data={"format": "pdf", "language": language},
        request=request,
    )
    name = f"minutes-{meeting.starts_at:%Y-%m-%d}-{language[:2]}.pdf"
    return HttpResponse(
        pdf,
        content_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@require_POST
def publish(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    """Publish, unless the detector found possible identifiers that were not confirmed."""
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.publish_minutes")
    if not meeting.minutes_publishable:
        messages.error(request, _("Only the minutes of a held meeting can be published, once."))
        return redirect("meetings:minutes", table_pk=table_pk, pk=pk)
    shown, digest = minutes.findings(minutes.minutes_context(meeting, request.user))
    confirmed = request.POST.get("confirm") == "yes" and request.POST.get("digest") == digest
    if shown and not confirmed:
        messages.error(
            request,
            _(
                "Possible identifiers were found in the minutes. Remove them, or confirm that "
                "they do not identify anyone."
            ),
        )
        return redirect("meetings:minutes", table_pk=table_pk, pk=pk)
    labels = [label for _where, _text, found in shown for label in found]
    minutes.publish_minutes(meeting=meeting, labels=labels, by=request.user, request=request)
    messages.success(request, _("The minutes were published."))
    return redirect("meetings:minutes", table_pk=table_pk, pk=pk)
