"""Solutions for the catalogue's tests, drafted through the services as a delegate would."""

from __future__ import annotations

from typing import Any

import pytest

from gealc.awards import services
from gealc.awards.models import Solution
from gealc.members.models import Country


def country(iso3: str) -> Country:
    return Country.objects.get(iso3=iso3)


def draft(actor: Any, iso3: str = "URY", name: str = "Trámites en línea", **values: Any) -> Solution:
    language = values.pop("original_language", "es")
    return services.solution_draft(
        actor=actor,
        country=country(iso3),
        name=values.pop("names", {language: name}),
        description=values.pop("description", {language: "Todos los trámites del Estado en un solo lugar."}),
        original_language=language,
        theme=values.pop("theme", "digital-services"),
        **values,
    )


def published(cast: Any, iso3: str = "URY", name: str = "Trámites en línea", **values: Any) -> Solution:
    delegate = {"URY": cast.uruguay_delegate, "BRA": cast.brazil_delegate}.get(iso3, cast.secretariat)
    solution = draft(delegate, iso3, name, **values)
    if iso3 in {"URY", "BRA"}:
        services.solution_submit(actor=delegate, solution=solution)
    else:
        Solution.objects.filter(pk=solution.pk).update(state="in_review")
        solution.refresh_from_db()
    return services.solution_publish(actor=cast.secretariat, solution=solution)


@pytest.fixture
def uruguayan_draft(cast: Any) -> Solution:
    return draft(cast.uruguay_delegate)
