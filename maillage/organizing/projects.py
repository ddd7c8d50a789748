"""Community development projects: territories, determinants, partners, and four stages.

Seed 001 describes community development in four stages: initiation, initial mobilisation and
community analysis; planning; continuous implementation; evaluation of learning and results.
A project moves between them with dates kept, and answers each stage's guiding questions.
Going back a stage happens (a plan is revised) but is never silent: it needs a reason.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.i18n import pick

from .lists import OfferedItem


class Stage(models.IntegerChoices):
    INITIATION = 1, _("1. Initiation, initial mobilisation and community analysis")
    PLANNING = 2, _("2. Planning")
    IMPLEMENTATION = 3, _("3. Continuous implementation of the projects and the process")
    EVALUATION = 4, _("4. Evaluation of learning and results")


class Determinant(OfferedItem):
    """A social determinant of health a project acts on (income, housing, …): editable list."""

    class Meta(OfferedItem.Meta):
        verbose_name = _("social determinant of health")
        verbose_name_plural = _("social determinants of health")


class GuidingQuestion(models.Model):
    """A question a project answers at one stage (seed 001's "mise en situation"): editable."""

    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices)
    text_fr = models.CharField(_("question (French)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("asked"), default=True)

    class Meta:
        verbose_name = _("guiding question")
        verbose_name_plural = _("guiding questions")
        ordering = ["stage", "position"]

    def __str__(self) -> str:
        return f"guiding question {self.pk}"

    @property
    def text(self) -> str:
        return pick(self.text_fr, self.text_en)


class Project(models.Model):
    team = models.ForeignKey(
        "organizing.OrganizingTeam",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=4000, blank=True)
    populations = models.CharField(_("populations concerned"), max_length=300, blank=True)
    territories = models.ManyToManyField(
        "organizations.Territory", verbose_name=_("territories"), blank=True
    )
    determinants = models.ManyToManyField(
        Determinant, verbose_name=_("social determinants targeted"), blank=True
    )
    tables = models.ManyToManyField(
        "tables.Table", verbose_name=_("concertation tables"), blank=True, related_name="projects"
    )
    stage = models.PositiveSmallIntegerField(
        _("stage"), choices=Stage.choices, default=Stage.INITIATION
    )
    started_on = models.DateField(_("started on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("development project")
        verbose_name_plural = _("development projects")
        ordering = ["title"]

    def __str__(self) -> str:
        return f"project {self.pk}"

    def move_to(self, stage: int, *, reason: str = "") -> None:
        """Change stage; going back (or skipping ahead) needs a reason, kept with the change."""
        if stage not in Stage.values:
            raise ValidationError(_("Choose one of the four stages."))
        if stage == self.stage:
            raise ValidationError(_("The project is already at this stage."))
        if stage != self.stage + 1 and not reason.strip():
            raise ValidationError(
                _("Moving back a stage, or skipping one, needs a reason that the project keeps.")
            )
        self.stage = stage


class StageChange(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.PositiveSmallIntegerField(choices=Stage.choices, null=True)
    to_stage = models.PositiveSmallIntegerField(choices=Stage.choices)
    on = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True, max_length=2000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"stage change {self.pk}"


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")
    SUPPORT = "support", _("Support")


class ProjectPartner(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT
    )
    role = models.CharField(_("role"), max_length=10, choices=PartnerRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "organization"], name="project_partner_once")
        ]

    def __str__(self) -> str:
        return f"project partner {self.pk}"


class Funding(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="fundings")
    funder = models.CharField(_("funder"), max_length=200)
    program = models.CharField(_("program"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount ($)"), max_digits=12, decimal_places=2)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="funding_period"
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="funding_amount"),
        ]

    def __str__(self) -> str:
        return f"funding {self.pk}"


class StageAnswer(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(GuidingQuestion, on_delete=models.PROTECT)
    text = models.TextField(_("answer"), max_length=4000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "question"], name="stage_answer_once")
        ]

    def __str__(self) -> str:
        return f"stage answer {self.pk}"


class LogicLevel(models.TextChoices):
    RESOURCES = "resources", _("Resources")
    ACTIVITIES = "activities", _("Activities")
    OUTPUTS = "outputs", _("Outputs")
    SHORT = "short", _("Short-term outcomes")
    MEDIUM = "medium", _("Medium-term outcomes")
    LONG = "long", _("Long-term outcomes")


class LogicRow(models.Model):
    """One box of the project's logic model, at one level, in reading order."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="logic_rows")
    level = models.CharField(_("level"), max_length=12, choices=LogicLevel.choices)
    text = models.CharField(_("text"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"logic row {self.pk}"


class RbaGroup(models.TextChoices):
    """Results-Based Accountability: a population indicator, or one of three performance groups."""

    POPULATION = "population", _("Population indicator")
    HOW_MUCH = "how_much", _("How much did we do?")
    HOW_WELL = "how_well", _("How well did we do it?")
    BETTER_OFF = "better_off", _("Is anyone better off?")


class Polarity(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Indicator(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    group = models.CharField(_("kind"), max_length=12, choices=RbaGroup.choices)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("e.g. %, people, meals"))
    minimum = models.DecimalField(
        _("lowest possible value"), max_digits=14, decimal_places=2, default=0
    )
    maximum = models.DecimalField(
        _("highest possible value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    polarity = models.CharField(_("direction"), max_length=6, choices=Polarity.choices)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    baseline_on = models.DateField(_("baseline date"))
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_on = models.DateField(_("target date"))
    story = models.TextField(_("the story behind the curve"), blank=True, max_length=4000)

    class Meta:
        ordering = ["group", "name"]

    def __str__(self) -> str:
        return f"indicator {self.pk}"

    def check_value(self, value) -> None:
        """A value outside the unit's range is refused with the range in the message."""
        if value < self.minimum or (self.maximum is not None and value > self.maximum):
            high = self.maximum if self.maximum is not None else "∞"
            raise ValidationError(
                _("The value must be between %(low)s and %(high)s %(unit)s.")
                % {"low": self.minimum, "high": high, "unit": self.unit}
            )


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["on"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "on"], name="indicator_value_once")
        ]

    def __str__(self) -> str:
        return f"indicator value {self.pk}"
