from django import template

from maillage.organizing.models import SupportRequest, TeamMember

register = template.Library()


@register.inclusion_tag("organizing/_home_panel.html")
def organizing_panel(user) -> dict:
    """On the home page, an organiser's teams and open requests, first thing."""
    seats = list(TeamMember.objects.filter(user=user).select_related("team"))
    if not seats:
        return {"seats": []}
    mine = SupportRequest.objects.for_lists().open().filter(organiser=user)[:10]
    return {"seats": seats, "mine": mine}
