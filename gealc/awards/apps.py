from typing import Any

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


def _judges(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return user is not None and bool(user.has_perm("awards.judge"))


def _catalogue_changed(**kwargs: Any) -> None:
    """A solution, or something its rows show, was written: the kept pages of the catalogue are read
    again (at once for the rest of this transaction, and after it commits for every process)."""
    from gealc.awards.selectors import CATALOGUE
    from gealc.core.figures import changed

    changed(CATALOGUE, at_once=True)


class AwardsConfig(AppConfig):
    name = "gealc.awards"
    label = "awards"
    verbose_name = _("Solutions and awards")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from gealc.awards.models import Edition, Solution, Submission, Theme, TieDecision
        from gealc.cooperation.models import Mission
        from gealc.members.models import Country, Institution, Subregion

        # An edition's phase and its submissions' results make the award facet.
        for model in (
            Solution,
            Theme,
            Country,
            Subregion,
            Institution,
            Mission,
            Edition,
            Submission,
            TieDecision,
        ):
            uid = f"awards-catalogue-{model._meta.label}"
            post_save.connect(_catalogue_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(_catalogue_changed, sender=model, dispatch_uid=f"{uid}-gone")
        for through in (Solution.goals.through, Solution.missions.through):
            m2m_changed.connect(
                _catalogue_changed, sender=through, dispatch_uid=f"awards-catalogue-{through}"
            )

        from gealc.core.navigation import NavItem, Section, register, register_account
        from gealc.core.navigation import register_section as register_nav_section

        # The catalogue and the award editions: one menu in the header. The
        # countries' and the Secretariat's pages sit in the account's menu with their other tools.
        register_nav_section(Section("solutions", _("Solutions"), order=60))
        register(NavItem(_("Catalogue of solutions"), "awards:catalogue", order=60, section="solutions"))
        register(NavItem(_("Excellence Award"), "awards:editions", order=61, section="solutions"))
        register_account(
            NavItem(_("Your country's solutions"), "awards:mine", order=13, visible=_keeps_solutions)
        )
        register_account(NavItem(_("Solutions to review"), "awards:review", order=13, visible=_reviews))
        register_account(NavItem(_("Your evaluations"), "awards:evaluations", order=14, visible=_judges))

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

        from gealc.awards.edition_views import award_history
        from gealc.awards.sections import AWARD_HISTORY, SolutionSection
        from gealc.awards.sections import register as register_solution_section

        register_solution_section(
            SolutionSection(
                AWARD_HISTORY,
                _("Excellence Award"),
                "awards/editions/_award_history.html",
                award_history,
                order=20,
            )
        )

        from gealc.awards import highlights

        highlights.register()
