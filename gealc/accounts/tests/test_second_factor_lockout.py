"""Wrong second-factor codes lock the account's code step, from whatever addresses they come."""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.test import Client

from conftest import PASSWORD


def right_code(user) -> str:
    secret = Authenticator.objects.get(user=user, type="totp").wrap().instance.data["secret"]
    return format_hotp_value(hotp_value(decrypt(secret), next(yield_hotp_counters_from_time())))


def password_step(address: str, email: str = "head@agesic.gub.uy") -> Client:
    """A client past the password step, on the code step, from ``address``."""
    client = Client(REMOTE_ADDR=address)
    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    return client


def wrong_codes_from_several_addresses(how_many: int) -> None:
    for n in range(how_many):
        client = password_step(f"203.0.113.{n}")  # a new address for every guess
        page = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
        assert "Incorrect code" in page.content.decode()


def test_after_too_many_wrong_codes_from_several_addresses_the_right_code_does_not_sign_in(cast):
    wrong_codes_from_several_addresses(settings.AXES_FAILURE_LIMIT)

    owner = password_step("10.1.1.1")
    page = owner.post("/accounts/2fa/authenticate/", {"code": right_code(cast.uruguay_head)})

    assert page.status_code == 200
    assert "Too many wrong codes for this account: try again in 30 minutes." in page.content.decode()
    assert owner.get("/accounts/me/").status_code == 302


def test_fewer_wrong_codes_than_the_limit_still_let_the_right_code_sign_in(cast):
    wrong_codes_from_several_addresses(settings.AXES_FAILURE_LIMIT - 1)

    owner = password_step("10.1.1.1")
    response = owner.post("/accounts/2fa/authenticate/", {"code": right_code(cast.uruguay_head)})

    assert response.status_code == 302
    assert owner.get("/accounts/me/").status_code == 200


def test_wrong_codes_for_one_account_do_not_lock_another(cast):
    wrong_codes_from_several_addresses(settings.AXES_FAILURE_LIMIT)

    officer = password_step("10.1.1.1", "officer@oas.org")
    response = officer.post("/accounts/2fa/authenticate/", {"code": right_code(cast.secretariat)})

    assert response.status_code == 302
    assert officer.get("/accounts/me/").status_code == 200
