"""Reference data of the catalogue: the themes of solutions and the 17 Sustainable Development Goals."""

from __future__ import annotations

from gealc.awards.models import Goal, Theme
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


def load(context: LoadContext) -> None:
    load_themes(context)
    load_goals(context)
