"""The fund's panels on the workspace (/workspace/), as each role sees them."""

import datetime

from django.test import Client
from django.utils import timezone

from gealc.accounts.models import User
from gealc.cooperation import services
from gealc.core.testing import queries_for


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def panel(page: str, key: str) -> str:
    """The HTML of one panel of the workspace."""
    assert f'id="panel-{key}"' in page, key
    return page.split(f'aria-labelledby="panel-{key}"', 1)[1].split("</section>", 1)[0]


def test_a_delegate_sees_their_countrys_drafts_and_requests_under_way(cast, fund):
    draft = fund.draft(title="Digital signature roadmap")
    submitted = fund.request_in("submitted")

    page = signed_in(cast.uruguay_delegate).get("/workspace/").content.decode()

    drafts = panel(page, "country-drafts")
    assert "Digital signature roadmap — Uruguay" in drafts and f"/cooperation/requests/{draft.pk}/" in drafts
    assert f"/cooperation/requests/{submitted.pk}/" in panel(page, "country-requests")
    assert "Fund requests to screen" not in page  # the Secretariat's, not the delegate's


def test_another_countrys_delegate_sees_none_of_uruguays_drafts(cast, fund):
    fund.draft(title="Digital signature roadmap")

    page = signed_in(cast.brazil_delegate).get("/workspace/").content.decode()

    assert "Digital signature roadmap" not in page
    assert "Your country has no draft request." in page


def test_the_secretariat_sees_the_requests_to_screen_and_the_experts_to_validate(cast, fund):
    submitted = fund.request_in("submitted")

    page = signed_in(cast.secretariat).get("/workspace/").content.decode()

    screen = panel(page, "fund-requests-to-screen")
    assert f"/cooperation/requests/{submitted.pk}/" in screen and "Submitted" in screen
    assert "Ana Pendiente — Argentina" in panel(page, "experts-to-validate")
    assert "Your country's draft requests" not in page


def test_the_expert_sees_their_missions_and_the_report_due(cast, fund):
    mission = fund.mission_in("completed")

    page = signed_in(cast.chile_expert).get("/workspace/").content.decode()

    missions = panel(page, "expert-missions")
    assert f"/cooperation/missions/{mission.pk}/" in missions and "Your report is due" in missions


def test_the_head_of_delegation_sees_the_host_report_due(cast, fund):
    mission = fund.mission_in("completed")

    page = signed_in(cast.uruguay_head).get("/workspace/").content.decode()

    assert f"/cooperation/missions/{mission.pk}/" in panel(page, "country-host-reports-due")
    assert "Head of delegation — Uruguay" in page


def test_a_delegate_sees_what_others_changed_since_the_last_visit(cast, fund):
    request = fund.request_in("submitted")
    client = signed_in(cast.uruguay_delegate)
    client.get("/workspace/")
    User.objects.filter(pk=cast.uruguay_delegate.pk).update(
        workspace_visited_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    services.request_approve(actor=cast.secretariat, request=request)

    page = client.get("/workspace/").content.decode()

    changes = panel(page, "country-fund-changes")
    assert f"/cooperation/requests/{request.pk}/" in changes and "Approved" in changes
    # The delegate's own submission is not news to them.
    assert "Submit" not in changes


def test_the_workspace_takes_as_many_queries_with_more_requests(cast, fund):
    officer, delegate = signed_in(cast.secretariat), signed_in(cast.uruguay_delegate)
    fund.request_in("submitted")
    fund.request_in("approved")
    fund.draft()
    for client in (officer, delegate):
        client.get("/workspace/")  # from the second visit on, the workspace also shows what changed
    before = (queries_for(officer, "/workspace/"), queries_for(delegate, "/workspace/"))
    for _number in range(4):
        fund.request_in("submitted")
        fund.request_in("approved")  # a change by the Secretariat: news for the delegate
        fund.draft()
    assert (queries_for(officer, "/workspace/"), queries_for(delegate, "/workspace/")) == before
