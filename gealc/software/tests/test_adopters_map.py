"""The maps of the adopters: on a software's page (its owner and the countries that use it) and on the
reuse figures (the countries that reuse software of others, and those that only share their own), each
with a text alternative and a table beside it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from gealc.members.models import Country
from gealc.software import services
from gealc.software.models import Software
from gealc.software.tests.conftest import import_as, publiccode

pytestmark = pytest.mark.django_db


def svg_of(html: str, map_id: str) -> str:
    return html.split(f'aria-labelledby="{map_id}-title {map_id}-desc"', 1)[1].split("</svg>", 1)[0]


def muted(svg: str) -> set[str]:
    return {
        part.split(">")[-1] for part in svg.split("</text>") if 'class="is-muted"' in part.rsplit("<g", 1)[-1]
    }


def test_the_software_page_maps_its_owner_and_the_countries_that_use_it(client: Client, cast, token_for):
    import_as(client, token_for(cast.uruguay_delegate), publiccode())
    tramites = Software.objects.get(slug="tramites")
    country = Country.objects.get
    services.adoption_record(
        actor=cast.secretariat, software=tramites, country=country(iso3="BRA"), status="piloting"
    )
    services.adoption_record(
        actor=cast.secretariat, software=tramites, country=country(iso3="PER"), status="abandoned"
    )

    html = client.get("/software/tramites/").content.decode()

    svg = svg_of(html, "adopters-map")
    assert 'role="img" aria-labelledby="adopters-map-title adopters-map-desc"' in html
    assert svg.count("<rect") == Country.objects.members().count()
    desc = svg.split('<desc id="adopters-map-desc">', 1)[1].split("</desc>", 1)[0]
    assert "Owning country: Uruguay." in desc and "Uses it: Brazil." in desc
    assert "Peru" not in desc  # an abandoned adoption is not use
    assert {"URY", "BRA"}.isdisjoint(muted(svg)) and "PER" in muted(svg)
    section = html.split('id="adoptions-heading"', 1)[1].split("</section>", 1)[0]
    assert "<table" in section and "Abandoned" in section  # the table beside the map has every adoption


def test_the_reuse_figures_map_the_countries_that_reuse_and_those_that_only_share(client: Client, cast):
    html = client.get("/software/figures/").content.decode()

    svg = svg_of(html, "reuse-map")
    desc = svg.split('<desc id="reuse-map-desc">', 1)[1].split("</desc>", 1)[0]
    # The reference data: Chile shares SIMPLE and Simple-Lat, which Mexico, Paraguay and Uruguay use.
    assert "Reuses software of other countries: Mexico, Paraguay, Uruguay." in desc
    assert "Shares its own software only: Chile." in desc
    assert "CHL" not in muted(svg) and "BRA" in muted(svg)
    assert "Other member countries" in html  # the legend names the muted tiles
    assert html.index('id="reuse-map-title"') < html.index("<caption>")  # the table beside it


def test_the_home_page_map_is_still_coloured_by_subregion(client: Client, cast):
    svg = svg_of(client.get("/").content.decode(), "map")

    assert muted(svg) == set()
    assert "Mercosur: Argentina, Brazil, Chile, Paraguay, Uruguay." in svg


def tile_colours(svg: str) -> dict[str, str]:
    """Each tile's country code and colour."""
    return dict(
        (code, fill) for fill, code in re.findall(r'fill="(#[0-9a-f]{6})"/><text[^>]*>([A-Z]{3})<', svg)
    )


def series_colours(chart: str) -> dict[str, str]:
    """Each series of a chart and its colour, as its legend shows them."""
    colours = dict(re.findall(r"\.color-(\d)[^{]*\{stroke:(#[0-9a-f]{6})", chart))
    return {
        name: colours[index]
        for index, name in re.findall(r'class="color-(\d) reactive" /><text[^>]*>([^<]+)<', chart)
    }


def test_the_reuse_map_and_chart_give_one_meaning_one_colour_and_the_tables_order(client: Client, cast):
    html = client.get("/software/figures/").content.decode()
    chart = client.get("/software/charts/reuse.svg").content.decode()

    tiles, series = tile_colours(svg_of(html, "reuse-map")), series_colours(chart)
    assert series["Shared"] == tiles["CHL"]  # Chile shares its own software only
    assert series["Reused"] == tiles["URY"] == tiles["MEX"]  # they reuse Chile's
    assert series["Shared"] != series["Reused"]
    table = html.split("<caption>Reuse of public software per country</caption>", 1)[1].split("</table>", 1)[
        0
    ]
    listed = re.findall(r'<th scope="row"><a [^>]*>([^<]+)</a>', table)
    drawn = [
        name
        for _y, name in sorted(
            (float(y), name)
            for y, name in re.findall(r'<text x="-5" y="([\d.]+)" class="">([^<]+)</text>', chart)
        )
    ]
    assert drawn == listed == ["Chile", "Mexico", "Paraguay", "Uruguay"]  # top to bottom
