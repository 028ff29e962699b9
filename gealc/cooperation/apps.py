from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "gealc.cooperation"
    label = "cooperation"
    verbose_name = _("Horizontal Cooperation Fund")

    def ready(self) -> None:
        from gealc.core.navigation import NavItem, register

        # One entry: the delegates' work space and the Secretariat's queue are linked from the fund's page,
        # so the main navigation never marks two items as the current one.
        register(NavItem(_("Cooperation"), "cooperation:home", order=30))

        from gealc.core.opendata import Dataset
        from gealc.core.opendata import register as register_dataset

        register_dataset(
            Dataset.at(
                _("Horizontal Cooperation Fund: calls and their budgets"),
                "/api/v1/cooperation/calls",
                order=90,
            )
        )
        register_dataset(
            Dataset.at(
                _("Horizontal Cooperation Fund: requests, experts and flows between countries"),
                "/api/v1/cooperation/requests",
                "/api/v1/cooperation/experts",
                "/api/v1/cooperation/flows",
                "/api/v1/cooperation/areas",
                order=100,
            )
        )

        from gealc.cooperation.workspace import panels as workspace_panels
        from gealc.core.workspace import register as register_workspace

        register_workspace("cooperation", workspace_panels, order=10)

        from gealc.cooperation import highlights

        highlights.register()
