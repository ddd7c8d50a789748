from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.core.i18n import BilingualName


class Sector(BilingualName, models.Model):
    """Reference list of the sectors agencies come from (police, health, housing, …)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class TerritoryKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    REGION = "region", _("Region")
    MRC = "mrc", _("Regional county municipality (MRC)")
    MUNICIPALITY = "municipality", _("Municipality")
    HEALTH = "health", _("Health and social services territory (CISSS/CIUSSS)")
    SCHOOL_BOARD = "school_board", _("School board")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    VILLAGE = "village", _("Village")
    OTHER = "other", _("Other")


class Territory(models.Model):
    """A named area. Areas of different kinds overlap freely; ``parent`` is the usual nesting."""

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=TerritoryKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "kind", "parent"], name="territory_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    def clean(self) -> None:
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A territory cannot be part of itself.")})
            ancestor = ancestor.parent


class ServiceLanguage(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    INDIGENOUS = "indigenous", _("Indigenous languages")
    OTHER = "other", _("Other languages")


class OrganizationQuerySet(models.QuerySet):
    def active(self) -> "OrganizationQuerySet":
        return self.filter(is_active=True)

    def of_user(self, user) -> "OrganizationQuerySet":
        return self.filter(memberships__user=user, memberships__is_active=True).distinct()


class Organization(BilingualName, models.Model):
    """An agency that sits at tables: police, hospital, school board, shelter, …"""

    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), on_delete=models.PROTECT)
    territories = models.ManyToManyField(
        Territory, verbose_name=_("territories served"), blank=True, related_name="organizations"
    )
    languages = models.JSONField(_("languages served"), default=list, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_fr"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unknown = set(self.languages or []) - set(ServiceLanguage.values)
        if unknown:
            raise ValidationError({"languages": _("Unknown language code.")})

    def get_languages_display(self) -> list[str]:
        labels = dict(ServiceLanguage.choices)
        return [str(labels[code]) for code in self.languages if code in labels]


class Membership(models.Model):
    """A person working for an organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organization}"
