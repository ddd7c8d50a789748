from django.contrib import admin

from .models import LegalBasis


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    """The list of legal bases offered in the disclosure form. Retire an item, never delete it."""

    list_display = ["code", "name_fr", "name_en", "table", "position", "retired_at"]
    list_filter = ["table"]
    search_fields = ["code", "name_fr", "name_en"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
