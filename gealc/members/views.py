from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from gealc.core.i18n import columns
from gealc.members.activity import sections_for
from gealc.members.models import Country
from gealc.members.selectors import country_by_code, institution_list, subregions_with_countries


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


def country_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    country = country_by_code(iso3)
    if country is None or len(iso3) != 3:
        raise Http404("No such country")
    institutions = country.institutions.order_by("name")
    return render(
        request,
        "members/country_detail.html",
        {"country": country, "institutions": institutions, "sections": sections_for(country)},
    )


def subregion_detail(request: HttpRequest, code: str) -> HttpResponse:
    subregion = get_object_or_404(subregions_with_countries(), code=code)
    return render(request, "members/subregion_detail.html", {"subregion": subregion})


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


def home(request: HttpRequest) -> HttpResponse:
    counts = Country.objects.aggregate(
        members=Count("pk", filter=Q(status=Country.Status.MEMBER)),
        observers=Count("pk", filter=Q(status=Country.Status.OBSERVER)),
        without_subregion=Count("pk", filter=Q(status=Country.Status.MEMBER, subregion__isnull=True)),
    )
    return render(request, "members/home.html", {"subregions": subregions_with_countries(), "counts": counts})
