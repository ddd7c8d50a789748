"""Every URL of the project, enumerated from the resolver, refuses people outside the table.

A new view cannot escape: it is found here automatically. For each URL an anonymous visitor is
sent to sign in; an ``outsider`` (no seat anywhere) and ``other_member`` (seated only at another
table), both signed in with a second factor, get 403 or 404 on GET and on POST. Integer arguments
are filled with real ids of Sudbury's table and of a mobilised situation there.

Documented exceptions:
- ``SIGN_IN``: the sign-in, sign-out and language pages, and allauth's own pages (password,
  second factor, re-authentication), which act only on the visitor's own account;
- ``PERSONAL``: pages that list only what belongs to the person asking (home, profile, their
  tables, the directory of organisations, their notifications, their exports, and the figures
  pages, which add up only the tables the person sits at — tested in ``reports/tests``);
- ``admin:``: the Django admin, superusers only, tested in ``accounts/tests/test_mfa.py``.

The same two people are refused every action declared in the access registry, whichever app
declares it: a new rule is covered without being listed here.
"""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from maillage.accounts.testing import enrol_totp
from maillage.core.access import rules
from maillage.organizing.models import OrganizingTeam, SupportRequest
from maillage.organizing.projects import Project
from maillage.situations.tests.base import SituationTestCase

SIGN_IN = ("accounts:login", "accounts:logout", "accounts:set_language", "account_", "mfa_")
# Open without an account by design: an organisation asks for support, answers a questionnaire.
PUBLIC = ("organizing:public_request", "organizing:satisfaction")
PERSONAL = (
    "home",
    "accounts:profile",
    "tables:list",
    "organizations:list",
    "organizations:detail",
    "notifications:list",
    "notifications:read_all",
    "reports:dashboard",
    "reports:definitions",
    "reports:report",
    "reports:exports",
    "organizing:home",
    "organizing:file_request",
)
REFUSED = {403, 404, 405}


def every_url(resolver=None, namespace=None):
    """(name, converters) of every named URL pattern, recursively."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            for name, converters in every_url(pattern, inner):
                yield name, {**pattern.pattern.converters, **converters}
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, dict(pattern.pattern.converters)


def is_exempt(name: str) -> bool:
    return name.startswith(("admin:", *SIGN_IN)) or name in PERSONAL or name in PUBLIC


class EveryUrlAccessTests(SituationTestCase):
    def setUp(self):
        self.situation = self.situation_in("mobilized")
        self.urls = [(n, c) for n, c in every_url() if not is_exempt(n)]

    def fill(self, name: str, converters: dict) -> str:
        ids = {"table_pk": self.table.pk, "situation_pk": self.situation.pk}
        namespace = name.split(":")[0]
        default = self.situation.pk if namespace in {"situations", "vault"} else self.table.pk
        kwargs = {}
        for kwarg, converter in converters.items():
            if type(converter).__name__ == "IntConverter":
                kwargs[kwarg] = ids.get(kwarg, default)
            else:
                kwargs[kwarg] = "x"
        return reverse(name, kwargs=kwargs)

    def test_the_enumeration_finds_the_known_views(self):
        names = {name for name, _ in every_url()}
        for expected in ("privacy:table_audit", "tables:members", "privacy:incidents"):
            self.assertIn(expected, names)

    def test_anonymous_visitor_is_sent_to_sign_in_everywhere(self):
        login = reverse("accounts:login")
        for name, converters in self.urls:
            url = self.fill(name, converters)
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith(login))

    def subject_of(self, action: str, team: OrganizingTeam):
        """What the rule is asked about. A new subject needs its object here."""
        objects = {
            "situation": self.situation,
            "table": self.table,
            "reports": self.table,
            "meeting": self.table,
            "privacy": None,
            "organizing_team": team,
            "support_request": SupportRequest(team=team, organization=self.school),
            "project": Project(team=team),
        }
        subject = action.split(".")[0]
        self.assertIn(subject, objects, f"Say what {action!r} is asked about")
        return objects[subject]

    def test_outsider_and_member_of_another_table_hold_no_right_of_the_registry(self):
        self.assertIn("situation.view", rules.actions())
        team = OrganizingTeam.objects.create(
            organization=self.city, name_fr="Équipe", name_en="Team"
        )
        for user in (self.outsider, self.other_member):
            for action in rules.actions():
                with self.subTest(user=user.username, action=action):
                    self.assertFalse(rules.permits(user, action, self.subject_of(action, team)))

    def test_outsider_and_member_of_another_table_are_refused_everywhere(self):
        for user in (self.outsider, self.other_member):
            self.sign_in(user)
            for name, converters in self.urls:
                url = self.fill(name, converters)
                with self.subTest(user=user.username, url=url):
                    self.assertIn(self.client.get(url).status_code, REFUSED)
                    self.assertIn(self.client.post(url, {}).status_code, REFUSED)

    def test_a_seat_holder_without_a_second_factor_reaches_only_enrolment(self):
        """Every page but enrolment and sign-out, personal pages included, for GET and POST."""
        enrolment = reverse("mfa_index")
        self.client.force_login(self.coordinator)
        for name, converters in every_url():
            if name.startswith(("admin:", *SIGN_IN)) or name in PUBLIC:
                continue
            url = self.fill(name, converters)
            with self.subTest(url=url):
                for response in (self.client.get(url), self.client.post(url, {})):
                    self.assertEqual(response.status_code, 302)
                    self.assertTrue(response["Location"].startswith(enrolment))
        self.assertEqual(self.client.get(enrolment).status_code, 200)

    def test_a_session_not_verified_with_the_second_factor_is_sent_to_it_everywhere(self):
        self.sign_in(self.coordinator, mfa=False)
        enrol_totp(self.coordinator)
        step = reverse("mfa_reauthenticate")
        for name, converters in self.urls:
            url = self.fill(name, converters)
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith(step))
