"""A country's profile gathers what the apps record of it: its authority and institutions from the member
registry, its seats and meetings from the governance, its missions from the fund."""

import pytest
from django.test import Client

from gealc.cooperation.tests.conftest import call, fund, roster  # noqa: F401 (fixtures)
from gealc.core.testing import queries_for
from gealc.members.models import Country


@pytest.mark.django_db
def test_a_country_profile_shows_the_missions_it_gave_and_received(client: Client, fund):  # noqa: F811
    mission = fund.mission_in("completed")

    uruguay = client.get("/countries/URY/").content.decode()
    chile = client.get("/countries/CHL/").content.decode()

    fund_section = uruguay.split('id="section-cooperation"')[1].split("</section>")[0]
    assert "In the Horizontal Cooperation Fund" in uruguay
    assert '<span class="figure-value">1</span> <span class="figure-label">missions received' in fund_section
    assert f'href="/cooperation/missions/{mission.pk}/"' in fund_section
    chile_section = chile.split('id="section-cooperation"')[1].split("</section>")[0]
    assert '<span class="figure-value">1</span> <span class="figure-label">missions with an expert sent' in (
        chile_section
    )


@pytest.mark.django_db
def test_a_country_profile_shows_its_authority_with_its_website(client: Client, reference):
    html = client.get("/countries/URY/").content.decode()

    authority = html.split('id="authority-heading"')[1].split("</section>")[0]
    assert "AGESIC" in authority
    assert ">Website: gub.uy</a>" in authority
    assert '<span class="profile-code swatch-0" aria-hidden="true">URY</span>' in html


@pytest.mark.django_db
def test_a_country_profile_takes_the_same_number_of_queries_however_many_missions(
    client: Client,
    fund,  # noqa: F811
):
    fund.mission_in("completed")
    before = queries_for(client, "/countries/URY/")

    fund.mission_in("in_progress", request=fund.request_in("matched"))

    assert queries_for(client, "/countries/URY/") == before


@pytest.mark.django_db
def test_every_country_profile_takes_the_same_number_of_queries(client: Client, reference):
    # A member with a subregion, one without, an observer, one with the secretariat's meetings.
    codes = ["URY", "BRA", "AND", "ESP", "MEX", "TTO"]
    Country.objects.filter(iso3="MEX").update(subregion=None)

    counts = {code: queries_for(client, f"/countries/{code}/") for code in codes}

    assert len(set(counts.values())) == 1, counts
