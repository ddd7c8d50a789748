from django.contrib import admin

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
