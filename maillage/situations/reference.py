"""Bilingual reference lists used to describe situations, versioned and adaptable per table.

Items are never deleted: a retired item (``retired_at`` set) is no longer offered, but past
situations keep pointing at it. An item with ``table`` empty belongs to the default list shipped
with Maillage; a table may hide a default item (``HiddenItem``) or add its own (``table`` set).
``introduced_in`` names the version of the reference set an item first appeared in.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from maillage.core.i18n import BilingualName

DEFAULT_VERSION = "2026.1"


class ReferenceQuerySet[Item: "ReferenceItem"](models.QuerySet[Item]):
    def current(self) -> "ReferenceQuerySet[Item]":
        return self.filter(retired_at__isnull=True)

    def for_table(self, table) -> "ReferenceQuerySet[Item]":
        """Items a table offers today: current defaults it did not hide, plus its own."""
        hidden = HiddenItem.objects.filter(table=table, list_name=self.model.list_name()).values(
            "item_id"
        )
        return (
            self.current()
            .filter(Q(table__isnull=True) | Q(table=table))
            .exclude(Q(table__isnull=True) & Q(pk__in=hidden))
        )


class ReferenceItem(BilingualName, models.Model):
    code = models.SlugField(_("code"), max_length=60)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    table = models.ForeignKey(
        "tables.Table",
        verbose_name=_("table"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for the default list shared by every table."),
    )
    introduced_in = models.CharField(_("introduced in"), max_length=20, default=DEFAULT_VERSION)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    objects = ReferenceQuerySet.as_manager()

    # Shown above the list on the settings page, when the list needs a word of its own.
    list_help: "str | Promise" = ""

    class Meta:
        abstract = True
        ordering = ["position", "name_fr"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def list_name(cls) -> str:
        return cls.__name__.lower()  # what Django takes as ``_meta.model_name``

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    def retire(self) -> None:
        if self.retired_at is None:
            self.retired_at = timezone.now()
            self.save(update_fields=["retired_at"])


def _unique_code(name: str):
    return [
        models.UniqueConstraint(
            fields=["code"], condition=Q(table__isnull=True), name=f"{name}_default_code"
        ),
        models.UniqueConstraint(fields=["table", "code"], name=f"{name}_table_code"),
    ]


class RiskCategory(ReferenceItem):
    """A category of the Risk-driven Tracking Database, e.g. "Mental health"."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("risk factor category")
        verbose_name_plural = _("risk factor categories")
        constraints = _unique_code("riskcategory")


class RiskFactor(ReferenceItem):
    """A specific factor, always shown as "Category – specific factor"."""

    category = models.ForeignKey(
        RiskCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="factors",
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("risk factor")
        verbose_name_plural = _("risk factors")
        ordering = ["category__position", "position", "name_fr"]
        constraints = _unique_code("riskfactor")

    def __str__(self) -> str:
        return f"{self.category.name} – {self.name}"


class ProtectiveFactor(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("protective factor")
        verbose_name_plural = _("protective factors")
        constraints = _unique_code("protectivefactor")


class StudyFlag(ReferenceItem):
    """Marks a discussion for a study or a theme followed over time (e.g. opioids)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("study flag")
        verbose_name_plural = _("study flags")
        constraints = _unique_code("studyflag")


class AgeGroup(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("age group")
        verbose_name_plural = _("age groups")
        constraints = _unique_code("agegroup")


class Gender(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("gender")
        verbose_name_plural = _("genders")
        constraints = _unique_code("gender")


class ConclusionCategory(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("conclusion category")
        verbose_name_plural = _("conclusion categories")
        constraints = _unique_code("conclusioncategory")


class Service(ReferenceItem):
    """A kind of service mobilised for a situation (e.g. mental health, housing)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("service mobilised")
        verbose_name_plural = _("services mobilised")
        constraints = _unique_code("service")


REFERENCE_MODELS: dict[str, type[ReferenceItem]] = {
    model.list_name(): model
    for model in (
        RiskCategory,
        RiskFactor,
        ProtectiveFactor,
        StudyFlag,
        AgeGroup,
        Gender,
        ConclusionCategory,
        Service,
    )
}


def register_list(model: type[ReferenceItem]) -> None:
    """Let tables adapt a list defined by another app, from that app's ``ready()``.

    Other apps depend on this one, never the reverse, so they add their lists here themselves.
    """
    REFERENCE_MODELS[model.list_name()] = model


class HiddenItem(models.Model):
    """A default reference item a table chose not to offer any more."""

    table = models.ForeignKey(
        "tables.Table", on_delete=models.CASCADE, related_name="hidden_reference_items"
    )
    list_name = models.CharField(max_length=40)
    item_id = models.BigIntegerField()
    hidden_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hidden reference item")
        verbose_name_plural = _("hidden reference items")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "list_name", "item_id"], name="hiddenitem_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.list_name} {self.item_id}"
