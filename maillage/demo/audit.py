"""Audit actions of the demo: loading its content, and situations written in bulk."""

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import actions

CATEGORY = actions.category("demo", _("Demo data"))

SEEDED = actions.declare("demo.data.seed", _("Demonstration data loaded"), category=CATEGORY)
LOADED = actions.declare(
    "demo.situations.load", _("Demonstration situations loaded"), category=CATEGORY
)
