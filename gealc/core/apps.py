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

        # The pages kept for visitors are read again after any write (gealc.core.pages).
        from django.db import connections
        from django.db.backends.signals import connection_created

        from gealc.core.pages import watch_writes

        connection_created.connect(watch_writes, dispatch_uid="gealc-pages-watch-writes")
        for opened in connections.all(initialized_only=True):
            watch_writes(sender=type(opened), connection=opened)
