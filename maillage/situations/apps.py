from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationsConfig(AppConfig):
    name = "maillage.situations"
    label = "situations"
    verbose_name = _("Situations")

    def ready(self) -> None:
        from maillage.privacy.models import DataClass
        from maillage.privacy.retention import register_purger

        from . import access  # noqa: F401 - registers the access rules
        from .models import Situation, Task
        from .services import purge_situations

        register_purger(
            DataClass.SITUATIONS,
            purge_situations,
            summary=_("Free text of closed situations is removed; statistics stay."),
            models=[Situation, Task],
        )
