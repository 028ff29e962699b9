from django.contrib import admin
from django.urls import include, path

from gealc.accounts import views as accounts_views
from gealc.api import api
from gealc.core import views as core_views
from gealc.core.pages import kept_api
from gealc.members import views as members_views

urlpatterns = [
    path("", members_views.home, name="home"),
    path("open-data/", core_views.open_data, name="open_data"),
    path(
        "history/<str:app_label>/<str:model_name>/<int:pk>/", core_views.record_history, name="record_history"
    ),
    path("", include("gealc.members.urls")),
    path("", include("gealc.governance.urls")),
    path("cooperation/", include("gealc.cooperation.urls")),
    path("solutions/", include("gealc.awards.urls")),
    path("software/", include("gealc.software.urls")),
    path("groups/", include("gealc.groups.urls")),
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    path("workspace/", accounts_views.workspace, name="workspace"),
    path("people/", include("gealc.accounts.people_urls")),
    path("accounts/me/", include("gealc.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", kept_api(api.urls)),
]

# A body over DATA_UPLOAD_MAX_MEMORY_SIZE reaches Django's 400 handler; this one answers it as a 413.
handler400 = "gealc.core.views.bad_request"
handler403 = "gealc.core.views.permission_denied"
handler404 = "gealc.core.views.page_not_found"
handler500 = "gealc.core.views.server_error"
