"""Minutes of a meeting, written from what was recorded, without identifiers.

They show the situation references and de-identified fields (discussion type, age group,
gender, risk categories), the decisions taken at this meeting, the agencies named, the next
steps; the topics with their presenter, documents, decision or summary and action items; the
earlier action items followed up; and the attendance by agency. Descriptions are left out and
people are never named. The free text that does go in (notes, next steps, recommendations,
summaries, action items) is checked by the identifier detector before the minutes are published.
"""

from django.contrib.staticfiles import finders
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core.audit import log_action
from maillage.privacy import guard

from . import agenda
from .audit import MINUTES_PUBLISH
from .models import Meeting

LANGUAGES = {"fr": "fr-ca", "en": "en-ca"}


def language_of(request) -> str:
    """``?lang=fr`` or ``?lang=en``; else the page's language."""
    wanted = request.GET.get("lang", "")
    return LANGUAGES.get(wanted, translation.get_language() or "fr-ca")


def minutes_context(meeting: Meeting, user) -> dict:
    items = meeting.agenda_with_decisions(user)
    situations = [item for item in items if not item.is_topic]
    return {
        "meeting": meeting,
        "table": meeting.table,
        "items": situations,
        "show_situations": bool(situations) or agenda.takes_situations(meeting.table),
        "topics": [item for item in items if item.is_topic],
        "followed_up": meeting.followed_up_actions.select_related(
            "owner_organization", "item__meeting"
        ).order_by("due_on", "pk"),
        "attendance": meeting.attendance.select_related("organization").order_by(
            "organization__name_fr", "pk"
        ),
        "generated_at": timezone.now(),
    }


def free_texts(context: dict) -> list[tuple[str, str]]:
    """(where, text) for every piece of free text the minutes will carry."""
    texts = []
    if context["meeting"].minutes_notes:
        texts.append((_("General notes"), context["meeting"].minutes_notes))
    for item in context["items"]:
        situation = item.situation
        reference = situation.reference
        if item.notes:
            texts.append((reference, item.notes))
        if situation.recommendation and any(d.on_risk for d in item.decisions):
            texts.append((reference, situation.recommendation))
        texts += [(reference, d.task.title) for d in item.decisions if d.task and d.task.title]
    for topic in context["topics"]:
        if topic.summary:
            texts.append((topic.title, topic.summary))
        texts += [(topic.title, action.what) for action in topic.actions.all()]
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
