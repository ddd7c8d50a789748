"""Figures written as the active language writes numbers: "1 234,5" in French."""

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def figure(value):
    """A count or measure with the language's digit grouping and decimal mark."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return formats.number_format(value, force_grouping=True)
