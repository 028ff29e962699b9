"""The one settings module. Everything that differs between machines comes from the environment."""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.contrib.messages import constants as message_constants
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from gealc.env import email_config, env_bool, env_int, env_list, env_str

# Lets the admin and querysets take type parameters at run time (ModelAdmin[Country]).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

TESTING = "pytest" in sys.modules or env_bool("GEALC_TESTING")

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")

# The decision log's hashes are keyed (HMAC-SHA256) with a key the database does not hold, so whoever can
# write to the database cannot recompute them. Outside debug and tests it must be given, like SECRET_KEY.
AUDIT_KEY = env_str("AUDIT_KEY")
if not AUDIT_KEY:
    if DEBUG or TESTING:
        AUDIT_KEY = hashlib.sha256(b"gealc.core.audit:" + SECRET_KEY.encode()).hexdigest()
    else:
        raise ImproperlyConfigured("AUDIT_KEY must be set when DEBUG is off")
# Where `gealc audit anchor` writes the latest hash and count of the log: a file, outside the database.
AUDIT_ANCHOR_FILE = Path(env_str("AUDIT_ANCHOR_FILE", str(VAR_DIR / "audit-anchor.json")))

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG or TESTING else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "gealc.core.admin_apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_htmx",
    "bootstrap",
    "django_bootstrap5",
    # Before allauth, so that our templates (layout, e-mails) take precedence over its own.
    "gealc.core",
    "gealc.accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "gealc.members",
    "gealc.governance",
    "gealc.cooperation",
    "gealc.awards",
    # Before the software catalogue, whose records (and reference data) name their working group.
    "gealc.groups",
    "gealc.software",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gealc.core.middleware.LanguageParameterMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gealc.accounts.middleware.UserLanguageMiddleware",
    # Before the two-factor rule, which then holds for API tokens too.
    "gealc.accounts.middleware.ApiTokenMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gealc.accounts.middleware.RequireMfaMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gealc.core.middleware.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "gealc.core.middleware.NulCharacterMiddleware",
    # Last, so that it sees failed sign-ins from every view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gealc.urls"
WSGI_APPLICATION = "gealc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gealc.core.context_processors.site",
                # Last: a page kept for visitors holds a marker where each visitor's form token goes.
                "gealc.core.pages.csrf_marker",
            ],
        },
    },
]

DEFAULT_SQLITE_URL = f"sqlite:///{VAR_DIR / 'gealc.sqlite3'}"
DATABASE_URL = env_str("DATABASE_URL") or DEFAULT_SQLITE_URL
# A worker keeps its connection between requests (opening one costs a PostgreSQL backend ~10 ms of CPU);
# the health check replaces a connection the database dropped. Debug and tests open one per request.
DB_CONN_MAX_AGE = env_int("DB_CONN_MAX_AGE", 0 if DEBUG or TESTING else 60)
try:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=DB_CONN_MAX_AGE, conn_health_checks=DB_CONN_MAX_AGE != 0
        )
    }
except Exception as exc:  # dj-database-url raises several kinds of errors
    raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL lets readers go on while one writer commits; the timeout waits for a lock instead of failing.
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            # Writers take the lock when their transaction starts, so concurrent writers wait in turn
            # instead of failing with "database is locked" when one upgrades a read to a write.
            "transaction_mode": "IMMEDIATE",
        }
    )
    # A file, not ":memory:": the live server of the browser tests answers several requests at once, and
    # threads sharing one in-memory connection can block each other for good.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"gealc-test-{os.getpid()}.sqlite3")
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages are kept for visitors who are not signed in until a write changes anything (at once) or
# this many seconds pass (for what time alone changes: a call's last day); 0 keeps none (gealc.core.pages).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)

EMAIL_URL = env_str("EMAIL_URL", "console://")
globals().update(email_config(EMAIL_URL))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "RED GEALC <no-reply@redgealc.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out sign-in before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "gealc.accounts.backends.SecretariatAdminBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
# After signing in, a person lands on their own work (gealc/accounts/views.py workspace).
LOGIN_REDIRECT_URL = "workspace"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: sign-in by e-mail, verified addresses, no public sign-up (accounts are invited).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_ADAPTER = "gealc.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[RED GEALC] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# allauth's own failed-login limit is keyed on the e-mail alone, which would let anyone lock a delegate
# out from anywhere; axes (below) keys it on e-mail and address together. Only a per-address limit stays.
# The same setting holds allauth's per-account limit on second-factor codes, which would go with it: ours
# replaces it (MFA_FORMS below).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "RED GEALC"
# Wrong second-factor codes lock the account's code step, from every address (gealc/accounts/lockout.py).
MFA_FORMS = {
    "authenticate": "gealc.accounts.lockout.SecondFactorForm",
    "reauthenticate": "gealc.accounts.lockout.SecondFactorReauthenticationForm",
}

# django-axes: lock a sign-in after repeated failures, keyed on e-mail and address together so that
# nobody can lock a delegate out from another address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "gealc.accounts.lockout.username_from_credentials"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# The client's address, for axes and for allauth's per-address limits alike, is read by allauth: from
# X-Forwarded-For, the entry PROXY_COUNT places from the right (the one our outermost proxy added), when
# there are proxies; from the connection otherwise, so that a header a client forged changes nothing.
PROXY_COUNT = env_int("PROXY_COUNT", 0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"PROXY_COUNT must be 0 or more, not {PROXY_COUNT}")
ALLAUTH_TRUSTED_PROXY_COUNT = PROXY_COUNT
AXES_CLIENT_IP_CALLABLE = "gealc.accounts.lockout.client_address"
AXES_ENABLE_ADMIN = True
AXES_VERBOSE = False

# Sessions end after SESSION_IDLE_MINUTES without a request.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
)

# Roles that may not act until two-factor authentication is set up.
MFA_REQUIRED_ROLES = ["secretariat", "head_of_delegation"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
LOCALE_PATHS = [BASE_DIR / "gealc" / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
# One way of writing dates on every page, per language ("26 Oct 2015", "26 oct 2015"): our formats in
# gealc/core/formats/<language>/formats.py. Numbers are grouped where the page says so (|intcomma, charts),
# not everywhere: a year or a code is a number that must never read "2,015".
FORMAT_MODULE_PATH = ["gealc.core.formats"]
USE_THOUSAND_SEPARATOR = False
USE_TZ = True

STATIC_URL = "static/"

# Forms render through django-bootstrap5 and our renderers (gealc/core/forms.py). Bootstrap's own files
# come from the django-bootstrap-static wheel and are served with ours: never from a CDN, which many
# government networks block and the content security policy forbids.
BOOTSTRAP5 = {
    "css_url": {"url": f"/{STATIC_URL}bootstrap/css/bootstrap.min.css"},
    "javascript_url": {"url": f"/{STATIC_URL}bootstrap/js/bootstrap.bundle.min.js"},
    "form_renderers": {"default": "gealc.core.forms.FormRenderer"},
    "field_renderers": {"default": "gealc.core.forms.FieldRenderer"},
}
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# The reference data that `gealc load_reference` reads.
REFERENCE_DATA_DIR = Path(env_str("REFERENCE_DATA_DIR", str(BASE_DIR / "data" / "reference")))

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200
NINJA_PAGINATION_CLASS = "gealc.core.api.Pagination"

SITE_NAME = "RED GEALC"
# History is for reading: reverting a record from the admin would bypass the services and the log.
SIMPLE_HISTORY_REVERT_DISABLED = True
# The platform's public address, for links in e-mail sent outside a request (invitations).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
ACCOUNT_SIGNUP_OPEN = env_bool("ACCOUNT_SIGNUP_OPEN", False)

# Security: with DEBUG off, `gealc check --deploy` has nothing to warn about.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Only a proxy of ours says whether the client came over HTTPS; without one, a client could claim it.
if PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# No inline script anywhere: every script is a static file of our own.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# Uploaded files: largest accepted size.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 20) * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Never read or overwrite the anchor of a real log; tests that need one point it at their own folder.
    AUDIT_ANCHOR_FILE = Path(tempfile.gettempdir()) / f"gealc-test-{os.getpid()}-audit-anchor.json"

# A refusal flashed after a redirect is styled as Bootstrap's danger alert (its class for "error").
MESSAGE_TAGS = {message_constants.ERROR: "danger"}
