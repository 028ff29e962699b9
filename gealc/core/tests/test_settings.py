import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from gealc.env import email_config, env_bool, env_int, env_list, env_str


def run_settings(**env: str) -> subprocess.CompletedProcess[str]:
    """Import the settings in a fresh interpreter, as `gealc` does outside the test suite."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "AUDIT_KEY", "GEALC_TESTING"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import gealc.settings as s; print(s.DATABASES['default']['ENGINE'])"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_process_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_settings(DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_the_process_refuses_to_start_without_an_audit_key_when_debug_is_off():
    result = run_settings(DEBUG="false", SECRET_KEY="x" * 50)

    assert result.returncode != 0
    assert "AUDIT_KEY must be set when DEBUG is off" in result.stderr


def test_the_audit_key_can_come_from_a_file(tmp_path):
    key = tmp_path / "audit-key"
    key.write_text("k3y\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", "import gealc.settings as s; print(s.AUDIT_KEY)"],
        env={**os.environ, "DEBUG": "false", "SECRET_KEY": "x" * 50, "AUDIT_KEY_FILE": str(key)},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "k3y"


def test_with_a_secret_key_and_no_database_url_the_embedded_sqlite_is_used():
    result = run_settings(DEBUG="false", SECRET_KEY="x" * 50, AUDIT_KEY="y" * 50, DATABASE_URL="")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_a_bad_boolean_names_the_variable(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DEBUG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false, not 'maybe'"):
        env_bool("DEBUG")


def test_values_can_come_from_a_file(tmp_path, monkeypatch: pytest.MonkeyPatch):
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t\n")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))

    assert env_str("SECRET_KEY") == "s3cr3t"


def test_lists_and_numbers_are_parsed(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "a.org, b.org,,")
    monkeypatch.setenv("DB_CONN_MAX_AGE", "sixty")

    assert env_list("ALLOWED_HOSTS") == ["a.org", "b.org"]
    with pytest.raises(ImproperlyConfigured, match="DB_CONN_MAX_AGE must be a whole number"):
        env_int("DB_CONN_MAX_AGE", 0)


def test_email_urls_configure_the_mail_backend():
    smtp = email_config("smtp://user:p%40ss@mail.example.org:587?tls=1")

    assert smtp["EMAIL_HOST"] == "mail.example.org"
    assert (smtp["EMAIL_PORT"], smtp["EMAIL_HOST_PASSWORD"], smtp["EMAIL_USE_TLS"]) == (587, "p@ss", True)
    assert email_config("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL must start with"):
        email_config("pigeon://coop")


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")
def test_the_redis_cache_answers_when_redis_url_is_set():
    from django.core.cache.backends.redis import RedisCache

    cache = RedisCache(os.environ["REDIS_URL"], {})
    cache.set("gealc-test-key", "value", 5)

    assert cache.get("gealc-test-key") == "value"
