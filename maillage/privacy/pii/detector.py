"""Find personal identifiers in free-text narratives, in French or English."""

import re
from collections.abc import Iterable

from presidio_analyzer import RecognizerResult

from .engine import get_analyzer
from .recognizers import LANGUAGE
from .spans import ADDRESS, LABELS, LANGUAGES, PERSON, Span
from .words import (
    in_place_name,
    is_acronym,
    is_common_word,
    is_grammar_word,
    is_name_word,
    is_wordlike,
)

_EDGE = " \t\n,;:.'\"’"
_AFTER_ADDRESS = re.compile(r"\.?,\s*")
_JOINED_BEFORE = re.compile(
    r"(?<![\w.])(?P<name>[A-ZÀ-Ý][a-zà-ÿ'’-]+)(?:\s*\(\d{1,2}\))?\s+(?:and|et|&)\s+$"
)
_JOINED_AFTER = re.compile(
    r"(?:\s*\(\d{1,2}\))?\s+(?:and|et|&)\s+(?P<name>[A-ZÀ-Ý][a-zà-ÿ'’-]+)(?![\w-])"
)
_NAME_PART = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
_INITIALS = re.compile(r"(?:[A-ZÀ-ÖØ-Ý]\.[\s-]?)+")
BATCH_SIZE = 64


def detect(text: str, lang: str | None = None) -> list[Span]:
    """Identifiers in ``text``, sorted and non-overlapping.

    ``lang`` ('fr', 'en' or None) is checked but does not change the result: narratives mix
    the two languages, so the French and English cues are always both in use.
    """
    return detect_many([(text, lang)])[0]


def detect_many(texts: Iterable[tuple[str, str | None]]) -> list[list[Span]]:
    """``detect`` for many texts, running spaCy over them in batches."""
    items = list(texts)
    for _, lang in items:
        _check_language(lang)
    analyzer = get_analyzer()
    docs = analyzer.nlp_engine.process_batch(
        [text for text, _ in items], language=LANGUAGE, batch_size=BATCH_SIZE
    )
    return [
        _resolve(text, analyzer.analyze(text, language=LANGUAGE, nlp_artifacts=artifacts))
        for text, artifacts in docs
    ]


def preload() -> None:
    """Load the model and the lexicon now rather than at the first check, which would otherwise
    take seconds: a web worker calls this when it starts (``PII_PRELOAD``)."""
    detect("Mme Julie Roy a appelé.")


def _check_language(lang: str | None) -> None:
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"Unsupported language {lang!r}; expected one of {LANGUAGES}.")


def _resolve(text: str, results: list[RecognizerResult]) -> list[Span]:
    """Keep the most specific finding wherever findings overlap."""
    spans = [_trimmed(text, r) for r in _merge_persons(results)]
    rank = {label: i for i, label in enumerate(LABELS)}
    spans.sort(key=lambda s: (rank[s[2]], -s[3], s[0] - s[1]))
    kept: list[Span] = []
    for start, end, label, _ in spans:
        if end > start and not any(start < k.end and k.start < end for k in kept):
            kept.append(Span(start, end, label, text[start:end]))
    kept = [k for k in kept if not _town_of_address(text, k, kept)]
    kept += _coordinated_names(text, kept)
    return sorted(kept + _repeated_names(text, kept))


def _coordinated_names(text: str, kept: list[Span]) -> list[Span]:
    """A capitalised word joined by 'and' / 'et' to a name is a name too, even one no list
    holds ('Waasnoode and Nevaeh'), unless it is a common word, a place or an acronym."""
    found: list[Span] = []
    for span in [k for k in kept if k.label == PERSON]:
        before = _JOINED_BEFORE.search(text, 0, span.start)
        after = _JOINED_AFTER.match(text, span.end)
        for match in (before, after):
            if not match or not _unknown_name(text, *match.span("name")):
                continue
            if not any(
                match.start("name") < k.end and k.start < match.end("name") for k in kept + found
            ):
                found.append(Span(*match.span("name"), PERSON, match.group("name")))
    return found


def _unknown_name(text: str, start: int, end: int) -> bool:
    word = text[start:end]
    if is_common_word(word) or is_acronym(word) or in_place_name(text, start, end):
        return False
    return not is_grammar_word(word)


def _repeated_names(text: str, kept: list[Span]) -> list[Span]:
    """A name found once is a name wherever else it is written, in any case: 'Naïka' in a
    sentence of its own, 'jessy (jessy-lee gauthier)'. Only known names that are no common
    words are carried over, so one false alarm does not spread."""
    words = set()
    for span in kept:
        if span.label == PERSON:
            for word in _NAME_PART.findall(span.text):
                words.update({word.lower(), word.split("-")[0].lower()})
    words = {w for w in words if len(w) > 2 and is_name_word(w) and not is_wordlike(w)}
    found: list[Span] = []
    for word in words:
        # In lower case only a name that is no common word: 'Pierre' is found, 'une pierre' not.
        flags = 0 if is_common_word(word) else re.IGNORECASE
        for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, flags | re.I):
            if flags == 0 and not match.group()[0].isupper():
                continue
            taken = kept + found
            if not any(match.start() < k.end and k.start < match.end() for k in taken):
                found.append(Span(match.start(), match.end(), PERSON, match.group()))
    return found


def _town_of_address(text: str, span: Span, kept: list[Span]) -> bool:
    """One capitalised word right after an address and a comma is its town ('45 King St. W.,
    Hamilton'), even when it is also someone's given name."""
    if span.label != PERSON or " " in span.text:
        return False
    return any(
        k.label == ADDRESS and _AFTER_ADDRESS.fullmatch(text, k.end, span.start) for k in kept
    )


def _merge_persons(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Join overlapping name findings: NER and cues often see parts of the same name."""
    persons = sorted((r for r in results if r.entity_type == PERSON), key=lambda r: r.start)
    merged: list[RecognizerResult] = []
    for result in persons:
        if merged and result.start < merged[-1].end:
            last = merged[-1]
            last.end, last.score = max(last.end, result.end), max(last.score, result.score)
        else:
            merged.append(result)
    return [r for r in results if r.entity_type != PERSON] + merged


def _trimmed(text: str, result: RecognizerResult) -> tuple[int, int, str, float]:
    """Drop punctuation caught at the edges, and a closing bracket that was never opened."""
    start, end = result.start, result.end
    if _INITIALS.fullmatch(text, start, end):
        return start, end, result.entity_type, result.score  # 'K.L.' keeps its last dot
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    while start < end and text[start] in _EDGE:
        start += 1
    if end > start and text[end - 1] == ")" and "(" not in text[start:end]:
        end -= 1
    return start, end, result.entity_type, result.score
