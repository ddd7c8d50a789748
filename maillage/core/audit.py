"""The one audit API: every write and every read of sensitive data goes through ``log_action``.

Action codes are declared, never written as literals: each app declares its own in
``<app>/audit.py`` (``actions.declare(code, label, category=...)``), next to the code that writes
them, and imports the constant wherever it writes or reads entries. ``core`` only keeps the
registry, which the trail page uses to name actions in the reader's language and to group them
into categories; it discovers each app's ``audit`` module when Django starts.

An entry holds references and codes, never free text nor names: ``data`` takes numbers, booleans
and short codes only, and the object is recorded by type, id and its ``audit_label`` (a public
reference such as ``RMT-0042``) when it has one. The entry is written in the caller's transaction
and chained after commit (``maillage.core.chain``), so no request waits for another's to end.
"""

import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import http
from .chain import chain_pending
from .models import AuditEntry

# A value in ``data`` is a number, a boolean or a code: no spaces, so no sentence fits.
CODE_VALUE = re.compile(r"[\w.:+/@-]{0,64}")


class UndeclaredAction(ValueError):
    pass


class Action(str):
    """A declared action code: compares and stores as its code, knows its label and category."""

    label: Any
    category: str
    choices: Mapping[str, Any]

    def __new__(cls, code: str, label: Any, category: str, choices: Mapping[str, Any]) -> "Action":
        action = super().__new__(cls, code)
        action.label, action.category, action.choices = label, category, choices
        return action

    def describe(self, key: str, value: Any) -> Any:
        """A value of ``data`` in the reader's language when the action declares its choices."""
        choices = self.choices.get(key)
        if choices is None:
            return value
        return dict(getattr(choices, "choices", choices)).get(value, value)


@dataclass(frozen=True)
class Category:
    key: str
    label: Any


class ActionRegistry:
    def __init__(self) -> None:
        self._actions: dict[str, Action] = {}
        self._categories: dict[str, Category] = {}

    def category(self, key: str, label: Any) -> str:
        known = self._categories.get(key)
        if known is not None and str(known.label) != str(label):
            raise ValueError(f"The audit category {key!r} is declared twice")
        self._categories[key] = Category(key, label)
        return key

    def declare(
        self, code: str, label: Any, *, category: str, choices: Mapping[str, Any] | None = None
    ) -> Action:
        if "." not in code or len(code) > 80:
            raise ValueError(f"An audit action is 'app.object.verb', not {code!r}")
        if code in self._actions:
            raise ValueError(f"The audit action {code!r} is declared twice")
        if category not in self._categories:
            raise ValueError(f"Declare the audit category {category!r} before its actions")
        action = Action(code, label, category, choices or {})
        self._actions[code] = action
        return action

    def get(self, code: str) -> Action | None:
        return self._actions.get(code)

    def categories(self) -> list[Category]:
        return sorted(self._categories.values(), key=lambda c: str(c.label))

    def codes_of(self, category: str) -> list[str]:
        return sorted(code for code, a in self._actions.items() if a.category == category)

    def __iter__(self):
        return iter(self._actions[code] for code in sorted(self._actions))


actions = ActionRegistry()

SYSTEM = actions.category("core", _("System"))
DEMO_SEED = actions.declare("core.demo.seed", _("Demonstration data loaded"), category=SYSTEM)


def client_ip(request: HttpRequest | None) -> str | None:
    return http.client_ip(request)  # the trusted-proxy rule lives in core/http.py


def _check_data(value: Any, path: str = "data") -> None:
    if value is None or isinstance(value, bool | int | float):
        return
    if isinstance(value, str):
        if not CODE_VALUE.fullmatch(value):
            raise ValueError(f"{path} holds free text; audit entries keep codes and numbers only")
        return
    if isinstance(value, list | tuple):
        for item in value:
            _check_data(item, path)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            _check_data(item, f"{path}.{key}")
        return
    raise ValueError(f"{path} holds a {type(value).__name__}; audit entries keep codes only")


def log_action(
    action: Action,
    *,
    user: Any = None,
    obj: models.Model | None = None,
    organization: Any = None,
    table: Any = None,
    fields: Iterable[str] = (),
    data: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Write one entry of the audit trail; it is chained once the caller's transaction commits.

    ``action`` is a declared constant (``maillage.situations.audit.SITUATION_CREATE``).
    ``fields`` names what changed; ``data`` holds codes and numbers, never values of
    sensitive fields nor free text.
    """
    if not isinstance(action, Action) or actions.get(action) is not action:
        raise UndeclaredAction(f"{action!r} is not a declared audit action")
    _check_data(data)
    actor = user if user is not None and user.is_authenticated else None
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor,
        organization=organization,
        table=table,
        action=str(action),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        label=str(getattr(obj, "audit_label", ""))[:64],
        fields=sorted(fields),
        data=data or {},
        ip_address=client_ip(request),
    )
    entry.seal_redactable(secrets.token_hex(16))
    entry.save(force_insert=True)
    _chain_after_commit()
    return entry


def _chain_after_commit() -> None:
    """Chain once per transaction, however many entries it writes."""
    waiting = getattr(connection, "run_on_commit", [])
    if not any(callback is chain_pending for _sids, callback, _robust in waiting):
        transaction.on_commit(chain_pending, robust=True)
