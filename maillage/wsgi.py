import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")
application = get_wsgi_application()


def _preload_identifier_detector() -> None:
    """Load the identifier detector as the worker starts, not at someone's first form check."""
    from django.conf import settings

    if settings.PII_PRELOAD:
        from maillage.privacy.pii import preload

        preload()


_preload_identifier_detector()
