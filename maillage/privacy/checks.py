from django.core.checks import Error, register

from .retention import without_purger


@register()
def every_data_class_has_a_purger(app_configs, **kwargs) -> list[Error]:
    """A retention period nobody applies is a promise broken in silence: refuse to start."""
    return [
        Error(
            f"The retention schedule lists the data class {data_class!r}, but no app registers "
            "a purger for it.",
            hint="Call maillage.privacy.retention.register_purger() from the AppConfig.ready() "
            "of the app that holds this data, or keep the class on purpose in NEVER_PURGED.",
            id="privacy.E001",
        )
        for data_class in without_purger()
    ]
