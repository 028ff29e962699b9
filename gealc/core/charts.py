"""Charts drawn on the server as SVG images (pygal), in one palette for the whole platform.

Pages show each chart as an image beside a table that carries the same figures, for screen readers and
for copying. The images run no script and load nothing (``SVG_POLICY``): no CDN, nothing to block.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import pygal
from django.http import HttpResponse
from django.utils.translation import gettext as _
from pygal.style import Style

# Colours with enough contrast on white (4.5:1 or more), the platform's blue first.
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#495057",
    colors=("#0a4fb8", "#b35900", "#2e7d32", "#6f42c1", "#00838f"),
    font_family="system-ui, sans-serif",
    title_font_size=18,
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    value_font_size=13,
)

# An SVG shown as an image runs no script; this policy also keeps it from loading anything, while
# allowing the <style> element pygal puts inside the drawing.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'"

_SCRIPT = re.compile(rb"<script\b.*?</script>", re.DOTALL)


def _whole_steps(top: int) -> list[int]:
    """Axis labels for counts: whole numbers from 0 past ``top``, about ten of them."""
    step = max(1, math.ceil(top / 10))
    return list(range(0, top + step + 1, step))


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    horizontal: bool = False,
    stacked: bool = False,
    print_values: bool = False,
    width: int = 800,
    height: int | None = None,
) -> bytes:
    """A bar chart of one or more named series over ``labels``, as SVG.

    The legend shows when there is more than one series. When every value is a whole number (counts),
    the value axis shows whole numbers only.
    """
    kind = (
        pygal.HorizontalStackedBar
        if horizontal and stacked
        else pygal.HorizontalBar
        if horizontal
        else (pygal.StackedBar if stacked else pygal.Bar)
    )
    if height is None:
        height = max(300, 40 * len(labels) + 160) if horizontal else 400
    chart = kind(
        style=STYLE,
        title=title,
        js=[],
        show_legend=len(series) > 1,
        legend_at_bottom=True,
        x_labels=list(labels),
        print_values=print_values,
        height=height,
        width=width,
        no_data_text=_("No data yet"),
    )
    values = [value for _name, row in series for value in row]
    if values and all(isinstance(value, int) for value in values):
        if stacked:
            top = max(sum(row[i] for _name, row in series if i < len(row)) for i in range(len(labels)))
        else:
            top = max(values)
        chart.y_labels = _whole_steps(int(top))
    for name, row in series:
        chart.add(name, list(row))
    # pygal embeds its configuration as a script even without its JavaScript; an image needs none.
    return _SCRIPT.sub(b"", chart.render())


def svg_response(svg: bytes) -> HttpResponse:
    """An SVG image that may style itself but never run or load anything."""
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Security-Policy"] = SVG_POLICY
    return response
