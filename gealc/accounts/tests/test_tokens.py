import datetime

from django.test import Client
from django.utils import timezone

from gealc.accounts.models import ApiToken
from gealc.accounts.services import token_create, token_revoke, user_disable


def bearer(raw: str) -> dict[str, str]:
    return {"authorization": f"Bearer {raw}"}


def test_a_token_acts_with_its_owners_roles(cast):
    _token, raw = token_create(user=cast.uruguay_delegate, days=30)

    response = Client().get("/api/v1/me", headers=bearer(raw))

    assert response.status_code == 200
    assert response.json() == {
        "email": "delegate@agesic.gub.uy",
        "name": "Ursula Delegate",
        "roles": [{"role": "delegate", "country": "URY"}],
    }


def test_me_without_credentials_is_401(cast):
    assert Client().get("/api/v1/me").status_code == 401
    assert Client().get("/api/v1/me", headers=bearer("gealc_not-a-token")).status_code == 401


def test_only_a_hash_of_the_token_is_stored(cast):
    token, raw = token_create(user=cast.brazil_delegate)

    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in {stored.key_hash, stored.hint}
    assert len(stored.key_hash) == 64
    assert not ApiToken.objects.filter(key_hash=raw).exists()


def test_an_expired_token_is_refused(cast):
    token, raw = token_create(user=cast.brazil_delegate, days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    assert Client().get("/api/v1/me", headers=bearer(raw)).status_code == 401


def test_a_revoked_token_is_refused(cast):
    _token, raw = token_create(user=cast.brazil_delegate)
    assert Client().get("/api/v1/me", headers=bearer(raw)).status_code == 200

    token_revoke(user=cast.brazil_delegate)

    assert Client().get("/api/v1/me", headers=bearer(raw)).status_code == 401


def test_a_disabled_accounts_tokens_stop_working(cast):
    _token, raw = token_create(user=cast.brazil_delegate)

    user_disable(actor=cast.secretariat, user=cast.brazil_delegate)

    assert Client().get("/api/v1/me", headers=bearer(raw)).status_code == 401


def test_a_user_creates_a_token_in_the_browser_and_sees_it_once(cast):
    client = Client()
    client.force_login(cast.uruguay_delegate)

    created = client.post("/accounts/me/tokens/", {"name": "reporting script", "days": 30})
    raw = created.context["raw"]
    overview = client.get("/accounts/me/").content.decode()

    assert raw in created.content.decode()
    assert raw not in overview
    assert "reporting script" in overview
    assert Client().get("/api/v1/me", headers=bearer(raw)).status_code == 200


def test_a_token_of_a_head_of_delegation_without_two_factor_cannot_act(cast):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=cast.uruguay_head).delete()
    _token, raw = token_create(user=cast.uruguay_head)

    response = Client().get("/api/v1/me", headers=bearer(raw))

    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]
