"""Meetings of a table: the agenda, attendance, and what was decided or agreed there.

One agenda serves every kind of table: an item is a *situation* (situation tables and domestic
violence cells) or a *topic* (concertation tables and partnership networks, and any table that
wants one). Topics produce action items, followed up at later meetings.
"""

from datetime import date, timedelta
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from maillage.core.i18n import Names


class MeetingKind(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled meeting")
    EMERGENCY = "emergency", _("Emergency meeting")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Agenda in preparation")
    PUBLISHED = "published", _("Agenda published")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Held")


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None) -> "MeetingQuerySet":
        return self.exclude(status=MeetingStatus.CLOSED).filter(
            starts_at__gte=(now or timezone.now()) - timedelta(hours=12)
        )

    def of_table(self, table) -> "MeetingQuerySet":
        return self.filter(table=table)


class Meeting(models.Model):
    """One sitting of a table. ``version`` changes with anything shown in meeting mode, so the
    screens that follow the meeting can ask "anything new since version N?" cheaply."""

    table = models.ForeignKey(
        "tables.Table", verbose_name=_("table"), on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.SCHEDULED
    )
    starts_at = models.DateTimeField(_("date and time"))
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    agenda_published_at = models.DateTimeField(_("agenda published"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    minutes_notes = models.TextField(
        _("general notes"),
        blank=True,
        help_text=_("Shown in the minutes as written, never translated. No identifiers."),
    )
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["table", "starts_at"], name="meeting_table_start")]

    def __str__(self) -> str:
        return timezone.localtime(self.starts_at).strftime("%Y-%m-%d %H:%M")

    def touch(self) -> None:
        """Something shown in meeting mode changed: followers will fetch the new state."""
        Meeting.objects.filter(pk=self.pk).update(version=F("version") + 1)
        self.refresh_from_db(fields=["version"])

    # The meeting's states, asked by the services (which refuse a verb at the wrong time) and
    # by the access rules (``meetings/access.py``, which decide what a page offers).
    @property
    def agenda_editable(self) -> bool:
        return self.status != MeetingStatus.CLOSED

    @property
    def agenda_publishable(self) -> bool:
        return self.status == MeetingStatus.PLANNED

    @property
    def startable(self) -> bool:
        return self.status in (MeetingStatus.PLANNED, MeetingStatus.PUBLISHED)

    @property
    def in_progress(self) -> bool:
        return self.status == MeetingStatus.IN_PROGRESS

    @property
    def held(self) -> bool:
        return self.status == MeetingStatus.CLOSED

    @property
    def minutes_publishable(self) -> bool:
        return self.held and self.minutes_published_at is None

    @property
    def minutes_published(self) -> bool:
        return self.held and self.minutes_published_at is not None

    @property
    def local_date(self) -> date:
        return timezone.localtime(self.starts_at).date()

    def agenda_for(self, user) -> list["AgendaItem"]:
        """The listed items this person may see, in the agenda's order, with what the pages
        show of each (their situation's facts and risk categories, the topic's action items)."""
        found = self.items.listed().visible_to(user, self.table).for_pages()
        items = list(found.order_by("position", "pk"))
        for item in items:
            item.meeting = self
            if item.situation is not None:
                item.situation.table = self.table  # for the reference, read once with the table
        with_categories(items)
        topics = [item for item in items if item.is_topic]
        actions = ActionItem.objects.select_related("owner_organization").only(*ACTION_FIELDS)
        models.prefetch_related_objects(topics, models.Prefetch("actions", queryset=actions))
        return items

    def agenda_with_decisions(self, user) -> list["AgendaItem"]:
        """``agenda_for``, each situation's item with ``decisions`` taken about it here."""
        items = self.agenda_for(user)
        situations = any(not item.is_topic for item in items)
        decisions = self.decisions_by_situation() if situations else {}
        for item in items:
            item.decisions = decisions.get(item.situation_id, [])
        return items

    def decisions_by_situation(self) -> dict[int | None, list["Decision"]]:
        """situation id → the decisions taken about it at this meeting, in order."""
        from maillage.organizations.models import Organization

        found: dict[int | None, list[Decision]] = {}
        if self.started_at is None:
            return found  # decisions are taken in meeting mode only
        decisions = self.decisions.select_related(
            "lead_organization", "task__owner_organization"
        ).prefetch_related(
            models.Prefetch(
                "assisting_organizations", queryset=Organization.objects.order_by("name_fr")
            )
        )
        for decision in decisions:
            found.setdefault(decision.situation_id, []).append(decision)
        return found


class ItemKind(models.TextChoices):
    SITUATION = "situation", _("Situation")
    TOPIC = "topic", _("Topic")


class AgendaReason(models.TextChoices):
    OVERDUE = "overdue", _("Overdue: no first contact in time")
    NEW = "new", _("New situation")
    AGENCIES = "agencies", _("Agencies to name")
    RETURNING = "returning", _("Follow-up")
    ADDED = "added", _("Added by the coordinator")


REASON_ORDER: list[str] = [AgendaReason.OVERDUE, AgendaReason.NEW, AgendaReason.AGENCIES]
REASON_ORDER += [AgendaReason.RETURNING, AgendaReason.ADDED]


class AgendaItemQuerySet(models.QuerySet):
    def listed(self) -> "AgendaItemQuerySet":
        return self.filter(removed_at__isnull=True)

    def situations(self) -> "AgendaItemQuerySet":
        return self.filter(kind=ItemKind.SITUATION)

    def visible_to(self, user, table) -> "AgendaItemQuerySet":
        """Topics, and the situations this person may see at ``table`` (the situations' own
        visibility rule: observers do not see a discussion still awaiting the decision); nothing
        to a person who may not follow the table's meetings."""
        from maillage.core.access import rules
        from maillage.situations.access import situation_visibility

        if not rules.permits(user, "meeting.view", table):
            return self.none()
        seen = _through("situation", situation_visibility(user, table))
        return self.filter(models.Q(kind=ItemKind.TOPIC) | seen)

    def for_pages(self) -> "AgendaItemQuerySet":
        """With the columns the agenda, meeting mode and the minutes show of each item and its
        situation: a meeting's pages are drawn on every follower's screen, and building forty
        whole situations costs more than the database's work."""
        return self.select_related(
            "situation__age_group", "situation__gender", "presenter_organization"
        ).only(*PAGE_FIELDS)


PAGE_FIELDS = (
    "meeting",
    "kind",
    "position",
    "reason",
    "notes",
    "title",
    "documents",
    "minutes_allotted",
    "summary",
    "presenter_organization__name_fr",
    "presenter_organization__name_en",
    "situation__table",
    "situation__number",
    "situation__status",
    "situation__version",
    "situation__discussion_type",
    "situation__originating_organization",
    "situation__lead_organization",
    "situation__recommendation",
    "situation__age_group__name_fr",
    "situation__age_group__name_en",
    "situation__gender__name_fr",
    "situation__gender__name_en",
)


def with_categories(items: list["AgendaItem"]) -> None:
    """Set ``categories`` on each item: its situation's risk categories, in the list's order,
    read for the whole agenda in one query of names."""
    from maillage.situations.models import Situation

    ids = [item.situation_id for item in items if item.situation_id]
    found: dict[int, list[Names]] = {}
    if ids:
        rows = (
            Situation.risk_categories.through.objects.filter(situation_id__in=ids)
            .order_by("riskcategory__position", "riskcategory__name_fr")
            .values_list("situation_id", "riskcategory__name_fr", "riskcategory__name_en")
        )
        for situation_id, name_fr, name_en in rows:
            found.setdefault(situation_id, []).append(Names(name_fr, name_en))
    for item in items:
        item.categories = found.get(item.situation_id or 0, [])


def _through(relation: str, condition: models.Q) -> models.Q:
    """``condition`` on a related model, asked through ``relation``: the situations' own rule,
    applied to the agenda's rows in the same query (a join, not a scan of the table's history)."""
    found = models.Q()
    found.connector, found.negated = condition.connector, condition.negated
    for child in condition.children:
        if isinstance(child, models.Q):
            found.children.append(_through(relation, child))
        else:
            lookup, value = cast(tuple[str, Any], child)
            found.children.append((f"{relation}__{lookup}", value))
    return found


def validate_links(value) -> None:
    """Documents are links (web addresses): the table's files stay where its members keep them."""
    check = URLValidator(schemes=["http", "https"])
    if not isinstance(value, list):
        raise ValidationError(_("Give the documents as a list of web addresses."))
    for link in value:
        try:
            check(link)
        except ValidationError:
            raise ValidationError(
                _("%(link)s is not a web address (it must start with https://)."),
                params={"link": link},
                code="invalid_link",
            ) from None


class AgendaItem(models.Model):
    """One point of a meeting's agenda: a situation, or a topic.

    A topic's fields live on the item rather than in a model of their own: a topic is one point
    of one meeting (its title, presenter, documents, time and the summary written there), and
    what carries over to later meetings is its action items, not the topic. One row per line of
    the agenda keeps ordering, removal and the pages' reads the same for both kinds.

    Removed items stay (flagged) so that refreshing the agenda does not bring back what the
    coordinator took off.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(
        _("kind"), max_length=20, choices=ItemKind.choices, default=ItemKind.SITUATION
    )
    situation = models.ForeignKey(
        "situations.Situation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="agenda_items",
    )
    position = models.PositiveIntegerField(default=0)
    reason = models.CharField(_("reason"), max_length=20, choices=AgendaReason.choices, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(
        _("discussion notes"),
        blank=True,
        help_text=_("Next steps and follow-up, as written; no identifiers."),
    )
    # A topic's fields.
    title = models.CharField(_("title"), max_length=200, blank=True)
    presenter_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("presented by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    documents = models.JSONField(
        _("documents"), default=list, blank=True, validators=[validate_links]
    )
    minutes_allotted = models.PositiveSmallIntegerField(
        _("minutes allotted"), null=True, blank=True
    )
    summary = models.TextField(
        _("decision or summary"),
        blank=True,
        help_text=_("Shown in the minutes as written, never translated. No identifiers."),
    )

    objects = AgendaItemQuerySet.as_manager()
    # Set by ``Meeting.agenda_for`` and ``agenda_with_decisions`` for the pages.
    categories: list[Names]
    decisions: list["Decision"]
    summary_html: str  # set by ``views.with_summaries``
    buttons: dict[str, str]  # set by ``views.with_buttons``

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "situation"], name="agenda_item_once"),
            models.CheckConstraint(
                condition=(
                    models.Q(kind=ItemKind.SITUATION, situation__isnull=False)
                    | (models.Q(kind=ItemKind.TOPIC, situation__isnull=True) & ~models.Q(title=""))
                ),
                name="agenda_item_situation_or_topic",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} #{self.position}"

    @property
    def is_topic(self) -> bool:
        return self.kind == ItemKind.TOPIC

    # The labels the pages show of the item's situation, looked up by value: ``get_*_display``
    # rebuilds the field's choices on every call, forty rows times three.
    @property
    def reason_label(self) -> str:
        return str(AgendaReason(self.reason).label) if self.reason else ""

    @property
    def status_label(self) -> str:
        from maillage.situations.models import Status

        return str(Status(self.situation.status).label) if self.situation else ""

    @property
    def discussion_label(self) -> str:
        from maillage.situations.models import DiscussionType

        situation = self.situation
        return str(DiscussionType(situation.discussion_type).label) if situation else ""

    @property
    def summary_key(self) -> tuple:
        """What the item's summary shows: items with the same key share one drawing."""
        situation = self.situation
        if situation is None:
            return ("topic", self.pk)
        facts = (situation.discussion_type, situation.age_group_id, situation.gender_id)
        return (self.reason, situation.status, *facts, tuple(self.categories))

    @cached_property
    def label(self) -> str:
        """What names the item on the pages: the topic's title or the situation's reference."""
        if self.situation is None:
            return self.title
        return self.situation.reference


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    SUBSTITUTE = "substitute", _("Substitute present")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    """Whether each member agency was at the meeting (by agency: the minutes name no one)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("attendance"), max_length=20, choices=AttendanceStatus.choices, blank=True
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["organization__name_fr"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "organization"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}: {self.status}"


class DecisionKind(models.TextChoices):
    AER = "aer", _("Decision on acutely elevated risk")
    AGENCIES = "agencies", _("Agencies named")
    TASK = "task", _("Next step")


class Decision(models.Model):
    """What the table decided about one situation at this meeting, as it was decided.

    The situation itself holds the current state; this row says at which meeting it happened,
    for the minutes and for statistics.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    situation = models.ForeignKey(
        "situations.Situation", on_delete=models.CASCADE, related_name="meeting_decisions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)
    aer_met = models.BooleanField(null=True, blank=True)
    decision_method = models.CharField(max_length=20, blank=True)
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    lead_organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assisting_organizations = models.ManyToManyField(
        "organizations.Organization", blank=True, related_name="+"
    )
    task = models.ForeignKey(
        "situations.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.situation_id} @ {self.meeting_id}"

    @property
    def on_risk(self) -> bool:
        return self.kind == DecisionKind.AER

    @property
    def names_agencies(self) -> bool:
        return self.kind == DecisionKind.AGENCIES

    @property
    def adds_task(self) -> bool:
        return self.kind == DecisionKind.TASK

    @property
    def by_vote(self) -> bool:
        from maillage.situations.models import DecisionMethod

        return self.decision_method == DecisionMethod.VOTE


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ActionItemQuerySet(models.QuerySet):
    def of_table(self, table) -> "ActionItemQuerySet":
        return self.filter(item__meeting__table=table)

    def open(self) -> "ActionItemQuerySet":
        return self.filter(status=ActionStatus.OPEN)

    def to_follow_up(self, meeting: Meeting) -> "ActionItemQuerySet":
        """Open items agreed at the table's earlier meetings, and those followed up at this one:
        what meeting mode lists under the follow-up."""
        earlier = self.of_table(meeting.table).filter(
            item__meeting__starts_at__lt=meeting.starts_at
        )
        return earlier.filter(models.Q(status=ActionStatus.OPEN) | models.Q(followed_up_at=meeting))

    def for_lists(self) -> "ActionItemQuerySet":
        """With the item's topic and meeting, and only the columns the lists show."""
        fields = (*ACTION_FIELDS, "item__title", "item__meeting__table", "item__meeting__starts_at")
        found = self.select_related("owner_organization", "item__meeting").only(*fields)
        return found.order_by("due_on", "pk")


ACTION_FIELDS = (
    "item",
    "what",
    "due_on",
    "status",
    "followed_up_at",
    "owner_organization__name_fr",
    "owner_organization__name_en",
)


class ActionItem(models.Model):
    """Something a topic's discussion left to do: what, by which organisation, by when.

    Agreed in meeting mode; followed up at the table's later meetings (done or dropped there)
    and listed on the table's page while open.
    """

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(_("action"), max_length=300)
    owner_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation responsible"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    followed_up_at = models.ForeignKey(
        Meeting,
        verbose_name=_("followed up at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followed_up_actions",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.what[:40]}"

    @property
    def is_open(self) -> bool:
        return self.status == ActionStatus.OPEN

    @property
    def status_label(self) -> str:
        return str(ActionStatus(self.status).label)

    def is_late(self, today: date | None = None) -> bool:
        return self.is_open and self.due_on < (today or timezone.localdate())
