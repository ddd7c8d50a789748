from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.access import rules
from maillage.core.http import AuthenticatedHttpRequest, HtmxHttpRequest
from maillage.organizations.models import Organization

from . import services
from .access import get_table_for_user, role_at
from .forms import AddOrganizationForm, AddSeatForm, DesignateForm, RoleForm, TableForm
from .models import Role, Seat, Table, TableOrganization


def table_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    tables = Table.objects.of_user(request.user).select_related("territory")
    seats = {s.table_id: s for s in request.user.seats.select_related("organization")}
    rows = [(table, seats.get(table.pk)) for table in tables]
    return render(request, "tables/table_list.html", {"rows": rows})


def _members_context(request: HttpRequest, table: Table) -> dict:
    member_orgs = table.member_organizations.select_related(
        "organization__sector", "representative", "substitute"
    ).order_by("organization__name_fr")
    seats = table.seats.select_related("user", "organization").order_by(
        "role", "user__last_name", "user__first_name"
    )
    return {
        "table": table,
        "role_label": Role(role).label if (role := role_at(request.user, table)) else None,
        "role_choices": Role.choices,
        "member_orgs": member_orgs,
        "seats": seats,
        "may": rules.permissions(request.user, table, "table"),
    }


def table_detail(request: HttpRequest, pk: int) -> HttpResponse:
    table = get_table_for_user(request.user, pk, "table.view_members")
    return render(request, "tables/table_detail.html", _members_context(request, table))


def table_edit(request: HttpRequest, pk: int) -> HttpResponse:
    table = get_table_for_user(request.user, pk, "table.edit")
    form = TableForm(request.POST or None, instance=table)
    if request.method == "POST" and form.is_valid():
        services.update_table(
            table=form.save(commit=False),
            changed=form.changed_data,
            acting_user=request.user,
            request=request,
        )
        messages.success(request, _("The table was saved."))
        return redirect("tables:detail", pk=table.pk)
    return render(request, "tables/table_edit.html", {"table": table, "form": form})


def members(request: HttpRequest, pk: int) -> HttpResponse:
    table = get_table_for_user(request.user, pk, "table.manage_members")
    context = _members_context(request, table)
    context["org_form"] = AddOrganizationForm(table=table)
    context["seat_form"] = AddSeatForm(table=table)
    return render(request, "tables/members.html", context)


def _members_response(request: HtmxHttpRequest, table: Table, **forms) -> HttpResponse:
    """Full page for plain posts; only the members panel for htmx requests."""
    context = _members_context(request, table)
    context["org_form"] = forms.get("org_form") or AddOrganizationForm(table=table)
    context["seat_form"] = forms.get("seat_form") or AddSeatForm(table=table)
    status = 422 if forms else 200
    template = "tables/members.html#panel" if request.htmx else "tables/members.html"
    return render(request, template, context, status=status)


def _report(request: HttpRequest, form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@require_POST
def add_organization(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    table = get_table_for_user(request.user, pk, "table.manage_members")
    form = AddOrganizationForm(request.POST, table=table)
    if form.is_valid():
        try:
            services.add_member_organization(
                table=table, acting_user=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            _report(request, form, error)
        else:
            messages.success(request, _("The organisation now sits at the table."))
            return _members_response(request, table)
    return _members_response(request, table, org_form=form)


def designate(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    table = get_table_for_user(request.user, pk, "table.manage_members")
    membership = get_object_or_404(TableOrganization, pk=membership_pk, table=table)
    form = DesignateForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.designate(
                membership=membership,
                acting_user=request.user,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            _report(request, form, error)
        else:
            messages.success(request, _("The designation was saved."))
            return redirect("tables:members", pk=table.pk)
    status = 422 if form.errors else 200
    context = {"table": table, "membership": membership, "form": form}
    return render(request, "tables/designate.html", context, status=status)


@require_POST
def remove_organization(request: HtmxHttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    table = get_table_for_user(request.user, pk, "table.manage_members")
    membership = get_object_or_404(TableOrganization, pk=membership_pk, table=table)
    try:
        services.remove_member_organization(
            membership=membership, acting_user=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The organisation no longer sits at the table."))
    return _members_response(request, table)


@require_POST
def add_seat(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    table = get_table_for_user(request.user, pk, "table.manage_members")
    form = AddSeatForm(request.POST, table=table)
    if form.is_valid():
        try:
            services.add_seat(
                table=table, acting_user=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            _report(request, form, error)
        else:
            messages.success(request, _("The person now has a seat at the table."))
            return _members_response(request, table)
    return _members_response(request, table, seat_form=form)


@require_POST
def change_role(request: HtmxHttpRequest, pk: int, seat_pk: int) -> HttpResponse:
    table = get_table_for_user(request.user, pk, "table.manage_members")
    seat = get_object_or_404(Seat, pk=seat_pk, table=table)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role from the list."))
    else:
        try:
            services.change_role(
                seat=seat, role=form.cleaned_data["role"], acting_user=request.user, request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The role was changed."))
    return _members_response(request, table)


@require_POST
def remove_seat(request: HtmxHttpRequest, pk: int, seat_pk: int) -> HttpResponse:
    table = get_table_for_user(request.user, pk, "table.manage_members")
    seat = get_object_or_404(Seat, pk=seat_pk, table=table)
    try:
        services.remove_seat(seat=seat, acting_user=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The seat was removed."))
    return _members_response(request, table)


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's seats in force and their agencies: where each day starts."""
    seats = (
        Seat.objects.in_force()
        .filter(user=request.user)
        .select_related("table__territory", "organization")
        .order_by("table__name_fr")
    )
    organizations = Organization.objects.of_user(request.user).select_related("sector")
    return render(request, "tables/home.html", {"seats": seats, "organizations": organizations})
