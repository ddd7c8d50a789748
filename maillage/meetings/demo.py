"""Demo meetings for the concertation table: one held, with its published minutes and action
items, and the next one, its agenda of topics ready to be published and held in meeting mode."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from . import agenda, minutes, services
from .models import Meeting, MeetingKind

# (title, presenter's position in the table's organisations, minutes, documents, summary,
#  [(action, owner's position, days after the meeting)])
HELD = [
    (
        "Sécurité alimentaire : bilan des comptoirs",
        2,
        20,
        ["https://exemple.org/antoine-labelle/bilan-comptoirs.pdf"],
        "Les comptoirs ont servi plus de familles que l'an dernier. La table s'entend pour "
        "coordonner les horaires d'ouverture.",
        [("Recenser les horaires des comptoirs", 2, 14), ("Présenter le bilan au conseil", 1, 45)],
    ),
    (
        "Transport collectif rural",
        1,
        30,
        [],
        "La table appuie le projet de navette entre Mont-Laurier et les villages voisins.",
        [("Sonder les municipalités sur la navette", 1, 21)],
    ),
]
NEXT = [
    ("Logement : portrait des besoins", 0, 30, ["https://exemple.org/antoine-labelle/logement"]),
    ("Suivi du projet de navette", 1, 15, []),
]


def _at(days: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(13, 30)))


@transaction.atomic
def seed_meetings(*, table, by) -> list[Meeting]:
    """The concertation table's last meeting and its next one; ``by`` coordinates the table."""
    organizations = list(table.organizations.order_by("name_fr"))
    held = services.create_meeting(
        table=table, starts_at=_at(-28), kind=MeetingKind.SCHEDULED, by=by
    )
    for title, presenter, allotted, documents, _summary, _actions in HELD:
        agenda.add_topic(
            meeting=held,
            title=title,
            presenter=organizations[presenter],
            documents=documents,
            minutes_allotted=allotted,
            by=by,
        )
    services.start_meeting(meeting=held, by=by)
    for line in held.attendance.all():
        services.set_attendance(
            meeting=held, organization_id=line.organization_id, status="present", by=by
        )
    for item, (_title, _who, _minutes, _docs, summary, actions) in zip(
        held.items.order_by("position"), HELD, strict=True
    ):
        services.save_summary(item=item, summary=summary, by=by)
        for what, owner, days in actions:
            services.add_action_item(
                item=item,
                what=what,
                owner=organizations[owner],
                due_on=held.local_date + timedelta(days=days),
                by=by,
            )
    services.close_meeting(meeting=held, notes="Prochaine rencontre dans un mois.", by=by)
    minutes.publish_minutes(meeting=held, labels=[], by=by)

    upcoming = services.create_meeting(
        table=table, starts_at=_at(2), kind=MeetingKind.SCHEDULED, by=by
    )
    for title, presenter, allotted, documents in NEXT:
        agenda.add_topic(
            meeting=upcoming,
            title=title,
            presenter=organizations[presenter],
            documents=documents,
            minutes_allotted=allotted,
            by=by,
        )
    return [held, upcoming]
