from django.contrib import admin
from django.http import HttpRequest

from maillage.core.audit import Action, log_action
from maillage.tables.services import end_membership

from .audit import MEMBERSHIP_ADD, MEMBERSHIP_EDIT, MEMBERSHIP_REMOVE
from .models import Membership, Organization, Sector, Territory


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en", "position"]


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name_fr", "acronym", "sector", "is_active"]
    list_filter = ["sector", "is_active"]
    search_fields = ["name_fr", "name_en", "acronym"]
    filter_horizontal = ["territories"]
    inlines = [MembershipInline]

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        """Who works for an organisation decides which seats they may hold: audit each change.

        A membership made inactive or removed ends the person's seats held for the agency
        (``end_membership``, audited there).
        """
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        ended = [
            f.instance
            for f in formset.forms
            if f.instance.pk and "is_active" in f.changed_data and not f.cleaned_data["is_active"]
        ]
        removed = [f.instance for f in formset.deleted_forms if f.instance.pk]
        for membership in [*ended, *removed]:
            end_membership(membership=membership, acting_user=request.user, request=request)
        # Removals are written first, while the rows still have their ids.
        for membership in removed:
            self._audit(request, MEMBERSHIP_REMOVE, membership)
        super().save_formset(request, form, formset, change)
        for added in formset.new_objects:
            self._audit(request, MEMBERSHIP_ADD, added)
        for changed, fields in formset.changed_objects:
            rest = [name for name in fields if changed not in ended or name != "is_active"]
            if rest:
                self._audit(request, MEMBERSHIP_EDIT, changed, rest)

    def _audit(self, request: HttpRequest, action: Action, membership, fields=()) -> None:
        log_action(
            action,
            user=request.user,
            obj=membership,
            organization=membership.organization,
            fields=fields,
            request=request,
        )
