"""What a secret election publishes: a receipt proves that a ballot was counted, never what it says, and a
lone ballot is never shown beside the country that cast it."""

import pytest
from django.test import Client

from gealc.governance.models import Ballot, Election, NetworkRules
from gealc.governance.services import (
    ballot_cast,
    candidacy_add,
    election_close,
    election_create,
    election_open,
)

VOTERS = ["URY", "BRA", "MEX", "CHL", "COL", "PER", "ARG", "DOM"]


def prepared(cast, assembly, ballot_type: str = Election.BallotType.SECRET) -> Election:
    election = election_create(
        actor=cast.secretariat, meeting=assembly, title="Authorities 2027", ballot_type=ballot_type
    )
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


def cast_all(heads, election: Election, voters: list[str]) -> dict[str, str]:
    """Each voter's ballot differs from the others, so that an order or a receipt would give it away."""
    choices = [
        {"presidency": ["DOM"], "committee-mercosur": ["URY", "BRA"]},
        {"presidency": ["URY"], "committee-mercosur": ["ARG"]},
        {"presidency": ["DOM"], "committee-mercosur": []},
        {"presidency": [], "committee-mercosur": ["BRA", "ARG"]},
        {"presidency": ["URY"], "committee-mercosur": ["URY"]},
        {"presidency": ["DOM"], "committee-mercosur": ["ARG", "URY"]},
        {"presidency": [], "committee-mercosur": ["BRA"]},
        {"presidency": ["URY"], "committee-mercosur": ["BRA", "URY"]},
    ]
    return {
        code: ballot_cast(actor=heads[code], election=election, choices=choices[index]).receipt
        for index, code in enumerate(voters)
    }


def test_secret_ballots_are_published_without_receipts_and_the_receipts_apart(cast, heads, assembly):
    election = prepared(cast, assembly)
    receipts = cast_all(heads, election, VOTERS)
    election_close(actor=cast.secretariat, election=election)

    ballots = Client().get(f"/api/v1/elections/{election.pk}/ballots", {"limit": 200}).json()["items"]
    listed = Client().get(f"/api/v1/elections/{election.pk}/receipts", {"limit": 200}).json()["items"]

    assert len(ballots) == len(VOTERS)
    assert all(set(item) == {"receipt", "country", "choices"} for item in ballots)
    assert all(item["receipt"] is None and item["country"] is None for item in ballots)
    assert [item["receipt"] for item in listed] == sorted(receipts.values())


def test_the_published_secret_ballots_follow_their_random_keys_not_their_receipts(cast, heads, assembly):
    election = prepared(cast, assembly)
    cast_all(heads, election, VOTERS)
    election_close(actor=cast.secretariat, election=election)

    ballots = Client().get(f"/api/v1/elections/{election.pk}/ballots", {"limit": 200}).json()["items"]

    stored = {}
    for ballot in Ballot.objects.filter(election=election).prefetch_related(
        "choices__contest", "choices__country"
    ):
        choices: dict[str, list[str]] = {}
        for choice in ballot.choices.all():
            choices.setdefault(choice.contest.key, []).append(choice.country.iso3)
        stored[ballot.receipt] = {key: sorted(codes) for key, codes in choices.items()}
    by_key = list(Ballot.objects.filter(election=election).order_by("pk").values_list("receipt", flat=True))

    # Every ballot here differs from the others, so the order of the list tells which is which.
    assert [item["choices"] for item in ballots] == [stored[receipt] for receipt in by_key]
    assert [item["choices"] for item in ballots] != [stored[receipt] for receipt in sorted(stored)]


def test_a_receipt_answers_only_counted_or_not_found(cast, heads, assembly):
    election = prepared(cast, assembly)
    receipts = cast_all(heads, election, VOTERS)
    election_close(actor=cast.secretariat, election=election)

    counted = Client().get(f"/api/v1/elections/{election.pk}/receipts/{receipts['URY'].lower()}")
    unknown = Client().get(f"/api/v1/elections/{election.pk}/receipts/FFFFFFFFFFFF")

    assert (counted.status_code, counted.json()) == (200, {"receipt": receipts["URY"], "status": "counted"})
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == "No ballot with this receipt was counted in this election."


def test_a_receipt_is_not_looked_up_while_voting_is_open(cast, heads, assembly):
    election = prepared(cast, assembly)
    receipts = cast_all(heads, election, VOTERS[:3])

    assert Client().get(f"/api/v1/elections/{election.pk}/receipts/{receipts['URY']}").status_code == 409


def test_the_results_page_checks_a_receipt_and_lists_the_ballots_without_it(cast, heads, assembly):
    election = prepared(cast, assembly)
    receipts = cast_all(heads, election, VOTERS)
    election_close(actor=cast.secretariat, election=election)
    page = f"/elections/{election.pk}/results/"

    counted = Client().get(page, {"receipt": receipts["BRA"]}).content.decode()
    unknown = Client().get(page, {"receipt": "FFFFFFFFFFFF"}).content.decode()

    assert f"Counted: the ballot with receipt {receipts['BRA']} is among the ballots counted." in counted
    assert "Not found: no ballot with receipt FFFFFFFFFFFF was counted in this election." in unknown
    table = counted[counted.index('id="published-ballots"') : counted.index('id="receipts"')]
    assert table.count("<tr>") == len(VOTERS) + 1
    assert not any(receipt in table for receipt in receipts.values())
    assert all(receipt in counted[counted.index('id="receipts"') :] for receipt in receipts.values())


def test_a_lone_secret_ballot_is_published_neither_by_itself_nor_beside_its_country(cast, heads, assembly):
    election = prepared(cast, assembly)
    (receipt,) = cast_all(heads, election, ["URY"]).values()

    during_api = Client().get(f"/api/v1/elections/{election.pk}").json()
    during_page = Client().get(f"/elections/{election.pk}/").content.decode()
    election_close(actor=cast.secretariat, election=election)
    after_api = Client().get(f"/api/v1/elections/{election.pk}").json()
    ballots = Client().get(f"/api/v1/elections/{election.pk}/ballots")
    listed = Client().get(f"/api/v1/elections/{election.pk}/receipts")
    results = Client().get(f"/elections/{election.pk}/results/", {"receipt": receipt}).content.decode()

    for view in (during_api, after_api):
        assert (view["voted"], view["voted_withheld"], view["min_ballots_published"]) == ([], True, 3)
    voted = during_page[during_page.index('id="participation"') :]
    assert "Not shown while fewer than 3 ballots are cast" in voted
    assert "URY" not in voted and "Uruguay" not in voted
    assert ballots.status_code == listed.status_code == 409
    assert "Fewer than 3 ballots were cast: they are not published one by one" in ballots.json()["detail"]
    assert "Fewer than 3 ballots were cast: they are not published one by one" in results
    published = results[results.index('id="published-ballots"') : results.index("</main>")]
    assert receipt not in published
    assert "<table" not in published
    assert f"Counted: the ballot with receipt {receipt}" in results


def test_from_the_minimum_on_the_countries_that_voted_are_shown(cast, heads, assembly):
    election = prepared(cast, assembly)
    cast_all(heads, election, ["URY", "BRA"])
    assert Client().get(f"/api/v1/elections/{election.pk}").json()["voted"] == []

    cast_all(heads, election, ["URY", "BRA", "MEX"][2:])

    assert Client().get(f"/api/v1/elections/{election.pk}").json()["voted"] == ["BRA", "MEX", "URY"]
    assert "Brazil, Mexico, Uruguay" in Client().get(f"/elections/{election.pk}/").content.decode()


def test_the_minimum_is_a_network_rule_the_secretariat_edits_in_the_admin(cast, heads, assembly, client):
    rules = NetworkRules.current()
    client.force_login(cast.secretariat)
    form = client.get(f"/admin/governance/networkrules/{rules.pk}/change/").content.decode()
    assert 'name="min_ballots_published"' in form
    rules.min_ballots_published = 1
    rules.save()
    election = prepared(cast, assembly)
    cast_all(heads, election, ["URY"])
    election_close(actor=cast.secretariat, election=election)

    ballots = Client().get(f"/api/v1/elections/{election.pk}/ballots").json()

    assert ballots["count"] == 1
    assert Client().get(f"/api/v1/elections/{election.pk}").json()["voted"] == ["URY"]


def test_an_open_election_publishes_even_a_lone_ballot_with_its_country(cast, heads, assembly):
    election = prepared(cast, assembly, Election.BallotType.OPEN)
    (receipt,) = cast_all(heads, election, ["URY"]).values()
    election_close(actor=cast.secretariat, election=election)

    ballots = Client().get(f"/api/v1/elections/{election.pk}/ballots").json()["items"]

    assert [(item["receipt"], item["country"]) for item in ballots] == [(receipt, "URY")]
    assert Client().get(f"/api/v1/elections/{election.pk}").json()["voted"] == ["URY"]


def test_casting_a_secret_ballot_writes_the_elections_ballots_again_under_new_keys(cast, heads, assembly):
    election = prepared(cast, assembly)
    first = ballot_cast(actor=heads["URY"], election=election, choices={"presidency": ["DOM"]})

    second = ballot_cast(actor=heads["BRA"], election=election, choices={"presidency": ["URY"]})

    stored = dict(Ballot.objects.filter(election=election).values_list("receipt", "pk"))
    assert set(stored) == {first.receipt, second.receipt}
    assert stored[first.receipt] != first.pk
    assert stored[second.receipt] == second.pk


@pytest.mark.parametrize("minimum", [0])
def test_the_minimum_cannot_be_set_below_one(minimum, db):
    from django.core.exceptions import ValidationError

    rules = NetworkRules.current()
    rules.min_ballots_published = minimum

    with pytest.raises(ValidationError, match="min_ballots_published"):
        rules.full_clean()


def test_casting_a_ballot_takes_as_many_queries_whatever_the_number_already_cast(cast, heads, assembly):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    election = prepared(cast, assembly)
    choices = {"presidency": ["DOM"], "committee-mercosur": ["URY", "BRA"]}

    def queries(code: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            ballot_cast(actor=heads[code], election=election, choices=choices)
        return len(captured.captured_queries)

    second = queries("BRA") if queries("URY") else 0
    for code in ["MEX", "CHL", "COL", "PER", "ARG"]:
        ballot_cast(actor=heads[code], election=election, choices=choices)

    assert queries("DOM") == second
    assert second <= 19  # the checks, the participation, the rewrite and the decision log
    assert Ballot.objects.filter(election=election).count() == 8
