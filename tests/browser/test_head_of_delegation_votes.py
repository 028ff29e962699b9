"""A head of delegation casts the country's ballot with the keyboard alone, confirms it and keeps the
receipt; then a visitor reads the results. Every page is checked with axe."""

import pytest

from gealc.governance.services import candidacy_add, election_close, election_create, election_open
from tests.browser.support import assert_accessible, sign_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_head_of_delegation_votes_with_the_keyboard(page, live_server, cast, heads, assembly):
    election = election_create(actor=cast.secretariat, meeting=assembly, title="Authorities 2027")
    for contest, code in [
        ("presidency", "DOM"),
        ("presidency", "URY"),
        ("committee-mercosur", "BRA"),
        ("committee-mercosur", "URY"),
    ]:
        candidacy_add(actor=cast.secretariat, election=election, contest_key=contest, country_code=code)
    election_open(actor=cast.secretariat, election=election)
    sign_in(page, live_server, heads["URY"])

    page.goto(f"{live_server.url}/elections/{election.pk}/vote/")
    assert_accessible(page)
    tab_to(page, "Dominican Republic")
    page.keyboard.press("Space")
    tab_to(page, "Brazil")
    page.keyboard.press("Space")
    tab_to(page, "Review the ballot")
    page.keyboard.press("Enter")

    page.wait_for_selector("text=Once cast it cannot be changed.")
    assert_accessible(page)
    tab_to(page, "Cast the ballot")
    page.keyboard.press("Enter")

    receipt = page.locator("#receipt")
    receipt.wait_for()
    code = receipt.inner_text()
    assert len(code) == 12
    assert_accessible(page)

    election_close(actor=cast.secretariat, election=election)
    page.goto(f"{live_server.url}/elections/{election.pk}/results/")
    assert page.get_by_role(
        "img", name="Bar chart of the votes; the same figures are in the table below."
    ).first.is_visible()
    page.get_by_label("Receipt", exact=True).fill(code)
    page.get_by_role("button", name="Check").click()
    page.wait_for_selector("#receipt-status")
    page.wait_for_load_state()
    assert page.get_by_text(
        f"Counted: the ballot with receipt {code} is among the ballots counted."
    ).is_visible()
    assert_accessible(page)
