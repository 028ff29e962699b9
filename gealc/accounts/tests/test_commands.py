import io

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from gealc.accounts.models import ApiToken, User
from gealc.accounts.roles import roles_of
from gealc.members.models import Membership, Person

PASSWORD = "another long unusual passphrase"


def run(*args: str, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if monkeypatch is not None and stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_user_create_reads_the_password_from_standard_input(reference, monkeypatch):
    output = run(
        "user",
        "create",
        "Ana@AGESIC.gub.uy",
        "--name",
        "Ana Pérez",
        stdin=PASSWORD + "\n",
        monkeypatch=monkeypatch,
    )

    user = User.objects.get(email="ana@agesic.gub.uy")
    assert output.strip() == "Created ana@agesic.gub.uy."
    assert user.check_password(PASSWORD)
    assert user.name == "Ana Pérez"
    assert Person.objects.get(user=user).name == "Ana Pérez"
    assert EmailAddress.objects.get(user=user).verified
    assert (
        Client().post("/accounts/login/", {"login": "ana@agesic.gub.uy", "password": PASSWORD}).status_code
        == 302
    )


def test_user_create_without_a_password_sends_an_invitation(reference, monkeypatch):
    output = run("user", "create", "luis@gob.pe", "--name", "Luis", stdin="", monkeypatch=monkeypatch)

    assert "invitation" in output
    assert not User.objects.get(email="luis@gob.pe").has_usable_password()
    assert mail.outbox[-1].to == ["luis@gob.pe"]
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body
    assert "choose the password of your RED GEALC account" in mail.outbox[-1].body
    assert mail.outbox[-1].subject == "[RED GEALC] Choose your password"


def test_creating_an_existing_user_again_changes_nothing(reference, monkeypatch):
    run("user", "create", "ana@agesic.gub.uy", "--name", "Ana", stdin=PASSWORD, monkeypatch=monkeypatch)

    output = run(
        "user", "create", "ANA@agesic.gub.uy", "--name", "Someone Else", stdin="x", monkeypatch=monkeypatch
    )

    user = User.objects.get()
    assert "already exists: nothing changed" in output
    assert (user.name, user.check_password(PASSWORD)) == ("Ana", True)


def test_grant_and_revoke_a_role_for_a_country(reference, monkeypatch):
    run("user", "create", "ana@agesic.gub.uy", "--name", "Ana", stdin=PASSWORD, monkeypatch=monkeypatch)

    granted = run("user", "grant", "ana@agesic.gub.uy", "delegate", "--country", "ury")
    user = User.objects.get()
    assert "holds delegate for URY" in granted
    assert [(g.role, g.country) for g in roles_of(user)] == [("delegate", "URY")]

    revoked = run("user", "revoke", "ana@agesic.gub.uy", "delegate", "--country", "URY")
    user = User.objects.get()
    assert "1 membership(s) ended." in revoked
    assert roles_of(user) == frozenset()
    assert Membership.objects.count() == 0  # it started today, so it never took effect


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("user", "grant", "not-an-email", "delegate"), "is not a valid e-mail address"),
        (("user", "grant", "ghost@example.org", "delegate"), "no user with e-mail ghost@example.org"),
        (("user", "grant", "ana@agesic.gub.uy", "emperor"), "Unknown role “emperor”"),
        (("user", "grant", "ana@agesic.gub.uy", "delegate", "--country", "XYZ"), "unknown country 'XYZ'"),
        (("user", "grant", "ana@agesic.gub.uy", "delegate"), "held for a country"),
        (("user", "grant", "ana@agesic.gub.uy", "head_of_delegation", "--country", "ESP"), "not a member"),
        (("user", "create", "not-an-email", "--name", "X"), "is not a valid e-mail address"),
        (("token", "create", "ghost@example.org"), "There is no user with e-mail"),
    ],
)
def test_bad_input_is_a_clear_error_with_exit_code_2(reference, monkeypatch, args, message):
    run("user", "create", "ana@agesic.gub.uy", "--name", "Ana", stdin=PASSWORD, monkeypatch=monkeypatch)

    with pytest.raises(CommandError, match=message) as caught:
        run(*args, stdin="", monkeypatch=monkeypatch)

    assert caught.value.returncode == 2


def test_token_create_prints_the_token_and_nothing_else(cast):
    output = run("token", "create", "delegate@gov.br", "--days", "7")

    raw = output.strip()
    assert output == raw + "\n"
    assert raw.startswith("gealc_")
    assert Client().get("/api/v1/me", headers={"authorization": f"Bearer {raw}"}).status_code == 200

    run("token", "revoke", "delegate@gov.br")

    assert Client().get("/api/v1/me", headers={"authorization": f"Bearer {raw}"}).status_code == 401
    assert ApiToken.objects.filter(revoked_at__isnull=True).count() == 0


def test_a_country_has_one_head_of_delegation_at_a_time(cast):
    with pytest.raises(CommandError, match="already has a head of delegation") as caught:
        run("user", "grant", "delegate@agesic.gub.uy", "head_of_delegation", "--country", "URY")

    assert caught.value.returncode == 2
