"""Read narratives as JSON lines on stdin, write the identifiers found as JSON lines on stdout."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.privacy.pii import detect_many
from maillage.privacy.pii.spans import LANGUAGES

BATCH_SIZE = 64


class BadLine(ValueError):
    pass


def parse_line(line: str) -> tuple[object, str, str | None]:
    """The id, text and language of one input line, or BadLine saying what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadLine(_("invalid JSON (%(error)s)") % {"error": error.msg}) from error
    if not isinstance(record, dict):
        raise BadLine(_("expected a JSON object"))
    if not isinstance(record.get("text"), str):
        raise BadLine(_("missing or non-string 'text'"))
    lang = record.get("lang")
    if lang is not None and lang not in LANGUAGES:
        raise BadLine(_("unsupported 'lang' %(lang)r") % {"lang": lang})
    return record.get("id"), record["text"], lang


class Command(BaseCommand):
    help = gettext_lazy(  # type: ignore[assignment]  # lazy: translated when shown
        "Find personal identifiers in narratives. Reads JSON lines "
        '{"id": ..., "text": ..., "lang": "fr"|"en"} on standard input and writes '
        '{"id": ..., "spans": [{"start", "end", "label"}]} lines on standard output.'
    )

    stealth_options = ("stdin",)
    # Touches no model, URL or template: a half-configured site should not stop a scan.
    requires_system_checks: list[str] = []

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # argparse needs a plain string; resolve the lazy help in the language now active.
        parser.description = str(self.help)
        return parser

    def handle(self, *args, **options) -> None:
        stdin = options.get("stdin") or sys.stdin
        batch: list[tuple[object, str, str | None]] = []
        bad = 0
        for number, line in enumerate(stdin, start=1):
            if not line.strip():
                continue
            try:
                batch.append(parse_line(line))
            except BadLine as error:
                bad += 1
                self.stderr.write(
                    _("Line %(number)d skipped: %(error)s") % {"number": number, "error": error}
                )
                continue
            if len(batch) >= BATCH_SIZE:
                self._scan(batch)
                batch = []
        self._scan(batch)
        if bad:
            raise CommandError(_("%(count)d bad line(s) skipped.") % {"count": bad}, returncode=1)

    def _scan(self, batch: list[tuple[object, str, str | None]]) -> None:
        results = detect_many((text, lang) for _id, text, lang in batch)
        for (record_id, _text, _lang), spans in zip(batch, results, strict=True):
            found = [{"start": s.start, "end": s.end, "label": s.label} for s in spans]
            self.stdout.write(json.dumps({"id": record_id, "spans": found}, ensure_ascii=False))
