from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url

from .decorators import mfa_required


class MaillageAdminSite(admin.AdminSite):
    """Superusers only, through Maillage's own sign-in (lockout, second factor, audit)."""

    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def admin_view(self, view, cacheable=False):
        return super().admin_view(mfa_required(view), cacheable)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        if request.user.is_authenticated:
            raise PermissionDenied  # signed in, but not a superuser: no second chance here
        target = request.GET.get("next") or resolve_url("admin:index")
        return redirect_to_login(target, resolve_url(settings.LOGIN_URL))
