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

        from gealc.core.opendata import Dataset
        from gealc.core.opendata import register as register_dataset

        register_dataset(
            Dataset.at(_("Subregions and their Executive Committee seats"), "/api/v1/subregions", order=10)
        )
        register_dataset(Dataset.at(_("Member and observer countries"), "/api/v1/countries", order=20))
        register_dataset(Dataset.at(_("Institutions"), "/api/v1/institutions", order=30))
