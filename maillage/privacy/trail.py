"""The audit trail as people read it: actions, people, organisations and reasons by name.

Entries keep references and codes only (``maillage.core.audit``); every name is looked up here,
when the trail is read, in the reader's language. A person whose account was anonymised is shown
by the neutral label their account now carries.
"""

from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from maillage.core.audit import Action, actions
from maillage.core.models import AuditEntry
from maillage.organizations.models import Membership


def with_names(entries):
    """The queryset with what the names need, in a fixed number of queries."""
    memberships = Membership.objects.select_related("organization")
    return entries.select_related("actor", "organization", "table").prefetch_related(
        Prefetch("actor__memberships", queryset=memberships)
    )


class ReadableEntry:
    """One entry with its references turned into names."""

    def __init__(self, entry: AuditEntry) -> None:
        self.entry = entry
        self.at, self.table = entry.at, entry.table
        self.ip_address, self.redacted = entry.ip_address, entry.redacted_at is not None
        self.action: Action | None = actions.get(entry.action)

    @property
    def action_label(self) -> Any:
        # An action no longer declared (its app removed since) is still shown, by its code.
        return self.action.label if self.action is not None else self.entry.action

    @property
    def actor_name(self) -> str:
        actor = self.entry.actor
        if actor is None:
            return _("Maillage (automatic)") if self.entry.actor_id is None else _("Unknown")
        return actor.get_full_name() or actor.get_username()

    @property
    def organization_name(self) -> str:
        if self.entry.organization is not None:
            return self.entry.organization.name
        actor = self.entry.actor
        if actor is None:
            return ""
        return ", ".join(sorted(m.organization.name for m in actor.memberships.all()))

    @property
    def object_label(self) -> str:
        entry = self.entry
        if not entry.object_type:
            return ""
        try:
            kind = apps.get_model(entry.object_type)._meta.verbose_name
        except (LookupError, ValueError):
            kind = entry.object_type
        reference = entry.label or f"#{entry.object_id}"
        return _("%(kind)s %(reference)s") % {"kind": capfirst(kind), "reference": reference}

    @property
    def field_names(self) -> list[str]:
        try:
            meta = apps.get_model(self.entry.object_type)._meta
        except (LookupError, ValueError):
            return list(self.entry.fields)
        names = []
        for name in self.entry.fields:
            try:
                names.append(str(meta.get_field(name).verbose_name))
            except FieldDoesNotExist:
                names.append(name)
        return names

    @property
    def reason(self) -> Any:
        value = self.entry.data.get("reason")
        if value is None or self.action is None:
            return value
        return self.action.describe("reason", value)

    @property
    def details(self) -> list[Any]:
        """Values of the entry's details that its action declares, in the reader's language."""
        if self.action is None:
            return []
        return [
            self.action.describe(key, value)
            for key, value in sorted(self.entry.data.items())
            if key in self.action.choices and isinstance(value, str)
        ]


def readable(entries) -> list[ReadableEntry]:
    return [ReadableEntry(entry) for entry in entries]
