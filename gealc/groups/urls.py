from django.urls import path

from gealc.groups import views

app_name = "groups"

urlpatterns = [
    path("", views.group_list_page, name="list"),
    path("new/", views.group_new_page, name="new"),
    path("<slug:slug>/", views.group_detail_page, name="detail"),
    path("<slug:slug>/edit/", views.group_edit_page, name="edit"),
    path("<slug:slug>/members/", views.members_page, name="members"),
    path("<slug:slug>/members/<int:pk>/end/", views.membership_end_page, name="membership_end"),
    path("<slug:slug>/deliverables/new/", views.deliverable_new_page, name="deliverable_new"),
    path("<slug:slug>/deliverables/<int:pk>/edit/", views.deliverable_edit_page, name="deliverable_edit"),
]
