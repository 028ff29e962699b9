from django.urls import path

from gealc.governance import views

app_name = "governance"

urlpatterns = [
    path("meetings/", views.meeting_list_page, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_page, name="meeting"),
    path("motions/<int:pk>/", views.motion_page, name="motion"),
    path("elections/<int:pk>/", views.election_page, name="election"),
    path("elections/<int:pk>/vote/", views.ballot_page, name="ballot"),
    path("elections/<int:pk>/results/", views.results_page, name="results"),
    path("elections/<int:pk>/results/<slug:key>.svg", views.results_chart, name="results_chart"),
    path("committee/", views.committee_page, name="committee"),
    path("work-plan/", views.workplan_current, name="workplan_current"),
    path("work-plan/<int:year>/", views.workplan_page, name="workplan"),
    path("work-plan/activities/<int:pk>/progress/", views.progress_page, name="progress"),
    path("meetings/documents/<int:pk>/file", views.document_file, name="document_file"),
    # The Secretariat's pages.
    path("governance/", views.manage_page, name="manage"),
    path("governance/rules/", views.rules_page, name="rules"),
    path("meetings/new/", views.meeting_new_page, name="meeting_new"),
    path("meetings/<int:pk>/edit/", views.meeting_edit_page, name="meeting_edit"),
    path("meetings/<int:pk>/attendance/", views.attendance_page, name="attendance"),
    path("meetings/<int:pk>/agenda/", views.agenda_page, name="agenda"),
    path("meetings/agenda/<int:pk>/edit/", views.agenda_item_edit_page, name="agenda_item_edit"),
    path("meetings/<int:pk>/documents/", views.documents_page, name="documents"),
    path("meetings/<int:pk>/elections/new/", views.election_new_page, name="election_new"),
    path("meetings/<int:pk>/motions/new/", views.motion_new_page, name="motion_new"),
    path("elections/<int:pk>/candidates/", views.candidates_page, name="candidates"),
    path("motions/<int:pk>/edit/", views.motion_edit_page, name="motion_edit"),
    path("work-plan/new/", views.workplan_new_page, name="workplan_new"),
    path("work-plan/<int:year>/activities/new/", views.activity_new_page, name="activity_new"),
    path("work-plan/activities/<int:pk>/edit/", views.activity_edit_page, name="activity_edit"),
    path("work-plan/<int:year>/approve/", views.workplan_approve_page, name="workplan_approve"),
    # The steps of elections and motions, after the pages above that share their prefixes.
    path("motions/<int:pk>/<slug:action>/", views.motion_step, name="motion_step"),
    path("elections/<int:pk>/<slug:action>/", views.election_step, name="election_step"),
]
