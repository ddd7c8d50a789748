import csv
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.accounts.decorators import mfa_required, recent_auth_required
from maillage.core.audit import log_action
from maillage.core.models import AuditEntry
from maillage.core.spreadsheets import safe_cell

from . import audit_reports, services
from .access import require_privacy_officer
from .audit import ACCESS_REPORT_VIEW, AUDIT_SAMPLE_VIEW, INCIDENT_EXPORT, PURGE_RUN
from .audit_reports import identifying_reads
from .forms import AccessReportForm, AuditSampleForm, IncidentForm, RetentionForm
from .models import Incident, RetentionRule, regulator_for
from .retention import NEVER_PURGED, next_purge, summary
from .trail import readable, with_names


def privacy_officer_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Privacy officers only (403 to anyone else), in a session verified with a second factor."""
    guarded = mfa_required(view)

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        require_privacy_officer(request.user)
        return guarded(request, *args, **kwargs)

    return wrapped


@privacy_officer_view
def index(request: HttpRequest) -> HttpResponse:
    reads = with_names(identifying_reads().order_by("-at", "-id"))[:10]
    last_purge = AuditEntry.objects.filter(action=PURGE_RUN).order_by("-at").first()
    context = {
        "incidents": Incident.objects.all()[:5],
        "due": [i for i in Incident.objects.filter(risk="serious") if i.notifications_due],
        "reads": readable(reads),
        "last_purge": last_purge.at if last_purge else None,
        "next_purge": next_purge(last_purge.at if last_purge else None),
    }
    return render(request, "privacy/index.html", context)


@privacy_officer_view
def retention(request: HttpRequest) -> HttpResponse:
    rules = RetentionRule.objects.schedule()
    form = RetentionForm(request.POST or None, rules=rules)
    if request.method == "POST" and form.is_valid():
        for data_class, days in form.changes().items():
            services.set_retention(
                data_class=data_class, keep_days=days, by=request.user, request=request
            )
        messages.success(request, _("The retention schedule was saved."))
        return redirect("privacy:retention")
    status = 400 if form.is_bound else 200
    rows = [(rule, summary(rule.data_class), rule.data_class in NEVER_PURGED) for rule in rules]
    context = {"form": form, "rules": rules, "rows": rows}
    return render(request, "privacy/retention.html", context, status=status)


@privacy_officer_view
def incidents(request: HttpRequest) -> HttpResponse:
    page = Paginator(Incident.objects.all(), 50).get_page(request.GET.get("page"))
    return render(request, "privacy/incidents.html", {"page": page})


@privacy_officer_view
def incident_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    incident = get_object_or_404(Incident, pk=pk) if pk else None
    initial = {} if incident else {"regulator": regulator_for(request.user)}
    form = IncidentForm(request.POST or None, instance=incident, initial=initial)
    if request.method == "POST" and form.is_valid():
        if incident is None:
            services.record_incident(form=form, by=request.user, request=request)
            messages.success(request, _("The incident was recorded in the register."))
        else:
            services.edit_incident(form=form, by=request.user, request=request)
            messages.success(request, _("The incident was updated."))
        return redirect("privacy:incidents")
    status = 400 if form.is_bound else 200
    context = {"form": form, "incident": incident}
    return render(request, "privacy/incident_form.html", context, status=status)


def _cell(value) -> str:
    """A spreadsheet must not run what an incident description says (CSV formula injection)."""
    return safe_cell("" if value is None else str(value))


@privacy_officer_view
@recent_auth_required
def incidents_export(request: HttpRequest) -> HttpResponse:
    fields = ["pk", *IncidentForm.Meta.fields, "recorded_at"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="incident-register-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(fields)
    count = 0
    for incident in Incident.objects.order_by("occurred_on", "pk"):
        writer.writerow([_cell(getattr(incident, name)) for name in fields])
        count += 1
    log_action(INCIDENT_EXPORT, user=request.user, data={"rows": count}, request=request)
    return response


@privacy_officer_view
def access_report(request: HttpRequest) -> HttpResponse:
    """Who viewed a person's identity, and when: for access requests and PHIPA audits."""
    form = AccessReportForm(request.GET or None)
    entries = None
    if form.is_valid():
        entries = audit_reports.access_report(
            reference=form.cleaned_data["reference"], object_id=form.cleaned_data["object_id"]
        )
        log_action(
            ACCESS_REPORT_VIEW,
            user=request.user,
            data={
                "reference": form.cleaned_data["reference"],
                "object_id": form.cleaned_data["object_id"],
            },
            request=request,
        )
    status = 400 if form.is_bound and not form.is_valid() else 200
    rows = readable(with_names(entries)) if entries is not None else None
    context = {"form": form, "entries": entries, "rows": rows}
    return render(request, "privacy/access_report.html", context, status=status)


@privacy_officer_view
def audit_sample(request: HttpRequest) -> HttpResponse:
    """Random spot checks of identifying-data reads, narrowed to a user, agency or table."""
    form = AuditSampleForm(request.GET or None)
    entries = sample = None
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        entries = audit_reports.targeted_reads(
            user=data.get("user") or "",
            organization=data.get("organization"),
            table=data.get("table"),
            days=data.get("days") or 30,
        )
        sample = audit_reports.random_sample(with_names(entries))
        log_action(AUDIT_SAMPLE_VIEW, user=request.user, request=request)
    status = 400 if form.is_bound and not form.is_valid() else 200
    context = {
        "form": form,
        "sample": sample,
        "rows": readable(sample) if sample is not None else None,
        "total": entries.count() if entries else 0,
    }
    return render(request, "privacy/audit_sample.html", context, status=status)
