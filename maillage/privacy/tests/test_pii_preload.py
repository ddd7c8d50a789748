"""The web worker loads the identifier detector as it starts when PII_PRELOAD is on."""

from unittest import mock

from django.test import SimpleTestCase, override_settings

from maillage import wsgi


class PreloadTests(SimpleTestCase):
    @override_settings(PII_PRELOAD=True)
    def test_worker_start_loads_the_detector_when_asked(self):
        with mock.patch("maillage.privacy.pii.preload") as preload:
            wsgi._preload_identifier_detector()
        preload.assert_called_once_with()

    @override_settings(PII_PRELOAD=False)
    def test_worker_start_leaves_the_detector_for_later_otherwise(self):
        with mock.patch("maillage.privacy.pii.preload") as preload:
            wsgi._preload_identifier_detector()
        preload.assert_not_called()
