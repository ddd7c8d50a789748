"""What the agenda and meeting mode show of each situation, computed once per page.

A long agenda is rendered on every visit and, in meeting mode, every few seconds on each
follower's screen. So the situations are loaded with the few columns shown, without their
table (they all belong to the meeting's), with their risk categories as plain names in one
query, and every label is worked out here once instead of by the template for each row.
Ids are passed as text too: a number in a template goes through localisation each time.
"""

from collections import defaultdict
from typing import Any, TypedDict

from django.db.models import F
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from maillage.core.i18n import pick
from maillage.situations.models import (
    DiscussionType,
    Situation,
    Status,
    format_reference,
    reference_prefix,
)

from .models import AgendaReason, Meeting

# Row key → what is read for it: plain values, no model instances to build for a long agenda.
SHOWN = {
    "item_pk": "pk",
    "reason_code": "reason",
    "notes": "notes",
    "situation_pk": "situation_id",
    "situation_number": "situation__number",
    "status_code": "situation__status",
    "version": "situation__version",
    "discussion_type": "situation__discussion_type",
    "age_fr": "situation__age_group__name_fr",
    "age_en": "situation__age_group__name_en",
    "gender_fr": "situation__gender__name_fr",
    "gender_en": "situation__gender__name_en",
}


class Row(TypedDict, total=False):
    situation_pk: int
    number: str  # 1, 2, … in the agenda's order
    item_id: str
    situation_id: str
    status_code: str
    notes: str
    version: int
    reference: str
    url: str
    reason: str
    status: str
    summary: str  # reason, status, facts and risk categories, as HTML
    actions: dict[str, str]  # agenda: the labels of the item's buttons
    # Meeting mode only.
    decisions: list
    discuss: str  # the label of the button that opens the situation's forms
    forms: dict[str, Any]
    notes_form: Any


def labels(choices) -> dict[str, str]:
    """Value → label of a choices class, translated once."""
    return {value: str(label) for value, label in choices}


def category_names(situation_ids: list[int]) -> dict[int, str]:
    """The risk category names of each situation, in the reference list's order, as one text."""
    through = Situation.risk_categories.through
    pairs = (
        through.objects.filter(situation_id__in=situation_ids)
        .order_by("riskcategory__position", "riskcategory__name_fr")
        .values_list(
            "situation_id", "riskcategory_id", "riskcategory__name_fr", "riskcategory__name_en"
        )
    )
    names: dict[int, list[str]] = defaultdict(list)
    picked: dict[int, str] = {}  # a few categories shared by many situations: pick each once
    for situation_id, category_id, name_fr, name_en in pairs:
        if category_id not in picked:
            picked[category_id] = pick(name_fr, name_en)
        names[situation_id].append(picked[category_id])
    return {pk: ", ".join(found) for pk, found in names.items()}


def situation_url(table_pk: int):
    """pk → link to the situation's page, with one ``reverse`` for the whole agenda."""
    marker = "2147483647"
    head, tail = reverse("situations:detail", args=[table_pk, marker]).rsplit(marker, 1)
    return lambda pk: f"{head}{pk}{tail}"


def agenda_rows(meeting: Meeting, user) -> list[Row]:
    """The listed items this person may see, each with what the page shows of its situation."""
    table = meeting.table
    visible = Situation.objects.visible_to(user, table).values("pk")
    items = list(
        meeting.items.listed()
        .filter(situation__in=visible)
        .order_by("position", "pk")
        .values(
            *[key for key, field in SHOWN.items() if key == field],
            **{key: F(field) for key, field in SHOWN.items() if key != field},
        )
    )
    reasons, statuses = labels(AgendaReason.choices), labels(Status.choices)
    kinds, url = labels(DiscussionType.choices), situation_url(table.pk)
    prefix = reference_prefix(table)
    categories = category_names([item["situation_pk"] for item in items])
    rows = []
    for number, item in enumerate(items, start=1):
        facts = [kinds.get(item["discussion_type"], item["discussion_type"])]
        facts += [
            pick(fr, en)
            for fr, en in ((item["age_fr"], item["age_en"]), (item["gender_fr"], item["gender_en"]))
            if fr or en
        ]
        pk = item["situation_pk"]
        rows.append(
            Row(
                situation_pk=pk,
                number=str(number),
                item_id=str(item["item_pk"]),
                situation_id=str(pk),
                reference=format_reference(prefix, item["situation_number"]),
                url=url(pk),
                status_code=item["status_code"],
                version=item["version"],
                notes=item["notes"],
                summary=summary(
                    item["reason_code"],
                    reasons.get(item["reason_code"], item["reason_code"]),
                    item["status_code"],
                    statuses.get(item["status_code"], item["status_code"]),
                    " · ".join(facts),
                    categories.get(pk),
                ),
            )
        )
    return rows


def summary(
    reason_code: str, reason: str, status_code: str, status: str, facts: str, categories: str | None
):
    """What both pages show of a situation under its reference, built once per row: a long
    agenda made of template tags costs more than the rest of the page."""
    html = format_html(
        '<span class="badge reason-{}">{}</span> <span class="status status-{}">{}</span> '
        '<span class="help">{}</span>',
        reason_code,
        reason,
        status_code,
        status,
        facts,
    )
    if categories:
        label = _("Risk categories: %(names)s") % {"names": categories}
        html += format_html(' <span class="help">{}</span>', label)
    return html
