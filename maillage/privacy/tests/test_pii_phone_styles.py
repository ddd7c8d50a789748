"""The detector on notes typed the way workers type between two calls, in both languages.

Each case holds an identifier that must be found and, in the same note, a word that looks like
one and must not be flagged: a guard that cries wolf gets confirmed blindly.
"""

import json
from pathlib import Path

import pytest

from maillage.privacy.pii import detect

DATA = Path(__file__).parent / "data"


def flagged(text: str) -> list[tuple[str, str]]:
    return [(span.text, span.label) for span in detect(text)]


def covered(text: str, part: str) -> bool:
    """Some finding overlaps the first occurrence of ``part``."""
    start = text.index(part)
    end = start + len(part)
    return any(span.start < end and start < span.end for span in detect(text))


def check(text: str, identifier: str, label: str, lookalike: str) -> None:
    assert (identifier, label) in flagged(text)
    assert not covered(text, lookalike), flagged(text)


@pytest.mark.parametrize(
    ("text", "name", "lookalike"),
    [
        (
            "rencontré avec mathieu ce matin, il a lancé une pierre dans la vitre",
            "mathieu",
            "pierre",
        ),
        ("appel de sarah gendron, son chèque n'est pas arrivé", "sarah gendron", "chèque"),
        ("met w/ tanya at the drop-in, she has no hope left", "tanya", "hope"),
        ("son rick says leave her be, will call back", "rick", "will"),
    ],
)
def test_name_typed_in_lower_case_is_found_but_not_a_common_word(text, name, lookalike):
    check(text, name, "PERSON", lookalike)


@pytest.mark.parametrize(
    ("text", "initials", "lookalike"),
    [
        ("Situation de M.-È. D., 41 ans, réfugiée aux É.-U. l'été dernier.", "M.-È. D.", "É.-U."),
        ("K.L. (F, 34) says her ex took the kids. N.B. the file is open.", "K.L.", "N.B."),
    ],
)
def test_initials_are_a_name_but_abbreviations_are_not(text, initials, lookalike):
    check(text, initials, "PERSON", lookalike)


@pytest.mark.parametrize(
    ("text", "nickname", "lookalike"),
    [
        (
            "« Ti-Gilles » vend des comprimés; son grand frère le couvre.",
            "Ti-Gilles",
            "grand frère",
        ),
        ("Her bf goes by Tee; her big brother is in Pickering.", "Tee", "big brother"),
    ],
)
def test_nickname_is_a_name_but_a_family_word_is_not(text, nickname, lookalike):
    check(text, nickname, "PERSON", lookalike)


@pytest.mark.parametrize(
    ("text", "name", "lookalike"),
    [
        ("June says she'd go back to her aunt's. Summer programs are full.", "June", "Summer"),
        ("Espérance, 15 ans, dort chez une amie. Avis transmis à la DPJ.", "Espérance", "Avis"),
    ],
)
def test_given_name_that_is_a_word_needs_evidence(text, name, lookalike):
    check(text, name, "PERSON", lookalike)


@pytest.mark.parametrize(
    ("text", "name", "lookalike"),
    [
        ("Hier soir Abdiwali a dormi dehors; il parle somali.", "Abdiwali", "somali"),
        ("Later Marivic came back to the office. Speaks Tagalog only.", "Marivic", "Tagalog"),
        ("Then Gurpreet texted twice; Punjabi interpreter booked.", "Gurpreet", "Punjabi"),
        (
            "On Friday Nokuthula did not show up. Ukrainian newcomer next door.",
            "Nokuthula",
            "Ukrainian",
        ),
        (
            "The kids, Waasnoode and Nevaeh, stay with their kokum in Moosonee.",
            "Waasnoode",
            "Moosonee",
        ),
    ],
)
def test_names_of_every_origin_are_found_without_a_cue(text, name, lookalike):
    check(text, name, "PERSON", lookalike)


@pytest.mark.parametrize(
    ("text", "name", "lookalike"),
    [
        (
            "Jeune crie de Mistissini hospitalisée; sa mère Louise Coonishish est en route.",
            "Louise Coonishish",
            "Mistissini",
        ),
        ("Agriculteur de Lac-Mégantic, Réjean Fortier, endetté.", "Réjean Fortier", "Lac-Mégantic"),
        (
            "Moses Sutherland, from Sandy Lake, is boarding in Thunder Bay.",
            "Moses Sutherland",
            "Sandy Lake",
        ),
        ("Red Lake table: Dale Wiebe, 38, missed his appointments.", "Dale Wiebe", "Red Lake"),
    ],
)
def test_places_are_not_taken_for_people(text, name, lookalike):
    check(text, name, "PERSON", lookalike)


@pytest.mark.parametrize(
    ("text", "name", "lookalike"),
    [
        (
            "Surdose au square Cabot mardi; Johnny Alaku réanimé par un pair.",
            "Johnny Alaku",
            "Cabot",
        ),
        ("Pedro Alvarado was seen on Queen near the shelter.", "Pedro Alvarado", "Queen"),
        (
            "Kenora: elderly woman found wandering on Main Street at minus 30; her son Ernest"
            " was called.",
            "Ernest",
            "Main",
        ),
    ],
)
def test_street_named_without_number_is_not_a_person(text, name, lookalike):
    check(text, name, "PERSON", lookalike)


@pytest.mark.parametrize(
    ("text", "name", "lookalike"),
    [
        ("Female, 40s, sleeping in a car. Says her name is Hope.", "Hope", "Female"),
        (
            "Youth known to CAS and YRP, 15, moving drugs; mother Hope Daniels called.",
            "Hope Daniels",
            "YRP",
        ),
        ("Femme dans la cinquantaine, voisine de Naïka Joseph.", "Naïka Joseph", "Femme"),
        ("Vue avec un homme surnommé « Ti-Loup ». Avis transmis à la SQ.", "Ti-Loup", "Avis"),
    ],
)
def test_capitalised_word_opening_a_sentence_is_not_a_name(text, name, lookalike):
    check(text, name, "PERSON", lookalike)


@pytest.mark.parametrize(
    ("text", "identifier", "label", "lookalike"),
    [
        (
            "Adresse : 12 rue des pins, val-david. Il reste 1 place de libre.",
            "12 rue des pins",
            "ADDRESS",
            "1 place de libre",
        ),
        (
            "lives at 88 main st, guelph, a 2 hour drive from here",
            "88 main st",
            "ADDRESS",
            "2 hour drive",
        ),
        ("Home: 212 Crawford St, m6j 2v6. Dossier ab1 2cd.", "m6j 2v6", "POSTAL_CODE", "ab1 2cd"),
        (
            "carte ramq lavm 7203 1588, local 1203 2200",
            "lavm 7203 1588",
            "HEALTH_CARD",
            "1203 2200",
        ),
        ("Address on file: RR 5, Lakefield. Vitals: RR 18, SpO2 95%.", "RR 5", "ADDRESS", "RR 18"),
        (
            "ddn 12-06-91, rencontre prévue le 21-07-26.",
            "12-06-91",
            "DATE_OF_BIRTH",
            "21-07-26",
        ),
        (
            "Jordan (b. Mar 3 2007) was seen Mar 3 2024.",
            "Mar 3 2007",
            "DATE_OF_BIRTH",
            "Mar 3 2024",
        ),
    ],
)
def test_identifier_in_lower_case_or_unpunctuated_is_found(text, identifier, label, lookalike):
    check(text, identifier, label, lookalike)


def score(path: Path) -> tuple[float, float]:
    """Recall and precision with the shared scoring rules (--strict-neutral): a gold identifier
    is found when findings cover 80% of it; a finding on nothing personal is a false alarm."""
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    found = total = alarms = predicted = 0
    for record in records:
        spans = detect(record["text"], record["lang"])
        covered_chars = {i for span in spans for i in range(span.start, span.end)}
        for start, end, _ in record["pii"]:
            total += 1
            found += sum(i in covered_chars for i in range(start, end)) >= 0.8 * (end - start)
        gold = [(start, end) for start, end, _ in record["pii"]]
        for span in spans:
            predicted += 1
            alarms += not any(span.start < end and start < span.end for start, end in gold)
    return found / total, (predicted - alarms) / predicted


@pytest.mark.parametrize("name", ["pii-probes-tuning.jsonl", "pii-probes-heldout.jsonl"])
def test_probe_narratives_meet_the_targets(name):
    recall, precision = score(DATA / name)
    assert recall >= 0.95 and precision >= 0.90, (recall, precision)
