"""Structured risk instruments for domestic violence cells (e.g. a 24-item DASH-like checklist).

An instrument is reference data: versioned by retiring it and shipping a new one, so past
assessments keep their questions and scoring. Grounds for "high risk" are the score reaching the
threshold, the professional judgement of the person assessing, or escalation (repeat incidents
getting worse) — as in MARAC practice.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.core.i18n import BilingualName, pick


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Not known")


class RiskLevel(models.TextChoices):
    STANDARD = "standard", _("Below the threshold")
    HIGH = "high", _("High risk")


class RiskInstrument(BilingualName, models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    table = models.ForeignKey(
        "tables.Table",
        verbose_name=_("table"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for an instrument offered to every domestic violence cell."),
    )
    high_risk_threshold = models.PositiveSmallIntegerField(_("high risk from score"), default=14)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        verbose_name = _("risk instrument")
        verbose_name_plural = _("risk instruments")
        ordering = ["name_fr"]

    def __str__(self) -> str:
        return self.name

    def score(self, answers: dict[str, str]) -> int:
        """Sum of the weights of the questions answered "yes"."""
        return sum(q.weight for q in self.questions.all() if answers.get(str(q.pk)) == Answer.YES)


class InstrumentQuestion(models.Model):
    instrument = models.ForeignKey(
        RiskInstrument, on_delete=models.PROTECT, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text_fr = models.CharField(_("question (French)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "position"], name="instrument_question_position"
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return pick(self.text_fr, self.text_en)


class RiskAssessment(models.Model):
    """One filled-in instrument for a situation; the latest one is the current result."""

    situation = models.ForeignKey(
        "situations.Situation", on_delete=models.CASCADE, related_name="assessments"
    )
    instrument = models.ForeignKey(RiskInstrument, on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(_("answers"), default=dict)
    score = models.PositiveSmallIntegerField(_("score"))
    professional_judgement = models.BooleanField(_("high risk by professional judgement"))
    escalation = models.BooleanField(_("high risk by escalation"))
    level = models.CharField(_("result"), max_length=20, choices=RiskLevel.choices)
    assessed_at = models.DateTimeField(_("assessed"), auto_now_add=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        ordering = ["-assessed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.instrument} ({self.score})"

    @property
    def grounds(self) -> list[str]:
        found = []
        if self.score >= self.instrument.high_risk_threshold:
            found.append(str(_("score")))
        if self.professional_judgement:
            found.append(str(_("professional judgement")))
        if self.escalation:
            found.append(str(_("escalation")))
        return found
