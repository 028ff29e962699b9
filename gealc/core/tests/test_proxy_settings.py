"""What the settings trust of a reverse proxy's headers, read as the process reads them at start."""

import os
import subprocess
import sys


def settings_value(name: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Import the settings in a fresh interpreter, in production (DEBUG off), and print one of them."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "AUDIT_KEY", "GEALC_TESTING", "PROXY_COUNT"}
    }
    return subprocess.run(
        [sys.executable, "-c", f"import gealc.settings as s; print(getattr(s, {name!r}, None))"],
        env={**clean, "DEBUG": "false", "SECRET_KEY": "x" * 50, "AUDIT_KEY": "y" * 50, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_without_a_proxy_the_https_header_is_not_trusted():
    result = settings_value("SECURE_PROXY_SSL_HEADER")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"


def test_behind_a_proxy_the_https_header_is_trusted():
    result = settings_value("SECURE_PROXY_SSL_HEADER", PROXY_COUNT="1")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_the_client_address_is_read_past_as_many_proxies_as_proxy_count_says():
    result = settings_value("ALLAUTH_TRUSTED_PROXY_COUNT", PROXY_COUNT="2")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2"


def test_a_negative_proxy_count_stops_the_process_naming_it():
    result = settings_value("PROXY_COUNT", PROXY_COUNT="-1")

    assert result.returncode != 0
    assert "PROXY_COUNT must be 0 or more" in result.stderr
