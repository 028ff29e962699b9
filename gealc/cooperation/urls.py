from django.urls import path

from gealc.cooperation import views

app_name = "cooperation"

urlpatterns = [
    path("", views.home, name="home"),
    path("experts/", views.expert_list, name="expert_list"),
    path("experts/offer/", views.expert_offer, name="expert_offer"),
    path("experts/<int:pk>/validate/", views.expert_validate, name="expert_validate"),
    path("experts/<int:pk>/decline/", views.expert_decline, name="expert_decline"),
    path(
        "experts/proposals/<int:pk>/<slug:decision>/",
        views.expert_proposal_decide,
        name="expert_proposal_decide",
    ),
    path("dashboards/", views.dashboards, name="dashboards"),
    path("charts/<slug:name>.svg", views.chart, name="chart"),
    path("workspace/", views.workspace, name="workspace"),
    path("calls/", views.call_list, name="call_list"),
    path("calls/new/", views.call_new, name="call_new"),
    path("calls/<int:pk>/edit/", views.call_edit, name="call_edit"),
    path("calls/<int:pk>/close/", views.call_close, name="call_close"),
    path("queue/", views.queue, name="queue"),
    path("requests/new/", views.request_new, name="request_new"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/edit/", views.request_edit, name="request_edit"),
    path("requests/<int:pk>/matching/", views.matching, name="matching"),
    path("requests/<int:pk>/missions/new/", views.mission_new, name="mission_new"),
    path("requests/<int:pk>/<slug:action>/", views.request_action, name="request_action"),
    path("missions/<int:pk>/", views.mission_detail, name="mission_detail"),
    path("missions/<int:pk>/reports/<slug:kind>/", views.mission_report, name="mission_report"),
    path("missions/<int:pk>/<slug:action>/", views.mission_action, name="mission_action"),
]
