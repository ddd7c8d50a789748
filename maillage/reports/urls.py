from django.urls import path

from . import export_views, views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("unsuppressed/", views.unsuppressed, name="unsuppressed"),
    path("definitions/", views.definitions, name="definitions"),
    path("report/", views.report, name="report"),
    path("charts/<str:token>.svg", views.chart, name="chart"),
    path("download/<slug:key>.<str:fmt>", views.download, name="download"),
    path("tables/<int:table_pk>/narrative/", views.narrative, name="narrative"),
    path("exports/", export_views.exports_page, name="exports"),
    path("exports/new/", export_views.create, name="export_create"),
    path("exports/provincial/", export_views.create_provincial, name="export_provincial"),
    path("exports/<int:pk>/", export_views.status, name="export_status"),
    path("exports/<int:pk>/download/", export_views.download, name="export_download"),
]
