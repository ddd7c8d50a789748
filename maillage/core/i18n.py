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
