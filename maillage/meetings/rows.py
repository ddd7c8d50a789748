"""What the agenda and meeting mode show of each situation, computed once per page.

A long agenda is rendered on every visit and, in meeting mode, every few seconds on each
follower's screen. So the situations are loaded with the few columns shown, without their
table (they all belong to the meeting's), with their risk categories as plain names in one
query, and every label is worked out here once instead of by the template for each row.
"""

from collections import defaultdict
from typing import Any, TypedDict

from django.urls import reverse

from maillage.core.i18n import pick
from maillage.situations.models import DiscussionType, Situation, Status

from .models import AgendaItem, AgendaReason, Meeting

SHOWN = (
    "reason",
    "notes",
    "position",
    "situation__table",
    "situation__number",
    "situation__status",
    "situation__version",
    "situation__discussion_type",
    "situation__originating_organization",
    "situation__lead_organization",
    "situation__age_group__name_fr",
    "situation__age_group__name_en",
    "situation__gender__name_fr",
    "situation__gender__name_en",
)


class Row(TypedDict, total=False):
    item: AgendaItem
    situation: Situation
    reference: str
    url: str
    reason: str
    status: str
    facts: str
    categories: str
    # Meeting mode only.
    decisions: list
    forms: dict[str, Any]
    notes_form: Any


def labels(choices) -> dict[str, str]:
    """Value → label of a choices class, translated once."""
    return {value: str(label) for value, label in choices}


def category_names(situation_ids: list[int]) -> dict[int, list[str]]:
    """The risk category names of each situation, in the reference list's order."""
    through = Situation.risk_categories.through
    pairs = (
        through.objects.filter(situation_id__in=situation_ids)
        .order_by("riskcategory__position", "riskcategory__name_fr")
        .values_list("situation_id", "riskcategory__name_fr", "riskcategory__name_en")
    )
    names = defaultdict(list)
    for situation_id, name_fr, name_en in pairs:
        names[situation_id].append(pick(name_fr, name_en))
    return names


def agenda_rows(meeting: Meeting, user) -> list[Row]:
    """The listed items this person may see, each with what the page shows of its situation."""
    table = meeting.table
    visible = Situation.objects.visible_to(user, table).values("pk")
    items = list(
        meeting.items.listed()
        .filter(situation__in=visible)
        .select_related("situation__age_group", "situation__gender")
        .only(*SHOWN)
        .order_by("position", "pk")
    )
    categories = category_names([item.situation_id for item in items])
    reasons, statuses = labels(AgendaReason.choices), labels(Status.choices)
    kinds = labels(DiscussionType.choices)
    rows = []
    for item in items:
        situation = item.situation
        situation.table = table  # the prefix of the references comes from the table, once
        facts = [kinds.get(situation.discussion_type, situation.discussion_type)]
        facts += [ref.name for ref in (situation.age_group, situation.gender) if ref]
        rows.append(
            Row(
                item=item,
                situation=situation,
                reference=situation.reference,
                url=reverse("situations:detail", args=[table.pk, situation.pk]),
                reason=reasons.get(item.reason, item.reason),
                status=statuses.get(situation.status, situation.status),
                facts=" · ".join(facts),
                categories=", ".join(categories[situation.pk]),
            )
        )
    return rows
