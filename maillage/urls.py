from django.contrib import admin
from django.urls import include, path

from maillage.core import errors
from maillage.tables.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("maillage.accounts.urls")),
    # allauth after ours: /accounts/login/ and /accounts/logout/ stay Maillage's views.
    path("accounts/", include("allauth.urls")),
    path("organizations/", include("maillage.organizations.urls")),
    path("tables/", include("maillage.tables.urls")),
    path("vault/", include("maillage.vault.urls")),
    path("tables/<int:table_pk>/situations/", include("maillage.situations.urls")),
    path("tables/<int:table_pk>/meetings/", include("maillage.meetings.urls")),
    path("notifications/", include("maillage.notifications.urls")),
    path("privacy/", include("maillage.privacy.urls")),
    path("reports/", include("maillage.reports.urls")),
    path("organizing/", include("maillage.organizing.urls")),
    path("admin/", admin.site.urls),
]

handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
