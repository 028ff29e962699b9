from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "gealc.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from gealc.core.navigation import NavItem, register

        register(NavItem(_("Meetings"), "governance:meeting_list", order=30))
        register(NavItem(_("Executive Committee"), "governance:committee", order=40))
        register(NavItem(_("Work plan"), "governance:workplan_current", order=50))

        from gealc.governance.selectors import country_governance
        from gealc.members.activity import CountrySection
        from gealc.members.activity import register as register_section

        register_section(
            CountrySection(
                key="governance",
                title=_("In the network's governance"),
                template="governance/_country_section.html",
                context=country_governance,
                order=10,
            )
        )
