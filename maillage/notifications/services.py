"""Who is told what, once. Every notice is in-app; people with an e-mail address also get mail.

Mail is sent after the surrounding transaction commits, in the recipient's own language, and
carries only references, dates and a link: never free text about a situation.
"""

import logging
from collections.abc import Iterable
from datetime import datetime
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from maillage.situations.models import Situation, Status, Task, TaskStatus
from maillage.tables.models import Seat

from .models import Kind, Notification

logger = logging.getLogger(__name__)
MANAGER_ROLES = ("chair", "coordinator")


def seat_holders(table, *, organizations: Iterable[int] | None = None, roles=None):
    """Active people holding a seat in force at ``table``, optionally for some agencies or roles."""
    seats = Seat.objects.in_force().filter(table=table)
    if organizations is not None:
        seats = seats.filter(organization_id__in=list(organizations))
    if roles is not None:
        seats = seats.filter(role__in=list(roles))
    return get_user_model().objects.filter(is_active=True, pk__in=seats.values("user_id"))


@transaction.atomic
def notify(*, recipients, kind: str, key: str, table=None, params=None, url="") -> int:
    """Create the notice for each recipient who has not had it yet; mail the new ones."""
    created = 0
    for person in recipients:
        if not person.is_active:
            continue
        notice, new = Notification.objects.get_or_create(
            recipient=person,
            key=key,
            defaults={"kind": kind, "table": table, "params": params or {}, "url": url},
        )
        if new:
            created += 1
            if person.email:
                transaction.on_commit(partial(send_email, notice.pk))
    return created


def send_email(notification_pk: int) -> None:
    """Mail one notice in the recipient's language. A failure is logged, never raised."""
    notice = Notification.objects.select_related("recipient", "table").get(pk=notification_pk)
    person = notice.recipient
    with translation.override(person.language or settings.LANGUAGE_CODE):
        context = {"notice": notice, "person": person, "link": settings.SITE_URL + notice.url}
        subject = render_to_string("notifications/email/subject.txt", context).strip()
        body = render_to_string("notifications/email/body.txt", context)
    try:
        EmailMessage(subject, body, to=[person.email]).send()
    except Exception:  # the notice stays in-app; mail is best effort
        logger.exception("Could not mail notification %s", notification_pk)
        return
    Notification.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())


def _situation_url(situation) -> str:
    return reverse("situations:detail", args=[situation.table_id, situation.pk])


def notify_agencies_named(situation) -> int:
    """Tell the people of the lead and assisting agencies that their agency was named."""
    stamp = situation.agencies_named_at.isoformat() if situation.agencies_named_at else ""
    common = {
        "table": situation.table,
        "params": {"reference": situation.reference},
        "url": _situation_url(situation),
    }
    count = notify(
        recipients=seat_holders(situation.table, organizations=[situation.lead_organization_id]),
        kind=Kind.LEAD,
        key=f"lead:{situation.pk}:{stamp}",
        **common,
    )
    assisting = [o.pk for o in situation.assisting_organizations.all()]
    count += notify(
        recipients=seat_holders(situation.table, organizations=assisting),
        kind=Kind.ASSISTING,
        key=f"assisting:{situation.pk}:{stamp}",
        **common,
    )
    return count


def notify_agenda_published(meeting) -> int:
    """Everyone seated at the table learns that the agenda is ready, and how many of its
    situations they may see: an observer's notice does not count discussions hidden from them."""
    from maillage.situations.models import Situation

    listed = meeting.items.listed()
    created = 0
    for person in seat_holders(meeting.table):
        visible = listed.filter(situation__in=Situation.objects.visible_to(person, meeting.table))
        created += notify(
            recipients=[person],
            kind=Kind.AGENDA,
            key=f"agenda:{meeting.pk}",
            table=meeting.table,
            params={"date": meeting.starts_at.isoformat(), "count": visible.count()},
            url=reverse("meetings:agenda", args=[meeting.table_id, meeting.pk]),
        )
    return created


def notify_possible_repeat(candidate) -> int:
    """The table's chairs and coordinators learn that a possible repeat awaits their review."""
    situation = candidate.situation
    return notify(
        recipients=seat_holders(situation.table, roles=MANAGER_ROLES),
        kind=Kind.REPEAT,
        key=f"repeat:{candidate.pk}",
        table=situation.table,
        params={"reference": situation.reference},
        url=reverse("vault:repeats", args=[situation.table_id]),
    )


def notify_due(*, now: datetime | None = None) -> dict[str, int]:
    """Tasks due today or earlier, and mobilizations without first contact in time.

    Safe to run as often as wanted: each notice has a key and goes to each person once.
    """
    now = now or timezone.now()
    tasks = Task.objects.filter(
        situation__status=Status.MOBILIZED,
        status__in=[TaskStatus.OPEN, TaskStatus.IN_PROGRESS],
        due_on__lte=timezone.localdate(now),
    ).select_related("situation__table__situation_settings")
    counts = {"task_due": 0, "overdue": 0}
    for task in tasks:
        counts["task_due"] += notify(
            recipients=seat_holders(
                task.situation.table, organizations=[task.owner_organization_id]
            ),
            kind=Kind.TASK_DUE,
            key=f"task_due:{task.pk}:{task.due_on}",
            table=task.situation.table,
            params={"reference": task.situation.reference, "date": str(task.due_on)},
            url=reverse("situations:plan", args=[task.situation.table_id, task.situation_id]),
        )
    late = Situation.objects.overdue(now).select_related("table__situation_settings")
    for situation in late.prefetch_related("assisting_organizations"):
        counts["overdue"] += _notify_overdue(situation)
    return counts


def _notify_overdue(situation) -> int:
    table = situation.table
    involved = seat_holders(table, organizations=situation.involved_organization_ids())
    managers = seat_holders(table, roles=MANAGER_ROLES)
    return notify(
        recipients={*involved, *managers},
        kind=Kind.OVERDUE,
        key=f"overdue:{situation.pk}:{situation.agencies_named_at}",
        table=table,
        params={
            "reference": situation.reference,
            "hours": situation.settings().mobilization_hours,
        },
        url=_situation_url(situation),
    )
