from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


def _may_open_the_admin(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.has_perm("core.access_admin"))


class CoreConfig(AppConfig):
    name = "gealc.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from gealc.core.navigation import NavItem, register_account

        register_account(NavItem(_("Administration"), "admin:index", order=10, visible=_may_open_the_admin))
