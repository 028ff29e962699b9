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


def value_axis(svg: bytes, horizontal: bool = False) -> list[str]:
    guides = svg.decode().split('class="axis x' if horizontal else 'class="axis y')[1].split("</g></g>")[0]
    return re.findall(r"<text[^>]*>([^<]+)</text>", guides)


def test_a_budget_axis_reads_in_whole_abbreviated_amounts_never_cut():
    svg = bar_chart(
        "Budget execution per call",
        ["Fund call 2026 (USD)"],
        [("Spent", [25000.0]), ("Committed", [15000.0]), ("Available", [60000.0])],
        horizontal=True,
        stacked=True,
    )

    assert value_axis(svg, horizontal=True) == ["0", "20k", "40k", "60k", "80k", "100k", "120k"]
    assert "…" not in svg.decode()


def test_amounts_under_ten_thousand_are_grouped_in_the_language_of_the_page():
    from django.utils import translation

    with translation.override("es"):
        svg = bar_chart("Presupuesto", ["Convocatoria"], [("Gastado", [4500.0])])

    assert value_axis(svg) == ["0", "1.000", "2.000", "3.000", "4.000", "5.000"]


def test_a_long_category_name_is_shown_whole():
    name = "Horizontal Cooperation Fund call 2026 (USD)"

    svg = bar_chart("Budget", [name], [("Spent", [100000.0])], horizontal=True)

    assert f">{name}</text>" in svg.decode()


def test_an_empty_chart_of_counts_gets_whole_numbers_and_a_no_data_text_that_fits_in_french():
    from django.utils import translation

    with translation.override("fr"):
        svg = bar_chart("Missions par an", [], [("Missions", [])])

    assert value_axis(svg) == ["0", "1"]
    drawing = svg.decode()
    text = re.search(r'<text x="([0-9.]+)"[^>]*class="no_data"[^>]*>([^<]+)</text>', drawing)
    size = re.search(r"text\.no_data\{[^}]*font-size:(\d+)px", drawing)
    assert text is not None and size is not None
    # Centred at x, a text of about 0.6 em a character must fit between x - width/2 and x + width/2.
    centre, words = float(text.group(1)), text.group(2)
    assert len(words) * int(size.group(1)) * 0.6 / 2 < centre


def test_counts_never_get_fractional_ticks():
    svg = bar_chart(
        "Experts", ["Uruguay", "Chile"], [("Given", [1, 0]), ("Received", [0, 1])], horizontal=True
    )

    ticks = value_axis(svg, horizontal=True)
    assert ticks == ["0", "1", "2"]


def test_a_mark_out_of_ten_is_drawn_against_ten_whatever_the_highest_mark():
    svg = bar_chart(
        "Jury's mark", ["gov.br", "Trámites"], [("Mark", [7.9, 7.7])], horizontal=True, maximum=10
    )

    labels = re.findall(
        r"<text[^>]*>([^<]+)</text>", svg.decode().split('class="axis x')[1].split("</g></g>")[0]
    )
    assert labels[0] == "0" and labels[-1] == "10"
