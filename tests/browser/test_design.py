"""The site's layout in a real browser: the header on one line on a laptop, the menu on a phone, no page
that scrolls sideways at 390 px, and the home, country and error pages audited in Spanish."""

import pytest

from tests.browser.support import assert_accessible, assert_fits_the_width, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}
PHONE_PAGES = ["/", "/countries/", "/countries/URY/", "/open-data/", "/institutions/"]


@pytest.fixture
def spanish_page(browser):
    context = browser.new_context(locale="es-ES", extra_http_headers={"Accept-Language": "es"})
    page = context.new_page()
    yield page
    context.close()


def link_rows(page) -> set[int]:
    """The distinct heights at which the header's links and the language control stand."""
    return set(
        page.evaluate(
            "() => [...document.querySelectorAll('.site-header .nav-link, .site-header select')]"
            ".filter(e => e.checkVisibility())"
            ".map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2))"
        )
    )


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_on_a_laptop_the_header_keeps_every_link_on_one_line(browser, live_server, reference, language):
    context = browser.new_context(viewport=LAPTOP, extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    page.goto(live_server.url + "/")

    assert page.locator("html").get_attribute("lang") == language
    rows = link_rows(page)
    # Links and the language list are centred on the same line (a pixel or two of rounding apart).
    assert max(rows) - min(rows) <= 4, rows
    assert page.locator(".site-header nav").bounding_box()["height"] < 100
    assert not page.locator(".navbar-toggler").is_visible()
    assert_fits_the_width(page)
    screenshot(page, f"home-{language}-1366")
    context.close()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_header_stays_on_one_line_for_the_secretariat_at_1280_px(browser, live_server, cast, language):
    # The longest header: the Secretariat sees "Administration" too, and French has the longest words.
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, extra_http_headers={"Accept-Language": language}
    )
    page = context.new_page()
    sign_in(page, live_server, cast.secretariat)
    page.goto(live_server.url + "/countries/")

    account_links = page.locator(".site-nav-account .nav-link").count()
    # Administration, governance, solutions to review, your work, notifications, your account, sign out
    assert account_links == 7
    rows = link_rows(page)
    assert max(rows) - min(rows) <= 4, rows
    assert_fits_the_width(page)
    # The account's links wait behind the person's name, which opens them.
    page.get_by_text("Olivia Officer").click()
    assert page.get_by_role("link", name="Administration").is_visible()
    assert page.locator(".site-nav-account .nav-link:visible").count() == account_links
    assert_fits_the_width(page)
    screenshot(page, f"header-secretariat-{language}-1280")
    context.close()


def test_the_home_page_shows_the_network_at_a_glance(browser, live_server, reference):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.goto(live_server.url + "/")

    map_ = page.get_by_role("img", name="Map of the member countries by subregion")
    assert map_.is_visible()
    assert page.locator("svg.tile-map rect").count() == 33
    table = page.get_by_role("table", name="Member countries by subregion")
    assert table.get_by_role("row", name="Caribbean 13 2").is_visible()
    figures = page.locator(".figures").inner_text()
    assert "33" in figures and "member countries" in figures and "meetings of the network" in figures
    assert page.get_by_role("heading", name="Presidency and Executive Committee").is_visible()
    assert page.get_by_role("heading", name="Open now").is_visible()
    assert_accessible(page, "home-1366")
    context.close()


def test_on_a_phone_no_page_scrolls_sideways(browser, live_server, reference):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for path in PHONE_PAGES:
        page.goto(live_server.url + path)
        assert_fits_the_width(page)
        screenshot(page)
    context.close()


def test_on_a_phone_the_menu_opens_with_the_toggler(browser, live_server, reference):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/")
    navigation = page.get_by_role("navigation", name="Main navigation")

    assert not navigation.get_by_role("link", name="Countries").is_visible()
    toggler = page.get_by_role("button", name="Menu")
    assert toggler.get_attribute("aria-expanded") == "false"
    toggler.click()

    navigation.get_by_role("link", name="Countries").wait_for(state="visible")
    assert toggler.get_attribute("aria-expanded") == "true"
    assert page.get_by_label("Language").is_visible()
    assert page.get_by_role("link", name="Sign in").is_visible()
    assert_fits_the_width(page)
    assert_accessible(page, "menu-open-390")
    navigation.get_by_role("link", name="Countries").click()
    page.wait_for_url("**/countries/")
    context.close()


def test_the_home_and_a_country_page_pass_the_audit_in_spanish(spanish_page, live_server, reference):
    spanish_page.goto(live_server.url + "/")
    assert spanish_page.locator("html").get_attribute("lang") == "es"
    assert spanish_page.get_by_text("33 países miembros").first.is_visible()
    assert_accessible(spanish_page, "home-es")

    spanish_page.goto(live_server.url + "/countries/URY/")
    assert spanish_page.get_by_role("heading", level=1).inner_text() == "Uruguay"
    assert_accessible(spanish_page, "country-ury-es")


def test_an_unknown_address_answers_the_site_s_404_page_in_spanish(spanish_page, live_server, reference):
    response = spanish_page.goto(live_server.url + "/no-such-page/")

    assert response.status == 404
    assert spanish_page.locator("html").get_attribute("lang") == "es"
    assert spanish_page.get_by_role("navigation", name="Navegación principal").is_visible()
    assert spanish_page.get_by_role("heading", level=1).is_visible()
    assert spanish_page.locator(".error-code").inner_text().endswith("404")
    assert_accessible(spanish_page, "404-es")


def test_a_page_the_visitor_may_not_open_answers_the_site_s_403_page(page, live_server, cast):
    sign_in(page, live_server, cast.nobody)

    response = page.goto(live_server.url + "/history/members/country/1/")

    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "You cannot open this page"
    assert page.get_by_role("link", name="Go to the home page").is_visible()
    assert_accessible(page, "403")
