from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


def _manages_governance(request: HttpRequest) -> bool:
    # A page rendered outside a request's cycle (an e-mail sent by a command) has no user.
    user = getattr(request, "user", None)
    return user is not None and bool(user.has_perm("governance.manage"))


class GovernanceConfig(AppConfig):
    name = "gealc.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from gealc.core.navigation import NavItem, Section, register, register_account
        from gealc.core.navigation import register_section as register_nav_section

        register_nav_section(Section("governance", _("Governance"), order=30))
        register(NavItem(_("Meetings"), "governance:meeting_list", order=30, section="governance"))
        register(NavItem(_("Executive Committee"), "governance:committee", order=40, section="governance"))
        register(NavItem(_("Work plan"), "governance:workplan_current", order=50, section="governance"))
        # The Secretariat's desk for meetings, elections and work plans sits with its other tools in the
        # account's menu, so that the main navigation keeps to one line.
        register_account(
            NavItem(_("Manage governance"), "governance:manage", order=12, visible=_manages_governance)
        )

        from gealc.core.opendata import Dataset
        from gealc.core.opendata import register as register_dataset

        for dataset in (
            Dataset.at(
                _("Meetings, with attendance, resolutions and elections"), "/api/v1/meetings", order=40
            ),
            Dataset.at(_("The Executive Committee on a date"), "/api/v1/committee?date=YYYY-MM-DD", order=50),
            Dataset.at(
                _("Resolutions and their roll calls (Popolo VoteEvent)"), "/api/v1/motions/{id}", order=60
            ),
            Dataset.at(
                _("Election results and published ballots"),
                "/api/v1/elections/{id}/results",
                "/api/v1/elections/{id}/ballots",
                "/api/v1/elections/{id}/receipts",
                order=70,
            ),
            Dataset.at(_("Annual work plans and their progress"), "/api/v1/workplans/{year}", order=80),
        ):
            register_dataset(dataset)

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

        from gealc.core.workspace import register as register_workspace
        from gealc.governance.workspace import panels as workspace_panels

        register_workspace("governance", workspace_panels, order=20)

        from gealc.governance import highlights

        highlights.register()
