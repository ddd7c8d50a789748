"""Tables in the admin. Member organisations, seats and roles change only through the services
that the table's own pages use, so the admin checks the same rules and writes the same audit
entries; a change the services refuse saves nothing and is reported."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.translation import gettext as _

from maillage.core.audit import log_action

from . import services
from .audit import TABLE_CREATE
from .models import Seat, Table, TableOrganization


class TableOrganizationInline(admin.TabularInline):
    model = TableOrganization
    extra = 0


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0


@admin.register(Table)
class TableAdmin(admin.ModelAdmin):
    list_display = ["name_fr", "kind", "territory", "cadence", "is_active"]
    list_filter = ["kind", "is_active"]
    inlines = [TableOrganizationInline, SeatInline]

    def changeform_view(
        self, request: HttpRequest, object_id=None, form_url="", extra_context=None
    ):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as refused:  # the view's transaction rolled everything back
            for message in refused.messages:
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request: HttpRequest, obj: Table, form, change: bool) -> None:
        if change:
            services.update_table(
                table=obj, changed=form.changed_data, acting_user=request.user, request=request
            )
            return
        super().save_model(request, obj, form, change)
        log_action(
            TABLE_CREATE,
            user=request.user,
            obj=obj,
            table=obj,
            fields=form.changed_data,
            request=request,
        )

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if formset.model is TableOrganization:
            _save_member_organizations(request, form.instance, formset)
        elif formset.model is Seat:
            _save_seats(request, form.instance, formset)
        else:
            super().save_formset(request, form, formset, change)


def _stored(form):
    """The row as the database holds it (the form has already copied its input onto it)."""
    return type(form.instance).objects.get(pk=form.instance.pk)


def _changed_rows(formset):
    return [
        form
        for form in formset.forms
        if form.has_changed() and form not in formset.deleted_forms and form.instance.pk
    ]


def _new_rows(formset):
    return [
        form
        for form in formset.forms
        if form.has_changed() and form not in formset.deleted_forms and not form.instance.pk
    ]


def _refuse_moves(form, fields: set[str]) -> None:
    if fields & set(form.changed_data):
        raise ValidationError(_("To change who or which organisation, remove the row and add one."))


def _save_member_organizations(request: HttpRequest, table: Table, formset) -> None:
    common = {"acting_user": request.user, "request": request}
    added = [
        services.add_member_organization(
            table=table,
            organization=form.cleaned_data["organization"],
            representative=form.cleaned_data.get("representative"),
            substitute=form.cleaned_data.get("substitute"),
            **common,
        )
        for form in _new_rows(formset)
    ]
    changed = []
    for form in _changed_rows(formset):
        _refuse_moves(form, {"organization"})
        membership = services.designate(
            membership=_stored(form),
            representative=form.cleaned_data.get("representative"),
            substitute=form.cleaned_data.get("substitute"),
            **common,
        )
        changed.append((membership, form.changed_data))
    removed = [_stored(form) for form in formset.deleted_forms if form.instance.pk]
    for membership in removed:
        services.remove_member_organization(membership=membership, **common)
    _record(formset, added, changed, removed)


def _save_seats(request: HttpRequest, table: Table, formset) -> None:
    common = {"acting_user": request.user, "request": request}
    added = [
        services.add_seat(
            table=table,
            user=form.cleaned_data["user"],
            organization=form.cleaned_data["organization"],
            role=form.cleaned_data["role"],
            **common,
        )
        for form in _new_rows(formset)
    ]
    changed = []
    for form in _changed_rows(formset):
        _refuse_moves(form, {"user", "organization"})
        seat = services.change_role(seat=_stored(form), role=form.cleaned_data["role"], **common)
        changed.append((seat, form.changed_data))
    # Removing a member organisation above may already have removed its seats.
    removed = [
        gone
        for form in formset.deleted_forms
        if form.instance.pk and (gone := Seat.objects.filter(pk=form.instance.pk).first())
    ]
    for gone in removed:
        services.remove_seat(seat=gone, **common)
    _record(formset, added, changed, removed)


def _record(formset, added, changed, removed) -> None:
    """What the admin's own history message reads, as ``formset.save()`` would have set it."""
    formset.new_objects, formset.changed_objects, formset.deleted_objects = added, changed, removed
