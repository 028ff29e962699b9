"""The governance panels on the workspace (/workspace/): the elections and motions the Secretariat runs,
the votes open to a country, and the results published since the previous visit."""

import datetime

from django.test import Client
from django.utils import timezone

from gealc.accounts.models import User
from gealc.core.testing import queries_for
from gealc.governance.services import (
    candidacy_add,
    election_create,
    election_open,
    motion_close,
    motion_create,
    vote_cast,
)
from gealc.governance.tests.fixtures import PRESENT


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def panel(page: str, key: str) -> str:
    assert f'id="panel-{key}"' in page, key
    return page.split(f'aria-labelledby="panel-{key}"', 1)[1].split("</section>", 1)[0]


def motion(cast, assembly, title="Approve the 2027 work plan"):
    return motion_create(
        actor=cast.secretariat,
        meeting=assembly,
        rule="simple_majority",
        title={"en": title},
        original_language="en",
    )


def open_election(cast, assembly, title):
    election = election_create(actor=cast.secretariat, meeting=assembly, title=title)
    for contest, code in [("presidency", "DOM"), ("presidency", "URY"), ("committee-mercosur", "BRA")]:
        candidacy_add(actor=cast.secretariat, election=election, contest_key=contest, country_code=code)
    return election_open(actor=cast.secretariat, election=election)


def test_the_secretariat_sees_the_elections_to_run_with_their_next_step(cast, assembly):
    preparing = election_create(actor=cast.secretariat, meeting=assembly, title="Authorities 2027")

    page = signed_in(cast.secretariat).get("/workspace/").content.decode()

    elections = panel(page, "elections-to-run")
    assert "Authorities 2027 — XX Annual Meeting" in elections and "Open the voting" in elections
    assert f"/elections/{preparing.pk}/" in elections


def test_a_head_of_delegation_sees_the_votes_open_and_whether_their_country_voted(cast, heads, assembly):
    first = motion(cast, assembly)
    second = motion(cast, assembly, "Admit a new observer")
    vote_cast(actor=cast.uruguay_head, motion=first, option="yes")

    page = signed_in(cast.uruguay_head).get("/workspace/").content.decode()

    votes = panel(page, "country-votes-open")
    assert f"/motions/{first.pk}/" in votes and f"/motions/{second.pk}/" in votes
    assert "Your country has voted" in votes and "Not voted yet" in votes


def test_someone_who_acts_for_no_country_has_no_votes_panel(cast, assembly):
    motion(cast, assembly)

    page = signed_in(cast.chile_expert).get("/workspace/").content.decode()

    assert "Votes open" not in page and "Motions open for voting" not in page


def test_a_delegate_sees_the_results_published_since_the_last_visit(cast, heads, assembly):
    closing = motion(cast, assembly)
    client = signed_in(cast.uruguay_delegate)
    client.get("/workspace/")
    User.objects.filter(pk=cast.uruguay_delegate.pk).update(
        workspace_visited_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    for code in PRESENT[:17]:
        vote_cast(actor=heads[code], motion=closing, option="yes")
    motion_close(actor=cast.secretariat, motion=closing)

    page = client.get("/workspace/").content.decode()

    results = panel(page, "country-governance-changes")
    assert "Approve the 2027 work plan" in results and "Passed" in results


def test_the_governance_panels_take_as_many_queries_with_more_elections_and_motions(cast, assembly):
    officer, head = signed_in(cast.secretariat), signed_in(cast.uruguay_head)
    motion(cast, assembly)
    open_election(cast, assembly, "E0")
    for client in (officer, head):
        client.get("/workspace/")
    before = (queries_for(officer, "/workspace/"), queries_for(head, "/workspace/"))
    for number in range(1, 4):
        motion(cast, assembly, f"Motion {number}")
        open_election(cast, assembly, f"E{number}")
    assert (queries_for(officer, "/workspace/"), queries_for(head, "/workspace/")) == before
