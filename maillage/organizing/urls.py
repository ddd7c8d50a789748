from django.urls import path

from . import project_views, views

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
    path("teams/<int:team_pk>/projects/", project_views.project_list, name="projects"),
    path("teams/<int:team_pk>/projects/new/", project_views.project_create, name="project_new"),
    path("projects/<int:pk>/", project_views.project_detail, name="project"),
    path("projects/<int:pk>/stage/", project_views.project_stage, name="project_stage"),
    path("projects/<int:pk>/answers/", project_views.project_answers, name="project_answers"),
    path("projects/<int:pk>/partners/", project_views.project_partner, name="project_partner"),
    path("projects/<int:pk>/funding/", project_views.project_funding, name="project_funding"),
    path("projects/<int:pk>/logic/", project_views.project_logic, name="project_logic"),
    path(
        "projects/<int:pk>/indicators/", project_views.project_indicator, name="project_indicator"
    ),
    path("indicators/<int:pk>/", project_views.indicator_detail, name="indicator"),
    path("indicators/<int:pk>/values/", project_views.indicator_value, name="indicator_value"),
    path("indicators/<int:pk>/import/", project_views.indicator_import, name="indicator_import"),
]
