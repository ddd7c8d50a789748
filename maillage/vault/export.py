"""The disclosure register as CSV, for the privacy officer."""

import csv
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.spreadsheets import safe_cell

from .models import Disclosure


def _cell(value) -> str:
    return safe_cell("" if value is None else str(value))


def _header() -> list[str]:
    return [
        _("Situation"),
        _("Person at risk"),
        _("Date and time of the disclosure"),
        _("Disclosing agency"),
        _("Recipient agency"),
        _("Recipient (person)"),
        _("Danger"),
        _("Imminence"),
        _("Information disclosed"),
        _("Details of the information disclosed"),
        _("Legal basis code"),
        _("Legal basis"),
        _("Consent obtained"),
        _("Recorded by"),
        _("Recorded"),
    ]


def _row(d: Disclosure) -> list[str]:
    recorder = d.recorded_by.get_full_name() or d.recorded_by.username if d.recorded_by else ""
    return [
        d.situation.reference,
        d.person.reference,
        timezone.localtime(d.disclosed_at).isoformat(timespec="minutes"),
        d.discloser_organization.name,
        d.recipient_organization.name,
        d.recipient_name,
        d.danger,
        d.get_imminence_display(),
        "; ".join(d.information_labels()),
        d.information_details,
        d.legal_basis.code,
        d.legal_basis.name,
        _("yes") if d.consent_obtained else _("no"),
        recorder,
        timezone.localtime(d.recorded_at).isoformat(timespec="minutes"),
    ]


def write_register(out, disclosures: Iterable[Disclosure]) -> int:
    """Write the register to ``out``; return the number of disclosures written."""
    writer = csv.writer(out)
    writer.writerow(_header())
    count = 0
    for disclosure in disclosures:
        writer.writerow([_cell(v) for v in _row(disclosure)])
        count += 1
    return count
