from django.urls import path

from . import configure, flow_views, views

app_name = "situations"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("new/", views.create, name="create"),
    path("settings/", configure.settings_page, name="settings"),
    path("settings/<str:list_name>/add/", configure.add_to_list, name="add_item"),
    path("settings/<str:list_name>/<int:item_pk>/", configure.toggle_item, name="toggle_item"),
    path("settings/<str:list_name>/<int:item_pk>/retire/", configure.retire, name="retire_item"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/present/", views.present, name="present"),
    path("<int:pk>/decide/", flow_views.decide, name="decide"),
    path("<int:pk>/agencies/", flow_views.name_agencies, name="agencies"),
    path("<int:pk>/plan/", flow_views.plan, name="plan"),
    path("<int:pk>/plan/<int:task_pk>/status/", flow_views.task_status, name="task_status"),
    path("<int:pk>/first-contact/", flow_views.first_contact, name="first_contact"),
    path("<int:pk>/conclude/", flow_views.conclude, name="conclude"),
    path("<int:pk>/reopen/", flow_views.reopen, name="reopen"),
    path("<int:pk>/assessment/", flow_views.assess, name="assess"),
]
