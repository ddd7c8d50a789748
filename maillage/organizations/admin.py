from django.contrib import admin

from maillage.tables.services import end_membership

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

    def save_formset(self, request, form, formset, change) -> None:
        """A membership made inactive or removed here ends the person's seats for the agency."""
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        ending = [
            f.instance
            for f in formset.forms
            if f.instance.pk and "is_active" in f.changed_data and not f.cleaned_data["is_active"]
        ]
        ending += [f.instance for f in formset.deleted_forms if f.instance.pk]
        for membership in ending:
            end_membership(membership=membership, acting_user=request.user, request=request)
        super().save_formset(request, form, formset, change)
