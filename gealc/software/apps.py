from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SoftwareConfig(AppConfig):
    name = "gealc.software"
    label = "software"
    verbose_name = _("Public software")

    def ready(self) -> None:
        # No entry in the main navigation yet: at 1280 px it has no room left for one (it would wrap and
        # push the language switch out of the header). The catalogue is reached from the home page's
        # figures, the country pages, the workspace and the open-data page.

        from gealc.core.opendata import Dataset
        from gealc.core.opendata import register as register_dataset

        register_dataset(
            Dataset.at(_("Public software catalogue (publiccode.yml)"), "/api/v1/software", order=110)
        )

        from gealc.core.workspace import register as register_workspace
        from gealc.software.workspace import panels

        register_workspace("software", panels, order=20)

        from gealc.software import highlights

        highlights.register()
