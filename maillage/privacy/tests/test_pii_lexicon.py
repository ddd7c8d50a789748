"""The lexicon the detector reads: names of many origins, common words and places."""

import pytest

from maillage.privacy.pii.lexicon import plain, word_hash
from maillage.privacy.pii.words import (
    in_place_name,
    is_given_name,
    is_surname,
    is_usual_given_name,
    is_wordlike,
)


@pytest.mark.parametrize(
    "name", ["Mathieu", "Réjean", "Priyanka", "Abdirahman", "Marivic", "Thuy", "Yesenia", "Hodan"]
)
def test_given_names_of_many_origins_are_known(name):
    assert is_given_name(name)


@pytest.mark.parametrize(
    "name", ["Tremblay", "Nguyen", "Warsame", "Bautista", "Kakegamic", "Qumaq"]
)
def test_surnames_of_many_origins_are_known(name):
    assert is_surname(name)


@pytest.mark.parametrize("word", ["Hope", "Summer", "Main", "Avis", "Youth"])
def test_names_that_are_common_words_are_word_like(word):
    assert is_wordlike(word)


@pytest.mark.parametrize("name", ["Sarah", "Kevin", "Nathalie", "Jean-Philippe"])
def test_usual_given_names_are_not_word_like(name):
    assert is_usual_given_name(name) and not is_wordlike(name)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Elle vit à Chibougamau.", "Chibougamau"),
        ("Boarding in Thunder Bay.", "Bay"),
        ("From Red Lake.", "Red"),
        ("Aînée de Kitigan Zibi.", "Kitigan Zibi"),
        ("Parti de Saint-Luc.", "Saint-Luc"),
        ("Agriculteur de Lac-Mégantic.", "Lac-Mégantic"),
    ],
)
def test_places_are_recognised_with_the_words_around_them(text, place):
    start = text.index(place)
    assert in_place_name(text, start, start + len(place))


def test_a_name_is_not_a_place():
    text = "Mirlande Saint-Fleur a appelé."
    assert not in_place_name(text, 0, len("Mirlande Saint-Fleur"))


def test_hash_ignores_case_and_accents():
    assert plain("Gaétan") == "gaetan"
    assert word_hash("Gaétan") == word_hash("GAETAN")
