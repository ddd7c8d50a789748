from typing import NamedTuple

from django.utils.translation import get_language


def pick(fr: str, en: str) -> str:
    """The value for the active language, falling back to the other one when empty."""
    language = (get_language() or "fr").lower()
    if language.startswith("en"):
        return en or fr
    return fr or en


class BilingualName:
    """Mixin for reference data stored with fixed ``name_fr`` and ``name_en`` fields."""

    name_fr: str
    name_en: str

    @property
    def name(self) -> str:
        return pick(self.name_fr, self.name_en)


class Names(NamedTuple):
    """A name read in both languages; shown in the language active when it is shown."""

    fr: str
    en: str

    def __str__(self) -> str:
        return pick(self.fr, self.en)
