"""What the home page and the country pages show of the catalogue: the software counted and the
countries reusing them (``gealc.core.highlights``), each country's shared and reused software
(``gealc.members.activity``), the software each solution of the catalogue uses
(``gealc.awards.sections``), and the software of each working group (``gealc.groups.sections``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gealc.core.highlights import Figure, Highlights
from gealc.software.models import Adoption, Software
from gealc.software.selectors import IN_USE, country_reuse, related_software


def highlights(request: HttpRequest) -> Highlights:
    software = Software.objects.count()
    reusing = Adoption.objects.filter(IN_USE).values("country").distinct().count()
    return Highlights(
        figures=[
            Figure(
                label=ngettext("public software shared", "public software shared", software),
                value=software,
                url=reverse("software:catalogue"),
                order=70,
            ),
            Figure(
                label=ngettext(
                    "country reusing public software", "countries reusing public software", reusing
                ),
                value=reusing,
                url=reverse("software:figures"),
                order=75,
            ),
        ]
    )


def solution_software(solution: Any) -> dict[str, Any]:
    """The solution page's section: the public software it uses (left out when there is none)."""
    software = related_software(solution)
    return {"shown": bool(software), "software": software}


def group_software(group: Any) -> dict[str, Any]:
    """The working group's section: the public software whose working group it is (left out when none)."""
    software = list(group.software.select_related("country").order_by("name", "pk"))
    return {"shown": bool(software), "software": software}


def register() -> None:
    from gealc.awards.sections import SOFTWARE, SolutionSection
    from gealc.awards.sections import register as register_solution_section
    from gealc.core.highlights import register as register_highlights
    from gealc.members.activity import CountrySection
    from gealc.members.activity import register as register_section

    register_highlights("software", highlights, order=40)
    register_section(
        CountrySection(
            key="software",
            title=_("In the public-software catalogue"),
            template="software/_country_section.html",
            context=country_reuse,
            order=30,
        )
    )
    register_solution_section(
        SolutionSection(
            key=SOFTWARE,
            title=_("Public software it uses"),
            template="software/_solution_section.html",
            context=solution_software,
            order=30,
        )
    )
    from gealc.groups.sections import SOFTWARE as GROUP_SOFTWARE
    from gealc.groups.sections import GroupSection
    from gealc.groups.sections import register as register_group_section

    register_group_section(
        GroupSection(
            key=GROUP_SOFTWARE,
            title=_("Public software"),
            template="software/_solution_section.html",
            context=group_software,
            order=30,
        )
    )
