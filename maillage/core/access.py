"""The registry of access rules: every "may this person do this?" is answered here, by asking it.

Each domain app declares its own rules in ``<app>/access.py`` and registers them when Django
starts (its ``AppConfig.ready`` imports that module). ``core`` knows nothing of the domains: it
only keeps the rules and asks them.

A rule has two halves, because they fail in different ways:

- **who** — the person's seat, role, agency or involvement. A person outside it gets a 403 from
  the app's loader (or a 404 when they may not even see the object);
- **when** — the object's state. A verb asked at the wrong time is refused by the object itself
  with a message in the person's language; a page simply does not offer it.

``may(user, action, obj)`` is both halves together: what a page offers. Templates receive a
``Permissions`` for one object and ask ``may.<verb>``, never a status string.

Lists need the same answer for many rows at once: an app registers a *scope* for a subject,
``scope(user, within)`` giving the filter of the rows this person may see (e.g. the situations
of one table), which the subject's QuerySet applies. No scope, no rows: a list asked of an
undeclared subject is a programming error.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

Who = Callable[[Any, Any], bool]
When = Callable[[Any], bool]
Scope = Callable[[Any, Any], Any]


def always(obj: Any) -> bool:
    return True


def is_signed_in(user: Any) -> bool:
    """Signed in with an active account: nobody else holds any right."""
    return bool(user is not None and user.is_authenticated and user.is_active)


@dataclass(frozen=True)
class Rule:
    action: str
    who: Who
    when: When = always
    label: Any = ""

    @property
    def subject(self) -> str:
        """The part before the verb: ``situation`` in ``situation.present``."""
        return self.action.rsplit(".", 1)[0]

    @property
    def verb(self) -> str:
        return self.action.rsplit(".", 1)[1]


class Registry:
    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self._scopes: dict[str, Scope] = {}

    def register(self, action: str, *, who: Who, when: When = always, label: Any = "") -> Rule:
        if "." not in action:
            raise ValueError(f"An action is 'subject.verb', not {action!r}")
        if action in self._rules:
            raise ValueError(f"The rule {action!r} is declared twice")
        rule = Rule(action, who, when, label)
        self._rules[action] = rule
        return rule

    def rule(self, action: str) -> Rule:
        try:
            return self._rules[action]
        except KeyError:
            raise ValueError(f"Unknown action {action!r}") from None

    def actions(self, subject: str | None = None) -> list[str]:
        """Every declared action, or those of one subject, in a stable order."""
        return sorted(a for a, r in self._rules.items() if subject in (None, r.subject))

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules[a] for a in self.actions())

    def permits(self, user: Any, action: str, obj: Any) -> bool:
        """*Who* only: whether this person holds the right, whatever the object's state."""
        return bool(self.rule(action).who(user, obj))

    def may(self, user: Any, action: str, obj: Any) -> bool:
        """*Who* and *when*: what a page offers this person now."""
        rule = self.rule(action)
        return bool(rule.who(user, obj) and rule.when(obj))

    def register_scope(self, subject: str, scope: Scope) -> None:
        if subject in self._scopes:
            raise ValueError(f"The scope of {subject!r} is declared twice")
        self._scopes[subject] = scope

    def scope(self, subject: str, user: Any, within: Any) -> Any:
        """The filter of the ``subject`` rows inside ``within`` that this person may see."""
        if subject not in self._scopes:
            raise ValueError(f"No scope declared for {subject!r}")
        return self._scopes[subject](user, within)

    def permissions(self, user: Any, obj: Any, subject: str) -> "Permissions":
        return Permissions(self, user, obj, subject)


class Permissions:
    """``may.<verb>`` in a template: each answer computed once, on first use."""

    def __init__(self, registry: Registry, user: Any, obj: Any, subject: str) -> None:
        self._registry, self._user, self._obj, self._subject = registry, user, obj, subject
        self._answers: dict[str, bool] = {}

    def __getattr__(self, verb: str) -> bool:
        if verb.startswith("_"):
            raise AttributeError(verb)
        return self[verb]

    def __getitem__(self, verb: str) -> bool:
        if verb not in self._answers:
            action = f"{self._subject}.{verb}"
            self._answers[verb] = self._registry.may(self._user, action, self._obj)
        return self._answers[verb]


rules = Registry()
may = rules.may
permits = rules.permits
