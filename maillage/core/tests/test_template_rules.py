"""Templates ask ``may.<verb>``; they never decide by comparing a status or a kind to a literal.

A status literal in a template repeats a rule that lives in the owning app (when a verb is
allowed) and goes stale the day that rule changes. Showing a status is fine
(``status-{{ situation.status }}`` as a CSS class, ``get_status_display``); comparing it is not.
"""

import re
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[2]
LITERAL = r"""["'][^"']*["']"""
FIELD = r"[\w.]*\b(?:status|kind)"
COMPARISON = re.compile(
    rf"{FIELD}\s*(?:==|!=)\s*{LITERAL}"
    rf"|{LITERAL}\s*(?:==|!=)\s*{FIELD}\b"
    rf"|{FIELD}\s+(?:not\s+)?in\s+{LITERAL}"
)


def literal_comparisons() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        hits = COMPARISON.findall(path.read_text())
        if hits:
            found[str(path.relative_to(ROOT))] = hits
    return found


class TemplateRuleTests(SimpleTestCase):
    def test_no_template_compares_a_status_or_a_kind_to_a_literal(self):
        self.assertEqual(literal_comparisons(), {})

    def test_the_pattern_finds_the_forms_a_comparison_takes(self):
        for text in (
            '{% if situation.status == "draft" %}',
            "{% if table.kind != 'concertation' %}",
            '{% if "mobilized" == situation.status %}',
            '{% if export.status in "done failed" %}',
        ):
            with self.subTest(text=text):
                self.assertTrue(COMPARISON.search(text))
        for text in (
            '<span class="status status-{{ s.status }}">',
            "{% if value == task.status %}",
            "{% if may.decide %}",
        ):
            with self.subTest(text=text):
                self.assertIsNone(COMPARISON.search(text))
