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
    # The steps of elections and motions, after the pages above that share their prefixes.
    path("motions/<int:pk>/<slug:action>/", views.motion_step, name="motion_step"),
    path("elections/<int:pk>/<slug:action>/", views.election_step, name="election_step"),
]
