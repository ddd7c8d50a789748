"""Minutes of a meeting, written from what was recorded, without identifiers.

They show the situation references and de-identified fields (discussion type, age group,
gender, risk categories), the decisions taken at this meeting, the agencies named, the next
steps and the attendance by agency. Descriptions are left out and people are never named. The
free text that does go in (notes, next steps, recommendations) is checked by the identifier
detector before the minutes are published.
"""

from django.contrib.staticfiles import finders
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core.audit import log_action
from maillage.situations import guard

from . import reads
from .audit import MINUTES_PUBLISH
from .models import Meeting

LANGUAGES = {"fr": "fr-ca", "en": "en-ca"}


def language_of(request) -> str:
    """``?lang=fr`` or ``?lang=en``; else the page's language."""
    wanted = request.GET.get("lang", "")
    return LANGUAGES.get(wanted, translation.get_language() or "fr-ca")


def minutes_context(meeting: Meeting, user) -> dict:
    from .views import agenda_items

    decisions = reads.decisions(meeting.pk)
    items = [
        {"item": item, "situation": item.situation, "decisions": decisions[item.situation_id]}
        for item in agenda_items(meeting, user)
    ]
    return {
        "meeting": meeting,
        "table": meeting.table,
        "items": items,
        "attendance": meeting.attendance.select_related("organization"),
        "generated_at": timezone.now(),
    }


def free_texts(context: dict) -> list[tuple[str, str]]:
    """(where, text) for every piece of free text the minutes will carry."""
    texts = []
    if context["meeting"].minutes_notes:
        texts.append((_("General notes"), context["meeting"].minutes_notes))
    for row in context["items"]:
        reference = row["situation"].reference
        if row["item"].notes:
            texts.append((reference, row["item"].notes))
        if row["situation"].recommendation and any(d["kind"] == "aer" for d in row["decisions"]):
            texts.append((reference, row["situation"].recommendation))
        texts += [(reference, d["task_title"]) for d in row["decisions"] if d["task_title"]]
    return texts


def findings(context: dict) -> tuple[list, str]:
    """What the identifier detector found in the free text, highlighted, and its digest."""
    texts = free_texts(context)
    if not texts:
        return [], ""
    found = guard.find_identifiers([text for _where, text in texts])
    shown = [
        (where, guard.highlight(text, spans), sorted({s.label for s in spans}))
        for (where, text), spans in zip(texts, found, strict=True)
        if spans
    ]
    return shown, guard.digest([text for _where, text in texts])


@transaction.atomic
def publish_minutes(*, meeting: Meeting, labels: list[str], by, request=None) -> None:
    """Publish; ``labels`` are the kinds of possible identifiers the person confirmed as false
    alarms (recorded in the audit trail, never the text)."""
    meeting.minutes_published_at = timezone.now()
    meeting.save(update_fields=["minutes_published_at"])
    log_action(
        MINUTES_PUBLISH,
        user=by,
        obj=meeting,
        table=meeting.table,
        fields=["minutes_published_at"],
        data={"confirmed_labels": sorted(set(labels))},
        request=request,
    )


def render_pdf(context: dict, language: str) -> bytes:
    from weasyprint import CSS, HTML

    with translation.override(language):
        html = render_to_string("meetings/minutes_document.html", {**context, "pdf": True})
    stylesheet = CSS(filename=finders.find("meetings/minutes.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])
