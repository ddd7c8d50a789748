from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from maillage.accounts.decorators import mfa_required
from maillage.core.http import HtmxHttpRequest
from maillage.core.models import AuditEntry
from maillage.tables.access import get_table_for_user

from .access import can_audit_everything
from .forms import AuditTrailForm
from .trail import readable, with_names

PAGE_SIZE = 50


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
    form = AuditTrailForm(request.GET or None)
    if form.is_valid():
        entries = form.apply(entries)
    elif form.is_bound:
        entries = entries.none()
    page = Paginator(with_names(entries), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"table": table, "form": form, "page": page, "rows": readable(page.object_list)}
    template = "privacy/audit.html#results" if request.htmx else "privacy/audit.html"
    return render(request, template, context)
