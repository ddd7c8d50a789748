"""Who may do what in community organising, and when.

Organisers and the manager of a team see and work the team's requests; the manager also reads
the team's figures. A requesting organisation's members see only the status of their own
organisation's requests. Each rule's *when* half asks the request's own state.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from maillage.core.access import rules

from .models import OrganizingTeam, SupportRequest, TeamMember, TeamRole
from .projects import Project

ROLES = "_maillage_organizing_roles"


def team_role(user, team_id: int) -> str | None:
    """This person's role in the team, or None; asked once per request and kept on the user."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    cache = user.__dict__.setdefault(ROLES, {})
    if team_id not in cache:
        cache[team_id] = (
            TeamMember.objects.filter(team_id=team_id, user=user)
            .values_list("role", flat=True)
            .first()
        )
    return cache[team_id]


def _in_team(user, obj) -> bool:
    team_id = obj.pk if isinstance(obj, OrganizingTeam) else obj.team_id
    return team_role(user, team_id) is not None


def _manager(user, obj) -> bool:
    team_id = obj.pk if isinstance(obj, OrganizingTeam) else obj.team_id
    return team_role(user, team_id) == TeamRole.MANAGER


def _assigned_or_manager(user, request: SupportRequest) -> bool:
    return _manager(user, request) or (_in_team(user, request) and request.organiser_id == user.pk)


def _of_requesting_organization(user, request: SupportRequest) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return user.memberships.filter(organization_id=request.organization_id, is_active=True).exists()


rules.register("organizing_team.view", who=_in_team)
rules.register("organizing_team.view_reports", who=_manager)
rules.register("support_request.view", who=_in_team)
rules.register(
    "support_request.follow", who=lambda u, r: _in_team(u, r) or _of_requesting_organization(u, r)
)
rules.register("support_request.triage", who=_in_team, when=lambda r: r.awaits_triage)
rules.register("support_request.assign", who=_in_team, when=lambda r: r.is_accompanied)
rules.register("support_request.log_activity", who=_in_team, when=lambda r: r.is_accompanied)
rules.register("support_request.close", who=_assigned_or_manager, when=lambda r: r.is_accompanied)


def get_team_for_user(user, pk: int, action: str = "organizing_team.view") -> OrganizingTeam:
    """The team, if ``user`` may take ``action``: 404 to people outside it, else 403."""
    team = OrganizingTeam.objects.select_related("organization").filter(pk=pk).first()
    if team is None or not _in_team(user, team):
        raise Http404
    if not rules.permits(user, action, team):
        raise PermissionDenied
    return team


def get_request_for_user(user, pk: int, action: str = "support_request.view") -> SupportRequest:
    """The request, if ``user`` may take ``action`` on it: 404 to outsiders, else 403."""
    found = SupportRequest.objects.for_lists().select_related("team").filter(pk=pk).first()
    if found is None or not rules.permits(user, "support_request.follow", found):
        raise Http404
    if not rules.permits(user, action, found):
        raise PermissionDenied
    return found


# --- Development projects: the team's work; every organiser of the team may carry one. ---
rules.register("project.view", who=_in_team)
rules.register("project.edit", who=_in_team)
rules.register("project.change_stage", who=_in_team)


def get_project_for_user(user, pk: int, action: str = "project.view"):
    """The project, if ``user`` may take ``action`` on it: 404 to outsiders, else 403."""
    project = Project.objects.select_related("team").filter(pk=pk).first()
    if project is None or not _in_team(user, project):
        raise Http404
    if not rules.permits(user, action, project):
        raise PermissionDenied
    return project
