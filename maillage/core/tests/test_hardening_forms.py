"""Random and malicious input posted to every form: a clear answer, never a 500, nothing written.

The forms are discovered from the URL resolver (every URL that answers a signed-in manager's GET
with a page containing a POST form), so a new form is covered without being listed. Field names
come from the page; values are drawn by Hypothesis: oversized text, wrong types, injection
strings, control characters and unicode edge cases. A request that is refused (an error status, or
the form shown again with its errors) must leave every table of the database exactly as it was.
"""

import html
import re

from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from maillage.core.tests.test_every_url_access import every_url, is_exempt
from maillage.situations.tests.base import SituationTestCase

# Tables that change on any request and say nothing about what a form did.
VOLATILE = {"django_session"}
INJECTIONS = [
    "' OR 1=1 --",
    "'; DROP TABLE accounts_user; --",
    "<script>alert(1)</script>",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "../../etc/passwd",
    '=HYPERLINK("http://x")',
    "%s%s%s%n",
    "${jndi:ldap://x/a}",
]
EDGES = ["\x00", "\u202e", "\ufeff", "\u0301" * 50, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "🧑‍🤝‍🧑" * 20, "İı", "\r\n\t"]
VALUES = st.one_of(
    st.sampled_from(INJECTIONS),
    st.sampled_from(EDGES),
    st.text(max_size=40),
    st.text(min_size=5000, max_size=6000, alphabet="aé\x00<'"),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(
        ["", "-1", "0", "1e309", "NaN", "2026-02-30", "9999-99-99", "true", "[]", "{}"]
    ),
)
FORM = re.compile(r"<form([^>]*method=\"post\"[^>]*)>(.*?)</form>", re.S | re.I)
# How a page says a form was refused (core/form.html): the request must then have changed nothing.
ERROR_MARK = re.compile(r'class="(form-errors|field field-error|error)"')
ACTION = re.compile(r"action=\"([^\"]*)\"")
NAME = re.compile(r"name=\"([^\"]+)\"")


CHECKSUM = (
    "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t"
)


def table_checksums() -> dict[str, str]:
    with connection.cursor() as cursor:
        sums = {}
        for table in connection.introspection.table_names():
            if table in VOLATILE:
                continue
            quoted = connection.ops.quote_name(table)
            # Table names come from the database itself.
            cursor.execute(CHECKSUM.format(table=quoted))
            sums[table] = cursor.fetchone()
        return sums


class EveryFormTests(SituationTestCase, HypothesisTestCase):
    def setUp(self):
        self.situation = self.situation_in("mobilized")
        self.forms = self.discover()

    def poster(self, name: str):
        return self.privacy_officer if name.startswith("privacy:") else self.coordinator

    def discover(self) -> list[tuple[str, str, list[str]]]:
        from maillage.core.tests.test_every_url_access import EveryUrlAccessTests

        fill = EveryUrlAccessTests.fill
        found = []
        header = {reverse("accounts:set_language"), reverse("accounts:logout")}
        for name, converters in every_url():
            if is_exempt(name):
                continue
            url = fill(self, name, converters)
            self.sign_in(self.poster(name))
            response = self.client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for attributes, body in FORM.findall(response.content.decode()):
                action = ACTION.search(attributes)
                target = action[1] if action and action[1] else url
                if target in header:
                    continue  # the header's language switch and sign-out, tested on their own
                fields = sorted(set(NAME.findall(body)) - {"csrfmiddlewaretoken"})
                found.append((name, html.unescape(target), fields))
        return found

    def test_discovery_finds_forms(self):
        names = {name for name, _, _ in self.forms}
        self.assertIn("privacy:incident_add", names)
        self.assertIn("tables:members", names)

    @settings(
        max_examples=100,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(data=st.data())
    def test_hostile_input_gets_a_clear_answer_and_changes_nothing(self, data):
        name, url, fields = data.draw(st.sampled_from(self.forms), label="form")
        payload = {
            field: data.draw(st.one_of(VALUES, st.lists(VALUES, max_size=3)), label=field)
            for field in fields
        }
        payload |= data.draw(st.dictionaries(st.sampled_from(["zz", "id", "pk"]), VALUES))
        self.sign_in(self.poster(name))
        before = table_checksums()
        response = self.client.post(url, payload)
        self.assertLess(response.status_code, 500, (url, payload))
        refused = response.status_code >= 400 or ERROR_MARK.search(response.content.decode())
        if refused:
            self.assertIn(response.status_code, {200, 400, 403, 404, 405, 409, 422}, url)
            self.assertEqual(table_checksums(), before, (url, payload))
