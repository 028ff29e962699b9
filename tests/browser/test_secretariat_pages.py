"""Every page of the Secretariat for the network's governance passes axe and fits a phone's width."""

import pytest

from gealc.governance.models import Activity, AgendaItem, MeetingDocument
from gealc.governance.services import (
    candidacy_add,
    election_create,
    motion_create,
    network_rules_update,
    workplan_create,
)
from tests.browser.support import assert_accessible, assert_fits_the_width, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_pages_are_accessible_at_desktop_and_phone_widths(page, live_server, cast, assembly):
    from decimal import Decimal

    election = election_create(actor=cast.secretariat, meeting=assembly, title="Authorities 2027")
    candidacy_add(actor=cast.secretariat, election=election, contest_key="presidency", country_code="URY")
    motion = motion_create(
        actor=cast.secretariat,
        meeting=assembly,
        rule="simple_majority",
        title={"en": "Approve the report of the Executive Committee for the year"},
        original_language="en",
    )
    plan = workplan_create(actor=cast.secretariat, year=2027)
    activity = Activity.objects.create(
        axis=plan.axes.get(code="open-data"),
        title_en="A census of the open data portals of the region",
        lead="secretariat",
    )
    item = AgendaItem.objects.create(meeting=assembly, position=1, title_en="Opening of the meeting")
    MeetingDocument.objects.create(meeting=assembly, title="Minutes", url="https://example.org/minutes")
    network_rules_update(
        actor=cast.secretariat,
        quorum_fraction=Decimal("0.5"),
        min_turnout_fraction=Decimal("0.5"),
        committee_term_months=12,
        min_ballots_published=3,
    )
    sign_in(page, live_server, cast.secretariat)
    pages = {
        "meetings": "/meetings/",
        "meeting-edit": f"/meetings/{assembly.pk}/edit/",
        "attendance": f"/meetings/{assembly.pk}/attendance/",
        "agenda": f"/meetings/{assembly.pk}/agenda/",
        "agenda-item": f"/meetings/agenda/{item.pk}/edit/",
        "documents": f"/meetings/{assembly.pk}/documents/",
        "motion-new": f"/meetings/{assembly.pk}/motions/new/",
        "motion": f"/motions/{motion.pk}/",
        "motion-edit": f"/motions/{motion.pk}/edit/",
        "election": f"/elections/{election.pk}/",
        "workplan": f"/work-plan/{plan.year}/",
        "workplan-new": "/work-plan/new/",
        "activity-new": f"/work-plan/{plan.year}/activities/new/",
        "activity-edit": f"/work-plan/activities/{activity.pk}/edit/",
        "workplan-approve": f"/work-plan/{plan.year}/approve/",
        "rules": "/governance/rules/",
        "committee": "/committee/",
    }
    for name, path in pages.items():
        for width in (1366, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{live_server.url}{path}")
            assert page.locator("h1").count() == 1
            assert_fits_the_width(page)
            assert_accessible(page, f"secretariat-{name}-{width}")

    # Closing the motion: the turnout first, below the minimum.
    page.goto(f"{live_server.url}/motions/{motion.pk}/")
    page.get_by_role("button", name="Close the voting").click()
    page.wait_for_selector("text=No result: turnout below the minimum.")
    assert_accessible(page, "secretariat-motion-close-1366")
