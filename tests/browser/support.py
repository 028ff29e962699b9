"""What every browser journey needs: a signed-in browser, the accessibility audit with a screenshot kept
as a test artefact, keyboard navigation and the phone-width check."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.test import Client

axe = Axe()

# Screenshots of every audited page are kept here (GEALC_SCREENSHOTS=folder chooses another place).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def sign_in(page: Any, live_server: Any, user: Any) -> None:
    """Hand the browser a session of ``user``, as if they had signed in."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def screenshot(page: Any, name: str | None = None) -> Path:
    """Keep a full-page screenshot named after ``name`` or the page's path and viewport width."""
    folder = Path(os.environ.get("GEALC_SCREENSHOTS") or SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    if name is None:
        path = page.url.split("//", 1)[-1].split("/", 1)[-1].split("?", 1)[0].lower()
        name = re.sub(r"[^a-z0-9]+", "-", path).strip("-") or "home"
        width = (page.viewport_size or {}).get("width")
        if width:
            name = f"{name}-{width}"
    target = folder / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


def assert_accessible(page: Any, name: str | None = None) -> None:
    """No serious or critical axe violation; a screenshot of the page is kept as a test artefact."""
    screenshot(page, name)
    results = axe.run(page)
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == [], f"{page.url}: {serious}"


def assert_fits_the_width(page: Any) -> None:
    """The page itself never scrolls sideways: wide tables scroll inside their own box."""
    width = page.evaluate("() => document.documentElement.scrollWidth")
    viewport = page.evaluate("() => window.innerWidth")
    if width > viewport:
        # Name the widest elements that stand out, so that the failure says what to fix.
        culprits = page.evaluate(
            "(limit) => [...document.querySelectorAll('body *')]"
            ".filter(e => e.getBoundingClientRect().right > limit + 0.5)"
            ".map(e => e.tagName.toLowerCase() + '.' + String(e.className).split(' ').join('.')"
            " + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)",
            viewport,
        )
        raise AssertionError(f"{page.url} is {width} px wide in a {viewport} px window: {culprits}")


def tab_to(page: Any, label: str, limit: int = 80) -> None:
    """Press Tab until the focused element is the control labelled ``label``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement; const l = e && e.labels && e.labels[0];"
            " return (l ? l.textContent : (e ? e.textContent : '')).trim(); }"
        )
        if focused == label:
            return
    raise AssertionError(f"{label!r} cannot be reached with the keyboard")
