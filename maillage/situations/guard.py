"""The guard on de-identified fields: free text at Filters 1–2 is checked for identifiers.

The person sees what was found, highlighted, and either removes it or confirms a false alarm.
A confirmation is tied to the exact text it was given for (a digest carried by the form), so
changing the text means checking again.
"""

import hashlib
from typing import TYPE_CHECKING

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
