from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from maillage.notifications.services import notify_due


class Command(BaseCommand):
    help = "Notify tasks due and mobilizations without first contact in time (run it hourly)."

    def handle(self, *args, **options) -> None:
        counts = notify_due()
        self.stdout.write(
            _("%(task_due)s task notices and %(overdue)s overdue notices sent.") % counts
        )
