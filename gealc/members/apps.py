from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "gealc.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from gealc.core.navigation import NavItem, register

        register(NavItem(_("Countries"), "members:country_list", order=10))
        register(NavItem(_("Institutions"), "members:institution_list", order=20))
