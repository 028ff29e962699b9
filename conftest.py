"""Fixtures every test may use: the reference data and the browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings

from gealc.core.refdata import load_reference

# Fixtures of the domain apps, shared with the cross-app tests (browser journeys).
pytest_plugins = ["gealc.governance.tests.fixtures"]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Rate limits and cached values live in the cache: each test starts with an empty one."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    """A request in another language leaves that language active in the thread: each test starts in
    English, whatever ran before it on the same worker."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def reference(db: None) -> None:
    """The network's real reference data, as `gealc load_reference` loads it."""
    load_reference(settings.REFERENCE_DATA_DIR)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright. Skipped without it, except in CI where that fails."""
    if CHROMIUM is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is not installed: CI must run the browser tests")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls there unless told.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    yield page
    context.close()


PASSWORD = "a long and quite unusual passphrase"


@dataclass
class Cast:
    """The people the tests speak of, each with the roles their name says."""

    secretariat: Any
    uruguay_head: Any
    uruguay_delegate: Any
    brazil_delegate: Any
    chile_expert: Any
    peru_juror: Any
    spain_delegate: Any
    nobody: Any  # signed in, no role

    def all(self) -> dict[str, Any]:
        return dict(vars(self))


def make_user(email: str, name: str, *roles: tuple[str, str | None], mfa: bool = False) -> Any:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from gealc.accounts.services import role_grant, user_create
    from gealc.members.models import Country

    user = user_create(email=email, name=name, password=PASSWORD, verified=True).user
    for role, iso3 in roles:
        role_grant(actor=None, user=user, role=role, country=Country.objects.get(iso3=iso3) if iso3 else None)
    if mfa:
        TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def token_for(db: None) -> Any:
    """A personal API token for a user, as the ``Authorization`` header a client sends.

    Here rather than in accounts' tests so that apps below accounts (members) can test their endpoints
    with a token without importing accounts.
    """
    from gealc.accounts.services import token_create

    def headers(user: Any, *, days: int = 30) -> dict[str, str]:
        _token, raw = token_create(user=user, days=days)
        return {"authorization": f"Bearer {raw}"}

    return headers


@pytest.fixture
def cast(reference: None) -> Cast:
    return Cast(
        secretariat=make_user("officer@oas.org", "Olivia Officer", ("secretariat", None), mfa=True),
        uruguay_head=make_user("head@agesic.gub.uy", "Hugo Head", ("head_of_delegation", "URY"), mfa=True),
        uruguay_delegate=make_user("delegate@agesic.gub.uy", "Ursula Delegate", ("delegate", "URY")),
        brazil_delegate=make_user("delegate@gov.br", "Bruno Delegate", ("delegate", "BRA")),
        chile_expert=make_user("expert@digital.gob.cl", "Carla Expert", ("expert", "CHL")),
        peru_juror=make_user("juror@pcm.gob.pe", "Pedro Juror", ("juror", "PER")),
        spain_delegate=make_user("delegate@mineco.es", "Sara Delegate", ("delegate", "ESP")),
        nobody=make_user("visitor@example.org", "Victor Visitor"),
    )
