"""Build the identifier detector's lexicon (given names, surnames, common words, places)."""

from django.core.management.base import BaseCommand

from maillage.privacy.pii.lexicon import INDEX, build


class Command(BaseCommand):
    help = (
        "Build the compact index of names, common words and places that the identifier detector "
        "reads (run at deploy time; the detector builds it on first load otherwise)."
    )

    def handle(self, *args: object, **options: object) -> None:
        sizes = build()
        counts = ", ".join(f"{kind} {count}" for kind, count in sizes.items())
        self.stdout.write(f"{INDEX}: {counts}")
