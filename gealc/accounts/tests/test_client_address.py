"""Behind a reverse proxy, sign-in limits count the client's address, read from X-Forwarded-For."""

import pytest
from django.conf import settings
from django.test import Client

from conftest import PASSWORD

PROXY = "10.0.0.2"  # the reverse proxy, as the application sees the connection


@pytest.fixture
def one_proxy(settings):
    """PROXY_COUNT=1, as the settings module derives it."""
    settings.PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def sign_in(client: Client, email: str, password: str = PASSWORD, *, forwarded_for: str, remote: str = PROXY):
    return client.post(
        "/accounts/login/",
        {"login": email, "password": password},
        REMOTE_ADDR=remote,
        headers={"x-forwarded-for": forwarded_for},
    )


@pytest.mark.usefixtures("one_proxy")
def test_behind_a_proxy_failures_from_one_client_do_not_lock_the_e_mail_from_another(cast):
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(attacker, "delegate@agesic.gub.uy", "wrong guess", forwarded_for="203.0.113.5")

    locked = sign_in(attacker, "delegate@agesic.gub.uy", forwarded_for="203.0.113.5")
    from_the_office = Client()
    office = sign_in(from_the_office, "delegate@agesic.gub.uy", forwarded_for="203.0.113.9")

    assert locked.status_code == 429
    assert "Sign-in locked" in locked.content.decode()
    assert office.status_code == 302
    assert from_the_office.get("/accounts/me/").status_code == 200


@pytest.mark.usefixtures("one_proxy")
def test_behind_a_proxy_an_address_the_client_wrote_before_its_own_does_not_count(cast):
    attacker = Client()
    for guess in range(settings.AXES_FAILURE_LIMIT):
        # The client forges a different first entry each time; the proxy appends the real address.
        sign_in(
            attacker,
            "delegate@agesic.gub.uy",
            "wrong guess",
            forwarded_for=f"198.51.100.{guess}, 203.0.113.5",
        )

    locked = sign_in(attacker, "delegate@agesic.gub.uy", forwarded_for="198.51.100.99, 203.0.113.5")

    assert locked.status_code == 429


def test_without_a_proxy_a_forged_x_forwarded_for_does_not_change_the_address(cast):
    attacker = Client()
    for guess in range(settings.AXES_FAILURE_LIMIT):
        sign_in(
            attacker,
            "delegate@agesic.gub.uy",
            "wrong guess",
            forwarded_for=f"198.51.100.{guess}",
            remote="203.0.113.5",
        )

    locked = sign_in(attacker, "delegate@agesic.gub.uy", forwarded_for="198.51.100.99", remote="203.0.113.5")
    from_the_office = Client()
    office = sign_in(
        from_the_office, "delegate@agesic.gub.uy", forwarded_for="203.0.113.5", remote="10.1.1.1"
    )

    assert locked.status_code == 429
    assert office.status_code == 302
    assert from_the_office.get("/accounts/me/").status_code == 200


@pytest.mark.usefixtures("one_proxy")
def test_behind_a_proxy_allauths_own_limit_per_address_counts_the_client_too(cast):
    # allauth refuses more than 10 failed sign-ins a minute from one address, whatever the e-mail.
    for n in range(10):
        sign_in(Client(), f"nobody{n}@example.org", "wrong guess", forwarded_for="203.0.113.5")

    refused = sign_in(Client(), "nobody-else@example.org", "wrong guess", forwarded_for="203.0.113.5")
    other_client = Client()
    accepted = sign_in(other_client, "delegate@agesic.gub.uy", forwarded_for="203.0.113.9")

    assert "Too many failed login attempts" in refused.content.decode()
    assert accepted.status_code == 302
    assert other_client.get("/accounts/me/").status_code == 200
