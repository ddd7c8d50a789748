from django import template

from ..models import Notification

register = template.Library()


@register.simple_tag
def unread_notifications(user) -> int:
    """How many notices this person has not read yet (shown next to the bell)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.of(user).unread().count()
