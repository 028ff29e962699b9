import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.conf import settings
from django.core import mail
from django.test import Client

from conftest import PASSWORD, make_user
from gealc.accounts.services import user_disable


def sign_in(client: Client, email: str, password: str = PASSWORD, address: str = "10.1.1.1"):
    return client.post("/accounts/login/", {"login": email, "password": password}, REMOTE_ADDR=address)


def test_a_delegate_signs_in_with_e_mail_and_password(cast):
    client = Client()
    client.get("/")
    anonymous_session = client.session.session_key

    response = sign_in(client, "delegate@agesic.gub.uy")

    assert response.status_code == 302
    assert client.get("/accounts/me/").status_code == 200
    assert client.session.session_key != anonymous_session


def test_an_unverified_address_cannot_sign_in_until_confirmed(cast):
    user = make_user("new@agesic.gub.uy", "New Person")
    EmailAddress.objects.filter(user=user).update(verified=False)
    client = Client()

    response = sign_in(client, "new@agesic.gub.uy")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/accounts/me/").status_code == 302
    assert "Confirm" in mail.outbox[-1].subject


def test_sign_in_does_not_reveal_whether_an_e_mail_exists(cast):
    wrong_password = sign_in(Client(), "delegate@agesic.gub.uy", "not the password")
    unknown_address = sign_in(Client(), "nobody-here@agesic.gub.uy", "not the password")

    assert wrong_password.status_code == unknown_address.status_code == 200
    assert wrong_password.context["form"].errors == unknown_address.context["form"].errors


def test_a_password_reset_does_not_reveal_whether_an_e_mail_exists(cast):
    known = Client().post("/accounts/password/reset/", {"email": "delegate@agesic.gub.uy"})
    unknown = Client().post("/accounts/password/reset/", {"email": "nobody-here@agesic.gub.uy"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 2  # the unknown address is told it has no account, not the attacker


def test_passwords_are_checked_for_length_and_commonness(cast):
    from gealc.accounts.services import user_create
    from gealc.core.errors import ServiceError

    with pytest.raises(ServiceError, match="too short"):
        user_create(email="short@example.org", name="Short", password="abc123")
    with pytest.raises(ServiceError, match="too common"):
        user_create(email="common@example.org", name="Common", password="password1234")


def test_repeated_failures_lock_the_e_mail_from_that_address_only(cast):
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(attacker, "delegate@agesic.gub.uy", "wrong guess", address="203.0.113.9")

    locked = sign_in(attacker, "delegate@agesic.gub.uy", address="203.0.113.9")
    from_the_office = Client()
    sign_in(from_the_office, "delegate@agesic.gub.uy", address="10.1.1.1")

    assert locked.status_code == 429
    assert "Sign-in locked" in locked.content.decode()
    assert from_the_office.get("/accounts/me/").status_code == 200


def test_a_head_of_delegation_without_two_factor_cannot_act_until_it_is_set_up(cast):
    Authenticator.objects.filter(user=cast.uruguay_head).delete()
    client = Client()
    sign_in(client, "head@agesic.gub.uy")

    page = client.get("/countries/")
    api = client.get("/api/v1/me")

    assert page.status_code == 302
    assert page["Location"] == "/accounts/2fa/totp/activate/"
    assert api.status_code == 403
    # Setting it up is allowed, without typing the password again just after signing in.
    setup = client.get("/accounts/2fa/totp/activate/")
    assert setup.status_code == 200
    assert "secret" in setup.content.decode().lower()


def test_a_delegate_is_not_forced_to_set_up_two_factor(cast):
    client = Client()
    sign_in(client, "delegate@agesic.gub.uy")

    assert client.get("/countries/").status_code == 200


def test_signing_in_with_two_factor_asks_for_the_code(cast):
    client = Client()
    response = sign_in(client, "head@agesic.gub.uy")
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/accounts/me/").status_code == 302

    secret = Authenticator.objects.get(user=cast.uruguay_head, type="totp").wrap().instance.data["secret"]
    from allauth.mfa.utils import decrypt

    code = format_hotp_value(hotp_value(decrypt(secret), next(yield_hotp_counters_from_time())))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})

    assert response.status_code == 302
    assert client.get("/accounts/me/").status_code == 200


def test_sessions_expire_after_the_idle_timeout(cast):
    client = Client()
    sign_in(client, "delegate@agesic.gub.uy")

    assert client.session.get_expiry_age() == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_disabling_an_account_ends_all_its_sessions(cast):
    laptop, phone = Client(), Client()
    sign_in(laptop, "delegate@agesic.gub.uy")
    sign_in(phone, "delegate@agesic.gub.uy", address="10.1.1.2")

    user_disable(actor=cast.secretariat, user=cast.uruguay_delegate)
    cast.uruguay_delegate.is_active = True
    cast.uruguay_delegate.save()

    assert laptop.get("/accounts/me/").status_code == 302
    assert phone.get("/accounts/me/").status_code == 302


def test_the_chosen_language_is_kept_on_the_account(cast):
    client = Client()
    sign_in(client, "delegate@agesic.gub.uy")
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})

    elsewhere = Client()
    sign_in(elsewhere, "delegate@agesic.gub.uy", address="10.1.1.3")
    html = elsewhere.get("/", headers={"accept-language": "en"}).content.decode()

    assert '<html lang="es">' in html


def test_the_sign_in_page_is_part_of_the_site_in_the_visitors_language(cast):
    html = Client().get("/accounts/login/", headers={"accept-language": "es"}).content.decode()

    assert '<html lang="es">' in html
    assert "Saltar al contenido principal" in html
    assert 'name="login"' in html and 'name="password"' in html


def test_a_superuser_without_two_factor_cannot_act_either(db, reference):
    from gealc.accounts.models import User

    root = User.objects.create_superuser("root@oas.org", PASSWORD, name="Root")
    client = Client()
    client.force_login(root)

    assert client.get("/admin/").status_code == 302
    assert client.get("/api/v1/me").status_code == 403


def test_deleting_an_account_is_not_offered_and_would_not_break_the_decision_log(cast):
    from gealc.core.audit import record_decision, verify_chain

    record_decision(actor=cast.brazil_delegate, action="test.decide", payload={"n": 1})
    client = Client()
    client.force_login(cast.secretariat)
    assert client.get(f"/admin/accounts/user/{cast.brazil_delegate.pk}/delete/").status_code == 403

    cast.brazil_delegate.delete()

    assert verify_chain().intact
