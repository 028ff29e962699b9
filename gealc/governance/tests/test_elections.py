"""Elections end to end through the API, as the Secretariat and the heads of delegation run them."""

from collections import Counter

from django.test import Client

from gealc.core.audit import verify_chain
from gealc.core.models import DecisionEvent
from gealc.governance.models import Ballot, BallotParticipation, Election
from gealc.governance.services import participants_set


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(user, url: str, body: dict | None = None):
    return as_user(user).post(url, body or {}, content_type="application/json")


CANDIDATES = {
    "presidency": ["DOM", "URY", "CHL"],
    "committee-mercosur": ["URY", "BRA", "ARG"],
    "committee-andean": ["COL", "PER"],
    "committee-mesoamerica": ["DOM", "MEX", "CRI"],
    "committee-caribbean": ["JAM", "BRB", "TTO"],
}


def prepare(cast, assembly, ballot: str = "secret") -> int:
    created = post(
        cast.secretariat,
        "/api/v1/elections",
        {
            "meeting": assembly.pk,
            "title": {"en": "Authorities 2027"},
            "original_language": "en",
            "ballot": ballot,
        },
    )
    assert created.status_code == 201, created.content
    election_id = created.json()["id"]
    for contest, countries in CANDIDATES.items():
        for code in countries:
            response = post(
                cast.secretariat,
                f"/api/v1/elections/{election_id}/candidates",
                {"contest": contest, "country": code},
            )
            assert response.status_code == 201, response.content
    assert post(cast.secretariat, f"/api/v1/elections/{election_id}/open").status_code == 200
    return election_id


def cast_ballots(heads, election_id: int, ballots: dict[str, dict[str, list[str]]]) -> dict[str, str]:
    receipts = {}
    for code, choices in ballots.items():
        response = post(heads[code], f"/api/v1/elections/{election_id}/ballots", {"choices": choices})
        assert response.status_code == 201, (code, response.content)
        receipts[code] = response.json()["receipt"]
    return receipts


def ballot(
    president: str, mercosur=("URY", "BRA"), andean=("COL", "PER"), meso=("DOM", "MEX"), carib=("JAM", "BRB")
):
    return {
        "presidency": [president],
        "committee-mercosur": list(mercosur),
        "committee-andean": list(andean),
        "committee-mesoamerica": list(meso),
        "committee-caribbean": list(carib),
    }


VOTERS = [
    "ARG",
    "BRA",
    "CHL",
    "PRY",
    "URY",
    "BOL",
    "COL",
    "ECU",
    "PER",
    "CRI",
    "DOM",
    "SLV",
    "GTM",
    "MEX",
    "PAN",
    "BHS",
    "BRB",
    "JAM",
    "TTO",
    "GUY",
]


def test_the_default_election_has_the_presidency_and_two_seats_per_subregion(cast, assembly):
    created = post(
        cast.secretariat,
        "/api/v1/elections",
        {"meeting": assembly.pk, "title": {"en": "Authorities 2027"}, "original_language": "en"},
    ).json()

    assert [(c["key"], c["seats"], c["subregion"]) for c in created["contests"]] == [
        ("presidency", 1, None),
        ("committee-mercosur", 2, "mercosur"),
        ("committee-andean", 2, "andean"),
        ("committee-mesoamerica", 2, "mesoamerica"),
        ("committee-caribbean", 2, "caribbean"),
    ]
    assert sum(c["seats"] for c in created["contests"][1:]) == 8


def test_a_full_secret_election_from_candidacies_to_the_committee(cast, heads, assembly):
    election_id = prepare(cast, assembly, "secret")
    ballots = {code: ballot("DOM" if index < 12 else "URY") for index, code in enumerate(VOTERS)}
    ballots["CHL"] = ballot("CHL", mercosur=("ARG",), andean=(), carib=("TTO", "JAM"))
    receipts = cast_ballots(heads, election_id, ballots)

    during = Client().get(f"/api/v1/elections/{election_id}/results")
    assert during.status_code == 409
    assert post(cast.secretariat, f"/api/v1/elections/{election_id}/close").status_code == 200
    results = Client().get(f"/api/v1/elections/{election_id}/results").json()
    contests = {c["key"]: c for c in results["contests"]}

    assert results["ballots"] == 20
    assert contests["presidency"]["elected"] == ["DOM"]
    assert contests["presidency"]["counts"][:2] == [
        {"country": "DOM", "votes": 11},
        {"country": "URY", "votes": 8},
    ]
    assert contests["committee-mercosur"]["elected"] == ["BRA", "URY"]
    assert contests["committee-caribbean"]["elected"] == ["BRB", "JAM"]
    assert contests["committee-andean"]["valid_ballots"] == 19

    # The published ballots carry neither country nor receipt, and reproduce every published count.
    published = Client().get(f"/api/v1/elections/{election_id}/ballots", {"limit": 200}).json()
    assert published["count"] == 20
    assert all(item["country"] is None and item["receipt"] is None for item in published["items"])
    for key, contest in contests.items():
        recount = Counter(code for item in published["items"] for code in item["choices"].get(key, []))
        assert {row["country"]: row["votes"] for row in contest["counts"] if row["votes"]} == dict(recount)
    # The receipts are published apart: Chile finds its receipt counted, and nothing says what it chose.
    listed = Client().get(f"/api/v1/elections/{election_id}/receipts", {"limit": 200}).json()
    assert [item["receipt"] for item in listed["items"]] == sorted(receipts.values())
    mine = Client().get(f"/api/v1/elections/{election_id}/receipts/{receipts['CHL']}").json()
    assert mine == {"receipt": receipts["CHL"], "status": "counted"}
    assert not Ballot.objects.filter(election_id=election_id, country__isnull=False).exists()
    # The decision log says who voted, never what a secret ballot says.
    logged = DecisionEvent.objects.filter(action="election.ballot", object_id=str(election_id))
    assert {tuple(event.payload) for event in logged} == {("country",)}

    certified = post(cast.secretariat, f"/api/v1/elections/{election_id}/certify")
    assert certified.status_code == 200
    committee = Client().get("/api/v1/committee").json()
    assert committee["president"]["country"] == "DOM"
    assert sorted((m["subregion"], m["country"]) for m in committee["members"]) == [
        ("andean", "COL"), ("andean", "PER"), ("caribbean", "BRB"), ("caribbean", "JAM"),
        ("mercosur", "BRA"), ("mercosur", "URY"), ("mesoamerica", "DOM"), ("mesoamerica", "MEX"),
    ]  # fmt: skip
    assert verify_chain().intact


def test_an_open_election_publishes_the_roll_call_after_closing(cast, heads, assembly):
    election_id = prepare(cast, assembly, "open")
    cast_ballots(heads, election_id, {code: ballot("URY") for code in VOTERS[:18]})

    assert Client().get(f"/api/v1/elections/{election_id}/ballots").status_code == 409
    post(cast.secretariat, f"/api/v1/elections/{election_id}/close")
    published = Client().get(f"/api/v1/elections/{election_id}/ballots", {"limit": 200}).json()

    assert sorted(item["country"] for item in published["items"]) == sorted(VOTERS[:18])


def test_without_an_absolute_majority_the_presidency_goes_to_a_runoff(cast, heads, assembly):
    election_id = prepare(cast, assembly)
    presidents = ["DOM"] * 9 + ["URY"] * 7 + ["CHL"] * 4
    cast_ballots(heads, election_id, {code: ballot(p) for code, p in zip(VOTERS, presidents, strict=True)})
    post(cast.secretariat, f"/api/v1/elections/{election_id}/close")

    presidency = Client().get(f"/api/v1/elections/{election_id}/results").json()["contests"][0]
    assert (presidency["elected"], presidency["runoff"], presidency["status"]) == (
        [],
        ["DOM", "URY"],
        "runoff",
    )

    runoff = post(cast.secretariat, f"/api/v1/elections/{election_id}/runoff")
    assert runoff.status_code == 201
    second = runoff.json()
    assert [(c["key"], c["seats"], c["candidates"]) for c in second["contests"]] == [
        ("presidency", 1, ["DOM", "URY"])
    ]
    post(cast.secretariat, f"/api/v1/elections/{second['id']}/open")
    cast_ballots(
        heads,
        second["id"],
        {code: {"presidency": ["URY" if i % 3 else "DOM"]} for i, code in enumerate(VOTERS)},
    )
    post(cast.secretariat, f"/api/v1/elections/{second['id']}/close")

    final = Client().get(f"/api/v1/elections/{second['id']}/results").json()["contests"][0]
    assert final["elected"] == ["URY"]


def test_a_tie_for_the_last_seat_sends_the_tied_to_a_runoff(cast, heads, assembly):
    election_id = prepare(cast, assembly)
    mercosur = [("URY", "BRA")] * 10 + [("URY", "ARG")] * 10
    cast_ballots(
        heads,
        election_id,
        {code: ballot("DOM", mercosur=m) for code, m in zip(VOTERS, mercosur, strict=True)},
    )
    post(cast.secretariat, f"/api/v1/elections/{election_id}/close")

    contest = next(
        c
        for c in Client().get(f"/api/v1/elections/{election_id}/results").json()["contests"]
        if c["key"] == "committee-mercosur"
    )
    assert (contest["elected"], contest["runoff"], contest["runoff_seats"]) == (["URY"], ["ARG", "BRA"], 1)

    certified = post(cast.secretariat, f"/api/v1/elections/{election_id}/certify")
    assert certified.status_code == 200
    members = Client().get("/api/v1/committee").json()["members"]
    assert [m["country"] for m in members if m["subregion"] == "mercosur"] == ["URY"]


def test_without_quorum_there_is_no_result_to_certify(cast, heads, assembly):
    election_id = prepare(cast, assembly)
    participants_set(actor=cast.secretariat, meeting=assembly, names=VOTERS[:10])
    cast_ballots(heads, election_id, {code: ballot("DOM") for code in VOTERS[:10]})
    post(cast.secretariat, f"/api/v1/elections/{election_id}/close")

    results = Client().get(f"/api/v1/elections/{election_id}/results").json()
    certify = post(cast.secretariat, f"/api/v1/elections/{election_id}/certify")

    assert results["quorum"]["met"] is False
    assert all(c["status"] == "no_quorum" and c["elected"] == [] for c in results["contests"])
    assert certify.status_code == 409
    assert Client().get("/api/v1/committee").json()["members"] == []


def test_ballots_are_checked_before_they_count(cast, heads, assembly):
    election_id = prepare(cast, assembly)
    url = f"/api/v1/elections/{election_id}/ballots"

    too_many = post(heads["URY"], url, {"choices": {"committee-mercosur": ["URY", "BRA", "ARG"]}})
    stranger = post(heads["URY"], url, {"choices": {"presidency": ["PRY"]}})
    observer = post(cast.spain_delegate, url, {"choices": {"presidency": ["URY"]}})
    first = post(heads["URY"], url, {"choices": {"presidency": ["URY"]}})
    second = post(heads["URY"], url, {"choices": {"presidency": ["DOM"]}})

    assert too_many.status_code == 422 and "has 2 seat(s)" in too_many.json()["detail"]
    assert stranger.status_code == 422 and "not a candidate: PRY" in stranger.json()["detail"]
    assert observer.status_code == 403
    assert first.status_code == 201
    assert second.status_code == 409
    assert BallotParticipation.objects.filter(election_id=election_id).count() == 1
    post(cast.secretariat, f"/api/v1/elections/{election_id}/close")
    assert post(heads["BRA"], url, {"choices": {}}).status_code == 409


def test_candidacies_follow_the_subregions_and_membership(cast, assembly):
    created = post(
        cast.secretariat,
        "/api/v1/elections",
        {"meeting": assembly.pk, "title": {"en": "Authorities 2027"}, "original_language": "en"},
    ).json()
    url = f"/api/v1/elections/{created['id']}/candidates"

    wrong_subregion = post(cast.secretariat, url, {"contest": "committee-andean", "country": "URY"})
    observer = post(cast.secretariat, url, {"contest": "presidency", "country": "ESP"})
    canada_for_committee = post(cast.secretariat, url, {"contest": "committee-caribbean", "country": "CAN"})
    own_country = post(cast.uruguay_delegate, url, {"contest": "committee-mercosur", "country": "URY"})
    other_country = post(cast.uruguay_delegate, url, {"contest": "committee-mercosur", "country": "BRA"})

    assert (
        wrong_subregion.status_code == 422
        and "does not belong to the subregion" in wrong_subregion.json()["detail"]
    )
    assert observer.status_code == 422 and "only member countries" in observer.json()["detail"]
    assert canada_for_committee.status_code == 422
    assert own_country.status_code == 201
    assert other_country.status_code == 403


def test_the_secretariat_can_add_a_contest(cast, assembly):
    created = post(
        cast.secretariat,
        "/api/v1/elections",
        {
            "meeting": assembly.pk,
            "title": {"en": "Vice-presidencies"},
            "original_language": "en",
            "ballot": "open",
            "contests": [
                {
                    "key": "vice-presidency",
                    "label": {"en": "Vice-presidency"},
                    "original_language": "en",
                    "seats": 2,
                }
            ],
        },
    )

    assert created.status_code == 201
    assert created.json()["contests"] == [
        {
            "key": "vice-presidency",
            "label": "Vice-presidency",
            "label_translations": {"en": "Vice-presidency"},
            "kind": "other",
            "seats": 2,
            "subregion": None,
            "candidates": [],
        }
    ]


def test_only_the_secretariat_runs_an_election(cast, heads, assembly):
    election_id = prepare(cast, assembly)

    assert post(heads["URY"], f"/api/v1/elections/{election_id}/close").status_code == 403
    assert (
        post(
            cast.uruguay_delegate,
            "/api/v1/elections",
            {"meeting": assembly.pk, "title": {"en": "Mine"}, "original_language": "en"},
        ).status_code
        == 403
    )
    assert Client().post(f"/api/v1/elections/{election_id}/close").status_code == 401
    assert Election.objects.get(pk=election_id).status == "open"
