"""A schematic map of the member countries: one square tile per country, placed roughly where the
country lies in the Americas and coloured by its subregion.

There is no geographic data on the server (and none is needed): the tiles are a cartogram on a grid, so
every country, however small, gets a tile of the same size with its ISO 3166 code on it. A country
without a place on the grid (a new member, a member outside the Americas) gets one in a row below.

``tile_map`` colours the tiles by subregion (the home page); ``marked_map`` colours those of the countries
that do something (adopt a software, say) and mutes the others. Both are drawn by
``members/_tile_map.html``, whose text alternative lists the countries of each entry of the legend.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise

from gealc.members.models import Country, Subregion

# (column, row) of each country on the grid, north at the top, the Caribbean islands to the east.
PLACES: dict[str, tuple[int, int]] = {
    "CAN": (1, 0),
    "MEX": (0, 1),
    "BHS": (5, 1),
    "GTM": (1, 2),
    "BLZ": (2, 2),
    "CUB": (4, 1),
    "JAM": (4, 2),
    "HTI": (5, 2),
    "DOM": (6, 2),
    "KNA": (8, 2),
    "ATG": (9, 2),
    "SLV": (1, 3),
    "HND": (2, 3),
    "DMA": (9, 3),
    "NIC": (2, 4),
    "LCA": (9, 4),
    "BRB": (10, 4),
    "CRI": (2, 5),
    "PAN": (3, 5),
    "TTO": (7, 5),
    "GRD": (8, 5),
    "VCT": (9, 5),
    "COL": (4, 6),
    "VEN": (5, 6),
    "GUY": (6, 6),
    "SUR": (7, 6),
    "ECU": (3, 7),
    "PER": (4, 7),
    "BRA": (5, 7),
    "CHL": (3, 8),
    "BOL": (4, 8),
    "PRY": (5, 8),
    "ARG": (4, 9),
    "URY": (5, 9),
}
COLUMNS = 11

# Fill colours of the subregions in their order, each with 4.5:1 or more for the white code on the tile;
# the last one is for members without a subregion.
COLOURS = ("#0b5394", "#a14f00", "#27692b", "#00707a", "#6b3fa0", "#7b3f98")
NO_SUBREGION = "#5a6570"
# The tiles of the countries a marked map leaves out: light, with a dark code (``.is-muted`` in site.css).
MUTED = "#dee2e6"

TILE = 52
GAP = 6
STEP = TILE + GAP


@dataclass(frozen=True)
class Tile:
    iso3: str
    name: str
    x: int
    y: int
    colour: str
    subregion: str
    muted: bool = False


@dataclass(frozen=True)
class TileMap:
    tiles: list[Tile]
    width: int
    height: int
    legend: list[dict[str, object]]
    tile: int = TILE


def colour_of(subregions: Sequence[Subregion]) -> dict[int | None, str]:
    colours: dict[int | None, str] = {
        subregion.pk: COLOURS[index % len(COLOURS)] for index, subregion in enumerate(subregions)
    }
    colours[None] = NO_SUBREGION
    return colours


def swatch_of(subregions: Sequence[Subregion]) -> dict[int | None, str]:
    """The CSS class that shows each subregion's colour in a page (``swatch-<n>`` in site.css)."""
    swatches: dict[int | None, str] = {
        subregion.pk: f"swatch-{index % len(COLOURS)}" for index, subregion in enumerate(subregions)
    }
    swatches[None] = "swatch-none"
    return swatches


def _layout(countries: Iterable[Country]) -> tuple[list[tuple[Country, int, int]], int]:
    """The member countries with their (column, row), and how many rows the grid takes."""
    placed: list[tuple[Country, int, int]] = []
    unplaced: list[Country] = []
    for country in countries:
        if not country.is_member:
            continue
        if country.iso3 in PLACES:
            column, row = PLACES[country.iso3]
            placed.append((country, column, row))
        else:
            unplaced.append(country)
    rows = max((row for _c, _x, row in placed), default=-1) + 1
    for index, country in enumerate(sorted(unplaced, key=lambda c: c.iso3)):
        placed.append((country, index % COLUMNS, rows + 1 + index // COLUMNS))
    return placed, max((row for _c, _x, row in placed), default=-1) + 1


def _size(height_rows: int) -> dict[str, int]:
    return {"width": COLUMNS * STEP - GAP, "height": max(height_rows, 1) * STEP - GAP}


def tile_map(subregions: Sequence[Subregion], countries: Iterable[Country]) -> TileMap:
    """The member countries laid out on the grid; ``countries`` with their subregion selected."""
    colours = colour_of(subregions)
    swatches = swatch_of(subregions)
    names = {subregion.pk: subregion.name for subregion in subregions}
    placed, height_rows = _layout(countries)
    tiles = [
        Tile(
            iso3=country.iso3,
            name=country.name,
            x=column * STEP,
            y=row * STEP,
            colour=colours.get(country.subregion_id, NO_SUBREGION),
            subregion=names.get(country.subregion_id, "") if country.subregion_id else "",
        )
        for country, column, row in placed
    ]
    legend: list[dict[str, object]] = [
        {
            "name": subregion.name,
            "swatch": swatches[subregion.pk],
            "code": subregion.code,
            "countries": [country.name for country, _x, _y in placed if country.subregion_id == subregion.pk],
        }
        for subregion in subregions
    ]
    others = [country.name for country, _x, _y in placed if country.subregion_id is None]
    if others:
        legend.append({"name": None, "swatch": swatches[None], "code": "", "countries": others})
    return TileMap(tiles=tiles, legend=legend, **_size(height_rows))


def marked_map(
    countries: Iterable[Country],
    marks: Mapping[str, int],
    labels: Sequence[str | Promise],
    *,
    others: str | Promise,
) -> TileMap:
    """The member countries laid out on the grid, each country of ``marks`` (ISO alpha-3 code → index
    into ``labels``, at most six) in the colour of its mark and the others muted. The legend has one
    entry per label, with its countries, then ``others`` (without them: the text alternative names
    only the marked countries)."""
    placed, height_rows = _layout(countries)
    tiles = [
        Tile(
            iso3=country.iso3,
            name=country.name,
            x=column * STEP,
            y=row * STEP,
            colour=COLOURS[marks[country.iso3]] if country.iso3 in marks else MUTED,
            subregion="",
            muted=country.iso3 not in marks,
        )
        for country, column, row in placed
    ]
    legend: list[dict[str, object]] = [
        {
            "name": label,
            "swatch": f"swatch-{index}",
            "code": "",
            "countries": sorted(
                (str(country.name) for country, _x, _y in placed if marks.get(country.iso3) == index),
            ),
        }
        for index, label in enumerate(labels)
    ]
    legend.append({"name": others, "swatch": "swatch-muted", "code": "", "countries": []})
    return TileMap(tiles=tiles, legend=legend, **_size(height_rows))
