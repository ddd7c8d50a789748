"""The guard on de-identified text: free text a table keeps is checked for identifiers.

The person sees what was found, highlighted (``privacy/_guard.html``), and either removes it or
confirms a false alarm. A confirmation is tied to the exact text it was given for (a digest
carried by the form), so changing the text means checking again. The confirmation is recorded
in the audit trail by the service that saves the text, in its own transaction
(``situations.services.record_guard_override``): only the labels, never the text found.
"""

import hashlib
from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from maillage.privacy.pii import Span


LABELS = {
    "PERSON": _("name"),
    "PHONE": _("telephone number"),
    "EMAIL": _("e-mail address"),
    "ADDRESS": _("address"),
    "POSTAL_CODE": _("postal code"),
    "HEALTH_CARD": _("health card number"),
    "SIN": _("social insurance number"),
    "DATE_OF_BIRTH": _("date of birth"),
}


def find_identifiers(texts: list[str]) -> list[list["Span"]]:
    # Imported here: the detector pulls in spaCy, which pages that never save free text skip.
    from maillage.privacy.pii import detect_many

    return detect_many([(text, None) for text in texts])


def highlight(text: str, spans: list["Span"]) -> SafeString:
    """The text, escaped, each finding wrapped in ``<mark>`` and labelled for screen readers."""
    parts: list[str] = []
    cursor = 0
    for span in sorted(spans):
        if span.start < cursor:
            continue
        label = escape(LABELS.get(span.label, span.label))
        parts.append(escape(text[cursor : span.start]))
        parts.append(
            f'<mark title="{label}">{escape(text[span.start : span.end])}'
            f'<span class="visually-hidden"> ({label})</span></mark>'
        )
        cursor = span.end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


def digest(texts: list[str]) -> str:
    return hashlib.sha256("\x1f".join(texts).encode()).hexdigest()


class GuardedFormMixin(forms.BaseForm):
    """Checks ``guarded_fields`` for identifiers before the form is valid (see above)."""

    guarded_fields: tuple[str, ...] = ()
    guard_findings: list = []
    guard_labels: list[str] = []
    guard_digest = ""
    guard_overridden = False

    @property
    def confirmed_labels(self) -> list[str]:
        """What the person confirmed was a false alarm, for the audit trail; else nothing."""
        return self.guard_labels if self.guard_overridden else []

    def _check_identifiers(self, cleaned: dict) -> None:
        names = [name for name in self.guarded_fields if cleaned.get(name)]
        texts = [cleaned[name] for name in names]
        if not texts:
            return
        found = find_identifiers(texts)
        if not any(found):
            return
        self.guard_labels = sorted({span.label for spans in found for span in spans})
        self.guard_digest = digest(texts)
        confirmed = self.data.get("guard_confirm") == "yes"
        if confirmed and self.data.get("guard_digest") == self.guard_digest:
            self.guard_overridden = True
            return
        self.guard_findings = [
            (self[name].label, highlight(text, spans))
            for name, text, spans in zip(names, texts, found, strict=True)
            if spans
        ]
        raise ValidationError(
            _(
                "Possible identifiers were found (highlighted below). Remove them, or confirm "
                "that they do not identify anyone."
            ),
            code="identifiers",
        )
