from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SoftwareConfig(AppConfig):
    name = "gealc.software"
    label = "software"
    verbose_name = _("Public software")

    def ready(self) -> None:
        from gealc.core.navigation import NavItem, Section, register
        from gealc.core.navigation import register_section as register_nav_section

        # The catalogue and its reuse figures: one menu in the header.
        register_nav_section(Section("software", _("Software"), order=70))
        register(NavItem(_("Software catalogue"), "software:catalogue", order=70, section="software"))
        register(NavItem(_("Reuse by country"), "software:figures", order=71, section="software"))

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
