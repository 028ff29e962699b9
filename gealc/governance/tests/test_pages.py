import datetime

import pytest
from django.test import Client

from gealc.core.testing import queries_for
from gealc.governance.models import BallotParticipation, Delegation, Meeting
from gealc.governance.services import (
    ballot_cast,
    candidacy_add,
    election_close,
    election_create,
    election_open,
    motion_create,
)
from gealc.members.models import Country


@pytest.fixture
def election(cast, heads, assembly):
    election = election_create(actor=cast.secretariat, meeting=assembly, title="Authorities 2027")
    for contest, code in [
        ("presidency", "DOM"),
        ("presidency", "URY"),
        ("committee-mercosur", "URY"),
        ("committee-mercosur", "BRA"),
        ("committee-mercosur", "ARG"),
    ]:
        candidacy_add(actor=cast.secretariat, election=election, contest_key=contest, country_code=code)
    election_open(actor=cast.secretariat, election=election)
    return election


def test_a_head_of_delegation_reviews_then_casts_the_ballot_and_gets_a_receipt(heads, election):
    client = Client()
    client.force_login(heads["URY"])
    url = f"/elections/{election.pk}/vote/"

    form = client.get(url).content.decode()
    too_many = client.post(url, {"step": "review", "contest_committee-mercosur": ["URY", "BRA", "ARG"]})
    review = client.post(
        url, {"step": "review", "contest_presidency": "DOM", "contest_committee-mercosur": ["URY", "BRA"]}
    )
    assert not BallotParticipation.objects.exists()
    receipt = client.post(
        url, {"step": "confirm", "contest_presidency": "DOM", "contest_committee-mercosur": ["URY", "BRA"]}
    )

    assert "Ballot of Uruguay" in form and "Choose up to 2." in form
    assert "Choose at most 2." in too_many.content.decode()
    assert "Once cast it cannot be changed." in review.content.decode()
    assert "Dominican Republic" in review.content.decode()
    code = receipt.context["receipt"]
    assert code in receipt.content.decode()
    assert BallotParticipation.objects.get().country.iso3 == "URY"
    assert client.get(url).status_code == 302  # voting twice is not offered


def test_someone_who_is_not_a_head_of_delegation_gets_no_ballot(cast, election):
    client = Client()
    client.force_login(cast.uruguay_delegate)

    assert client.get(f"/elections/{election.pk}/vote/").status_code == 404


def test_the_results_page_shows_counts_charts_and_the_published_ballots(cast, heads, election):
    receipts = [
        ballot_cast(actor=heads[code], election=election, choices={"presidency": ["DOM"]}).receipt
        for code in ["URY", "BRA", "MEX"]
    ]
    election_close(actor=cast.secretariat, election=election)

    html = Client().get(f"/elections/{election.pk}/results/").content.decode()
    chart = Client().get(f"/elections/{election.pk}/results/presidency.svg")

    assert "Elected: Dominican Republic" in html
    assert all(receipt in html for receipt in receipts)
    assert chart["Content-Type"] == "image/svg+xml"
    assert b"<script" not in chart.content
    assert b"Dominican Republic" in chart.content


def test_results_are_not_shown_while_voting_is_open(election):
    assert Client().get(f"/elections/{election.pk}/results/").status_code == 404


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_the_governance_pages_render_in_each_language(cast, assembly, election, language):
    motion = motion_create(
        actor=cast.secretariat,
        meeting=assembly,
        title={"en": "A motion", "fr": "Une motion"},
        original_language="en",
        rule="consensus",
    )
    for url in [
        "/meetings/",
        f"/meetings/{assembly.pk}/",
        f"/motions/{motion.pk}/",
        f"/elections/{election.pk}/",
        "/committee/",
        "/work-plan/",
    ]:
        response = Client().get(url, headers={"accept-language": language}, follow=True)
        assert response.status_code == 200, url
        assert f'<html lang="{language}">' in response.content.decode()


def test_a_country_page_shows_its_part_in_the_networks_governance(reference):
    html = Client().get("/countries/MEX/").content.decode()

    assert "In the network&#x27;s governance" in html or "In the network's governance" in html
    assert "IX Annual Meeting of RED GEALC" in html
    assert "Presidency" in html


def _meetings(count, *, start_year=2100, attended_by=(), host="DOM"):
    host_country = Country.objects.get(iso3=host)
    attendees = list(Country.objects.filter(iso3__in=attended_by))
    made = []
    for n in range(count):
        meeting = Meeting.objects.create(
            kind=Meeting.Kind.EXECUTIVE_COMMITTEE,
            ordinal=None,
            title_en=f"Committee session {start_year + n}",
            start_date=datetime.date(start_year + n, 3, 1),
            end_date=datetime.date(start_year + n, 3, 2),
            host_country=host_country,
            city_en="Santo Domingo",
        )
        Delegation.objects.bulk_create(Delegation(meeting=meeting, country=c) for c in attendees)
        made.append(meeting)
    return made


def test_the_meetings_page_shows_a_page_of_meetings_newest_first_with_page_links(reference):
    _meetings(45, start_year=2100)
    client = Client()

    html = client.get("/meetings/").content.decode()
    assert "Committee session 2144" in html
    assert "Committee session 2100" not in html
    assert html.index("Committee session 2144") < html.index("Committee session 2143")
    assert "page=2" in html

    last = client.get("/meetings/", {"page": 3}).content.decode()
    assert "Committee session 2100" in last


def test_the_meetings_page_takes_as_many_queries_whatever_the_number_of_meetings(reference):
    client = Client()
    _meetings(3, start_year=2100)
    before = queries_for(client, "/meetings/")
    _meetings(60, start_year=2200)

    assert queries_for(client, "/meetings/") == before


def test_the_meetings_page_filtered_by_a_country_lists_only_the_meetings_it_attended(reference):
    _meetings(3, start_year=2100, attended_by=["URY"])
    _meetings(2, start_year=2200, attended_by=["BRA"])

    html = Client().get("/meetings/", {"country": "ury"}).content.decode()

    assert "Committee session 2102" in html
    assert "Committee session 2200" not in html
    assert "The meetings Uruguay attended" in html
    assert Client().get("/meetings/", {"country": "XXX"}).status_code == 404


def test_a_country_page_shows_its_latest_meetings_with_the_count_and_a_link_to_the_rest(reference):
    _meetings(25, start_year=2100, attended_by=["URY"], host="URY")
    client = Client()

    html = client.get("/countries/URY/").content.decode()

    assert "Committee session 2124" in html
    assert "Committee session 2100" not in html
    assert "meetings in all" in html
    assert "/meetings/?country=URY" in html


def test_a_country_page_takes_as_many_queries_whatever_the_number_of_meetings_it_attended(reference):
    client = Client()
    _meetings(2, start_year=2100, attended_by=["URY"], host="URY")
    before = queries_for(client, "/countries/URY/")
    _meetings(40, start_year=2200, attended_by=["URY"], host="URY")

    assert queries_for(client, "/countries/URY/") == before


def test_the_results_name_each_contest_in_the_reader_s_language(cast, heads, election):
    ballot_cast(actor=heads["URY"], election=election, choices={"presidency": ["DOM"]})
    election_close(actor=cast.secretariat, election=election)

    spanish = {"accept-language": "es"}
    html = Client().get(f"/elections/{election.pk}/results/", headers=spanish)
    chart = Client().get(f"/elections/{election.pk}/results/presidency.svg", headers=spanish)

    assert '<h2 id="result-presidency" class="h4">Presidencia</h2>' in html.content.decode()
    assert b"Presidencia" in chart.content
