"""Charts of results, drawn on the server as SVG images (no script, no CDN)."""

from __future__ import annotations

import re
from typing import Any

import pygal
from pygal.style import Style

_SCRIPT = re.compile(rb"<script\b.*?</script>", re.DOTALL)

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#495057",
    colors=("#0a4fb8", "#b35c00", "#2e7d32", "#6a1b9a", "#00838f"),
    font_family="sans-serif",
)


def contest_chart(contest: dict[str, Any], names: dict[str, str]) -> bytes:
    chart = pygal.HorizontalBar(
        style=STYLE,
        js=[],
        show_legend=False,
        width=640,
        height=max(160, 60 + 40 * len(contest["counts"])),
        print_values=True,
        disable_xml_declaration=False,
        title=contest["label"],
    )
    rows = list(reversed(contest["counts"]))
    top = max((row["votes"] for row in rows), default=0)
    step = max(1, -(-top // 10))
    chart.y_labels = list(range(0, top + step + 1, step))  # whole votes on the axis
    chart.x_labels = [names.get(row["country"], row["country"]) for row in rows]
    chart.add("", [row["votes"] for row in rows])
    # pygal always embeds its configuration as a script; an image needs none.
    return _SCRIPT.sub(b"", chart.render())
