"""Reference data of the catalogue: the themes of solutions, the 17 Sustainable Development Goals, and
the historical editions of the Excellence Award with their categories (marked ``historical``)."""

from __future__ import annotations

from gealc.awards.models import Category, Edition, Goal, Phase, Theme
from gealc.core.refdata import LoadContext


def load_themes(context: LoadContext) -> None:
    seen: set[str] = set()
    for row in context.rows("solution_themes.csv", required={"code"}, optional={"position"}, texts=Theme):
        code = row.require("code").lower()
        if code in seen:
            raise row.error(f"theme {code!r} is listed twice")
        seen.add(code)
        context.upsert(
            Theme,
            lookup={"code": code},
            values={"position": row.whole("position", required=False) or 0, **row.texts(Theme)},
        )


def load_goals(context: LoadContext) -> None:
    seen: set[int] = set()
    for row in context.rows("sustainable_development_goals.csv", required={"number"}, texts=Goal):
        number = row.whole("number")
        assert number is not None
        if not 1 <= number <= 17:
            raise row.error(f"goal {number} is not one of the 17 goals")
        if number in seen:
            raise row.error(f"goal {number} is listed twice")
        seen.add(number)
        context.upsert(Goal, lookup={"number": number}, values=row.texts(Goal))


def load_editions(context: LoadContext) -> None:
    editions: dict[int, Edition] = {}
    for row in context.rows(
        "award_editions.csv", required={"year", "source"}, optional={"number"}, texts=Edition
    ):
        year = row.whole("year")
        assert year is not None
        if year in editions:
            raise row.error(f"the edition {year} is listed twice")
        existing = Edition.objects.filter(year=year).first()
        if existing is not None and not existing.historical:
            raise row.error(f"the edition {year} exists on the platform and is not historical")
        editions[year] = context.upsert(
            Edition,
            lookup={"year": year},
            values={
                "number": row.whole("number", required=False),
                "historical": True,
                "phase": Phase.ANNOUNCED,
                "original_language": "en",
                "source": row.require("source"),
                **row.texts(Edition),
            },
        )
    seen: set[tuple[int, str]] = set()
    for row in context.rows("award_categories.csv", required={"year", "code", "position"}, texts=Category):
        year = row.whole("year")
        code = row.require("code")
        if year not in editions:
            raise row.error(f"the edition {year} is not in award_editions.csv")
        if (year, code) in seen:
            raise row.error(f"the category {code!r} of {year} is listed twice")
        seen.add((year, code))
        context.upsert(
            Category,
            lookup={"edition": editions[year], "code": code},
            values={"position": row.whole("position") or 0, "original_language": "en", **row.texts(Category)},
        )


def load(context: LoadContext) -> None:
    load_themes(context)
    load_goals(context)
    load_editions(context)
