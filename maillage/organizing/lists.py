"""Editable reference lists of community organising (kinds of support, intensities, …)."""

from django.db import models


class OfferedQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)
