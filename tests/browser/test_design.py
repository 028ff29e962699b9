"""The site's layout in a real browser: the header on one line on a laptop, the menu on a phone, no page
that scrolls sideways at 390 px, and the home, country and error pages audited in Spanish."""

import pytest

from tests.browser.support import assert_accessible, assert_fits_the_width, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}
PHONE_PAGES = [
    "/",
    "/countries/",
    "/countries/URY/",
    "/countries/COL/",
    "/countries/BLZ/",
    "/countries/BHS/",
    "/open-data/",
    "/institutions/",
    "/solutions/",
    "/software/",
]


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


def assert_the_header_fits(page) -> None:
    """Nothing of the header stands beyond the window's right edge (scrollWidth alone misses clipping)."""
    overflowing = page.evaluate(
        "() => [...document.querySelectorAll('.site-header .nav-link, .site-header select,"
        " .site-header .language-switcher, .site-header button')]"
        ".filter(e => e.checkVisibility())"
        ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)"
        ".map(e => e.textContent.trim() || e.className)"
    )
    assert overflowing == []


@pytest.mark.parametrize(
    ("language", "width", "name"),
    [
        ("en", 1280, "Administration"),
        ("fr", 1280, "Administration"),
        ("es", 1280, "Administración"),
        ("pt", 1280, "Administração"),
        ("es", 1366, "Administración"),
    ],
)
def test_the_header_stays_on_one_line_for_the_secretariat_on_a_laptop(
    browser, live_server, cast, language, width, name
):
    # The longest header: the Secretariat sees "Administration" too, French and Spanish have the longest
    # words, and a hundred unread notifications widen the person's name.
    from gealc.core.models import Notification

    Notification.objects.bulk_create(
        Notification(user=cast.secretariat, subject=f"Notice {number}") for number in range(120)
    )
    context = browser.new_context(
        viewport={"width": width, "height": 800}, extra_http_headers={"Accept-Language": language}
    )
    page = context.new_page()
    sign_in(page, live_server, cast.secretariat)
    page.goto(live_server.url + "/countries/")

    account_links = page.locator(".site-nav-account .nav-link").count()
    # Administration, governance, solutions to review, your work, notifications, your account, sign out
    assert account_links == 8  # administration, people, governance, solutions, work, notices, account, out
    rows = link_rows(page)
    assert max(rows) - min(rows) <= 4, rows
    assert_fits_the_width(page)
    assert_the_header_fits(page)
    assert "120" in page.locator(".site-account > summary").inner_text()
    # The account's links wait behind the person's name, which opens them.
    page.locator(".site-account > summary").click()
    assert page.get_by_role("link", name=name).is_visible()
    assert page.locator(".site-nav-account .nav-link:visible").count() == account_links
    assert_fits_the_width(page)
    assert_the_header_fits(page)
    screenshot(page, f"header-secretariat-{language}-{width}")
    context.close()


def test_a_section_s_areas_open_from_its_name_and_close_with_escape(browser, live_server, reference):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.goto(live_server.url + "/")
    navigation = page.get_by_role("navigation", name="Main navigation")
    meetings = navigation.get_by_role("link", name="Meetings")

    assert not meetings.is_visible()
    governance = navigation.locator("summary", has_text="Governance")
    governance.focus()
    page.keyboard.press("Enter")
    assert meetings.is_visible()
    assert navigation.get_by_role("link", name="Executive Committee").is_visible()
    assert_the_header_fits(page)
    screenshot(page, "governance-menu-1366")
    page.keyboard.press("Escape")
    assert not meetings.is_visible()
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Governance"

    governance.click()
    page.mouse.click(1200, 700)  # a click elsewhere closes the menu
    assert not meetings.is_visible()
    governance.click()
    meetings.click()
    page.wait_for_url("**/meetings/")
    assert page.locator("summary.active", has_text="Governance").is_visible()
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
