"""Every e-mail to a person with an account is also a notification on the site, which they mark read."""

import pytest
from django.db import transaction
from django.test import Client

from gealc.core.mail import Mail, mail_queue
from gealc.core.models import Notification
from gealc.core.notifications import short_text, site_path
from gealc.core.testing import queries_for

BODY = """Hello Ursula,

The cooperation request “Civil registry” of Uruguay is now: Approved.

See it on the platform: http://127.0.0.1:8000/cooperation/requests/7/

--
RED GEALC
"""


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_message_queued_to_a_user_is_also_their_notification_with_the_records_link(cast):
    mail_queue(
        [
            Mail(to="Delegate@agesic.gub.uy", subject="Request approved", body=BODY),
            Mail(to="someone@elsewhere.org", subject="Hello", body="No account here."),
        ]
    )

    notification = Notification.objects.get()
    assert notification.user == cast.uruguay_delegate
    assert notification.subject == "Request approved"
    assert notification.text == "The cooperation request “Civil registry” of Uruguay is now: Approved."
    assert notification.url == "/cooperation/requests/7/"
    assert not notification.is_read


def test_a_rolled_back_change_leaves_neither_e_mail_nor_notification(cast):
    with pytest.raises(RuntimeError), transaction.atomic():
        mail_queue([Mail(to=cast.uruguay_delegate.email, subject="Nothing", body="x")])
        raise RuntimeError

    assert not Notification.objects.exists()


def test_a_link_to_another_site_is_never_kept():
    assert site_path("https://evil.example.org/cooperation/") == ""
    assert site_path("//evil.example.org/") == ""
    assert site_path("http://127.0.0.1:8000/meetings/3/?tab=votes") == "/meetings/3/?tab=votes"


def test_the_short_text_skips_a_greeting_ending_with_a_comma_or_a_colon():
    for greeting in ("Hello Ana,", "Bonjour Ana,", "Prezado(a) Ana,", "Estimado/a Ana:"):
        assert short_text(f"{greeting}\n\nThe request is now: Approved.\n\nMore.") == (
            "The request is now: Approved."
        )


def test_the_short_text_is_cut_at_a_word():
    text = short_text("Hello,\n\n" + "word " * 100)
    assert len(text) <= 300 and text.endswith("word…")


def test_a_person_reads_their_notifications_and_marks_one_then_all_as_read(cast):
    for number in range(3):
        mail_queue([Mail(to=cast.uruguay_delegate.email, subject=f"Change {number}", body=BODY)])
    mail_queue([Mail(to=cast.brazil_delegate.email, subject="For Bruno only", body=BODY)])
    client = signed_in(cast.uruguay_delegate)

    page = client.get("/accounts/me/notifications/").content.decode()
    assert "Change 0" in page and "Change 2" in page and "For Bruno only" not in page
    assert "3 unread." in page
    assert "Notifications (3 unread)" in page  # in the header's account navigation

    first = Notification.objects.filter(user=cast.uruguay_delegate).order_by("pk").first()
    response = client.post(f"/accounts/me/notifications/{first.pk}/read/")
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.is_read
    assert "Notifications (2 unread)" in client.get("/accounts/me/notifications/").content.decode()
    unread = client.get("/accounts/me/notifications/", {"show": "unread"}).content.decode()
    assert "Change 0" not in unread and "Change 1" in unread

    client.post("/accounts/me/notifications/read/")
    assert not Notification.objects.filter(user=cast.uruguay_delegate, read_at=None).exists()
    assert Notification.objects.get(user=cast.brazil_delegate).read_at is None
    page = client.get("/accounts/me/notifications/").content.decode()
    assert "0 unread." in page and ">Notifications</a>" in page


def test_no_one_marks_another_persons_notification(cast):
    mail_queue([Mail(to=cast.brazil_delegate.email, subject="For Bruno only", body=BODY)])
    notification = Notification.objects.get()

    response = signed_in(cast.uruguay_delegate).post(f"/accounts/me/notifications/{notification.pk}/read/")

    assert response.status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


def test_marking_a_notification_read_can_open_its_record(cast):
    mail_queue([Mail(to=cast.uruguay_delegate.email, subject="Approved", body=BODY)])
    notification = Notification.objects.get()

    response = signed_in(cast.uruguay_delegate).post(
        f"/accounts/me/notifications/{notification.pk}/read/", {"open": "1"}
    )

    assert response["Location"] == "/cooperation/requests/7/"


def test_the_notification_list_takes_as_many_queries_with_many_notifications(cast):
    client = signed_in(cast.uruguay_delegate)
    mail_queue([Mail(to=cast.uruguay_delegate.email, subject="One", body=BODY)])
    before = queries_for(client, "/accounts/me/notifications/")
    mail_queue([Mail(to=cast.uruguay_delegate.email, subject=f"N {n}", body=BODY) for n in range(30)])
    assert queries_for(client, "/accounts/me/notifications/") == before


def test_the_anonymous_visitor_has_no_notifications(client, cast):
    assert client.get("/accounts/me/notifications/").status_code == 302
    assert "Notifications" not in client.get("/countries/").content.decode().split("</header>")[0]
