"""Every step of the fund has its page for the role that takes it: an officer opens a call in the browser,
a delegate picks expertise areas and languages with the keyboard, saves, edits and submits a draft, and
the fund's tables fit a phone. Every page visited passes the accessibility audit."""

import pytest

from gealc.cooperation.models import Call, CooperationRequest
from gealc.cooperation.tests.conftest import call, days, fund, roster  # noqa: F401 (fixtures)
from tests.browser.support import assert_accessible, assert_fits_the_width, sign_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def test_an_officer_opens_a_call_with_its_rules_and_per_diem_rates_in_the_browser(page, live_server, cast):
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, cast.secretariat)
    page.goto(live_server.url + "/cooperation/queue/")
    page.get_by_role("link", name="Calls of the fund").click()
    page.wait_for_url("**/cooperation/calls/")
    assert page.get_by_text("No calls yet.").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Open a call").click()
    page.wait_for_url("**/cooperation/calls/new/")
    assert_accessible(page)
    page.get_by_label("Title (English)").fill("Call for interoperability")
    page.get_by_label("Opens on").fill(days(-1).isoformat())
    page.get_by_label("Closes on").fill(days(-10).isoformat())  # before it opens: refused
    page.get_by_label("Budget", exact=True).fill("40000")
    page.get_by_label("Maximum days per mission").fill("10")
    page.get_by_label("Maximum cost per mission").fill("6000")
    page.get_by_label("Default per diem").fill("180")
    page.get_by_label("Destination").first.select_option(label="Uruguay")
    page.get_by_label("Daily rate").first.fill("250")
    page.get_by_label("Destination").nth(1).select_option(label="Brazil")
    page.get_by_label("Daily rate").nth(1).fill("265.50")
    page.get_by_role("button", name="Open the call").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Closes on — The call cannot close before it opens.").is_visible()
    assert page.get_by_label("Title (English)").input_value() == "Call for interoperability"
    assert_accessible(page, "cooperation-calls-new-refused-1366")

    page.get_by_label("Closes on").fill(days(80).isoformat())
    page.get_by_role("button", name="Open the call").click()
    page.wait_for_url("**/cooperation/calls/#call-*")
    assert page.get_by_text("The call is open to requests from its opening date.").is_visible()
    row = page.get_by_role("row").filter(has_text="Call for interoperability")
    assert row.get_by_role("cell", name="Open", exact=True).is_visible()
    assert "Uruguay: 250.00" in row.inner_text() and "Brazil: 265.50" in row.inner_text()
    assert_accessible(page)

    opened = Call.objects.get(title_en="Call for interoperability")
    assert {rate.country.iso3: str(rate.amount) for rate in opened.per_diem_rates.all()} == {
        "URY": "250.00",
        "BRA": "265.50",
    }
    page.set_viewport_size(PHONE)
    page.reload()
    assert_fits_the_width(page)
    assert_accessible(page)


def test_a_delegate_picks_areas_and_languages_with_the_keyboard_and_edits_the_draft_before_submitting(
    page,
    live_server,
    cast,
    call,  # noqa: F811
):
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, cast.uruguay_delegate)
    page.goto(live_server.url + "/cooperation/requests/new/")
    assert page.get_by_text("Under the call “Horizontal cooperation call”").is_visible()
    assert_accessible(page)

    page.get_by_label("Title").fill("Digital identity for public services")
    page.get_by_label("Problem and objectives").fill("Citizens need one identity for every service.")
    page.get_by_label("Expected outputs").fill("An architecture and a roadmap.")
    group = page.get_by_role("group", name="Expertise areas")
    assert group.is_visible()
    tab_to(page, "Interoperability")
    page.keyboard.press("Space")
    tab_to(page, "Digital identity")
    page.keyboard.press("Space")
    tab_to(page, "Spanish")
    page.keyboard.press("Space")
    tab_to(page, "Portuguese")
    page.keyboard.press("Space")
    assert page.get_by_label("Digital identity", exact=True).is_checked()
    assert page.get_by_label("Interoperability", exact=True).is_checked()
    assert page.get_by_label("Spanish").is_checked() and page.get_by_label("Portuguese").is_checked()
    assert not page.get_by_label("English").is_checked()
    # Each option is as large as a checkbox and lies inside its own group, over nothing else.
    box = page.get_by_label("Spanish").bounding_box()
    languages = page.get_by_role("group", name="Preferred languages").bounding_box()
    assert box is not None and languages is not None
    assert box["width"] < 40 and languages["height"] > 5 * box["height"]
    page.get_by_label("Modality").select_option("mixed")
    page.get_by_label("Earliest start").fill(days(20).isoformat())
    page.get_by_label("Latest end").fill(days(50).isoformat())
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_url("**/cooperation/requests/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Digital identity for public services"
    assert_accessible(page)

    page.get_by_role("link", name="Edit the draft").click()
    page.wait_for_url("**/cooperation/requests/*/edit/")
    assert page.get_by_label("Spanish").is_checked()
    assert_accessible(page)
    page.get_by_label("Title").fill("One digital identity for every public service")
    page.get_by_label("Portuguese").focus()
    page.keyboard.press("Space")  # Portuguese is no longer wanted
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_url("**/cooperation/requests/*/")
    assert page.get_by_text("The draft is saved. Submit it when it is ready.").is_visible()
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "One digital identity for every public service"

    request = CooperationRequest.objects.get()
    assert request.languages == ["es"]
    assert sorted(area.code for area in request.areas.all()) == ["digital-identity", "interoperability"]

    page.get_by_role("button", name="Submit").click()
    assert page.get_by_text("The request was submitted to the Secretariat.").is_visible()
    assert page.get_by_role("link", name="Edit the draft").count() == 0
    assert_accessible(page)


def test_the_funds_tables_and_charts_fit_a_phone_without_scrolling_the_page_sideways(
    page,
    live_server,
    cast,
    fund,  # noqa: F811
):
    fund.mission_in("closed")
    fund.request_in("submitted", slot=2)
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, cast.secretariat)
    for path in (
        "/cooperation/",
        "/cooperation/queue/",
        "/cooperation/dashboards/",
        "/cooperation/experts/",
        "/cooperation/calls/",
        f"/cooperation/requests/{fund.call.requests.first().pk}/",
        f"/cooperation/missions/{fund.call.missions.first().pk}/",
    ):
        page.goto(live_server.url + path)
        assert page.locator("main table, main dl").first.is_visible()
        assert_fits_the_width(page)
        assert_accessible(page)
    page.goto(live_server.url + "/cooperation/dashboards/")
    for chart in page.locator("main img").all():
        width = chart.evaluate("image => image.getBoundingClientRect().width")
        assert 0 < width <= PHONE["width"]
    table = page.get_by_role("table", name="Budget execution per call")
    assert table.evaluate("t => t.parentElement.classList.contains('table-responsive')")

    page.goto(live_server.url + "/cooperation/queue/")
    page.get_by_role("link", name=f"Review and validate {fund.roster.argentina.person.name}").click()
    page.wait_for_url("**/cooperation/experts/*/validate/")
    assert page.get_by_role("heading", name="Short bio").is_visible()
    assert_fits_the_width(page)
    assert_accessible(page)
    page.set_viewport_size(DESKTOP)
    assert_accessible(page)
    page.get_by_role("button", name=f"Validate {fund.roster.argentina.person.name}").click()
    assert page.get_by_text("The expert is validated.").is_visible()
