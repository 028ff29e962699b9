"""Charts of the fund's dashboards as SVG drawn on the server (pygal), shown as images beside tables that
carry the same figures for screen readers."""

from __future__ import annotations

from collections.abc import Sequence

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

# Colours with enough contrast on white, in the platform's blue first.
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#495057",
    colors=("#0a4fb8", "#b35900", "#2e7d32", "#6f42c1"),
    font_family="system-ui, sans-serif",
    title_font_size=18,
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
)

# An SVG shown as an image runs no script; this policy also keeps it from loading anything, while
# allowing the <style> element pygal puts inside the drawing.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    horizontal: bool = False,
    stacked: bool = False,
) -> bytes:
    kind = (
        pygal.HorizontalStackedBar
        if horizontal and stacked
        else pygal.HorizontalBar
        if horizontal
        else (pygal.StackedBar if stacked else pygal.Bar)
    )
    chart = kind(
        style=STYLE,
        title=title,
        js=[],
        show_legend=len(series) > 1,
        legend_at_bottom=True,
        x_labels=list(labels),
        print_values=False,
        height=max(300, 40 * len(labels) + 160) if horizontal else 400,
        width=800,
        no_data_text=_("No data yet"),
    )
    for name, values in series:
        chart.add(name, list(values))
    return chart.render()
