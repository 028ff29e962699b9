"""The procedures of elections and motions, written out here step by step, against the API and the pages.

The expected procedure is spelt out literally, not read from ``governance.workflow``: a change to its
tables that is not also made here makes these tests fail."""

import html
import re

import pytest
from django.test import Client

from gealc.governance.models import Election, Motion
from gealc.governance.tests.test_elections import VOTERS, ballot, cast_ballots, post, prepare

STATUSES = ["draft", "open", "closed", "certified"]
STEPS = ["open", "close", "certify", "runoff"]
# (status, step) -> the status the election is in afterwards. Every pair not listed is refused for the
# status. A runoff is a new election: the one it follows keeps its status.
ELECTION_PROCEDURE = {
    ("draft", "open"): "open",
    ("open", "close"): "closed",
    ("closed", "certify"): "certified",
    ("closed", "runoff"): "closed",
    ("certified", "runoff"): "certified",
}
LABELS = {
    "draft": "Preparing",
    "open": "Voting open",
    "closed": "Voting closed",
    "certified": "Results certified",
}
PAST = {"open": "opened", "close": "closed", "certify": "certified", "runoff": "given a runoff"}


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_step_the_status_does_not_allow_is_a_409_naming_the_status_and_changes_nothing(cast, assembly):
    refused = {}
    for status in STATUSES:
        for step in STEPS:
            if (status, step) in ELECTION_PROCEDURE:
                continue
            election = Election.objects.create(meeting=assembly, title_en=f"{status} {step}", status=status)
            response = post(cast.secretariat, f"/api/v1/elections/{election.pk}/{step}")
            election.refresh_from_db()
            refused[(status, step)] = (response.status_code, election.status, response.json()["detail"])
    assert refused == {
        (status, step): (
            409,
            status,
            f"The election is in the state “{LABELS[status]}”: it cannot be {PAST[step]} now.",
        )
        for status in STATUSES
        for step in STEPS
        if (status, step) not in ELECTION_PROCEDURE
    }


def test_an_election_takes_its_steps_in_order_and_refuses_the_others_on_the_way(cast, heads, assembly):
    election_id = prepare(cast, assembly)  # drafted with candidates, then opened
    cast_ballots(heads, election_id, {code: ballot("DOM") for code in VOTERS})
    walk = []
    for step in ["open", "certify", "close", "close", "open", "certify", "certify", "close"]:
        response = post(cast.secretariat, f"/api/v1/elections/{election_id}/{step}")
        walk.append((step, response.status_code, Election.objects.get(pk=election_id).status))

    assert walk == [
        ("open", 409, "open"),
        ("certify", 409, "open"),
        ("close", 200, "closed"),
        ("close", 409, "closed"),
        ("open", 409, "closed"),
        ("certify", 200, "certified"),
        ("certify", 409, "certified"),
        ("close", 409, "certified"),
    ]


def test_a_motion_is_closed_once(cast, assembly):
    motion = Motion.objects.create(meeting=assembly, title_en="Approve the report", rule="simple_majority")

    first = post(cast.secretariat, f"/api/v1/motions/{motion.pk}/close")
    second = post(cast.secretariat, f"/api/v1/motions/{motion.pk}/close")

    assert (first.status_code, first.json()["status"]) == (200, "closed")
    assert (second.status_code, second.json()["detail"]) == (
        409,
        "The motion is in the state “Closed”: it cannot be closed now.",
    )


def buttons(page: str) -> list[str]:
    if "What you can do now" not in page:
        return []
    section = page.split("What you can do now", 1)[1].split("</section>", 1)[0]
    return [label.strip() for label in re.findall(r'class="btn[^"]*"[^>]*>([^<]+)</button>', section)]


def test_the_secretariat_finds_the_steps_of_the_elections_status_on_its_page(cast, assembly):
    seen = {}
    for status in STATUSES:
        election = Election.objects.create(
            meeting=assembly,
            title_en=status,
            status=status,
            results={"quorum": {"met": True}, "contests": []},
        )
        page = as_user(cast.secretariat).get(f"/elections/{election.pk}/").content.decode()
        seen[status] = buttons(page)
    for label, results in [
        ("closed with a tie", {"quorum": {"met": True}, "contests": [{"status": "runoff"}]}),
        ("closed without quorum", {"quorum": {"met": False}, "contests": []}),
        (
            "closed below the minimum turnout",
            {"quorum": {"met": True}, "turnout": {"met": False, "present": 18, "voted": 1, "required": 9}},
        ),
    ]:
        election = Election.objects.create(meeting=assembly, title_en=label, status="closed", results=results)
        seen[label] = buttons(as_user(cast.secretariat).get(f"/elections/{election.pk}/").content.decode())

    assert seen == {
        "draft": ["Open the voting"],
        "open": ["Close the voting"],
        "closed": ["Certify the results"],
        "certified": [],
        "closed with a tie": ["Certify the results", "Prepare a runoff"],
        # Nothing to certify: the page does not offer a step the service can only refuse.
        "closed without quorum": [],
        "closed below the minimum turnout": [],
    }


def test_a_head_of_delegation_finds_no_step_of_the_secretariat(cast, assembly):
    election = Election.objects.create(meeting=assembly, title_en="Authorities", status="draft")

    page = as_user(cast.uruguay_head).get(f"/elections/{election.pk}/").content.decode()

    assert "What you can do now" not in page
    assert as_user(cast.uruguay_head).post(f"/elections/{election.pk}/open/").status_code == 403


def test_the_secretariat_opens_an_election_from_its_page(cast, assembly):
    election_id = prepare(cast, assembly)
    Election.objects.filter(pk=election_id).update(status="draft")

    response = as_user(cast.secretariat).post(f"/elections/{election_id}/open/", follow=True)

    assert Election.objects.get(pk=election_id).status == "open"
    assert "The voting is open: the heads of delegation present may cast their ballots." in (
        response.content.decode()
    )


def test_an_election_without_candidates_is_not_opened_and_the_page_says_why(cast, assembly):
    election = Election.objects.create(meeting=assembly, title_en="Empty", status="draft")

    response = as_user(cast.secretariat).post(f"/elections/{election.pk}/open/", follow=True)

    election.refresh_from_db()
    assert election.status == "draft"
    assert "the election has no candidates" in response.content.decode()


def test_the_secretariat_closes_a_motion_from_its_page(cast, assembly):
    motion = Motion.objects.create(meeting=assembly, title_en="Approve the report", rule="simple_majority")
    client = as_user(cast.secretariat)
    assert buttons(client.get(f"/motions/{motion.pk}/").content.decode()) == ["Close the voting"]

    confirm = client.post(f"/motions/{motion.pk}/close/")
    response = client.post(f"/motions/{motion.pk}/close/", {"step": "confirm", "confirm": "on"}, follow=True)

    assert "0 of 26 member countries present have voted." in confirm.content.decode()
    motion.refresh_from_db()
    assert motion.status == "closed"
    assert "The voting is closed and the motion&#x27;s result recorded." in response.content.decode()
    assert buttons(response.content.decode()) == []


@pytest.mark.parametrize("step", ["vote", "ring"])
def test_what_is_no_step_is_not_found(cast, assembly, step):
    motion = Motion.objects.create(meeting=assembly, title_en="Approve the report", rule="simple_majority")

    assert as_user(cast.secretariat).post(f"/motions/{motion.pk}/{step}/").status_code == 404


def test_certifying_names_who_will_be_seated_and_waits_for_the_confirmation(cast, heads, assembly):
    from gealc.governance.models import CommitteeMembership

    election_id = prepare(cast, assembly)
    cast_ballots(heads, election_id, {code: ballot("DOM") for code in VOTERS})
    assert post(cast.secretariat, f"/api/v1/elections/{election_id}/close").status_code == 200
    officer = as_user(cast.secretariat)
    url = f"/elections/{election_id}/certify/"

    shown = officer.post(url)
    page = html.unescape(shown.content.decode())
    unticked = officer.post(url, {"step": "confirm"})
    nothing_yet = CommitteeMembership.objects.filter(election_id=election_id).count()
    certified = officer.post(url, {"step": "confirm", "confirm": "on"}, follow=True).content.decode()

    seats = page[page.index('id="seats"') :]
    assert "Certify the results: Authorities 2027" in page
    assert "Once certified, the countries elected take their seats for the term from" in page
    assert "Presidency</dt>\n  <dd>Dominican Republic</dd>" in seats
    assert "Executive Committee — Mercosur</dt>\n  <dd>Brazil, Uruguay</dd>" in seats
    assert unticked.context["form"].errors["confirm"] == ["This field is required."]
    assert nothing_yet == 0
    assert Election.objects.get(pk=election_id).status == "certified"
    assert "The results are certified: the elected countries take their seats." in certified
    assert CommitteeMembership.objects.filter(election_id=election_id).count() == 9


def test_a_presidency_already_given_for_the_term_is_not_given_again_by_another_election(
    cast, heads, assembly
):
    import datetime

    from django.utils import timezone

    from gealc.governance.models import CommitteeMembership
    from gealc.members.models import Country

    today = timezone.localdate()
    CommitteeMembership.objects.create(
        country=Country.objects.get(iso3="CHL"),
        seat=CommitteeMembership.Seat.PRESIDENT,
        start_date=today,
        end_date=today + datetime.timedelta(days=364),
    )
    election_id = prepare(cast, assembly)
    cast_ballots(heads, election_id, {code: ballot("DOM") for code in VOTERS})
    assert post(cast.secretariat, f"/api/v1/elections/{election_id}/close").status_code == 200

    refused = as_user(cast.secretariat).post(
        f"/elections/{election_id}/certify/", {"step": "confirm", "confirm": "on"}, follow=True
    )

    assert "Chile already holds the presidency from" in html.unescape(refused.content.decode())
    assert Election.objects.get(pk=election_id).status == "closed"
    assert not CommitteeMembership.objects.filter(election_id=election_id).exists()


def test_a_predecessor_s_presidency_still_running_does_not_stop_the_successor_s(cast, heads, assembly):
    import datetime

    from django.utils import timezone

    from gealc.governance.models import CommitteeMembership
    from gealc.members.models import Country

    today = timezone.localdate()
    CommitteeMembership.objects.create(
        country=Country.objects.get(iso3="CHL"),
        seat=CommitteeMembership.Seat.PRESIDENT,
        start_date=today - datetime.timedelta(days=360),
        end_date=today + datetime.timedelta(days=4),
    )
    election_id = prepare(cast, assembly)
    cast_ballots(heads, election_id, {code: ballot("DOM") for code in VOTERS})
    assert post(cast.secretariat, f"/api/v1/elections/{election_id}/close").status_code == 200

    as_user(cast.secretariat).post(f"/elections/{election_id}/certify/", {"step": "confirm", "confirm": "on"})

    assert Election.objects.get(pk=election_id).status == "certified"
