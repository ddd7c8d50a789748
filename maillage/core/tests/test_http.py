"""Reading what a request carries: the client's address behind a proxy, ids in parameters."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, SimpleTestCase, override_settings

from maillage import settings as site_settings
from maillage.core.http import client_ip, parse_id

PROXY = override_settings(TRUSTED_PROXY_HEADER="X-Forwarded-For", TRUSTED_PROXIES=["10.0.0.0/8"])


def request(remote="10.1.2.3", **headers):
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


class ClientAddressTests(SimpleTestCase):
    def test_without_a_configured_proxy_the_connection_address_is_used(self):
        assert client_ip(request(HTTP_X_FORWARDED_FOR="203.0.113.7")) == "10.1.2.3"

    @PROXY
    def test_a_trusted_proxy_passes_the_client_address(self):
        assert client_ip(request(HTTP_X_FORWARDED_FOR="203.0.113.7")) == "203.0.113.7"

    @PROXY
    def test_addresses_the_client_wrote_before_the_proxy_are_ignored(self):
        forged = request(HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")
        assert client_ip(forged) == "203.0.113.7"

    @PROXY
    def test_the_header_is_ignored_from_anyone_but_a_trusted_proxy(self):
        assert client_ip(request("192.0.2.9", HTTP_X_FORWARDED_FOR="203.0.113.7")) == "192.0.2.9"

    @PROXY
    def test_a_header_that_is_not_an_address_is_ignored(self):
        assert client_ip(request(HTTP_X_FORWARDED_FOR="<script>")) == "10.1.2.3"

    def test_no_request_no_address(self):
        assert client_ip(None) is None


def test_a_proxy_header_without_trusted_proxies_stops_the_start(monkeypatch):
    monkeypatch.setattr(site_settings, "TRUSTED_PROXY_HEADER", "X-Real-IP")
    monkeypatch.setattr(site_settings, "TRUSTED_PROXIES", [])
    with pytest.raises(ImproperlyConfigured):
        site_settings.check_proxy_settings()


def test_a_trusted_proxy_that_is_not_an_address_stops_the_start(monkeypatch):
    monkeypatch.setattr(site_settings, "TRUSTED_PROXIES", ["proxy.example.org"])
    with pytest.raises(ImproperlyConfigured):
        site_settings.check_proxy_settings()


@pytest.mark.parametrize("value", ["1", "42", "900719925474099"])
def test_plain_ids_are_read(value):
    assert parse_id(value) == int(value)


@pytest.mark.parametrize(
    "value", ["", "²", "١٢", "12²", "-1", "+1", " 1", "1.0", "0", "01", "9" * 19, None, 3]
)
def test_anything_else_is_not_an_id(value):
    assert parse_id(value) is None
