"""A delegate imports a publiccode.yml with a mistake, sees the problem next to its line, fixes it,
imports it, records an adoption and links a solution of the catalogue that uses it; a visitor reads the
software page on a phone. Every page passes the accessibility audit."""

import datetime

import pytest

from gealc.awards.tests.conftest import published
from gealc.software.tests.conftest import publiccode
from tests.browser.support import assert_accessible, assert_fits_the_width, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_delegate_imports_a_file_fixes_its_mistake_and_records_an_adoption(page, live_server, cast):
    sign_in(page, live_server, cast.uruguay_delegate)
    page.goto(live_server.url + "/software/")
    assert_accessible(page)
    page.get_by_role("link", name="Import a publiccode.yml").click()
    page.wait_for_url("**/software/import/")
    assert_accessible(page)

    broken = publiccode().replace("developmentStatus: stable", "developmentStatus: finished")
    page.get_by_label("Or paste the file").fill(broken)
    page.get_by_role("button", name="Check and import").click()
    line = broken.split("\n").index("developmentStatus: finished") + 1
    listing = page.locator(f"#line-{line}")
    assert "developmentStatus: finished" in listing.inner_text()
    assert "developmentStatus must be one of the following" in listing.inner_text()
    assert_accessible(page, "software-import-refused-1366")

    page.get_by_label("Or paste the file").fill(publiccode())
    page.get_by_role("button", name="Check and import").click()
    page.wait_for_url("**/software/tramites/")
    assert page.get_by_text("Tramites is now in the catalogue.").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record an adoption").click()
    page.wait_for_url("**/software/tramites/adoptions/new/")
    assert_accessible(page)
    page.get_by_label("Status").select_option("piloting")
    page.get_by_label("In use since").fill("2024-02-01")
    page.get_by_role("button", name="Record the adoption").click()
    page.wait_for_url("**/software/tramites/#adoptions")
    table = page.get_by_role("table", name="Who uses it, where")
    assert "Uruguay" in table.inner_text() and "Piloting" in table.inner_text()
    assert "Owning country: Uruguay." in page.locator("#adopters-map-desc").text_content()

    solution = published(cast, "BRA", "Portal de serviços", original_language="pt")
    page.get_by_role("link", name="Edit the institution and the solutions").click()
    page.wait_for_url("**/software/tramites/edit/")
    assert_accessible(page)
    page.get_by_label("Solutions that use it").select_option(str(solution.pk))
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/software/tramites/")
    assert page.get_by_role("link", name="Portal de serviços").is_visible()
    page.get_by_role("link", name="Portal de serviços").click()
    page.wait_for_url(f"**/solutions/{solution.pk}/")
    assert page.get_by_role("link", name="Tramites").is_visible()


def test_a_visitor_reads_simple_lat_on_a_phone(page, live_server, cast):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/software/simple-lat/")

    assert page.get_by_role("heading", level=1).inner_text() == "Simple-Lat"
    assert "Paraguay" in page.get_by_role("table", name="Who uses it, where").inner_text()
    assert page.get_by_role("link", name="SIMPLE", exact=True).is_visible()
    assert_fits_the_width(page)
    assert_accessible(page)

    page.goto(live_server.url + "/software/figures/")
    assert_fits_the_width(page)
    assert_accessible(page)
    page.goto(live_server.url + "/software/")
    assert_fits_the_width(page)
    assert_accessible(page)


@pytest.mark.parametrize("width", [1280, 1366])
def test_on_a_laptop_the_adoptions_table_shows_every_column_without_scrolling(
    browser, live_server, cast, width
):
    from gealc.software.models import Adoption

    Adoption.objects.filter(software__slug="simple-lat").update(
        since=datetime.date(2023, 3, 1), version="2.4.1-rc1", evidence_url="https://example.org/in-use"
    )
    context = browser.new_context(
        locale="es-ES", extra_http_headers={"Accept-Language": "es"}, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(live_server.url + "/software/simple-lat/")

    box = page.locator("#adoptions .table-responsive")
    client_width, scroll_width = box.evaluate("e => [e.clientWidth, e.scrollWidth]")
    assert scroll_width <= client_width, f"the table is {scroll_width} px in a {client_width} px box"
    table = page.get_by_role("table", name="Quién lo usa y dónde")
    assert "Versión" in table.inner_text() and "2.4.1-rc1" in table.inner_text()
    assert page.get_by_role("link", name="Enlace (Paraguay)").is_visible()
    screenshot(page, f"software-adoptions-{width}")
    context.close()


def test_on_a_phone_each_problem_of_an_import_fits_under_its_line(page, live_server, cast):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, cast.uruguay_delegate)
    page.goto(live_server.url + "/software/import/")
    broken = (
        publiccode()
        .replace("developmentStatus: stable", "developmentStatus: finished")
        .replace("license: AGPL-3.0-or-later", "license: GPL-3")
    )
    page.get_by_label("Or paste the file").fill(broken)
    page.get_by_role("button", name="Check and import").click()

    listing = page.locator(".code-listing")
    client_width, scroll_width = listing.evaluate("e => [e.clientWidth, e.scrollWidth]")
    problems = page.locator(".code-problem")
    assert problems.count() >= 2
    right = listing.evaluate("e => e.getBoundingClientRect().right")
    for problem in problems.all():
        assert problem.evaluate("e => e.getBoundingClientRect().right") <= right
    assert scroll_width <= client_width, f"the listing scrolls: {scroll_width} px in {client_width} px"
    assert_fits_the_width(page)
    screenshot(page, "software-import-refused-390")
