from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "maillage.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from maillage.privacy.models import DataClass
        from maillage.privacy.retention import register_purger

        from .models import ActionItem, AgendaItem, Meeting
        from .retention import purge_minutes

        register_purger(
            DataClass.MINUTES,
            purge_minutes,
            summary=_(
                "The free text of the minutes of meetings held before the period is removed "
                "(notes, topics' summaries, action items); attendance and decisions stay."
            ),
            models=[Meeting, AgendaItem, ActionItem],
        )

        from . import access

        access.register()
