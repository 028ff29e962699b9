"""What the home page, the country pages and the workspace show of the catalogue: the number of
published solutions (``gealc.core.highlights``), a country's published solutions
(``gealc.members.activity``), and the solution page's related missions (``gealc.awards.sections``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gealc.awards import selectors
from gealc.awards.models import Solution
from gealc.core.highlights import Figure, Highlights
from gealc.members.models import Country

COUNTRY_SHOWN = 10


def highlights(request: HttpRequest) -> Highlights:
    count = Solution.objects.published().count()
    return Highlights(
        figures=[
            Figure(
                label=ngettext("solution in the catalogue", "solutions in the catalogue", count),
                value=count,
                url=reverse("awards:catalogue"),
                order=60,
            )
        ]
    )


def country_solutions(country: Country) -> dict[str, Any]:
    published = Solution.objects.published().filter(country=country)
    return {
        "country": country,
        "count": published.count(),
        "solutions": list(published.select_related("theme").order_by("name_key", "pk")[:COUNTRY_SHOWN]),
    }


def related_missions(solution: Solution) -> dict[str, Any]:
    missions = selectors.public_missions(solution)
    return {"shown": bool(missions), "missions": missions}


def register() -> None:
    """Plug the catalogue into the home page, the country pages and the solution pages."""
    from gealc.awards.sections import MISSIONS, SolutionSection
    from gealc.awards.sections import register as register_solution_section
    from gealc.core.highlights import register as register_highlights
    from gealc.members.activity import CountrySection
    from gealc.members.activity import register as register_section

    register_highlights("awards", highlights, order=40)
    register_section(
        CountrySection(
            key="solutions",
            title=_("In the solutions catalogue"),
            template="awards/_country_section.html",
            context=country_solutions,
            order=30,
        )
    )
    register_solution_section(
        SolutionSection(
            key=MISSIONS,
            title=_("Related cooperation missions"),
            template="awards/_missions_section.html",
            context=related_missions,
            order=40,
        )
    )
