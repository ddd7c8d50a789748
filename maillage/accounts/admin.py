from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Maillage", {"fields": ("language", "is_privacy_officer")}),
    )
    list_display = ["username", "first_name", "last_name", "is_active", "is_privacy_officer"]
