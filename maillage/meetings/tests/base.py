"""Sudbury's situations, and meetings to hold them at."""

from datetime import timedelta

from django.utils import timezone

from maillage.meetings import services
from maillage.meetings.models import Meeting, MeetingKind
from maillage.situations.tests.base import SituationTestCase


class MeetingTestCase(SituationTestCase):
    """The personas of ``SituationTestCase`` (police originate, health leads, housing assists)."""

    def meeting(self, *, started: bool = False) -> Meeting:
        meeting = services.create_meeting(
            table=self.table,
            starts_at=timezone.now() + timedelta(hours=1),
            kind=MeetingKind.SCHEDULED,
            by=self.coordinator,
        )
        if started:
            services.start_meeting(meeting=meeting, by=self.coordinator)
        return meeting

    def decide_and_name(self, meeting: Meeting, situation, *, votes: tuple, assisting) -> None:
        """At ``meeting``: acutely elevated risk met by ``votes`` (for, against), then health
        leads with ``assisting``."""
        services.record_decision(
            meeting=meeting,
            situation=situation,
            decision={
                "aer_met": True,
                "method": "vote",
                "votes_for": votes[0],
                "votes_against": votes[1],
            },
            version=situation.version,
            by=self.coordinator,
        )
        services.record_agencies(
            meeting=meeting,
            situation=situation,
            lead=self.health,
            assisting=assisting,
            version=situation.version,
            by=self.coordinator,
        )

    def make_overdue(self, situation) -> None:
        type(situation).objects.filter(pk=situation.pk).update(
            agencies_named_at=timezone.now() - timedelta(hours=72)
        )
        situation.refresh_from_db()

    def url(self, name: str, meeting: Meeting, *args) -> str:
        from django.urls import reverse

        return reverse(f"meetings:{name}", args=[self.table.pk, meeting.pk, *args])

    def htmx_post(self, url: str, data: dict):
        return self.client.post(url, data, headers={"HX-Request": "true"})

    def topic(self, meeting: Meeting, title: str = "Sécurité alimentaire", **fields):
        """A topic the city presents, on ``meeting``'s agenda."""
        from maillage.meetings import agenda

        fields.setdefault("presenter", self.city)
        return agenda.add_topic(meeting=meeting, title=title, by=self.coordinator, **fields)

    def as_concertation(self) -> None:
        """Sudbury's personas, at a concertation table: topics only."""
        from maillage.tables.models import TableKind

        type(self.table).objects.filter(pk=self.table.pk).update(kind=TableKind.CONCERTATION)
        self.table.refresh_from_db()
