"""The value type returned by the detector and the labels it uses."""

from dataclasses import dataclass

PERSON = "PERSON"
PHONE = "PHONE"
EMAIL = "EMAIL"
ADDRESS = "ADDRESS"
POSTAL_CODE = "POSTAL_CODE"
HEALTH_CARD = "HEALTH_CARD"
SIN = "SIN"
DATE_OF_BIRTH = "DATE_OF_BIRTH"

# When two findings overlap, the more specific one wins: a number with a check digit or a
# fixed format says more than a capitalised word that spaCy took for a name.
LABELS = (EMAIL, HEALTH_CARD, SIN, PHONE, POSTAL_CODE, DATE_OF_BIRTH, ADDRESS, PERSON)

LANGUAGES = ("fr", "en")


@dataclass(frozen=True, order=True)
class Span:
    """One identifier found in a text, by character offsets into that text."""

    start: int
    end: int
    label: str
    text: str
