"""A Secretariat officer runs an election from the browser alone: creates the meeting, records who is
present, creates the election with its contests, nominates the candidates, opens the voting, closes it
after seeing the turnout and confirming, and certifies the results. The heads of delegation vote through
the services. Every page is checked with axe, and at a phone's width."""

import pytest

from gealc.governance.models import CommitteeMembership, Election, Meeting
from gealc.governance.services import ballot_cast
from gealc.governance.tests.fixtures import PRESENT
from tests.browser.support import assert_accessible, assert_fits_the_width, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page, name):
    """Axe and a screenshot at desktop width, then the same page at 390 px, which must not scroll sideways."""
    page.set_viewport_size({"width": 1366, "height": 900})
    assert_accessible(page, f"officer-{name}-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    assert_fits_the_width(page)
    assert_accessible(page, f"officer-{name}-390")
    page.set_viewport_size({"width": 1366, "height": 900})


def test_an_officer_runs_an_election_from_the_browser(page, live_server, cast, heads):
    sign_in(page, live_server, cast.secretariat)

    # The Governance page is in the Secretariat's account menu, with its other tools.
    page.goto(f"{live_server.url}/")
    page.locator(".site-account > summary").click()
    page.get_by_role("link", name="Manage governance", exact=True).click()
    page.wait_for_url("**/governance/")
    check(page, "governance")
    page.get_by_role("link", name="New meeting").click()

    # A meeting: a refused form says what is wrong next to the field and keeps what was typed.
    page.wait_for_url("**/meetings/new/")
    page.get_by_label("Number").fill("21")
    page.get_by_label("Original language of the title").select_option("es")
    page.get_by_label("Title (Spanish)").fill("XXI Reunión Anual")
    page.get_by_label("Title (English)").fill("XXI Annual Meeting")
    page.get_by_label("Start date").fill("2027-10-21")
    page.get_by_label("End date").fill("2027-10-20")
    page.get_by_label("Host country").select_option("URY")
    page.get_by_label("City (Spanish)").fill("Montevideo")
    page.get_by_label("City (Portuguese)").fill("Montevidéu")
    page.get_by_role("button", name="Create the meeting").click()
    page.wait_for_selector("text=the meeting ends before it starts")
    assert page.get_by_label("City (Spanish)").input_value() == "Montevideo"
    check(page, "meeting-refused")
    page.get_by_label("End date").fill("2027-10-22")
    page.get_by_role("button", name="Create the meeting").click()
    page.wait_for_selector("text=The meeting “XXI Annual Meeting” was created.")
    meeting = Meeting.objects.get(ordinal=21)
    assert meeting.title_es == "XXI Reunión Anual" and meeting.original_language == "es"

    # The attendance: a country named twice is refused as the API refuses it, nothing recorded.
    page.get_by_role("link", name="Record the attendance").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/attendance/")
    page.get_by_label("Chile").check()
    page.get_by_label("Or paste a list of countries").fill("Chile\nAtlantis")
    page.get_by_role("button", name="Record the attendance").click()
    page.wait_for_selector("text=named twice: Chile")
    assert page.get_by_text("not a known country: Atlantis").first.is_visible()
    assert not meeting.delegations.exists()
    check(page, "attendance-refused")
    others = [code for code in PRESENT if code not in {"CHL", "BRA", "URY"}]
    page.get_by_label("Or paste a list of countries").fill("Brasil, Uruguay\n" + "\n".join(others))
    page.get_by_role("button", name="Record the attendance").click()
    page.wait_for_selector("text=The attendance was recorded: 26 countries present.")
    assert page.get_by_text("26 of 33 member countries present; the quorum is 17.").is_visible()
    check(page, "meeting")

    # The election, with the default contests but the one of the Caribbean.
    page.get_by_role("link", name="New election").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/elections/new/")
    page.get_by_label("Title (English)").fill("Authorities 2028")
    page.get_by_label("Title (Spanish)").fill("Autoridades 2028")
    page.locator("input[name=contests][value=committee-caribbean]").uncheck()
    check(page, "election-new")
    page.get_by_role("button", name="Create the election").click()
    page.wait_for_selector("text=The election was created: nominate its candidates, then open the voting.")
    election = Election.objects.get(meeting=meeting)
    assert (election.original_language, election.title_en, election.title_es) == (
        "en",
        "Authorities 2028",
        "Autoridades 2028",
    )
    assert "committee-caribbean" not in set(election.contests.values_list("key", flat=True))

    # The candidates: one outside the contest's subregion is refused next to the field.
    for contest, country in [
        ("presidency", "DOM"),
        ("presidency", "URY"),
        ("committee-mercosur", "BRA"),
        ("committee-mercosur", "ARG"),
        ("committee-mercosur", "MEX"),
    ]:
        page.get_by_label("Contest").select_option(contest)
        page.get_by_label("Country", exact=True).select_option(country)
        page.get_by_role("button", name="Nominate").click()
        page.wait_for_load_state()
    assert page.get_by_text("Mexico does not belong to the subregion of this contest").first.is_visible()
    check(page, "candidates")
    page.get_by_role("link", name="Back to the election").click()

    # Opening the voting.
    page.get_by_role("button", name="Open the voting").click()
    page.wait_for_selector("text=The voting is open: the heads of delegation present may cast their ballots.")
    check(page, "election-open")

    # Three of the 26 heads of delegation present vote.
    for code in ("URY", "BRA", "DOM"):
        ballot_cast(
            actor=heads[code],
            election=election,
            choices={"presidency": ["DOM"], "committee-mercosur": ["BRA", "ARG"]},
        )
    page.reload()
    assert page.get_by_text("Turnout: 3 of 26 member countries present have voted.").is_visible()

    # Closing shows the turnout and asks for an explicit confirmation.
    page.get_by_role("button", name="Close the voting").click()
    page.wait_for_selector("text=3 of 26 member countries present have voted.")
    assert page.get_by_text("Not every country present has voted.").is_visible()
    check(page, "close-confirm")
    page.get_by_role("button", name="Close the voting").click()
    page.wait_for_selector(".invalid-feedback")
    assert Election.objects.get(pk=election.pk).status == "open"
    page.get_by_label("I confirm: close the voting now.").check()
    page.get_by_role("button", name="Close the voting").click()
    page.wait_for_selector("text=The voting is closed and the ballots are counted.")
    assert Election.objects.get(pk=election.pk).status == "closed"

    # The results, in words: labels and names, not keys.
    page.get_by_role("link", name="Results").click()
    page.wait_for_selector("text=3 ballots cast.")
    assert page.get_by_text("Elected: Dominican Republic").is_visible()
    assert page.get_by_text("committee-mercosur").count() == 0
    check(page, "results")
    page.go_back()

    # Certifying names who takes which seat, and asks for an explicit confirmation.
    page.get_by_role("button", name="Certify the results").click()
    page.wait_for_selector("text=Once certified, the countries elected take their seats for the term from")
    assert page.locator("#seats").get_by_text("Dominican Republic").is_visible()
    check(page, "certify-confirm")
    page.get_by_label("I confirm: certify the results and seat these countries.").check()
    page.get_by_role("button", name="Certify the results").click()
    page.wait_for_selector("text=The results are certified: the elected countries take their seats.")
    check(page, "election-certified")
    seats = CommitteeMembership.objects.filter(election=election)
    assert sorted(seats.values_list("country__iso3", "seat")) == [
        ("ARG", "member"),
        ("BRA", "member"),
        ("DOM", "president"),
    ]
