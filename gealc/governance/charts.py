"""Charts of election results, drawn with the platform's charts (``core.charts``)."""

from __future__ import annotations

from typing import Any

from gealc.core.charts import bar_chart


def contest_chart(contest: dict[str, Any], names: dict[str, str]) -> bytes:
    """Votes per candidate country in one contest, the first candidate at the top, whole votes on the axis."""
    rows = list(reversed(contest["counts"]))
    return bar_chart(
        contest["label"],
        [names.get(row["country"], row["country"]) for row in rows],
        [("", [row["votes"] for row in rows])],
        horizontal=True,
        print_values=True,
        width=640,
        height=max(160, 60 + 40 * len(rows)),
    )
