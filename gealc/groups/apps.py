from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "gealc.groups"
    label = "groups"
    verbose_name = _("Working groups")

    def ready(self) -> None:
        from gealc.core.navigation import NavItem, register

        # Among the network's bodies, in the governance menu: the header keeps to one line.
        register(NavItem(_("Working groups"), "groups:list", order=55, section="governance"))

        from gealc.core.opendata import Dataset
        from gealc.core.opendata import register as register_dataset

        register_dataset(
            Dataset.at(
                _("Working groups, their members and deliverables"),
                "/api/v1/groups",
                "/api/v1/groups/{slug}",
                order=115,
            )
        )

        from gealc.core.workspace import register as register_workspace
        from gealc.groups.workspace import panels

        register_workspace("groups", panels, order=40)
