"""The Secretariat disables and enables accounts in the admin through the same services as anywhere."""

import pytest
from django.test import Client

from gealc.accounts.services import token_create
from gealc.core.models import DecisionEvent


@pytest.fixture
def officer(cast) -> Client:
    client = Client()
    client.force_login(cast.secretariat)
    return client


def change_user(officer: Client, user, *, active: bool):
    form = {"email": user.email, "name": user.name, "language": user.language}
    if active:
        form["is_active"] = "on"
    return officer.post(f"/admin/accounts/user/{user.pk}/change/", form)


def test_an_account_disabled_and_enabled_again_in_the_admin_keeps_its_old_tokens_refused(officer, cast):
    _token, raw = token_create(user=cast.brazil_delegate)
    headers = {"authorization": f"Bearer {raw}"}
    assert Client().get("/api/v1/me", headers=headers).status_code == 200

    assert change_user(officer, cast.brazil_delegate, active=False).status_code == 302
    assert Client().get("/api/v1/me", headers=headers).status_code == 401
    assert change_user(officer, cast.brazil_delegate, active=True).status_code == 302

    cast.brazil_delegate.refresh_from_db()
    assert cast.brazil_delegate.is_active
    assert Client().get("/api/v1/me", headers=headers).status_code == 401
    _new, fresh = token_create(user=cast.brazil_delegate)
    assert Client().get("/api/v1/me", headers={"authorization": f"Bearer {fresh}"}).status_code == 200


def test_disabling_and_enabling_in_the_admin_are_in_the_decision_log_with_the_officer(officer, cast):
    change_user(officer, cast.brazil_delegate, active=False)
    change_user(officer, cast.brazil_delegate, active=True)
    change_user(officer, cast.brazil_delegate, active=True)  # no change: nothing to log

    events = DecisionEvent.objects.filter(action__in=["user.disable", "user.enable"]).order_by("pk")
    assert [(event.action, event.actor_id) for event in events] == [
        ("user.disable", cast.secretariat.pk),
        ("user.enable", cast.secretariat.pk),
    ]
