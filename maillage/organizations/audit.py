"""Audit actions of organisations: the people who work for them."""

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import actions

CATEGORY = actions.category("organizations", _("Organisations"))

MEMBERSHIP_END = actions.declare(
    "organizations.membership.end", _("Membership of an agency ended"), category=CATEGORY
)
