from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "gealc.awards"
    label = "awards"
    verbose_name = _("Solutions and awards")

    def ready(self) -> None:
        from gealc.core.navigation import NavItem, register

        register(NavItem(_("Solutions"), "awards:catalogue", order=35))

        from gealc.core.opendata import Dataset
        from gealc.core.opendata import register as register_dataset

        register_dataset(
            Dataset.at(
                _("The catalogue of e-government solutions"),
                "/api/v1/solutions",
                "/api/v1/solutions/themes",
                "/solutions/solutions.csv",
                order=110,
            )
        )

        from gealc.awards.workspace import panels as workspace_panels
        from gealc.core.workspace import register as register_workspace

        register_workspace("awards", workspace_panels, order=30)

        from gealc.awards import highlights

        highlights.register()
