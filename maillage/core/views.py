from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from maillage.accounts.decorators import mfa_required
from maillage.organizations.models import Organization
from maillage.tables.models import Seat

from .forms import AuditFilterForm
from .http import AuthenticatedHttpRequest, HtmxHttpRequest
from .models import AuditEntry
from .permissions import can_audit_everything, get_table_for_user


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    seats = (
        Seat.objects.filter(user=request.user)
        .select_related("table__territory", "organization")
        .order_by("table__name_fr")
    )
    organizations = Organization.objects.of_user(request.user).select_related("sector")
    return render(request, "core/home.html", {"seats": seats, "organizations": organizations})


@mfa_required
def audit_trail(request: HtmxHttpRequest, table_pk: int | None = None) -> HttpResponse:
    """The audit trail of one table (its managers) or of everything (privacy officers)."""
    if table_pk is not None:
        table = get_table_for_user(request.user, table_pk, "table.view_audit")
        entries = AuditEntry.objects.for_table(table.pk)
    elif can_audit_everything(request.user):
        table, entries = None, AuditEntry.objects.all()
    else:
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    if form.is_valid():
        entries = form.apply(entries)
    elif form.is_bound:
        entries = entries.none()
    page = Paginator(entries.select_related("organization", "table"), 50).get_page(
        request.GET.get("page")
    )
    context = {"table": table, "form": form, "page": page}
    template = "core/audit.html#results" if request.htmx else "core/audit.html"
    return render(request, template, context)
