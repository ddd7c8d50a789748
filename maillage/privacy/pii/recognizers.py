"""Presidio recognizers for Canadian identifier formats, with French and English context words.

Scores follow one rule: a finding is reported at 0.4 or more. Formats that are distinctive on
their own start at or above it; ambiguous ones (a bare run of digits, any date) start below it
and only pass when a context word is near (Presidio adds 0.35, see ``engine.py``).
"""

import re

import tldextract
from presidio_analyzer import Pattern, PatternRecognizer
from presidio_analyzer.predefined_recognizers import EmailRecognizer, PhoneRecognizer
from stdnum import luhn

from .spans import ADDRESS, DATE_OF_BIRTH, EMAIL, HEALTH_CARD, PHONE, POSTAL_CODE, SIN

LANGUAGE = "fr"
CASE_SENSITIVE = re.MULTILINE | re.DOTALL

# The bundled public-suffix snapshot only: the default extractor downloads the list at first use.
_OFFLINE_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail pattern, with the domain checked against the bundled suffix list."""

    CONTEXT = ["email", "e-mail", "courriel", "mail", "adresse", "address", "écrire", "write"]

    def __init__(self) -> None:
        super().__init__(supported_language=LANGUAGE, supported_entity=EMAIL, context=self.CONTEXT)

    def validate_result(self, pattern_text: str) -> bool:
        return _OFFLINE_TLD(pattern_text).fqdn != ""


TOLL_FREE = frozenset({"800", "833", "844", "855", "866", "877", "888"})


class CanadianPhoneRecognizer(PhoneRecognizer):
    """North American numbers through ``phonenumbers``.

    Strict grouping (leniency 2) keeps a 4-3-3 health card number from passing for a phone.
    Toll-free numbers (1-800, 1-888, …) belong to helplines and services, not to people.
    """

    CONTEXT = ["tél", "tel", "téléphone", "cellulaire", "cell", "phone", "joindre", "reach", "call"]

    def __init__(self) -> None:
        super().__init__(
            supported_language=LANGUAGE,
            supported_entity=PHONE,
            supported_regions=("CA",),
            leniency=2,
            context=self.CONTEXT,
        )

    def analyze(self, text, entities, nlp_artifacts=None):
        found = super().analyze(text, entities, nlp_artifacts)
        return [result for result in found if not _toll_free(text[result.start : result.end])]


def _toll_free(number: str) -> bool:
    digits = re.sub(r"\D", "", number)
    return digits.removeprefix("1")[:3] in TOLL_FREE and len(digits) in (10, 11)


class SinRecognizer(PatternRecognizer):
    """Social insurance numbers whose Luhn check digit is right.

    Any first digit: numbers beginning with 0 or 8 are not issued to people, but the best-known
    sample number (046 454 286) begins with 0, and whoever types it into a narrative is writing
    down a social insurance number all the same.
    """

    PATTERNS = [
        # A following dollar sign makes it an amount, not a number to hide.
        Pattern("SIN grouped", r"\b\d{3}([ .-])\d{3}\1\d{3}\b(?!\s?\$)", 0.5),
        Pattern("SIN bare", r"\b\d{9}\b(?!\s?\$)", 0.1),
    ]
    CONTEXT = ["sin", "nas", "insurance", "assurance", "sociale", "social"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity=SIN,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=LANGUAGE,
        )

    def validate_result(self, pattern_text: str) -> bool:
        return luhn.is_valid(re.sub(r"\D", "", pattern_text))


class HealthCardRecognizer(PatternRecognizer):
    """Ontario (OHIP: 10 digits, 4-3-3, optional 2-letter version) and Québec RAMQ cards.

    RAMQ numbers are 3 letters of the surname, 1 of the given name, then YYMMDD (month + 50
    for women) and 2 digits; the date part is checked so that other codes don't pass.
    OHIP has no check digit that we can rely on, so its format and context carry it.
    """

    PATTERNS = [
        Pattern("RAMQ", r"\b[A-Z]{4}[ -]?\d{4}[ -]?\d{4}\b", 0.5),
        # Typed in lower case, a RAMQ number looks more like other codes: it needs a context
        # word ('ramq lack 9106 1205', 'carte lavm 7203 1588').
        Pattern("RAMQ lower case", r"\b[a-z]{4}[ -]?\d{4}[ -]?\d{4}\b", 0.1),
        Pattern("OHIP grouped", r"\b\d{4}([ -])\d{3}\1\d{3}(?:[ -]?[A-Za-z]{2})?\b", 0.45),
        Pattern("OHIP with version", r"\b\d{10}[ -]?[A-Z]{2}\b", 0.4),
        Pattern("OHIP with version, lower case", r"\b\d{10}[ -]?[a-z]{2}\b", 0.1),
        Pattern("OHIP bare", r"\b\d{10}\b", 0.1),
    ]
    CONTEXT = [
        "ohip",
        "ramq",
        "nam",
        "santé",
        "health",
        "carte",
        "card",
        "maladie",
        "assurance-maladie",
        "soleil",
        "hcn",
    ]

    def __init__(self) -> None:
        super().__init__(
            supported_entity=HEALTH_CARD,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=LANGUAGE,
            global_regex_flags=CASE_SENSITIVE,
        )

    def validate_result(self, pattern_text: str) -> bool:
        if not pattern_text[:1].isalpha():
            return True
        digits = re.sub(r"\D", "", pattern_text)
        month, day = int(digits[2:4]), int(digits[4:6])
        return (1 <= month <= 12 or 51 <= month <= 62) and 1 <= day <= 31


class PostalCodeRecognizer(PatternRecognizer):
    """Canada Post codes (A1A 1A1); letters D, F, I, O, Q, U are never used."""

    PATTERNS = [
        Pattern(
            "postal code spaced",
            r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]\d[ABCEGHJ-NPRSTV-Z]\d\b",
            0.5,
        ),
        Pattern(
            "postal code joined",
            r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d\b",
            0.4,
        ),
        # Typed in lower case with its space, the format is still distinctive ('h2x 1y4');
        # joined ('p3b2e4') it looks like many other codes, so it needs a context word or a
        # town before it.
        Pattern(
            "postal code lower case",
            r"\b[abceghj-nprstvxy]\d[abceghj-nprstv-z][ -]\d[abceghj-nprstv-z]\d\b",
            0.4,
        ),
        Pattern(
            "postal code lower case joined",
            r"\b[abceghj-nprstvxy]\d[abceghj-nprstv-z]\d[abceghj-nprstv-z]\d\b",
            0.1,
        ),
        Pattern(
            "postal code joined after a town",
            r"(?<=[A-Za-zÀ-ÿ][a-zà-ÿ]\s|[a-zà-ÿ],\s|\w\s\()"
            r"[abceghj-nprstvxy]\d[abceghj-nprstv-z]\d[abceghj-nprstv-z]\d\b",
            0.4,
        ),
    ]
    CONTEXT = ["postal", "postale", "code", "cp", "zip"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity=POSTAL_CODE,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=LANGUAGE,
            global_regex_flags=CASE_SENSITIVE,
        )


_MONTHS = (
    r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre"
    r"|d[ée]cembre|janv|f[ée]vr|avr|juil|sept|d[ée]c"
    r"|january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:er|st|nd|rd|th)?"
_BIRTH_CUE = re.compile(
    r"(?i:\b(?:née?s?|naissance|naiss\.?|ddn|dn|dob|d\.o\.b\.?|born|b\.|birth|birthdate"
    r"|date\s+of\s+birth|date\s+de\s+naissance))\s*[:.,(]?\s*(?:(?:le|on|the)\s+)?$"
)
_YEAR = r"(?:19|20)\d{2}"


class DateOfBirthRecognizer(PatternRecognizer):
    """Dates in French, English and numeric forms, reported only next to a birth word.

    Every date scores below the threshold on its own, so a meeting date stays in the text.
    """

    PATTERNS = [
        Pattern("day month year", rf"\b{_DAY}\s+(?:of\s+)?{_MONTHS},?\s+{_YEAR}\b", 0.1),
        Pattern("month day year", rf"\b{_MONTHS}\s+{_DAY},?\s+{_YEAR}\b", 0.1),
        Pattern("iso", rf"\b{_YEAR}([-/.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])\b", 0.1),
        Pattern("numeric", rf"\b\d{{1,2}}([-/.])\d{{1,2}}\1{_YEAR}\b", 0.1),
        Pattern("numeric, two-digit year", r"\b\d{1,2}([-/.])\d{1,2}\1\d{2}\b", 0.05),
    ]
    CONTEXT = [
        "né",
        "née",
        "nés",
        "nées",
        "naissance",
        "naiss",
        "ddn",
        "born",
        "birth",
        "dob",
        "d.o.b",
    ]

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        """A date right after a birth cue is one, whatever Presidio's context window saw
        ('DDN 21-07-1990', '(b. 2 Nov 1998)', 'date naiss. 30/06/1952', 'DN : 1999/03/17')."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for result in results:
            if _BIRTH_CUE.search(text[max(0, result.start - 40) : result.start]):
                result.score = max(result.score, 0.85)
        return results

    def __init__(self) -> None:
        super().__init__(
            supported_entity=DATE_OF_BIRTH,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=LANGUAGE,
        )


_STREET_FR = (
    r"(?i:rue|avenue|av\.|boulevard|boul\.|bd|chemin|ch\.|route|rang|montée|place|impasse"
    r"|allée|croissant|promenade|terrasse|côte|cours|sentier|voie|quai|ruelle|carré|square)"
)
_STREET_EN = (
    r"(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Drive|Dr\.?|Crescent|Cres\.?"
    r"|Court|Ct\.?|Lane|Ln\.?|Way|Place|Pl\.?|Terrace|Circle|Parkway|Pkwy\.?|Highway|Hwy\.?|Trail"
    r"|Line|Sideroad|Concession|Square|Row|Gate|Heights|Grove|Path)"
)
_CIVIC = r"\b\d{1,5}[A-Z]?(?:[-–](?:\d{1,5}|[A-Z]\b))?,?"
_WORD = r"(?:[A-ZÀ-ÖØ-Ý][\w'’.]*(?:-[\w'’.]+)*|\d{1,3}(?:e|er|re|ème|st|nd|rd|th))"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,3}}"
_LINK = r"(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’]|la|le|l['’])\s*)?"
_DIRECTION = r"(?:\s+(?:Est|Ouest|Nord|Sud|East|West|North|South|[EONSW])\b)?"
# Typed in lower case: only the street types that no common phrase puts after a number
# ('1 place de libre', '3 cours de français', '2 hour drive' are no addresses).
_LOWER_WORD = r"[a-zà-öø-ÿ][\w'’]*(?:-[\w'’]+)*"
_LOWER_NAME = rf"{_LOWER_WORD}(?:\s+{_LOWER_WORD})?"
_STREET_FR_LOWER = r"(?:rue|avenue|av\.|boulevard|boul\.|chemin|ch\.|rang|montée|croissant|impasse)"
_STREET_EN_LOWER = (
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|crescent|cres|parkway|pkwy)\.?(?![\w-])"
)
_DIRECTION_LOWER = r"(?:\s+(?:est|ouest|nord|sud|east|west|north|south|[eonsw])(?![\w-]))?"
# A road number ('Concession Road 6', 'route 117'), then a unit or a rural route ('RR 2').
_ROAD_NUMBER = r"(?:\s+\d{1,3}\b)?"
_UNIT = (
    r"(?:,?\s*(?i:app\.?|apt\.?|appartement|apartment|unit|unité|suite|bureau|#|r\.?\s?r\.?"
    r"|rural\s+route)\s*#?\s*\d+[A-Z]?){0,2}"
)


class StreetAddressRecognizer(PatternRecognizer):
    """A civic number followed by a French ('rue X') or English ('X Street') street name.

    A street word without a civic number is not an address here: 'rue Laurier' names a place
    that many people share.
    """

    PATTERNS = [
        # A post-office box or a rural route is an address on its own ('PO Box 312',
        # 'case postale 45', 'Rural Route 2', 'R.R. #3'); a bare 'RR 18' may be a
        # respiratory rate, so it needs the number sign or the dots.
        Pattern(
            "box or rural route",
            r"\b(?:(?i:P\.?\s?O\.?\s?Box|post\s+office\s+box|case\s+postale)|C\.P\."
            r"|Rural\s+Route|R\.\s?R\.|RR\s?#)\s*#?\s*\d{1,6}\b",
            0.6,
        ),
        # A bare 'RR 5' followed by its town ('RR 5, Lakefield'), not by another vital sign.
        Pattern(
            "rural route before a town",
            r"\bRR\s?\d{1,2}\b(?=,?\s+[A-ZÀ-Ý][a-zà-ÿ])"
            r"(?!,?\s+(?:SpO|SaO|Sat|Temp|Pouls|Pulse|Resp|Glasgow|GCS))",
            0.6,
        ),
        Pattern(
            "french street, lower case",
            rf"{_CIVIC}\s+{_STREET_FR_LOWER}\s+(?:{_LINK}{_LOWER_NAME}|\d{{1,3}}\b){_DIRECTION_LOWER}{_UNIT}",
            0.6,
        ),
        Pattern(
            "english street, lower case",
            rf"{_CIVIC}\s+{_LOWER_NAME}\s+{_STREET_EN_LOWER}{_DIRECTION_LOWER}{_UNIT}",
            0.6,
        ),
        # One word that holds its street type ('1289 Kingsway', '40 Queensway').
        Pattern("english street in one word", rf"{_CIVIC}\s+[A-Z][a-z]+way\b{_DIRECTION}", 0.6),
        Pattern(
            "french street",
            rf"{_CIVIC}\s+{_STREET_FR}\s+(?:{_LINK}{_NAME}{_DIRECTION}|\d{{1,3}}\b){_UNIT}",
            0.6,
        ),
        Pattern(
            "english street",
            rf"{_CIVIC}\s+{_NAME}\s+{_STREET_EN}{_DIRECTION}{_ROAD_NUMBER}{_UNIT}",
            0.6,
        ),
    ]
    CONTEXT = ["adresse", "address", "domicile", "habite", "lives", "demeure"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity=ADDRESS,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=LANGUAGE,
            global_regex_flags=CASE_SENSITIVE,
        )


def format_recognizers() -> list:
    """All recognizers for identifiers that have a recognisable written form."""
    return [
        OfflineEmailRecognizer(),
        CanadianPhoneRecognizer(),
        SinRecognizer(),
        HealthCardRecognizer(),
        PostalCodeRecognizer(),
        DateOfBirthRecognizer(),
        StreetAddressRecognizer(),
    ]
