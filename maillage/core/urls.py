from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_trail, name="audit"),
    path("tables/<int:table_pk>/audit/", views.audit_trail, name="table_audit"),
]
