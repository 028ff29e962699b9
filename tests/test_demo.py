"""`gealc demo`: a newcomer's local copy gets an account for every role and records in many states."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time

from gealc import __main__ as entry_point
from gealc.accounts.models import User
from gealc.cooperation.models import Call, CooperationRequest, Expert, MissionReport
from gealc.governance.models import Ballot, Delegation, Election, Meeting
from gealc.groups.models import GroupMembership, WorkingGroup

pytestmark = pytest.mark.django_db


def run_demo(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["gealc", "demo"])
    with pytest.raises(SystemExit) as exited:
        entry_point.main()
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


@pytest.fixture
def debug(settings: Any) -> Any:
    settings.DEBUG = True
    return settings


def test_the_demo_creates_an_account_for_every_role_and_records_in_many_states(
    debug: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    code, out, _err = run_demo(monkeypatch, capsys)

    assert code == 0
    assert "officer@demo.example" in out and "head.uruguay@demo.example" in out
    assert "delegate.peru@demo.example" in out and "expert.chile@demo.example" in out
    password = out.split("password for all: ")[1].split(")")[0]
    assert User.objects.filter(email__endswith="@demo.example").count() == 8
    assert all(user.name.endswith("(demo)") for user in User.objects.all())
    assert Call.objects.get().title.endswith("(demo)")
    assert set(CooperationRequest.objects.values_list("state", flat=True)) >= {
        "draft",
        "submitted",
        "approved",
        "rejected",
        "reported",
        "closed",
    }
    assert Expert.objects.filter(status="validated").count() == 2
    assert MissionReport.objects.count() == 4
    election = Election.objects.get()
    assert election.status == "open" and Ballot.objects.filter(election=election).count() == 2
    demo_meetings = Meeting.objects.filter(title_en__endswith="(demo)")
    assert demo_meetings.count() == 2
    assert Delegation.objects.filter(meeting__in=demo_meetings).count() == 38
    group = WorkingGroup.objects.get(historical=False)
    assert group.name.endswith("(demo)") and group.lead_country.iso3 == "URY"
    assert {(row.person.name, row.role) for row in GroupMembership.objects.filter(group=group)} == {
        ("Ursula Delegate (demo)", "coordinator"),
        ("Carla Expert (demo)", "member"),
        ("Pedro Delegate (demo)", "member"),
    }
    # The printed password opens every account.
    assert all(user.check_password(password) for user in User.objects.all())


def test_the_officers_printed_totp_secret_gives_codes_the_platform_accepts(
    debug: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    _code, out, _err = run_demo(monkeypatch, capsys)

    secret = out.split("secret: ")[1].split()[0]
    assert f"otpauth://totp/officer%40demo.example?secret={secret}&issuer=RED%20GEALC" in out
    officer = User.objects.get(email="officer@demo.example")
    authenticator = Authenticator.objects.get(user=officer, type=Authenticator.Type.TOTP)
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    assert TOTP(authenticator).validate_code(code)
    assert not TOTP(authenticator).validate_code("000000" if code != "000000" else "111111")


def test_the_demo_refuses_to_run_with_debug_off(
    settings: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    settings.DEBUG = False

    code, _out, err = run_demo(monkeypatch, capsys)

    assert code == 2
    assert "only for a local copy with DEBUG on" in err
    assert "never on a production database" in err
    assert not User.objects.exists()


def test_the_demo_refuses_a_database_that_already_holds_work(
    debug: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], cast: Any
):
    code, _out, err = run_demo(monkeypatch, capsys)

    assert code == 2
    assert "loads only into an empty database" in err
    assert "8 user accounts" in err
    assert not User.objects.filter(email__endswith="@demo.example").exists()
    assert not Call.objects.exists()


def test_the_command_refuses_with_debug_off_even_before_the_settings_load():
    hidden = {"DEBUG", "SECRET_KEY", "AUDIT_KEY", "GEALC_TESTING", "DJANGO_SETTINGS_MODULE"}
    env = {name: value for name, value in os.environ.items() if name not in hidden}

    result = subprocess.run(
        [sys.executable, "-m", "gealc", "demo"], env=env, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 2
    assert "The demo is only for a local copy with DEBUG on" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_page_of_a_copy_holding_the_demo_says_its_records_are_synthetic(
    debug: Any, client: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    banner = "marked (demo) are synthetic"
    assert banner not in client.get("/").content.decode()

    assert run_demo(monkeypatch, capsys)[0] == 0

    for path in ("/", "/meetings/", "/cooperation/"):
        assert banner in client.get(path).content.decode()
    debug.DEBUG = False
    assert banner not in client.get("/countries/").content.decode()
