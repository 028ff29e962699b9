from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import ngettext

from gealc.core import highlights
from gealc.core.i18n import columns
from gealc.core.pages import kept_for_visitors
from gealc.members.activity import sections_for
from gealc.members.models import Country, Institution, Subregion
from gealc.members.selectors import country_by_code, institution_list, subregions_with_countries
from gealc.members.tilemap import swatch_of, tile_map


@kept_for_visitors
def country_list(request: HttpRequest) -> HttpResponse:
    subregions = list(subregions_with_countries())
    others = list(Country.objects.filter(subregion__isnull=True).by_name())
    return render(
        request,
        "members/country_list.html",
        {
            "subregions": subregions,
            "members_without_subregion": [country for country in others if country.is_member],
            "non_members": [country for country in others if not country.is_member],
        },
    )


@kept_for_visitors
def country_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    country = country_by_code(iso3)
    if country is None or len(iso3) != 3:
        raise Http404("No such country")
    institutions = country.institutions.order_by("name")
    return render(
        request,
        "members/country_detail.html",
        {
            "country": country,
            "institutions": institutions,
            "sections": sections_for(country),
            "swatch": _swatch(country),
        },
    )


def _swatch(country: Country) -> str:
    """The class that colours the country's code badge like its subregion on the home page's map.
    The subregions are read for every country, with a subregion or without, so that every country page
    takes the same queries."""
    swatches = swatch_of(list(Subregion.objects.order_by("position", "code")))
    return swatches.get(country.subregion_id, "swatch-none")


@kept_for_visitors
def subregion_detail(request: HttpRequest, code: str) -> HttpResponse:
    subregion = get_object_or_404(subregions_with_countries(), code=code)
    return render(request, "members/subregion_detail.html", {"subregion": subregion})


@kept_for_visitors
def institution_list_page(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("country", "").strip().upper()
    selected = country_by_code(code) if len(code) == 3 else None
    page = Paginator(institution_list(country=selected.iso3 if selected else None), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "members/institution_list.html",
        {
            "page": page,
            "selected": selected,
            "countries": Country.objects.by_name().only("iso3", *columns(Country, "name")),
        },
    )


@kept_for_visitors
def home(request: HttpRequest) -> HttpResponse:
    """The network at a glance: its members on a map and by subregion, its figures, its presidency and
    Committee, and what is open now (the last three from the apps that record them, through
    ``gealc.core.highlights``)."""
    counts = Country.objects.aggregate(
        members=Count("pk", filter=Q(status=Country.Status.MEMBER)),
        observers=Count("pk", filter=Q(status=Country.Status.OBSERVER)),
        without_subregion=Count("pk", filter=Q(status=Country.Status.MEMBER, subregion__isnull=True)),
    )
    subregions = list(subregions_with_countries())
    members = list(Country.objects.members().select_related("subregion").by_name())
    institutions = Institution.objects.count()
    gathered = highlights.collect(request)
    figures = [
        highlights.Figure(
            label=ngettext("member country", "member countries", counts["members"]),
            value=counts["members"],
            url=reverse("members:country_list"),
            order=10,
        ),
        highlights.Figure(
            label=ngettext("institution", "institutions", institutions),
            value=institutions,
            url=reverse("members:institution_list"),
            order=20,
        ),
        *gathered.figures,
    ]
    figures.sort(key=lambda figure: figure.order)
    return render(
        request,
        "members/home.html",
        {
            "subregions": subregions,
            "counts": counts,
            "map": tile_map(subregions, members),
            "members_by_subregion": _by_subregion(subregions, members),
            "figures": figures,
            "panels": gathered.panels,
            "open_now": gathered.open_now,
        },
    )


def _by_subregion(subregions: list[Subregion], members: list[Country]) -> list[dict[str, object]]:
    """Rows of the table beside the map: each subregion with its member countries, then those without."""
    swatches = swatch_of(subregions)
    rows: list[dict[str, object]] = [
        {
            "subregion": subregion,
            "swatch": swatches[subregion.pk],
            "countries": [country for country in members if country.subregion_id == subregion.pk],
        }
        for subregion in subregions
    ]
    others = [country for country in members if country.subregion_id is None]
    if others:
        rows.append({"subregion": None, "swatch": swatches[None], "countries": others})
    return rows
