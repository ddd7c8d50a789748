from django.urls import path

from . import views

app_name = "vault"
urlpatterns = [
    path("situations/<int:situation_pk>/", views.vault, name="situation"),
    path("situations/<int:situation_pk>/people/add/", views.person_add, name="person_add"),
    path(
        "situations/<int:situation_pk>/people/<int:person_pk>/",
        views.person_edit,
        name="person_edit",
    ),
    path(
        "situations/<int:situation_pk>/disclosures/add/",
        views.disclosure_add,
        name="disclosure_add",
    ),
    path("tables/<int:table_pk>/disclosures/", views.register, name="register"),
    path("tables/<int:table_pk>/repeats/", views.repeats, name="repeats"),
    path("tables/<int:table_pk>/disclosures.csv", views.register_export, name="register_export"),
]
