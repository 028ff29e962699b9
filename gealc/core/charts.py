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
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from pygal.style import Style

# Colours with enough contrast on white (4.5:1 or more), the platform's blue first.
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1b1f24",
    foreground_strong="#0f2540",
    foreground_subtle="#4a5561",
    # The site's palette (site.css), in the order of the subregions on the home page's map.
    colors=("#0b5394", "#a14f00", "#27692b", "#00707a", "#6b3fa0"),
    font_family="'Segoe UI', system-ui, -apple-system, Roboto, 'Noto Sans', 'Liberation Sans', sans-serif",
    title_font_size=18,
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    value_font_size=13,
    # The "no data" text must fit the picture in every language ("Pas encore de données").
    no_data_font_size=22,
    opacity=".9",
    opacity_hover="1",
)

# An SVG shown as an image runs no script; this policy also keeps it from loading anything, while
# allowing the <style> element pygal puts inside the drawing.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'"

_SCRIPT = re.compile(rb"<script\b.*?</script>", re.DOTALL)


def _whole_steps(top: int) -> list[int]:
    """Axis ticks for counts: whole numbers from 0 past ``top``, about ten of them (steps of 1, 2, 5...)."""
    step = int(_nice_step(max(top, 1), 10, whole=True))
    return list(range(0, (top // step + 1) * step + 1, step))


def _nice_step(top: float, count: int, *, whole: bool = False) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that divides 0..``top`` into about ``count``."""
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        step = multiple * magnitude
        if step >= raw and (not whole or step == int(step)):
            return max(step, 1) if whole else step
    return 10 * magnitude


def _steps(top: float) -> list[float]:
    """Axis ticks for amounts: round values from 0 past ``top``, about six of them."""
    if top <= 0:
        return [0.0, 1.0]
    step = _nice_step(top, 6)
    return [step * index for index in range(0, math.floor(top / step + 1e-9) + 2)]


def _plain(value: float) -> str:
    """A number in the current language, grouped, with no decimals when it is whole."""
    decimals = 0 if float(value).is_integer() else (1 if round(value, 1) == value else 2)
    return number_format(value, decimals, use_l10n=True, force_grouping=True)


def axis_number(value: float) -> str:
    """A tick label short enough never to be cut: 100000 reads "100k" ("100 k" in French), 2500000 "2.5M"."""
    size = abs(value)
    if size >= 1_000_000:
        return pgettext("a number of millions on a chart axis", "%(number)sM") % {
            "number": _plain(value / 1e6)
        }
    if size >= 10_000:
        return pgettext("a number of thousands on a chart axis", "%(number)sk") % {
            "number": _plain(value / 1e3)
        }
    return _plain(value)


def _ticks(top: float, *, counts: bool, maximum: float | None = None) -> list[dict[str, object]]:
    ticks = [float(tick) for tick in _whole_steps(math.ceil(top))] if counts else _steps(top)
    return [
        {"value": tick, "label": axis_number(tick)} for tick in ticks if maximum is None or tick <= maximum
    ]


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
    maximum: float | None = None,
) -> bytes:
    """A bar chart of one or more named series over ``labels``, as SVG.

    The legend shows when there is more than one series. When every value is a whole number (counts),
    the value axis shows whole numbers only; other values (amounts) get round ticks in the language's
    format, abbreviated past ten thousand ("100k"), and printed values in full ("100,000"). ``maximum``
    fixes the end of the value axis (a mark out of 10 is drawn against 10, not against the highest mark).
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
        # Labels are written to fit (``axis_number``): pygal must not cut them to "1000…".
        truncate_label=-1,
        truncate_legend=-1,
        value_formatter=_plain,
    )
    values = [value for _name, row in series for value in row]
    if stacked and values:
        top = max(sum(row[i] for _name, row in series if i < len(row)) for i in range(len(labels)))
    else:
        top = max(values, default=0)
    if maximum is not None:
        top = maximum
        chart.range = (0, maximum)
    # Counts (and an empty chart) get whole-number ticks; amounts get round ticks, abbreviated.
    counts = all(isinstance(value, int) for value in values)
    ticks = _ticks(top, counts=counts)
    chart.y_labels = (
        ticks if maximum is None else [tick for tick in ticks if float(str(tick["value"])) <= maximum]
    )
    for name, row in series:
        chart.add(name, list(row))
    # pygal embeds its configuration as a script even without its JavaScript; an image needs none.
    return _SCRIPT.sub(b"", chart.render())


def svg_response(svg: bytes) -> HttpResponse:
    """An SVG image that may style itself but never run or load anything."""
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Security-Policy"] = SVG_POLICY
    return response
