from django.urls import path

from gealc.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("tokens/", views.token_new, name="token_new"),
    path("tokens/<int:token_id>/revoke/", views.token_delete, name="token_revoke"),
    path("data.json", views.data_export, name="data_export"),
    path("erasure/", views.erasure, name="erasure"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:notification_id>/read/", views.notification_read, name="notification_read"),
]
