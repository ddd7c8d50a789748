from django.http import HttpResponse
from django.shortcuts import render

from maillage.organizations.models import Organization
from maillage.tables.models import Seat

from .http import AuthenticatedHttpRequest


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    seats = (
        Seat.objects.in_force()
        .filter(user=request.user)
        .select_related("table__territory", "organization")
        .order_by("table__name_fr")
    )
    organizations = Organization.objects.of_user(request.user).select_related("sector")
    return render(request, "core/home.html", {"seats": seats, "organizations": organizations})
