"""An officer invites a delegate and grants the role in the browser, and the invitation waits in the
outbox; a delegate signs in and lands on the workspace with their country's drafts; the notifications
are read and marked read. Every page passes the accessibility audit at desktop and phone widths."""

import pytest

from conftest import PASSWORD
from gealc.cooperation import services
from gealc.cooperation.tests.conftest import call, days  # noqa: F401 (fixtures)
from gealc.core.mail import Mail, mail_queue
from gealc.core.models import OutboxMessage
from gealc.members.models import Country, Membership
from tests.browser.support import assert_accessible, assert_fits_the_width, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def audit_at_both_widths(page, name: str) -> None:
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert_accessible(page, f"{name}-{size['width']}")
        assert_fits_the_width(page)
    page.set_viewport_size(DESKTOP)


def test_an_officer_invites_a_delegate_and_grants_the_role(page, live_server, cast):
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, cast.secretariat)
    page.goto(live_server.url + "/workspace/")
    audit_at_both_widths(page, "workspace-secretariat")

    page.get_by_role("link", name="People and roles").click()
    page.wait_for_url("**/people/")
    audit_at_both_widths(page, "people")

    page.get_by_role("link", name="Invite a person").click()
    page.wait_for_url("**/people/invite/")
    audit_at_both_widths(page, "people-invite")
    page.get_by_label("E-mail address").fill("delegate@gov.br")
    page.get_by_label("Full name").fill("Someone Else")
    page.get_by_role("button", name="Send the invitation").click()
    assert page.get_by_text("delegate@gov.br already has an account").first.is_visible()
    audit_at_both_widths(page, "people-invite-refused")

    page.get_by_label("E-mail address").fill("nadia@agesic.gub.uy")
    page.get_by_label("Full name").fill("Nadia Nueva")
    page.get_by_label("Country").select_option("URY")
    page.get_by_role("button", name="Send the invitation").click()
    page.wait_for_url("**/people/*/")
    assert page.get_by_text("Nadia Nueva is invited").is_visible()
    audit_at_both_widths(page, "people-person")

    page.get_by_label("Role", exact=True).select_option("delegate")
    page.get_by_label("For the country").select_option("URY")
    page.get_by_label("From", exact=True).fill(days(0).isoformat())
    page.get_by_role("button", name="Grant the role").click()
    page.wait_for_load_state()
    assert page.get_by_text("Nadia Nueva holds the role Country delegate — Uruguay").is_visible()
    assert page.get_by_role("button", name="Revoke Country delegate — Uruguay").is_visible()

    page.get_by_label("Role", exact=True).select_option("head_of_delegation")
    page.get_by_label("For the country").select_option("URY")
    page.get_by_role("button", name="Grant the role").click()
    assert page.get_by_text("Uruguay already has a head of delegation for that period").first.is_visible()
    audit_at_both_widths(page, "people-person-refused")

    membership = Membership.objects.get(person__user__email="nadia@agesic.gub.uy")
    assert (membership.role, membership.country) == ("delegate", Country.objects.get(iso3="URY"))
    invitation = OutboxMessage.objects.get(recipient="nadia@agesic.gub.uy")
    assert "/accounts/password/reset/key/" in invitation.body


def test_a_delegate_signs_in_and_lands_on_the_workspace_with_the_countrys_drafts(
    page,
    live_server,
    cast,
    call,  # noqa: F811
):
    services.request_draft(
        actor=cast.uruguay_delegate,
        country=Country.objects.get(iso3="URY"),
        title={"en": "Digital identity for public services"},
        problem={"en": "Citizens need one identity."},
        outputs={"en": "A roadmap."},
        original_language="en",
        areas=["digital-identity"],
        modality="remote",
        window_start=days(20),
        window_end=days(50),
    )
    mail_queue(
        [
            Mail(
                to=cast.uruguay_delegate.email,
                subject="Cooperation request approved",
                body=f"Hello,\n\nIt was approved.\n\n{live_server.url}/cooperation/",
            )
        ]
    )
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/accounts/login/")
    page.locator("#id_login").fill(cast.uruguay_delegate.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/workspace/")

    drafts = page.get_by_role("region", name="Your country's draft requests")
    assert drafts.get_by_role("link", name="Digital identity for public services — Uruguay").is_visible()
    # The count shows on the account's menu while it is closed; the menu holds the link.
    account = page.locator(".site-account > summary")
    assert "1 unread notification" in " ".join(account.inner_text().split())
    audit_at_both_widths(page, "workspace-delegate")

    account.click()
    page.get_by_role("link", name="Notifications (1 unread)").click()
    page.wait_for_url("**/accounts/me/notifications/")
    audit_at_both_widths(page, "notifications")
    page.get_by_role("button", name="Mark as read — Cooperation request approved").click()
    page.wait_for_load_state()
    assert "unread" not in page.locator(".site-account > summary").inner_text()
    assert page.get_by_text("0 unread.").is_visible()
