"""Editable reference lists of community organising (kinds of support, intensities, …)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.core.i18n import BilingualName


class OfferedQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class OfferedItem(BilingualName, models.Model):
    """One entry of an editable bilingual list: retired entries stay for the records using them."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("offered"), default=True)

    objects = OfferedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "name_fr"]

    def __str__(self) -> str:
        return self.name
