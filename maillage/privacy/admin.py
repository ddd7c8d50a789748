from django.contrib import admin

from .models import Incident, RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    """Read-only here: the schedule is set on the privacy pages, which enforce the minimums."""

    list_display = ["data_class", "keep_days", "updated_at", "updated_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    """Read-only here: the register is kept through the privacy pages, which audit each change."""

    list_display = ["pk", "occurred_on", "risk", "regulator_notified_on", "people_notified_on"]
    list_filter = ["risk"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
