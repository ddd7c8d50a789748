from django.urls import path

from . import trail_views, views

app_name = "privacy"
urlpatterns = [
    path("", views.index, name="index"),
    path("retention/", views.retention, name="retention"),
    path("incidents/", views.incidents, name="incidents"),
    path("incidents/new/", views.incident_form, name="incident_add"),
    path("incidents/<int:pk>/", views.incident_form, name="incident_edit"),
    path("incidents/export.csv", views.incidents_export, name="incidents_export"),
    path("access-report/", views.access_report, name="access_report"),
    path("audit-sample/", views.audit_sample, name="audit_sample"),
    path("audit/", trail_views.audit_trail, name="audit"),
    path("tables/<int:table_pk>/audit/", trail_views.audit_trail, name="table_audit"),
]
