"""A visitor's journey in a real browser, with an accessibility audit of every page visited."""

import pytest

from tests.browser.support import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_opens_the_home_page_switches_to_spanish_and_opens_a_country(page, live_server, reference):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "RED GEALC"
    assert_accessible(page)

    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Change").click()
    page.wait_for_url(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_text("33 países miembros, 3 observadores.").is_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Navegación principal").get_by_role("link", name="Países").click()
    page.wait_for_url("**/countries/")
    assert_accessible(page)

    page.get_by_role("link", name="Uruguay").click()
    page.wait_for_url("**/countries/URY/")
    assert page.get_by_role("heading", level=1).inner_text() == "Uruguay"
    assert page.get_by_text("AGESIC").first.is_visible()
    assert_accessible(page)


def test_the_skip_link_takes_a_keyboard_user_to_the_content(page, live_server, reference):
    page.goto(live_server.url + "/countries/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
