from django.urls import path

from . import live, minutes_views, views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.create, name="create"),
    path("schedule/", views.schedule, name="schedule"),
    path("<int:pk>/", views.agenda_page, name="agenda"),
    path("<int:pk>/refresh/", views.refresh, name="refresh"),
    path("<int:pk>/items/add/", views.add_item, name="add_item"),
    path("<int:pk>/items/topic/", views.add_topic, name="add_topic"),
    path("<int:pk>/items/", views.edit_items, name="edit_items"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/start/", views.start, name="start"),
    path("<int:pk>/live/", live.live, name="live"),
    path("<int:pk>/live/state/", live.state, name="state"),
    path("<int:pk>/live/attendance/", live.attendance, name="attendance"),
    path("<int:pk>/live/<int:situation_pk>/decide/", live.decide, name="decide"),
    path("<int:pk>/live/<int:situation_pk>/agencies/", live.name_agencies, name="agencies"),
    path("<int:pk>/live/<int:situation_pk>/next-step/", live.next_step, name="next_step"),
    path("<int:pk>/live/notes/<int:item_pk>/", live.notes, name="notes"),
    path("<int:pk>/live/topics/<int:item_pk>/summary/", live.summary, name="summary"),
    path("<int:pk>/live/topics/<int:item_pk>/actions/", live.add_action, name="add_action"),
    path("<int:pk>/live/follow-up/", live.follow_up, name="follow_up"),
    path("<int:pk>/live/close/", live.close, name="close"),
    path("<int:pk>/minutes/", minutes_views.minutes_page, name="minutes"),
    path("<int:pk>/minutes/print/", minutes_views.minutes_print, name="minutes_print"),
    path("<int:pk>/minutes.pdf", minutes_views.minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/minutes/publish/", minutes_views.publish, name="publish_minutes"),
]
