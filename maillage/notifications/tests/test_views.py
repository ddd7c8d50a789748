from django.urls import reverse

from maillage.notifications.models import Kind, Notification
from maillage.tables.testing import PersonaTestCase


class NotificationPagesTests(PersonaTestCase):
    def setUp(self):
        self.mine = Notification.objects.create(
            recipient=self.member,
            kind=Kind.AGENDA,
            key="agenda:1",
            table=self.table,
            params={"date": "2025-03-04T14:30:00+00:00", "count": 3},
            url=reverse("tables:detail", args=[self.table.pk]),
        )
        self.theirs = Notification.objects.create(
            recipient=self.observer, kind=Kind.AGENDA, key="agenda:1", table=self.table
        )

    def test_the_list_shows_only_my_notices_in_my_language(self):
        self.sign_in(self.member)
        response = self.client.get(reverse("notifications:list"))
        self.assertContains(response, "(3 situations)")
        self.assertContains(response, "Table Sudbury")
        self.assertEqual(list(response.context["page"].object_list), [self.mine])

    def test_the_bell_counts_unread_notices(self):
        self.sign_in(self.member)
        response = self.client.get(reverse("notifications:list"))
        self.assertContains(response, 'class="bell-count">1<')

    def test_opening_a_notice_marks_it_read_and_follows_its_link(self):
        self.sign_in(self.member)
        response = self.client.post(
            reverse("notifications:read", args=[self.mine.pk]), {"open": "1"}
        )
        self.assertRedirects(response, self.mine.url)
        self.mine.refresh_from_db()
        self.assertIsNotNone(self.mine.read_at)

    def test_nobody_marks_someone_else_s_notice(self):
        self.sign_in(self.member)
        response = self.client.post(reverse("notifications:read", args=[self.theirs.pk]))
        self.assertEqual(response.status_code, 404)
        self.theirs.refresh_from_db()
        self.assertIsNone(self.theirs.read_at)

    def test_mark_all_read_touches_only_my_notices(self):
        self.sign_in(self.member)
        self.client.post(reverse("notifications:read_all"))
        self.assertFalse(Notification.objects.filter(recipient=self.member).unread().exists())
        self.assertTrue(Notification.objects.filter(recipient=self.observer).unread().exists())
