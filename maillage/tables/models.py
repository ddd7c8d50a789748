from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.core.i18n import BilingualName


class TableKind(models.TextChoices):
    SITUATION = "situation", _("Situation table")
    DOMESTIC_VIOLENCE = "dv_cell", _("High-risk domestic violence cell")
    CONCERTATION = "concertation", _("Concertation table")


class Cadence(models.TextChoices):
    TWICE_WEEKLY = "twice_weekly", _("Twice a week")
    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")
    QUARTERLY = "quarterly", _("Every three months")
    AS_NEEDED = "as_needed", _("As needed")


class Role(models.TextChoices):
    CHAIR = "chair", _("Chair")
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class TableQuerySet(models.QuerySet):
    def active(self) -> "TableQuerySet":
        return self.filter(is_active=True)

    def of_user(self, user) -> "TableQuerySet":
        """Tables where this person holds a seat that is in force."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(pk__in=Seat.objects.in_force().filter(user=user).values("table_id"))


class Table(BilingualName, models.Model):
    """A table where agencies meet: situation table, domestic violence cell or concertation."""

    kind = models.CharField(_("kind"), max_length=20, choices=TableKind.choices)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    territory = models.ForeignKey(
        "organizations.Territory",
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="tables",
    )
    cadence = models.CharField(
        _("meeting cadence"), max_length=20, choices=Cadence.choices, default=Cadence.WEEKLY
    )
    terms_of_reference = models.TextField(_("terms of reference"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    publishes_figures = models.BooleanField(
        _("publish suppressed figures"),
        default=False,
        help_text=_(
            "The table's suppressed figures are then included in the dashboards, reports and "
            "exports of every signed-in person, e.g. regional decision makers. The table's own "
            "records and its unsuppressed counts are never published."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    organizations = models.ManyToManyField(
        "organizations.Organization",
        through="TableOrganization",
        verbose_name=_("member organisations"),
        related_name="tables",
    )

    objects = TableQuerySet.as_manager()

    class Meta:
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        ordering = ["name_fr"]

    def __str__(self) -> str:
        return self.name


class TableOrganization(models.Model):
    """An organisation sitting at a table, with its designated representative and substitute."""

    table = models.ForeignKey(Table, on_delete=models.CASCADE, related_name="member_organizations")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="table_seats",
    )
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("representative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    substitute = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("substitute"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    joined_on = models.DateField(_("joined on"), auto_now_add=True)

    class Meta:
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        constraints = [
            models.UniqueConstraint(fields=["table", "organization"], name="table_org_unique"),
            models.CheckConstraint(
                condition=~models.Q(representative=models.F("substitute")),
                name="table_org_substitute_differs",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organization)

    def clean(self) -> None:
        for field in ("representative", "substitute"):
            person = getattr(self, field)
            if (
                person is not None
                and not person.memberships.filter(
                    organization_id=self.organization_id, is_active=True
                ).exists()
            ):
                raise ValidationError(
                    {field: _("This person does not work for this organisation.")}
                )
        if self.representative_id and self.representative_id == self.substitute_id:
            raise ValidationError(
                {"substitute": _("The substitute must be someone other than the representative.")}
            )


class SeatQuerySet(models.QuerySet):
    def in_force(self) -> "SeatQuerySet":
        """Seats that give rights: the person still works for the organisation, which is active.

        A seat is held on behalf of an organisation: when the person leaves it, or the
        organisation is deactivated, the seat keeps its history but opens nothing.
        """
        return self.filter(
            organization__is_active=True,
            organization__memberships__user=models.F("user"),
            organization__memberships__is_active=True,
        )


class Seat(models.Model):
    """A person's role at a table, on behalf of one of its member organisations."""

    table = models.ForeignKey(Table, on_delete=models.CASCADE, related_name="seats")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="seats",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)

    objects = SeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["role", "user__last_name"]
        constraints = [models.UniqueConstraint(fields=["table", "user"], name="seat_unique")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"
