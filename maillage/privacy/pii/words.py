"""Questions about single words and places, answered from the lexicon (``lexicon.py``).

A given name here is one of the names-dataset list that is not also a word of the languages'
grammar (the dataset, built from a social network's users, holds 'Son', 'Sa' and 'Vit'), a
month or a weekday. A *word-like* name ('Hope', 'Summer', 'Main') needs more evidence than a
capital letter: a cue before it, a surname or an age after it.
"""

import re

from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS
from spacy.lang.fr.stop_words import STOP_WORDS as FRENCH_STOP_WORDS

from .lexicon import get_lexicon, plain

NEVER_NAMES = frozenset(
    plain(word)
    for word in ENGLISH_STOP_WORDS
    | FRENCH_STOP_WORDS
    | frozenset(
        """
        janvier février mars avril mai juin juillet août septembre octobre novembre décembre
        january february march april june july august september october november december
        lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday
        friday saturday sunday feb mar apr jun jul aug sep sept oct nov dec janv févr avr
        juil déc mom mum dad maman papa bf gf ado tél tel cell
        """.split()
    )
)

# The first word of a place name that a hyphen joins to the rest ('Saint-Luc', 'Lac-Simon').
_PLACE_PREFIX = re.compile(
    r"(?i:(?:saint|sainte|st|ste|lac|val|mont|notre-dame|port|fort|baie|pointe|rivière|île"
    r"|grande|petite|sault|cap|anse|l['’]anse)-)"
)
_RUN_WORD = re.compile(r"[\w'’.]+(?:-[\w'’.]+)*")


def _word(word: str) -> str:
    return word.split("-")[0]


def is_grammar_word(word: str) -> bool:
    """A word of either language's grammar, a month or a weekday ('Then', 'Friday')."""
    return plain(word) in NEVER_NAMES


def is_given_name(word: str) -> bool:
    """A known given name ('Amira', 'Siobhan', 'Pierre-Luc' by its first part)."""
    return plain(_word(word)) not in NEVER_NAMES and get_lexicon().is_given(word)


def is_usual_given_name(word: str) -> bool:
    """A given name among the first thousand of some country, and not a common word."""
    return is_given_name(word) and get_lexicon().is_strong_given(word) and not is_wordlike(word)


def is_surname(word: str) -> bool:
    return plain(word) not in NEVER_NAMES and get_lexicon().is_surname(word)


def is_name_word(word: str) -> bool:
    return is_given_name(word) or is_surname(word)


def is_wordlike(word: str) -> bool:
    """A name that is also a common word ('Hope', 'Main'), or a common word ('Youth'); a
    compound ('Jean-Philippe') is judged whole."""
    if "-" in word.strip("-"):
        return get_lexicon().is_wordlike(word)
    return plain(word) in NEVER_NAMES or get_lexicon().is_wordlike(word)


def is_acronym(word: str) -> bool:
    """'YRP', 'NAN', 'SOS', 'EI': capitals only, too short for a surname in capitals."""
    return word.isupper() and len(word) <= 4


def is_common_word(word: str) -> bool:
    return plain(word) in NEVER_NAMES or get_lexicon().is_common(word)


def in_place_name(text: str, start: int, end: int) -> bool:
    """The words text[start:end] are a place's name, alone or with the capitalised words
    around them ('Red' of 'Red Lake', 'Sandy Lake', 'North Bay', 'Saint-Luc')."""
    if _PLACE_PREFIX.match(text, start):
        return True
    words = _capitalised_run(text, start, end)
    lexicon = get_lexicon()
    inside = [i for i, (s, e) in enumerate(words) if s >= start and e <= end]
    if not inside:
        return False
    first, last = inside[0], inside[-1]
    for i in range(max(0, first - 2), first + 1):
        for j in range(last, min(len(words), last + 3)):
            name = text[words[i][0] : words[j][1]].rstrip(".")
            if lexicon.is_place(name):
                return True
    return False


def _capitalised_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The capitalised words around text[start:end], joined by single spaces."""
    left = start
    while True:
        match = re.search(r"([\w'’.-]+) $", text[max(0, left - 40) : left])
        if not match or not match.group(1)[:1].isupper():
            break
        left = left - len(match.group(0))
    right = end
    while True:
        match = re.match(r" ([\w'’.-]+)", text[right : right + 40])
        if not match or not match.group(1)[:1].isupper():
            break
        right += len(match.group(0))
    return [(m.start(), m.end()) for m in _RUN_WORD.finditer(text, left, right)]
