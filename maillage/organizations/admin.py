from django.contrib import admin

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
