"""What the agenda and meeting mode show of each situation, computed once per page.

A long agenda is rendered on every visit and, in meeting mode, on each follower's screen every
time the meeting changes. So the situations are read with the few columns shown and their risk
categories in one statement (``reads.agenda``), and every label is worked out here once instead
of by the template for each row. Ids are passed as text too: a number in a template goes
through localisation each time.
"""

from typing import Any, TypedDict

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from maillage.core.i18n import pick
from maillage.situations.models import (
    DiscussionType,
    Status,
    format_reference,
    reference_prefix,
)

from . import reads
from .models import AgendaReason, Meeting


class Row(TypedDict, total=False):
    situation_pk: int
    originating_pk: int
    lead_pk: int | None
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
    heading: str  # reference, summary and decisions, as HTML
    closed: str  # the whole row when its situation is not under discussion, as HTML
    forms: dict[str, Any]
    notes_form: Any


def labels(choices) -> dict[str, str]:
    """Value → label of a choices class, translated once."""
    return {value: str(label) for value, label in choices}


def situation_url(table_pk: int):
    """pk → link to the situation's page, with one ``reverse`` for the whole agenda."""
    marker = "2147483647"
    head, tail = reverse("situations:detail", args=[table_pk, marker]).rsplit(marker, 1)
    return lambda pk: f"{head}{pk}{tail}"


def agenda_rows(meeting: Meeting, user) -> list[Row]:
    """The listed items this person may see, each with what the page shows of its situation."""
    url, prefix = situation_url(meeting.table_id), reference_prefix(meeting.table)
    summaries = Summaries()
    rows = []
    for number, item in enumerate(reads.agenda(meeting, user), start=1):
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
                originating_pk=item["originating_pk"],
                lead_pk=item["lead_pk"],
                summary=summaries.of(item),
            )
        )
    return rows


class Summaries:
    """The summaries of one page's rows: the labels translated once, and each summary drawn
    once for all the situations that share it (same reason, status, facts and categories)."""

    def __init__(self) -> None:
        self.reasons, self.statuses = labels(AgendaReason.choices), labels(Status.choices)
        self.kinds = labels(DiscussionType.choices)
        self.drawn: dict[tuple, str] = {}

    def of(self, item: dict) -> str:
        categories = tuple(item["categories"])
        age, gender = (item["age_fr"], item["age_en"]), (item["gender_fr"], item["gender_en"])
        kind = item["discussion_type"]
        key = (item["reason_code"], item["status_code"], kind, age, gender, categories)
        if key not in self.drawn:
            facts = [self.kinds.get(kind, kind)]
            facts += [pick(fr, en) for fr, en in (age, gender) if fr or en]
            self.drawn[key] = summary(
                item["reason_code"],
                self.reasons.get(item["reason_code"], item["reason_code"]),
                item["status_code"],
                self.statuses.get(item["status_code"], item["status_code"]),
                " · ".join(facts),
                ", ".join(pick(name_fr, name_en) for _pk, name_fr, name_en in categories),
            )
        return self.drawn[key]


def summary(
    reason_code: str, reason: str, status_code: str, status: str, facts: str, categories: str
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
