"""The home page shows the network at a glance, from every app that records it, in a fixed number of
queries."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from gealc.cooperation.tests.conftest import call  # noqa: F401 (fixture)
from gealc.core.testing import queries_for
from gealc.governance.models import CommitteeMembership, Election, Meeting
from gealc.members.models import Country, Subregion


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def meeting(ordinal: int, start: datetime.date, host: str = "URY") -> Meeting:
    return Meeting.objects.create(
        kind=Meeting.Kind.EXTRAORDINARY,
        ordinal=ordinal,
        title_en=f"Extraordinary meeting {ordinal}",
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        host_country=Country.objects.get(iso3=host),
        city_en="Montevideo",
    )


def seat(iso3: str, kind: str = CommitteeMembership.Seat.MEMBER) -> CommitteeMembership:
    country = Country.objects.select_related("subregion").get(iso3=iso3)
    return CommitteeMembership.objects.create(
        country=country,
        seat=kind,
        subregion=country.subregion if kind == CommitteeMembership.Seat.MEMBER else None,
        start_date=days(-100),
        end_date=days(200),
    )


@pytest.mark.django_db
def test_the_home_page_shows_what_is_open_now_and_who_leads_the_network(client: Client, cast, call):  # noqa: F811
    upcoming = meeting(1, days(40))
    Election.objects.create(
        meeting=upcoming, title_en="Election of the Committee 2027", status=Election.Status.OPEN
    )
    seat("DOM", CommitteeMembership.Seat.PRESIDENT)
    seat("URY")

    html = client.get("/").content.decode()

    assert "Horizontal cooperation call" in html and "Fund call open" in html
    assert "USD 20,000 available" in html
    assert "Election of the Committee 2027" in html and "Election in progress" in html
    assert "Extraordinary meeting 1" in html and "Next meeting" in html
    assert f'Closes on <time datetime="{call.closes_on.isoformat()}">' in html
    committee = html.split('id="panel-committee"')[1].split("</section>")[0]
    assert committee.index("Dominican Republic") < committee.index("Uruguay")
    assert "Presidency" in committee and "Mercosur" in committee


@pytest.mark.django_db
def test_the_home_page_counts_the_network_from_the_database(client: Client, reference):
    meeting(1, days(-400))

    response = client.get("/")

    figures = {figure.order: (figure.value, str(figure.label)) for figure in response.context["figures"]}
    assert figures[10] == (33, "member countries")
    assert figures[20][1] == "institutions" and figures[20][0] > 0
    assert figures[30] == (0, "experts on the roster")
    assert figures[40] == (0, "cooperation missions")
    assert figures[50] == (Meeting.objects.count(), "meetings of the network")
    assert "Nothing is open right now" in response.content.decode()


@pytest.mark.django_db
def test_the_home_page_shows_a_tile_per_member_country_with_a_text_alternative(client: Client, reference):
    html = client.get("/").content.decode()

    svg = html.split('<svg class="tile-map"')[1].split("</svg>")[0]
    assert 'role="img"' in svg and 'aria-labelledby="map-title map-desc"' in svg
    assert svg.count("<rect") == Country.objects.members().count()
    assert ">URY</text>" in svg and ">ESP</text>" not in svg
    desc = svg.split('<desc id="map-desc">')[1].split("</desc>")[0]
    assert "Mercosur: Argentina, Brazil, Chile, Paraguay, Uruguay." in desc


@pytest.mark.django_db
def test_a_new_member_without_a_place_on_the_grid_still_gets_a_tile(client: Client, reference):
    Country.objects.create(
        iso2="XK",
        iso3="XKX",
        name_en="Newland",
        name_es="Newland",
        name_pt="Newland",
        name_fr="Newland",
        subregion=Subregion.objects.get(code="caribbean"),
    )

    html = client.get("/").content.decode()

    assert ">XKX</text>" in html


@pytest.mark.django_db
def test_the_home_page_takes_the_same_number_of_queries_however_much_is_recorded(
    client: Client,
    cast,
    call,  # noqa: F811
):
    first = meeting(1, days(30))
    Election.objects.create(meeting=first, title_en="First election", status=Election.Status.OPEN)
    seat("DOM", CommitteeMembership.Seat.PRESIDENT)
    seat("URY")
    before = queries_for(client, "/")

    for ordinal in range(2, 6):
        later = meeting(ordinal, days(30 + ordinal))
        Election.objects.create(meeting=later, title_en=f"Election {ordinal}", status=Election.Status.OPEN)
    for iso3 in ("BRA", "PER", "COL", "MEX", "JAM"):
        seat(iso3)
    call.__class__.objects.create(
        year=call.year,
        title_en="Second call",
        budget=Decimal("1000.00"),
        opens_on=days(-1),
        closes_on=days(10),
        max_days_per_mission=5,
        max_cost_per_mission=Decimal("500.00"),
        default_per_diem=Decimal("100.00"),
    )

    assert queries_for(client, "/") == before


@pytest.mark.parametrize(("language", "shown"), [("en", "USD 20,000"), ("es", "USD 20.000")])
def test_the_open_calls_money_is_grouped_in_the_visitors_language(language, shown):
    from django.utils import translation

    from gealc.cooperation.highlights import money

    with translation.override(language):
        assert money(Decimal("20000.00"), "USD") == shown


@pytest.mark.django_db
def test_a_call_the_secretariat_closed_early_is_no_longer_shown_as_open(client: Client, cast, call):  # noqa: F811
    from gealc.cooperation import services

    services.call_close(actor=cast.secretariat, call=call)

    html = client.get("/").content.decode()

    assert "Fund call open" not in html and "Horizontal cooperation call" not in html
