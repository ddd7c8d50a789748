from django.urls import path

from . import views

app_name = "tables"
urlpatterns = [
    path("", views.table_list, name="list"),
    path("<int:pk>/", views.table_detail, name="detail"),
    path("<int:pk>/edit/", views.table_edit, name="edit"),
    path("<int:pk>/members/", views.members, name="members"),
    path("<int:pk>/members/organizations/", views.add_organization, name="add_organization"),
    path(
        "<int:pk>/members/organizations/<int:membership_pk>/",
        views.designate,
        name="designate",
    ),
    path(
        "<int:pk>/members/organizations/<int:membership_pk>/remove/",
        views.remove_organization,
        name="remove_organization",
    ),
    path("<int:pk>/members/seats/", views.add_seat, name="add_seat"),
    path("<int:pk>/members/seats/<int:seat_pk>/role/", views.change_role, name="change_role"),
    path("<int:pk>/members/seats/<int:seat_pk>/remove/", views.remove_seat, name="remove_seat"),
]
