from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from maillage.core.http import AuthenticatedHttpRequest
from maillage.tables.models import Table

from .models import Organization


def organization_list(request: HttpRequest) -> HttpResponse:
    """The directory of agencies: public facts about organisations, no people."""
    organizations = Organization.objects.active().select_related("sector").order_by("name_fr")
    mine = set(Organization.objects.of_user(request.user).values_list("pk", flat=True))
    return render(
        request,
        "organizations/organization_list.html",
        {"organizations": organizations, "mine": mine},
    )


def get_organization_for_user(user, pk: int) -> Organization:
    organization = Organization.objects.select_related("sector").filter(pk=pk).first()
    if organization is None or not (organization.is_active or user.is_superuser):
        raise Http404
    return organization


def organization_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organization = get_organization_for_user(request.user, pk)
    is_member = organization.memberships.filter(user=request.user, is_active=True).exists()
    colleagues = (
        organization.memberships.filter(is_active=True, user__is_active=True).select_related("user")
        if is_member
        else None
    )
    tables = Table.objects.of_user(request.user).filter(organizations=organization)
    context = {
        "organization": organization,
        "territories": organization.territories.all(),
        "colleagues": colleagues,
        "tables": tables,
    }
    return render(request, "organizations/organization_detail.html", context)
