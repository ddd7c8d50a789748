"""Pages of the identity vault. Reading always goes through the reason form first."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.accounts.decorators import mfa_required, recent_auth_required
from maillage.core.access import rules
from maillage.core.audit import log_action
from maillage.organizations.models import Organization
from maillage.tables.access import get_table_for_user, seat_at

from . import export, services
from .access import get_vault_situation_for_user
from .audit import DISCLOSURE_EXPORT, DISCLOSURE_VIEW_REGISTER
from .forms import DisclosureForm, PersonForm, ReasonForm, RepeatDecisionForm
from .models import Disclosure, PossibleRepeat, ReadReason, VaultKey, VaultPerson


def _vault_context(request: HttpRequest, situation) -> dict:
    key = VaultKey.objects.filter(situation=situation).first()
    disclosures = Disclosure.objects.filter(situation=situation).for_register()
    return {
        "situation": situation,
        "key": key,
        "people_count": VaultPerson.objects.filter(situation=situation).count(),
        "disclosures": disclosures,
        "offers": _disclosure_offers(request, situation, disclosures),
        "may": rules.permissions(request.user, situation, "situation"),
    }


def _disclosure_offers(request: HttpRequest, situation, disclosures) -> list[tuple]:
    """Each agency named, with the disclosures recorded to it: an invitation to record one."""
    seat = seat_at(request.user, situation.table)
    own = seat[1] if seat else None
    ids = situation.involved_organization_ids() - {own}
    recorded: dict[int, int] = {}
    for disclosure in disclosures:
        recorded[disclosure.recipient_organization_id] = (
            recorded.get(disclosure.recipient_organization_id, 0) + 1
        )
    organizations = Organization.objects.filter(pk__in=ids).order_by("name_fr")
    return [(org, recorded.get(org.pk, 0)) for org in organizations]


@mfa_required
@recent_auth_required
def vault(request: HttpRequest, situation_pk: int) -> HttpResponse:
    """Without a stated reason, only the reason form; with one, the people, each view audited."""
    situation = get_vault_situation_for_user(request.user, situation_pk, "situation.read_vault")
    context = _vault_context(request, situation)
    if context["key"] is not None and context["key"].is_destroyed:
        return render(request, "vault/vault.html", context)
    form = ReasonForm(
        request.POST if request.method == "POST" else None,
        initial={"reason": request.GET.get("reason", "")},
    )
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        context["shown"] = services.read_vault(
            situation=situation,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            by=request.user,
            request=request,
        )
        context["reason_label"] = ReadReason(form.cleaned_data["reason"]).label
        return render(request, "vault/vault.html", context)
    status = 422 if form.is_bound else 200
    return render(request, "vault/vault.html", context, status=status)


@mfa_required
def person_add(request: HttpRequest, situation_pk: int) -> HttpResponse:
    situation = get_vault_situation_for_user(request.user, situation_pk, "situation.write_vault")
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_person(
                situation=situation,
                role=form.cleaned_data["role"],
                identity=form.identity(),
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The person was added to the vault."))
            return redirect("vault:situation", situation_pk=situation.pk)
    status = 422 if form.errors else 200
    context = {"situation": situation, "form": form}
    return render(request, "vault/person_form.html", context, status=status)


@mfa_required
@recent_auth_required
def person_edit(request: HttpRequest, situation_pk: int, person_pk: int) -> HttpResponse:
    """Reason first, then the filled-in form (a read, audited), then the save."""
    situation = get_vault_situation_for_user(request.user, situation_pk, "situation.write_vault")
    person = get_object_or_404(VaultPerson, pk=person_pk, situation=situation)
    person.situation = situation
    reason_form = ReasonForm(request.POST if request.method == "POST" else None)
    context = {"situation": situation, "person": person, "reason_form": reason_form}
    if request.method != "POST" or not reason_form.is_valid():
        status = 422 if reason_form.is_bound else 200
        return render(request, "vault/person_form.html", context, status=status)
    if "save" in request.POST:
        return _save_person(request, situation, person, context)
    try:
        shown = services.read_vault(
            situation=situation,
            reason=reason_form.cleaned_data["reason"],
            note=reason_form.cleaned_data["note"],
            by=request.user,
            request=request,
            person_pk=person.pk,
        )
    except services.crypto.VaultLocked:
        messages.error(request, _("The vault of this situation was destroyed."))
        return redirect("vault:situation", situation_pk=situation.pk)
    context["form"] = PersonForm.for_identity(person.role, shown[0].identity)
    return render(request, "vault/person_form.html", context)


def _save_person(request: HttpRequest, situation, person, context: dict) -> HttpResponse:
    form = PersonForm(request.POST)
    context["form"] = form
    if form.is_valid():
        try:
            services.edit_person(
                person=person,
                role=form.cleaned_data["role"],
                identity=form.identity(),
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The person's details were saved."))
            url = reverse("vault:situation", kwargs={"situation_pk": situation.pk})
            return redirect(f"{url}?reason={context['reason_form'].cleaned_data['reason']}")
    return render(request, "vault/person_form.html", context, status=422)


@mfa_required
def disclosure_add(request: HttpRequest, situation_pk: int) -> HttpResponse:
    situation = get_vault_situation_for_user(request.user, situation_pk, "situation.write_vault")
    if not VaultPerson.objects.filter(situation=situation).exists():
        messages.error(request, _("Add the person at risk to the vault before recording."))
        return redirect("vault:situation", situation_pk=situation.pk)
    initial = {k: request.GET[k] for k in ("recipient_organization", "person") if k in request.GET}
    form = DisclosureForm(request.POST or None, situation=situation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_disclosure(
                situation=situation, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The disclosure was recorded in the register."))
            return redirect("vault:situation", situation_pk=situation.pk)
    status = 422 if form.errors else 200
    context = {"situation": situation, "form": form}
    return render(request, "vault/disclosure_form.html", context, status=status)


@mfa_required
def register(request: HttpRequest, table_pk: int) -> HttpResponse:
    """The disclosure register of a table: metadata only, never the vault's contents."""
    table = get_table_for_user(request.user, table_pk, "table.view_audit")
    disclosures = Disclosure.objects.of_table(table).for_register()
    page = Paginator(disclosures, 50).get_page(request.GET.get("page"))
    log_action(
        DISCLOSURE_VIEW_REGISTER,
        user=request.user,
        table=table,
        data={"page": page.number},
        request=request,
    )
    return render(request, "vault/register.html", {"table": table, "page": page})


@mfa_required
def register_export(request: HttpRequest, table_pk: int) -> HttpResponse:
    table = get_table_for_user(request.user, table_pk, "table.view_audit")
    disclosures = Disclosure.objects.of_table(table).for_register()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="disclosures-table-{table.pk}.csv"'
    count = export.write_register(response, disclosures)
    log_action(
        DISCLOSURE_EXPORT,
        user=request.user,
        table=table,
        data={"rows": count},
        request=request,
    )
    return response


def repeats(request: HttpRequest, table_pk: int) -> HttpResponse:
    """Possible repeats found in the table's vaults, for its coordinators to review."""
    table = get_table_for_user(request.user, table_pk, "table.review_repeats")
    found = PossibleRepeat.objects.of_table(table).select_related(
        "situation__table__situation_settings", "earlier__table__situation_settings"
    )
    form = RepeatDecisionForm(request.POST or None, candidates=found.pending())
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.decide_repeat(
                    candidate=form.cleaned_data["candidate"],
                    confirmed=form.cleaned_data["decision"] == "confirm",
                    by=request.user,
                    request=request,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your decision was recorded."))
                return redirect("vault:repeats", table_pk=table.pk)
        status = 422
    context = {
        "table": table,
        "pending": found.pending(),
        "decided": found.exclude(pk__in=found.pending().values("pk"))[:50],
        "form": form,
    }
    return render(request, "vault/repeats.html", context, status=status)
