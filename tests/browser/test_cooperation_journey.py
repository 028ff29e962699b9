"""A delegate drafts and submits a request for expertise in a real browser, and a visitor reads the fund's
dashboards; every page visited passes the accessibility audit."""

import pytest

from gealc.cooperation.tests.conftest import call, days, fund, roster  # noqa: F401 (fixtures)
from tests.browser.support import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_delegate_drafts_and_submits_a_request(page, live_server, cast, call):  # noqa: F811
    sign_in(page, live_server, cast.uruguay_delegate)
    page.goto(live_server.url + "/cooperation/")
    assert_accessible(page)

    page.get_by_role("link", name="Your work space").click()
    page.wait_for_url("**/cooperation/workspace/")
    assert_accessible(page)
    page.get_by_role("link", name="Draft a request").click()
    page.wait_for_url("**/cooperation/requests/new/")
    assert_accessible(page)

    page.get_by_label("Title").fill("Digital identity for public services")
    page.get_by_label("Problem and objectives").fill("Citizens need one identity for every service.")
    page.get_by_label("Expected outputs").fill("An architecture and a roadmap.")
    page.get_by_label("Digital identity", exact=True).check()
    page.get_by_label("Spanish").check()
    page.get_by_label("Modality").select_option("mixed")
    page.get_by_label("Earliest start").fill(days(20).isoformat())
    page.get_by_label("Latest end").fill(days(50).isoformat())
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_url("**/cooperation/requests/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Digital identity for public services"
    assert_accessible(page)

    page.get_by_role("button", name="Submit").click()
    assert page.get_by_text("The request was submitted to the Secretariat.").is_visible()
    assert page.get_by_text("Submitted", exact=True).first.is_visible()


def test_a_visitor_reads_the_dashboards_and_the_roster(page, live_server, fund):  # noqa: F811
    fund.mission_in("closed")

    page.goto(live_server.url + "/cooperation/dashboards/")
    assert page.get_by_role("table", name="Missions from providing to receiving countries").is_visible()
    images = page.locator("main img")
    assert images.count() == 4
    for index in range(4):
        assert images.nth(index).evaluate("image => image.complete && image.naturalWidth > 0")
    assert_accessible(page)

    page.goto(live_server.url + "/cooperation/experts/")
    assert page.get_by_role("cell", name="Carla Expert").is_visible()
    assert_accessible(page)
