"""The scan_pii command: JSON lines in, identifier spans out, bad lines reported and skipped."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation


def scan(lines: list[str]) -> tuple[list[dict], str, CommandError | None]:
    """Run the command in English, whatever the default language, and collect its output."""
    stdout, stderr = StringIO(), StringIO()
    error = None
    try:
        with translation.override("en"):
            call_command(
                "scan_pii", stdin=StringIO("\n".join(lines) + "\n"), stdout=stdout, stderr=stderr
            )
    except CommandError as raised:
        error = raised
    records = [json.loads(line) for line in stdout.getvalue().splitlines()]
    return records, stderr.getvalue(), error


def test_spans_are_written_with_offsets_into_the_text():
    text = "Le locateur Lina Gauthier (lina.gauthier@gmail.com) menace la famille."
    records, stderr, error = scan([json.dumps({"id": "a1", "text": text, "lang": "fr"})])
    assert error is None and stderr == ""
    assert records == [
        {
            "id": "a1",
            "spans": [
                {"start": 12, "end": 25, "label": "PERSON"},
                {"start": 27, "end": 50, "label": "EMAIL"},
            ],
        }
    ]


def test_lines_without_language_are_accepted():
    records, _, error = scan([json.dumps({"id": 7, "text": "Call 613 555 0147."})])
    assert error is None
    assert records == [{"id": 7, "spans": [{"start": 5, "end": 17, "label": "PHONE"}]}]


def test_bad_lines_are_reported_by_number_and_the_others_processed():
    lines = [
        json.dumps({"id": 1, "text": "Rien à signaler."}),
        "{not json",
        json.dumps({"id": 3}),
        json.dumps({"id": 4, "text": 12}),
        json.dumps({"id": 5, "text": "Hello", "lang": "de"}),
        json.dumps({"id": 6, "text": "NAS 538 885 393", "lang": "fr"}),
    ]
    records, stderr, error = scan(lines)
    assert [r["id"] for r in records] == [1, 6]
    assert records[1]["spans"] == [{"start": 4, "end": 15, "label": "SIN"}]
    for number in (2, 3, 4, 5):
        assert f"Line {number} " in stderr
    assert "Line 1 " not in stderr and "Line 6 " not in stderr
    assert error is not None and error.returncode == 1


@pytest.mark.parametrize("line", ["[1, 2]", '"text"', "null"])
def test_json_that_is_not_an_object_is_a_bad_line(line):
    records, stderr, error = scan([line])
    assert records == [] and "Line 1 " in stderr and error is not None


def test_help_text_renders():
    from maillage.privacy.management.commands.scan_pii import Command

    with translation.override("en"):
        help_text = Command().create_parser("maillage", "scan_pii").format_help()
    assert "Find personal identifiers in narratives" in help_text
