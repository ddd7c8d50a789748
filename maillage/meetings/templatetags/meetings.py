"""The table's open action items, for the table's page (which belongs to the tables app)."""

from django import template

from maillage.core.access import rules
from maillage.meetings.models import ActionItem

register = template.Library()


@register.inclusion_tag("meetings/list.html#open_actions", takes_context=True)
def open_action_items(context, table) -> dict:
    """The open action items of ``table`` for a person who follows its meetings, else none."""
    user = context["request"].user
    if not rules.permits(user, "meeting.view", table):
        return {"open_actions": None, "hidden": True}
    return {"open_actions": ActionItem.objects.of_table(table).open().for_lists()}
