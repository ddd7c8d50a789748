from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FIVE_YEARS = 5 * 365 + 1  # days; Law 25 keeps the incident register at least five years


class DataClass(models.TextChoices):
    VAULT = "vault", _("Identity vault")
    SITUATIONS = "situations", _("De-identified situations")
    MINUTES = "minutes", _("Minutes")
    AUDIT = "audit", _("Audit trail")
    ACCOUNTS = "accounts", _("Deactivated accounts")
    INCIDENTS = "incidents", _("Confidentiality incident register")


# (default, minimum) retention in days, counted from the event named in each class's help text.
RETENTION_DAYS: dict[str, tuple[int, int]] = {
    # The identity vault: VAULT_RETENTION_DAYS (30) after conclusion until the privacy officer
    # sets a period; from then on the saved rule alone decides (docs/vault.md).
    DataClass.VAULT: (settings.VAULT_RETENTION_DAYS, 1),
    DataClass.SITUATIONS: (FIVE_YEARS, 30),
    DataClass.MINUTES: (FIVE_YEARS, 30),
    DataClass.AUDIT: (7 * 365 + 2, FIVE_YEARS),
    DataClass.ACCOUNTS: (365, 30),
    DataClass.INCIDENTS: (FIVE_YEARS, FIVE_YEARS),
}


class RetentionRuleQuerySet(models.QuerySet["RetentionRule"]):
    def schedule(self) -> list["RetentionRule"]:
        """One rule per data class, saved ones first, defaults for the others (not saved)."""
        saved = {rule.data_class: rule for rule in self.all()}
        return [saved.get(code) or RetentionRule.default(code) for code in DataClass.values]

    def rule(self, data_class: str) -> "RetentionRule":
        """The rule in force for one class: the privacy officer's, else the default."""
        return self.filter(data_class=data_class).first() or RetentionRule.default(data_class)


class RetentionRule(models.Model):
    """How long one class of data is kept before ``maillage purge`` destroys or anonymises it."""

    data_class = models.CharField(
        _("data class"), max_length=20, choices=DataClass.choices, unique=True
    )
    keep_days = models.PositiveIntegerField(_("keep for (days)"))
    updated_at = models.DateTimeField(_("changed on"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RetentionRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")

    def __str__(self) -> str:
        return f"{self.get_data_class_display()}: {self.keep_days}"

    @classmethod
    def default(cls, data_class: str) -> "RetentionRule":
        """The rule before the privacy officer sets one (not saved)."""
        return cls(data_class=data_class, keep_days=RETENTION_DAYS[data_class][0])

    @property
    def minimum_days(self) -> int:
        return RETENTION_DAYS[self.data_class][1]

    def cutoff(self, now=None):
        """Items whose clock started before this moment are past their retention period."""
        return (now or timezone.now()) - timedelta(days=self.keep_days)


class Risk(models.TextChoices):
    SERIOUS = "serious", _("Risk of serious harm")
    NOT_SERIOUS = "not_serious", _("No risk of serious harm")
    UNDETERMINED = "undetermined", _("Assessment in progress")


class Regulator(models.TextChoices):
    """Who a serious incident is reported to, by the jurisdiction of the organisation."""

    CAI = "cai", _("Commission d'accès à l'information du Québec")
    IPC = "ipc", _("Information and Privacy Commissioner of Ontario")


# Province names as the territories spell them, lower case, for the regulator they answer to.
PROVINCE_REGULATORS = {"québec": Regulator.CAI, "quebec": Regulator.CAI, "ontario": Regulator.IPC}


def regulator_for(user) -> str:
    """The regulator of the province of the person's organisations (Québec's when unknown)."""
    from maillage.organizations.models import Territory, TerritoryKind

    territories = Territory.objects.filter(organizations__memberships__user=user)
    for territory in territories.select_related("parent__parent__parent"):
        place: Territory | None = territory
        while place is not None:
            if place.kind == TerritoryKind.PROVINCE:
                found = PROVINCE_REGULATORS.get(place.name.strip().lower())
                if found:
                    return found
            place = place.parent
    return Regulator.CAI


class IncidentQuerySet(models.QuerySet["Incident"]):
    def recorded_before(self, moment) -> "IncidentQuerySet":
        return self.filter(recorded_at__lt=moment)


class Incident(models.Model):
    """One confidentiality incident, as Québec's Law 25 (s. 3.8) asks the register to keep it."""

    occurred_on = models.DateField(_("date of the incident"))
    discovered_on = models.DateField(_("date it was discovered"))
    description = models.TextField(_("what happened"))
    information_concerned = models.TextField(_("information concerned"))
    people_affected = models.TextField(_("people affected"))
    people_affected_count = models.PositiveIntegerField(
        _("number of people affected"), null=True, blank=True
    )
    risk = models.CharField(_("risk assessment"), max_length=20, choices=Risk.choices)
    risk_reasons = models.TextField(
        _("reasons for the risk assessment"),
        help_text=_("Sensitivity of the information, likely consequences, likelihood of misuse."),
    )
    regulator = models.CharField(
        _("regulator"), max_length=3, choices=Regulator.choices, default=Regulator.CAI
    )
    regulator_notified_on = models.DateField(_("regulator notified on"), null=True, blank=True)
    people_notified_on = models.DateField(_("people notified on"), null=True, blank=True)
    measures_taken = models.TextField(_("measures taken"))
    recorded_at = models.DateTimeField(_("recorded on"), default=timezone.now, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("confidentiality incident")
        verbose_name_plural = _("confidentiality incidents")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return f"{_('Incident')} {self.pk} ({self.occurred_on:%Y-%m-%d})"

    @property
    def notifications_due(self) -> bool:
        """A serious risk must be reported to the regulator and to the people concerned."""
        return self.risk == Risk.SERIOUS and not (
            self.regulator_notified_on and self.people_notified_on
        )
