from django.urls import path

from . import views

app_name = "organizing"
urlpatterns = [
    path("", views.home, name="home"),
    path("teams/<int:team_pk>/requests/", views.team_requests, name="team_requests"),
    path("teams/<int:team_pk>/ask/", views.public_request, name="public_request"),
    path("teams/<int:team_pk>/file/", views.file_request, name="file_request"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/status/", views.follow, name="follow"),
    path("requests/<int:pk>/triage/", views.triage, name="triage"),
    path("requests/<int:pk>/assign/", views.assign, name="assign"),
    path("requests/<int:pk>/activities/", views.add_activity, name="add_activity"),
    path("requests/<int:pk>/close/", views.close, name="close"),
    path("satisfaction/<str:token>/", views.satisfaction, name="satisfaction"),
]
