from django.urls import path

from gealc.accounts import people

app_name = "people"

urlpatterns = [
    path("", people.people, name="list"),
    path("invite/", people.invite, name="invite"),
    path("find/", people.find, name="find"),
    path("<int:user_id>/", people.person, name="person"),
    path("<int:user_id>/grant/", people.grant, name="grant"),
    path("<int:user_id>/revoke/", people.revoke, name="revoke"),
    path("<int:user_id>/disable/", people.disable, name="disable"),
    path("<int:user_id>/enable/", people.enable, name="enable"),
]
