from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


def _reviews(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return user is not None and bool(user.has_perm("awards.review_solution"))


def _keeps_solutions(request: HttpRequest) -> bool:
    from gealc.accounts.roles import countries_for
    from gealc.awards.rules import ACTING_ROLES

    user = getattr(request, "user", None)
    return user is not None and bool(countries_for(user, *ACTING_ROLES))


class AwardsConfig(AppConfig):
    name = "gealc.awards"
    label = "awards"
    verbose_name = _("Solutions and awards")

    def ready(self) -> None:
        from gealc.core.navigation import NavItem, Section, register, register_account
        from gealc.core.navigation import register_section as register_nav_section

        # The catalogue now, the award editions beside it once they exist: one menu in the header. The
        # countries' and the Secretariat's pages sit in the account's menu with their other tools.
        register_nav_section(Section("solutions", _("Solutions and awards"), order=60))
        register(NavItem(_("Solutions"), "awards:catalogue", order=60, section="solutions"))
        register_account(
            NavItem(_("Your country's solutions"), "awards:mine", order=13, visible=_keeps_solutions)
        )
        register_account(NavItem(_("Solutions to review"), "awards:review", order=13, visible=_reviews))

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
