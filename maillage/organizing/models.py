"""Community organising: a team's support to organisations, always in answer to their request.

A health and social services centre's organising team works on four axes; support to
organisations is one of them and always starts with the organisation's own request. The
request is triaged, accompanied by an organiser with activities of varying intensity, and closed
with what changed and the organisation's satisfaction. Nothing here is about a person: requests
name an organisation and a contact at it.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.i18n import BilingualName

from .lists import OfferedItem


class Axis(models.TextChoices):
    COMMUNITIES = "communities", _("Development of local communities")
    ORGANIZATIONS = "organizations", _("Support to organisations")
    PUBLIC_HEALTH = "public_health", _("Public health and social determinants of health")
    LINKING = "linking", _("Linking clinical teams, partners and citizens")


class TeamRole(models.TextChoices):
    ORGANISER = "organiser", _("Community organiser")
    MANAGER = "manager", _("Manager")


class OrganizingTeam(BilingualName, models.Model):
    """The community organising team of a CISSS/CIUSSS, serving some territories."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="organizing_teams",
    )
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    territories = models.ManyToManyField(
        "organizations.Territory", verbose_name=_("territories served"), blank=True
    )
    email = models.EmailField(_("team e-mail"), blank=True)

    class Meta:
        verbose_name = _("organising team")
        verbose_name_plural = _("organising teams")
        ordering = ["name_fr"]

    def __str__(self) -> str:
        return f"organising team {self.pk}"


class TeamMember(models.Model):
    team = models.ForeignKey(OrganizingTeam, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organizing_seats"
    )
    role = models.CharField(_("role"), max_length=12, choices=TeamRole.choices)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="team_member_once")]

    def __str__(self) -> str:
        return f"team member {self.pk}"


class SupportKind(OfferedItem):
    """What an organisation asks for (board governance, strategic planning, …): editable list."""

    class Meta(OfferedItem.Meta):
        verbose_name = _("kind of support")
        verbose_name_plural = _("kinds of support")


class Intensity(OfferedItem):
    """How much accompaniment a request takes (one-off, short term, long term): editable list."""

    class Meta(OfferedItem.Meta):
        verbose_name = _("intensity")
        verbose_name_plural = _("intensities")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received, to triage")
    ACCEPTED = "accepted", _("Accepted")
    REDIRECTED = "redirected", _("Redirected elsewhere")
    DECLINED = "declined", _("Declined")
    CLOSED = "closed", _("Closed")


class Source(models.TextChoices):
    PUBLIC_FORM = "public", _("Public request form")
    IN_APP = "in_app", _("Filed in Maillage")


class Outcome(models.TextChoices):
    MET = "met", _("Objectives fully met")
    PARTLY = "partly", _("Objectives partly met")
    NOT_MET = "not_met", _("Objectives not met")


class SupportRequestQuerySet(models.QuerySet):
    def of_team(self, team) -> "SupportRequestQuerySet":
        return self.filter(team=team)

    def open(self) -> "SupportRequestQuerySet":
        return self.filter(status__in=[RequestStatus.RECEIVED, RequestStatus.ACCEPTED])

    def for_lists(self) -> "SupportRequestQuerySet":
        return self.select_related("organization", "kind", "intensity", "organiser")


class SupportRequest(models.Model):
    """One organisation's request for support, from intake to its outcome."""

    team = models.ForeignKey(
        OrganizingTeam, verbose_name=_("team"), on_delete=models.PROTECT, related_name="requests"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("requesting organisation"),
        on_delete=models.PROTECT,
        related_name="support_requests",
    )
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    language = models.CharField(
        _("language for messages"), max_length=5, choices=settings.LANGUAGES, default="fr-ca"
    )
    need = models.TextField(_("the need, in the organisation's words"), max_length=4000)
    kind = models.ForeignKey(
        SupportKind, verbose_name=_("kind of support"), on_delete=models.PROTECT
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    triaged_at = models.DateTimeField(_("triaged"), null=True, blank=True)
    triage_reason = models.TextField(_("reason"), blank=True, max_length=2000)
    redirected_to = models.CharField(_("redirected to"), max_length=200, blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_requests",
    )
    axis = models.CharField(_("axis"), max_length=20, choices=Axis.choices, blank=True)
    intensity = models.ForeignKey(
        Intensity, verbose_name=_("intensity"), null=True, blank=True, on_delete=models.PROTECT
    )

    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    what_changed = models.TextField(_("what changed"), blank=True, max_length=4000)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["team", "status"], name="support_request_team_status")]

    def __str__(self) -> str:
        return f"support request {self.pk}"

    @property
    def reference(self) -> str:
        return f"D-{self.pk:05d}"

    # --- When each step is allowed: the access rules and the verbs below both ask these. ---
    @property
    def awaits_triage(self) -> bool:
        return self.status == RequestStatus.RECEIVED

    @property
    def is_accompanied(self) -> bool:
        return self.status == RequestStatus.ACCEPTED

    @property
    def is_closed(self) -> bool:
        return self.status == RequestStatus.CLOSED

    def hours(self) -> float:
        minutes = self.activities.aggregate(total=models.Sum("minutes"))["total"] or 0
        return round(minutes / 60, 1)

    # --- Verbs -----------------------------------------------------------------------------
    def triage(self, *, decision: str, reason: str, redirected_to: str = "") -> None:
        if not self.awaits_triage:
            raise ValidationError(_("This request was already triaged."))
        if decision not in (
            RequestStatus.ACCEPTED,
            RequestStatus.REDIRECTED,
            RequestStatus.DECLINED,
        ):
            raise ValidationError(_("Choose accept, redirect or decline."))
        if decision != RequestStatus.ACCEPTED and not reason.strip():
            raise ValidationError(_("Say why the request is redirected or declined."))
        if decision == RequestStatus.REDIRECTED and not redirected_to.strip():
            raise ValidationError(_("Say where the organisation is redirected."))
        self.status = decision
        self.triage_reason = reason
        self.redirected_to = redirected_to if decision == RequestStatus.REDIRECTED else ""
        self.triaged_at = timezone.now()

    def close(self, *, outcome: str, what_changed: str) -> None:
        if not self.is_accompanied:
            raise ValidationError(_("Only a request being accompanied can be closed."))
        if outcome not in Outcome.values:
            raise ValidationError(_("Say whether the objectives were met."))
        self.status = RequestStatus.CLOSED
        self.outcome = outcome
        self.what_changed = what_changed
        self.closed_at = timezone.now()


class ActivityKind(models.TextChoices):
    MEETING = "meeting", _("Meeting with the organisation")
    ACCOMPANIMENT = "accompaniment", _("Accompaniment of a board or committee")
    TRAINING = "training", _("Training or workshop")
    PHONE = "phone", _("Telephone or e-mail follow-up")
    DOCUMENT = "document", _("Work on a document")
    OTHER = "other", _("Other")


MAX_ACTIVITY_MINUTES = 24 * 60


class Activity(models.Model):
    """One piece of accompaniment: what was done, when, for how long, with how many people."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="activities")
    on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=15, choices=ActivityKind.choices)
    minutes = models.PositiveIntegerField(
        _("duration (minutes)"),
        validators=[MinValueValidator(5), MaxValueValidator(MAX_ACTIVITY_MINUTES)],
    )
    participants = models.PositiveIntegerField(
        _("participants"), default=1, validators=[MaxValueValidator(10_000)]
    )
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["organiser", "on"], name="activity_organiser_on")]

    def __str__(self) -> str:
        return f"activity {self.pk}"


SATISFACTION_LINK_DAYS = 60


class Satisfaction(models.Model):
    """The organisation's answers to the short questionnaire sent when its request closed."""

    request = models.OneToOneField(
        SupportRequest, on_delete=models.CASCADE, related_name="satisfaction"
    )
    answered_at = models.DateTimeField(default=timezone.now)
    usefulness = models.PositiveSmallIntegerField(
        _("The support was useful to our organisation"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    listening = models.PositiveSmallIntegerField(
        _("Our needs and pace were respected"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    autonomy = models.PositiveSmallIntegerField(
        _("We can now carry on by ourselves"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("satisfaction answer")
        verbose_name_plural = _("satisfaction answers")

    def __str__(self) -> str:
        return f"satisfaction {self.pk}"

    @staticmethod
    def link_lifetime() -> timedelta:
        return timedelta(days=SATISFACTION_LINK_DAYS)


# Community development projects live in their own module; Django finds their models here.
from .projects import (  # noqa: E402, F401
    Determinant,
    Funding,
    GuidingQuestion,
    Indicator,
    IndicatorValue,
    LogicRow,
    Project,
    ProjectPartner,
    StageAnswer,
    StageChange,
)
