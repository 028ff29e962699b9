"""The workspace everyone lands on after signing in: one section per role held, notifications, and what
changed since the previous visit."""

import datetime

from django.test import Client
from django.utils import timezone

from conftest import PASSWORD
from gealc.accounts.models import User
from gealc.core.mail import Mail, mail_queue
from gealc.core.testing import queries_for


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_delegate_who_signs_in_lands_on_the_workspace(cast):
    client = Client()

    response = client.post("/accounts/login/", {"login": "delegate@agesic.gub.uy", "password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/workspace/"
    page = client.get("/workspace/").content.decode()
    assert "<h1>Your work</h1>" in page
    assert "Country delegate — Uruguay" in page


def test_sign_in_still_goes_back_to_the_page_asked_for(cast):
    response = Client().post(
        "/accounts/login/?next=/people/", {"login": "delegate@agesic.gub.uy", "password": PASSWORD}
    )
    assert response["Location"] == "/people/"


def test_the_workspace_remembers_the_previous_visit(cast):
    client = signed_in(cast.uruguay_delegate)

    first = client.get("/workspace/").content.decode()
    assert "this is your first visit to your workspace" in first
    visited = User.objects.get(pk=cast.uruguay_delegate.pk).workspace_visited_at
    assert visited is not None and timezone.now() - visited < datetime.timedelta(minutes=1)

    User.objects.filter(pk=cast.uruguay_delegate.pk).update(
        workspace_visited_at=timezone.now() - datetime.timedelta(days=3)
    )
    second = client.get("/workspace/").content.decode()
    assert "Your previous visit was on" in second


def test_a_person_without_a_role_is_told_where_their_work_will_appear(cast):
    page = signed_in(cast.nobody).get("/workspace/").content.decode()

    assert "You hold no role in the network yet." in page
    assert "People and roles" not in page


def test_the_workspace_shows_the_unread_notifications(cast):
    mail_queue(
        [Mail(to=cast.uruguay_delegate.email, subject="Your request was approved", body="Hello,\n\nYes.")]
    )

    page = signed_in(cast.uruguay_delegate).get("/workspace/").content.decode()

    assert "Your request was approved" in page and "1 unread" in page


def test_the_secretariat_and_heads_find_the_people_page_from_the_workspace(cast):
    assert 'href="/people/"' in signed_in(cast.secretariat).get("/workspace/").content.decode()
    assert 'href="/people/"' in signed_in(cast.uruguay_head).get("/workspace/").content.decode()
    assert 'href="/people/"' not in signed_in(cast.uruguay_delegate).get("/workspace/").content.decode()


def test_the_workspace_needs_a_signed_in_person(client, cast):
    response = client.get("/workspace/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_workspace_takes_as_many_queries_with_many_notifications(cast):
    client = signed_in(cast.secretariat)
    before = queries_for(client, "/workspace/")
    mail_queue(
        [Mail(to=cast.secretariat.email, subject=f"Change {n}", body="Hello,\n\nX.") for n in range(20)]
    )
    assert queries_for(client, "/workspace/") == before
