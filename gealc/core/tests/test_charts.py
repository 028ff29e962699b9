import re

from gealc.core.charts import SVG_POLICY, bar_chart, svg_response


def axis_labels(svg: bytes) -> list[str]:
    guides = svg.decode().split('class="axis y')[1].split("</g></g>")[0]
    return re.findall(r"<text[^>]*>([^<]+)</text>", guides)


def test_counts_get_whole_numbers_on_the_axis_and_the_image_runs_no_script():
    svg = bar_chart("Missions per year", ["2024", "2025"], [("Missions", [1, 2])])

    assert b"<script" not in svg
    assert axis_labels(svg) == ["0", "1", "2", "3"]


def test_a_stacked_chart_of_counts_reaches_past_the_highest_stack():
    svg = bar_chart("Requests", ["URY", "BRA"], [("Open", [3, 1]), ("Closed", [4, 0])], stacked=True)

    assert axis_labels(svg)[-1] == "8"


def test_the_image_is_served_with_a_policy_that_loads_nothing():
    response = svg_response(bar_chart("Budget", ["Call"], [("Spent", [1900.5])]))

    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Security-Policy"] == SVG_POLICY
    assert response.content.lstrip().startswith(b"<?xml")
