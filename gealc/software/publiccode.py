"""Read, check and write publiccode.yml files (https://yml.publiccode.tools), standard version 0.x.

``parse(text)`` returns a ``Result``: the normalised data (``None`` when the file has errors) and every
error and warning found, all at once and in the order of the file, each with the key path, line and
column of the offending node (of the enclosing mapping for a missing key). ``dump(data)`` writes a file
that ``parse`` reads back to the same data.

Normalised means: plain dicts, lists, strings and booleans; keys left empty (null) are left out;
scalars of string keys are kept as written (``softwareVersion: 1.10`` is "1.10"); ``isBasedOn`` is
always a list; the deprecated ``it`` section becomes ``IT``; a deprecated ``IT.riuso.codiceIPA``
fills in a missing ``organisation``, as the reference does.

The messages are the reference's, in English: they are stable texts that callers may translate.

The rules, key paths and messages are those of the reference validator, italia/publiccode-parser-go
(``validate:`` tags of ``v0.go``, ``validations.go`` and ``validators/``), with these differences:

- YAML follows the 1.2 core schema, as the standard says: ``yes``, ``no``, ``on``, ``off``, ``y`` and
  ``n`` are strings, so ``localisationReady: yes`` is "wrong type for this field" and ``name: no`` is
  the name "no". Dates stay strings and are checked as ``YYYY-MM-DD``. Only plain data is built: tags
  never construct objects. Duplicate keys, several documents, a top level that is not a mapping and a
  file over ``MAX_BYTES`` are errors.
- A wrong type or an unknown key is reported once, at the key itself, and the rest of the file is
  still checked (the reference stops decoding at the first one and adds follow-up "required" errors).
- Nothing leaves the machine and no file is opened. What needs the network or the repository is not
  checked, and each kind of skipped check is reported as one warning naming the keys concerned:
  reachability of URLs and whether ``url`` is a code repository, existence and content of ``logo``,
  ``monochromeLogo``, screenshots and ``legal.authorsFile`` (their extensions are checked), and whether
  videos come from an oEmbed provider.
- The country-specific ``IT`` section (and its deprecated spelling ``it``) is kept as written, with
  the reference's deprecation warnings and its ``countryExtensionVersion`` check; its other keys and
  their types are not checked, and the Italian registries are not consulted: an iPA code
  (``IT.riuso.codiceIPA``, ``urn:x-italian-pa:...`` organisation URIs) is not looked up, which a
  warning says as for the other skipped checks.
- An unsupported or mistyped ``publiccodeYmlVersion`` is the only error reported, as the rules depend
  on it.
- Lengths count user-perceived characters approximately (combining marks, variation selectors, emoji
  modifiers and joined emoji sequences do not add to the count), where the reference counts grapheme
  clusters exactly.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pycountry
import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from gealc.software.spdx import EXCEPTIONS, LICENSES

MAX_BYTES = 1024 * 1024

SUPPORTED_VERSIONS = (
    "0",
    "0.2",
    "0.2.0",
    "0.2.1",
    "0.2.2",
    "0.3",
    "0.3.0",
    "0.4",
    "0.4.0",
    "0.5.0",
    "0.5",
    "0.7.0",
    "0.7",
)
CURRENT_VERSION = "0"

DEVELOPMENT_STATUSES = ("concept", "development", "beta", "stable", "obsolete")
SOFTWARE_TYPES = (
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
)
MAINTENANCE_TYPES = ("internal", "contract", "community", "none")
COUNTRY_EXTENSION_VERSIONS = ("0.2", "1.0")

CATEGORIES = frozenset(
    [
        "accounting",
        "agile-project-management",
        "applicant-tracking",
        "application-development",
        "appointment-scheduling",
        "backup",
        "billing-and-invoicing",
        "blog",
        "budgeting",
        "business-intelligence",
        "business-process-management",
        "cad",
        "call-center-management",
        "cloud-management",
        "collaboration",
        "communications",
        "compliance-management",
        "contact-management",
        "content-management",
        "crm",
        "customer-service-and-support",
        "data-analytics",
        "data-collection",
        "data-visualization",
        "design",
        "design-system",
        "digital-asset-management",
        "digital-citizenship",
        "document-management",
        "donor-management",
        "e-commerce",
        "e-signature",
        "educational-content",
        "email-management",
        "email-marketing",
        "employee-management",
        "enterprise-project-management",
        "enterprise-social-networking",
        "erp",
        "event-management",
        "facility-management",
        "feedback-and-reviews-management",
        "financial-reporting",
        "fleet-management",
        "fundraising",
        "gamification",
        "geographic-information-systems",
        "grant-management",
        "graphic-design",
        "help-desk",
        "hr",
        "ide",
        "identity-management",
        "instant-messaging",
        "integrated-library-system",
        "inventory-management",
        "it-asset-management",
        "it-development",
        "it-management",
        "it-security",
        "it-service-management",
        "knowledge-management",
        "learning-management-system",
        "marketing",
        "mind-mapping",
        "mobile-marketing",
        "mobile-payment",
        "network-management",
        "office",
        "online-booking",
        "online-community",
        "payment-gateway",
        "payroll",
        "predictive-analysis",
        "procurement",
        "productivity-suite",
        "project-collaboration",
        "project-management",
        "property-management",
        "real-estate-management",
        "regulations-and-directives",
        "remote-support",
        "resource-management",
        "sales-management",
        "seo",
        "service-desk",
        "social-media-management",
        "survey",
        "talent-management",
        "task-management",
        "taxes-management",
        "test-management",
        "time-management",
        "time-tracking",
        "translation",
        "video-conferencing",
        "video-editing",
        "visitor-management",
        "voip",
        "warehouse-management",
        "web-collaboration",
        "web-conferencing",
        "whistleblowing",
        "website-builder",
        "workflow-management",
        "other",
    ]
)
SCOPES = frozenset(
    [
        "agriculture",
        "culture",
        "defence",
        "education",
        "emergency-services",
        "employment",
        "energy",
        "environment",
        "finance-and-economic-development",
        "foreign-affairs",
        "government",
        "healthcare",
        "infrastructures",
        "justice",
        "local-authorities",
        "manufacturing",
        "research",
        "science-and-technology",
        "security",
        "society",
        "sport",
        "tourism",
        "transportation",
        "welfare",
    ]
)
SUPPORTS_ALIASES = frozenset({"gdpr", "eidas", "nis2", "cra", "spid", "cie", "anpr", "pagopa", "io"})

WRONG_TYPE = "wrong type for this field"
DEPRECATED_DROP = "This key is DEPRECATED and will be removed in the future. It's safe to drop it"
CATEGORIES_LIST = (
    "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/categories-list.rst"
)
SCOPES_LIST = "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/scope-list.rst"
ALIASES_LIST = "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/aliases-list.rst"


@dataclass(frozen=True)
class Problem:
    """One error or warning: the key path as the reference validator writes it, 1-based position."""

    key: str
    line: int
    column: int
    message: str


@dataclass
class Result:
    data: dict[str, Any] | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors


# --- YAML 1.2 core schema ------------------------------------------------------------------------

NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
STR_TAG = "tag:yaml.org,2002:str"

_CORE_SCHEMA: list[tuple[str, re.Pattern[str], str]] = [
    (NULL_TAG, re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
    (BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (INT_TAG, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    (
        FLOAT_TAG,
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+.0123456789",
    ),
]


class CoreResolver(BaseResolver):
    """Resolves plain scalars as the YAML 1.2 core schema does: no yes/no booleans, no timestamps."""


for _tag, _regexp, _first in _CORE_SCHEMA:
    CoreResolver.add_implicit_resolver(_tag, _regexp, list(_first))
# An empty plain scalar (``categories:`` with nothing after it) is null too.
CoreResolver.add_implicit_resolver(NULL_TAG, re.compile(r"^$"), [""])


class _Composer(Reader, Scanner, Parser, Composer, CoreResolver):
    """Builds the node graph only (with its marks); no Python object is ever constructed from tags."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        CoreResolver.__init__(self)


# --- Value checks --------------------------------------------------------------------------------

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):(.*)$", re.DOTALL)
_BAD_URL_CHARS = re.compile(r"[\x00-\x20\x7f]")
_BAD_ESCAPE = re.compile(r"%(?![0-9a-fA-F]{2})")
_URN = re.compile(r"^urn:[a-zA-Z0-9][a-zA-Z0-9-]{0,31}:[a-zA-Z0-9()+,\-.:=@;$_!*'%/?#]+$", re.IGNORECASE)
_EMAIL = re.compile(
    r"^[\w.!#$%&'*+/=?^`{|}~-]+@[^\W_](?:[\w-]{0,61}[^\W_])?(?:\.[^\W_](?:[\w-]{0,61}[^\W_])?)+$"
)
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_MIME = re.compile(r"^ *([A-Za-z0-9][A-Za-z0-9!#$&^_-]{0,126})/([A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}) *$")
_BCP47 = re.compile(
    r"^(?:(?P<irregular>en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo"
    r"|i-navajo|i-pwn|i-tao|i-tay|i-tsu|sgn-be-fr|sgn-be-nl|sgn-ch-de|art-lojban|cel-gaulish|no-bok"
    r"|no-nyn|zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang|x(?:-[a-z0-9]{1,8})+)"
    r"|(?P<language>[a-z]{2,3})"
    r"(?:-(?P<script>[a-z]{4}))?"
    r"(?:-(?P<region>[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(?:-[a-wyz0-9](?:-[a-z0-9]{2,8})+)*"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?)$"
)
# UN M.49 areas that the IANA language subtag registry lists as regions.
_M49 = frozenset(
    [
        "001",
        "002",
        "003",
        "005",
        "009",
        "011",
        "013",
        "014",
        "015",
        "017",
        "018",
        "019",
        "021",
        "029",
        "030",
        "034",
        "035",
        "039",
        "053",
        "054",
        "057",
        "061",
        "142",
        "143",
        "145",
        "150",
        "151",
        "154",
        "155",
        "202",
        "419",
    ]
)


def is_url(value: str) -> bool:
    """The ``url`` rule of go-playground/validator: a scheme, then a host, an opaque part or a fragment."""
    if not value or _BAD_URL_CHARS.search(value) or _BAD_ESCAPE.search(value):
        return False
    match = _SCHEME.match(value)
    if match is None:
        return False
    scheme, rest = match.group(1).lower(), match.group(2)
    if scheme == "file":
        return rest.startswith("/")
    rest, _, fragment = rest.partition("#")
    if rest.startswith("//"):
        parts = urlsplit(value)
        try:
            parts.port  # noqa: B018 (a port that is not a number is refused)
        except ValueError:
            return False
        return bool(parts.netloc) or bool(fragment)
    return bool(rest and not rest.startswith("/")) or bool(fragment)


def is_http_url(value: str) -> bool:
    if not is_url(value):
        return False
    parts = urlsplit(value)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _is_request_uri(value: str) -> bool:
    """Go's url.ParseRequestURI, approximately: an absolute URI (or an absolute path)."""
    if not value or _BAD_URL_CHARS.search(value) or _BAD_ESCAPE.search(value):
        return False
    return _SCHEME.match(value) is not None or value.startswith("/")


def is_organisation_uri(value: str) -> bool:
    if not _is_request_uri(value):
        return False
    if value.lower().startswith("urn:"):
        return _URN.match(value) is not None
    parts = urlsplit(value)
    return bool(parts.scheme) and bool(parts.netloc)


def is_supports_id(value: str) -> bool:
    if value.startswith("alias:"):
        return value.removeprefix("alias:") in SUPPORTS_ALIASES
    return is_organisation_uri(value)


def is_email(value: str) -> bool:
    return len(value) <= 254 and _EMAIL.match(value) is not None


def is_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_mime_type(value: str) -> bool:
    return _MIME.match(value) is not None


def is_country(value: str) -> bool:
    """ISO 3166-1 alpha-2, all upper case or (deprecated) all lower case."""
    if value not in (value.upper(), value.lower()) or len(value) != 2:
        return False
    return pycountry.countries.get(alpha_2=value.upper()) is not None


def is_language_tag(value: str) -> bool:
    """A BCP 47 language tag whose language, script and region subtags exist (RFC 5646, strictly)."""
    match = _BCP47.match(value.lower())
    if match is None:
        return False
    if match.group("irregular"):
        return True
    language = match.group("language")
    if len(language) == 2:
        if pycountry.languages.get(alpha_2=language) is None:
            return False
    else:
        found = pycountry.languages.get(alpha_3=language)
        # A three-letter code is not canonical where a two-letter one exists ("eng" is "en").
        if found is None or getattr(found, "alpha_2", None):
            return False
    script = match.group("script")
    if script and pycountry.scripts.get(alpha_4=script.title()) is None:
        return False
    region = match.group("region")
    if region:
        if region.isdigit():
            return region in _M49
        return pycountry.countries.get(alpha_2=region.upper()) is not None
    return True


_SPDX_LICENSES = {name.lower() for name in LICENSES}
_SPDX_EXCEPTIONS = {name.lower() for name in EXCEPTIONS}
_SPDX_TOKEN = re.compile(r"\s*(\(|\)|[^\s()]+)")
_SPDX_REF = re.compile(r"^(?:DocumentRef-[A-Za-z0-9.\-]+:)?LicenseRef-[A-Za-z0-9.\-]+$")


def is_spdx_expression(value: str) -> bool:
    """An SPDX license expression (SPDX specification, annex D): ids of the SPDX License List or
    ``LicenseRef-`` references, ``+``, ``WITH`` an exception, ``AND``, ``OR`` and parentheses."""
    tokens: list[str] = []
    position = 0
    while position < len(value):
        match = _SPDX_TOKEN.match(value, position)
        if match is None:
            break
        tokens.append(match.group(1))
        position = match.end()
    if value[position:].strip() or not tokens:
        return False
    index = 0

    def peek() -> str | None:
        return tokens[index] if index < len(tokens) else None

    def take() -> str:
        nonlocal index
        index += 1
        return tokens[index - 1]

    def simple() -> bool:
        token = peek()
        if token is None:
            return False
        if token == "(":  # noqa: S105 (a token of the expression, not a secret)
            take()
            if not compound() or peek() != ")":
                return False
            take()
            return True
        take()
        if _SPDX_REF.match(token):
            pass
        elif token.removesuffix("+").lower() not in _SPDX_LICENSES:
            return False
        if (peek() or "").upper() == "WITH":
            take()
            exception = peek()
            if exception is None or exception.lower() not in _SPDX_EXCEPTIONS:
                return False
            take()
        return True

    def conjunction() -> bool:
        if not simple():
            return False
        while (peek() or "").upper() == "AND":
            take()
            if not simple():
                return False
        return True

    def compound() -> bool:
        if not conjunction():
            return False
        while (peek() or "").upper() == "OR":
            take()
            if not conjunction():
                return False
        return True

    return compound() and index == len(tokens)


def _is_extending(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
        or code == 0x200D
    )


def text_length(text: str) -> int:
    """User-perceived characters, approximately (see the module docstring)."""
    count = 0
    joined = False
    regional = False
    for char in text:
        if char == "\u200d":
            joined = True
            continue
        if _is_extending(char):
            continue
        if joined:
            joined = False
            continue
        if 0x1F1E6 <= ord(char) <= 0x1F1FF:
            if regional:
                regional = False
                continue
            regional = True
        else:
            regional = False
        count += 1
    return count


# --- The schema ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A check of a string value; ``message`` gets the field's name; empty strings skip it if
    ``skip_empty`` (the reference's ``omitempty``)."""

    check: Callable[[str], bool]
    message: str
    skip_empty: bool = False


def _oneof(values: tuple[str, ...]) -> Rule:
    quoted = [f'"{value}"' for value in values]
    listed = ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]
    return Rule(lambda value: value in values, "{} must be one of the following: " + listed)


URL_RULE = Rule(is_url, "{} must be a valid URL")
HTTP_URL_RULE = Rule(is_http_url, "{} must be an HTTP URL")
DATE_RULE = Rule(is_date, "{} must be a date with format 'YYYY-MM-DD'")
EMAIL_RULE = Rule(is_email, "{} must be a valid email address", skip_empty=True)
LANGUAGE_RULE = Rule(is_language_tag, "{} must be a valid BCP 47 language")
COUNTRY_RULE = Rule(is_country, "{} must be a valid ISO 3166-1 alpha-2 two-letter country code")
MIME_RULE = Rule(is_mime_type, "{} is not a valid MIME type")


def _max_length(limit: int) -> Rule:
    return Rule(
        lambda value: text_length(value) <= limit, f"{{}} must be a maximum of {limit} characters in length"
    )


def _min_length(limit: int) -> Rule:
    return Rule(
        lambda value: text_length(value) >= limit, f"{{}} must be at least {limit} characters in length"
    )


@dataclass(frozen=True)
class Field:
    """How one key is read. ``kind``: str, bool, strs (a list of strings), map, maps (a list of
    mappings), languages (description), urls (one URL or a list), country (the IT section).
    ``required``: "" (optional), "required" ("is a required field"), "items" (must contain more than 0
    items) or "required items" (both, as ``localisation.availableLanguages``)."""

    kind: str
    required: str = ""
    rules: tuple[Rule, ...] = ()
    fields: dict[str, Field] | None = None


def _str(*rules: Rule, required: bool = False) -> Field:
    return Field("str", "required" if required else "", rules)


ORGANISATION = {
    "name": _str(),
    "uri": _str(Rule(is_organisation_uri, "{} is not a valid URI"), required=True),
}
DEPENDENCY = {
    "name": _str(required=True),
    "versionMin": _str(),
    "versionMax": _str(),
    "optional": Field("bool"),
    "version": _str(),
}
DESCRIPTION = {
    "localisedName": _str(),
    "genericName": _str(_max_length(35)),
    "shortDescription": _str(_max_length(150), required=True),
    "longDescription": _str(_min_length(150), _max_length(10000), required=True),
    "documentation": _str(HTTP_URL_RULE),
    "apiDocumentation": _str(HTTP_URL_RULE),
    "features": Field("strs", "items"),
    "screenshots": Field("strs"),
    "videos": Field("strs", rules=(HTTP_URL_RULE,)),
    "awards": Field("strs"),
}

# In the order of the standard (schema.core.rst); ``dump`` writes the keys in this order.
SCHEMA: dict[str, Field] = {
    "publiccodeYmlVersion": _str(required=True),
    "name": _str(required=True),
    "applicationSuite": _str(),
    "url": _str(URL_RULE, required=True),
    "landingURL": _str(HTTP_URL_RULE),
    "isBasedOn": Field("urls", rules=(URL_RULE,)),
    "softwareVersion": _str(),
    "releaseDate": _str(DATE_RULE),
    "logo": _str(),
    "monochromeLogo": _str(),
    "inputTypes": Field("strs", rules=(MIME_RULE,)),
    "outputTypes": Field("strs", rules=(MIME_RULE,)),
    "platforms": Field("strs", "items"),
    "categories": Field(
        "strs",
        rules=(Rule(CATEGORIES.__contains__, "{} must be a valid category (see " + CATEGORIES_LIST + ")"),),
    ),
    "usedBy": Field("strs"),
    "fundedBy": Field("maps", fields=ORGANISATION),
    "roadmap": _str(HTTP_URL_RULE),
    "developmentStatus": _str(_oneof(DEVELOPMENT_STATUSES), required=True),
    "softwareType": _str(_oneof(SOFTWARE_TYPES), required=True),
    "supports": Field(
        "maps",
        fields={
            "id": _str(
                Rule(
                    lambda value: not value.startswith("alias:") or is_supports_id(value),
                    "{} contains an unknown alias (see " + ALIASES_LIST + ")",
                ),
                Rule(is_supports_id, "{} must be a known alias ('alias:<name>') or a valid URI (URL or URN)"),
                required=True,
            )
        },
    ),
    "organisation": Field("map", fields=ORGANISATION),
    "intendedAudience": Field(
        "map",
        fields={
            "scope": Field(
                "strs",
                rules=(Rule(SCOPES.__contains__, "{} must be a valid scope (see " + SCOPES_LIST + ")"),),
            ),
            "countries": Field("strs", rules=(COUNTRY_RULE,)),
            "unsupportedCountries": Field("strs", rules=(COUNTRY_RULE,)),
        },
    ),
    "description": Field("languages", "items", fields=DESCRIPTION),
    "legal": Field(
        "map",
        "required",
        fields={
            "license": _str(
                Rule(is_spdx_expression, "{} must be a valid license (see https://spdx.org/licenses)"),
                required=True,
            ),
            "mainCopyrightOwner": _str(),
            "repoOwner": _str(),
            "authorsFile": _str(),
        },
    ),
    "maintenance": Field(
        "map",
        "required",
        fields={
            "type": _str(_oneof(MAINTENANCE_TYPES), required=True),
            "contractors": Field(
                "maps",
                fields={
                    "name": _str(required=True),
                    "email": _str(EMAIL_RULE),
                    "website": _str(HTTP_URL_RULE),
                    "until": _str(DATE_RULE, required=True),
                },
            ),
            "contacts": Field(
                "maps",
                fields={
                    "name": _str(required=True),
                    "email": _str(EMAIL_RULE),
                    "affiliation": _str(),
                    "phone": _str(),
                },
            ),
        },
    ),
    "localisation": Field(
        "map",
        "required",
        fields={
            "localisationReady": Field("bool", "required"),
            "availableLanguages": Field("strs", "required items", rules=(LANGUAGE_RULE,)),
        },
    ),
    "dependsOn": Field(
        "map",
        fields={
            "open": Field("maps", fields=DEPENDENCY),
            "proprietary": Field("maps", fields=DEPENDENCY),
            "hardware": Field("maps", fields=DEPENDENCY),
        },
    ),
    "IT": Field("country"),
    "it": Field("country"),
}


# --- Reading -------------------------------------------------------------------------------------


def _position(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _name(path: str) -> str:
    """The field's own name, as the reference's messages use it (``countries[2]``, ``shortDescription``)."""
    return re.split(r"\.(?![^\[]*\])", path)[-1]


@dataclass
class _Pending:
    """The positions of what was read, kept for the checks that look at several keys at once."""

    keys: dict[str, tuple[int, int]] = field(default_factory=dict)
    # For each list of strings, the index in the file of each value kept (wrong types are left out).
    kept: dict[str, list[int]] = field(default_factory=dict)
    unchecked: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)


class _Reader:
    NODE_BUDGET = 100_000

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.pending = _Pending()
        self.budget = self.NODE_BUDGET

    def error(self, key: str, where: tuple[int, int], message: str) -> None:
        self.errors.append(Problem(key, where[0], where[1], message))

    def warning(self, key: str, where: tuple[int, int], message: str) -> None:
        self.warnings.append(Problem(key, where[0], where[1], message))

    def unchecked(self, kind: str, key: str, where: tuple[int, int]) -> None:
        self.pending.unchecked.setdefault(kind, []).append((key, *where))

    # Mappings ----------------------------------------------------------------------------------

    def members(self, node: MappingNode, prefix: str) -> Iterator[tuple[str, Node, Node]]:
        """The members of a mapping, refusing duplicate and non-scalar keys."""
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.error(prefix, _position(key_node), WRONG_TYPE)
                continue
            key = key_node.value
            if key in seen:
                self.error(
                    _join(prefix, key),
                    _position(key_node),
                    f'mapping key "{key}" already defined at line {seen[key]}',
                )
                continue
            seen[key] = key_node.start_mark.line + 1
            yield key, key_node, value_node

    def read_map(
        self, node: MappingNode | None, fields: dict[str, Field], prefix: str, anchor: tuple[int, int]
    ) -> dict[str, Any]:
        """Reads a mapping against ``fields``; ``node`` is None when the mapping is missing, then the
        missing required keys are reported at ``anchor`` (the nearest enclosing mapping)."""
        data: dict[str, Any] = {}
        present: dict[str, tuple[Node, Node]] = {}
        if node is not None:
            anchor = _position(node)
            for key, key_node, value_node in self.members(node, prefix):
                path = _join(prefix, key)
                spec = fields.get(key)
                if spec is None:
                    self.error(path, _position(key_node), f'unknown field "{key}"')
                    continue
                present[key] = (key_node, value_node)
                self.pending.keys[path] = _position(key_node)
        for key, spec in fields.items():
            path = _join(prefix, key)
            if key in present:
                key_node, value_node = present[key]
                value = self.read_value(value_node, spec, path, _position(key_node))
            else:
                value = self.read_value(None, spec, path, anchor)
            if value is not None:
                data[key] = value
        return data

    # Values ------------------------------------------------------------------------------------

    def read_value(self, node: Node | None, spec: Field, path: str, where: tuple[int, int]) -> Any:
        """Reads one value; ``where`` is the key's position (or the anchor when ``node`` is None)."""
        is_null = node is None or (isinstance(node, ScalarNode) and node.tag == NULL_TAG)
        name = _name(path)
        if is_null:
            if spec.kind == "map" and spec.required:
                return self.read_map(None, spec.fields or {}, path, where)
            if spec.required == "items":
                self.error(path, where, f"{name} must contain more than 0 items")
            elif spec.required:
                self.error(path, where, f"{name} is a required field")
            return None
        assert node is not None
        kind = spec.kind
        if kind == "str":
            return self.read_str(node, spec, path, where)
        if kind == "bool":
            if not isinstance(node, ScalarNode) or node.tag != BOOL_TAG:
                self.error(path, where, WRONG_TYPE)
                return None
            return node.value.lower() == "true"
        if kind in ("strs", "urls"):
            return self.read_strs(node, spec, path, where)
        if kind == "map":
            if not isinstance(node, MappingNode):
                self.error(path, where, WRONG_TYPE)
                return None
            return self.read_map(node, spec.fields or {}, path, where)
        if kind == "maps":
            return self.read_maps(node, spec, path, where)
        if kind == "languages":
            return self.read_languages(node, spec, path, where)
        return self.read_country(node, path, where)

    def scalar_text(self, node: Node, path: str, where: tuple[int, int]) -> str | None:
        # Numbers are kept as written: softwareVersion 1.10 is "1.10", not 1.1.
        if isinstance(node, ScalarNode) and node.tag in (STR_TAG, INT_TAG, FLOAT_TAG, BOOL_TAG):
            return str(node.value)
        self.error(path, where, WRONG_TYPE)
        return None

    def check(self, value: str, rules: tuple[Rule, ...], path: str, where: tuple[int, int]) -> None:
        for rule in rules:
            if rule.skip_empty and value == "":
                continue
            if not rule.check(value):
                self.error(path, where, rule.message.format(_name(path)))
                return

    def read_str(self, node: Node, spec: Field, path: str, where: tuple[int, int]) -> str | None:
        value = self.scalar_text(node, path, where)
        if value is None:
            return None
        if spec.required and value == "":
            self.error(path, where, f"{_name(path)} is a required field")
            return value
        self.check(value, spec.rules, path, where)
        return value

    def read_strs(self, node: Node, spec: Field, path: str, where: tuple[int, int]) -> list[str] | None:
        if spec.kind == "urls" and isinstance(node, ScalarNode):
            # isBasedOn: one URL or a list of them; always a list once read.
            value = self.scalar_text(node, path, where)
            if value is None:
                return None
            self.check(value, spec.rules, f"{path}[0]", where)
            return [value]
        if not isinstance(node, SequenceNode):
            self.error(path, where, WRONG_TYPE)
            return None
        if not node.value and "items" in spec.required:
            self.error(path, where, f"{_name(path)} must contain more than 0 items")
        values: list[str] = []
        kept = self.pending.kept[path] = []
        for index, item in enumerate(node.value):
            item_path = f"{path}[{index}]"
            item_where = _position(item)
            value = self.scalar_text(item, item_path, item_where)
            if value is None:
                continue
            self.pending.keys[item_path] = item_where
            self.check(value, spec.rules, item_path, item_where)
            values.append(value)
            kept.append(index)
        return values

    def read_maps(
        self, node: Node, spec: Field, path: str, where: tuple[int, int]
    ) -> list[dict[str, Any]] | None:
        if not isinstance(node, SequenceNode):
            self.error(path, where, WRONG_TYPE)
            return None
        items = []
        for index, item in enumerate(node.value):
            item_path = f"{path}[{index}]"
            if not isinstance(item, MappingNode):
                self.error(item_path, _position(item), WRONG_TYPE)
                continue
            self.pending.keys[item_path] = _position(item)
            items.append(self.read_map(item, spec.fields or {}, item_path, _position(item)))
        return items

    def read_languages(
        self, node: Node, spec: Field, path: str, where: tuple[int, int]
    ) -> dict[str, Any] | None:
        if not isinstance(node, MappingNode):
            self.error(path, where, WRONG_TYPE)
            return None
        if not node.value:
            self.error(path, where, f"{_name(path)} must contain more than 0 items")
        data: dict[str, Any] = {}
        for language, key_node, value_node in self.members(node, path):
            # The reference writes description.en but description[en-US] (only letters become a key).
            entry_path = (
                f"{path}.{language}" if re.fullmatch(r"[A-Za-z]+", language) else f"{path}[{language}]"
            )
            if not is_language_tag(language):
                self.error(path, _position(key_node), f"{_name(path)} must be a valid BCP 47 language")
            if not isinstance(value_node, MappingNode):
                self.error(entry_path, _position(key_node), WRONG_TYPE)
                continue
            entry = self.read_map(value_node, spec.fields or {}, entry_path, _position(value_node))
            if entry.get("genericName"):
                self.warning(
                    f"{path}.{language}.genericName",
                    self.pending.keys[f"{entry_path}.genericName"],
                    DEPRECATED_DROP,
                )
            data[language] = entry
            self.description_files(entry, entry_path, language)
        return data

    def description_files(self, entry: dict[str, Any], entry_path: str, language: str) -> None:
        for key in ("documentation", "apiDocumentation"):
            if key in entry and is_http_url(entry[key]):
                self.unchecked(
                    "reachability", f"description.{language}.{key}", self.pending.keys[f"{entry_path}.{key}"]
                )
        kept = self.pending.kept
        for index, screenshot in zip(
            kept.get(f"{entry_path}.screenshots", []), entry.get("screenshots", []), strict=True
        ):
            key = f"description.{language}.screenshots[{index}]"
            where = self.pending.keys[f"{entry_path}.screenshots[{index}]"]
            if self.local_file(screenshot, key, where, (".jpg", ".png")):
                self.unchecked("files", key, where)
        for index, video in zip(kept.get(f"{entry_path}.videos", []), entry.get("videos", []), strict=True):
            if is_http_url(video):
                key = f"description.{language}.videos[{index}]"
                self.unchecked("videos", key, self.pending.keys[f"{entry_path}.videos[{index}]"])

    def local_file(
        self, value: str, key: str, where: tuple[int, int], extensions: tuple[str, ...] | None
    ) -> bool:
        """The offline part of the reference's file checks: a relative path or an HTTP(S) URL, with
        one of the allowed extensions. True when the rest (existence, content) is left unchecked."""
        if value.startswith("/"):
            self.error(key, where, "is an absolute path. Only relative paths or HTTP(s) URLs allowed")
            return False
        if value.startswith("file:"):
            self.error(key, where, "is a file:// URL. Only relative paths or HTTP(s) URLs allowed")
            return False
        if extensions is not None:
            path = urlsplit(value).path if is_url(value) else value
            if not path.lower().endswith(extensions):
                self.error(key, where, f"invalid file extension for: {value}")
                return False
        return True

    def read_country(self, node: Node, path: str, where: tuple[int, int]) -> dict[str, Any] | None:
        if not isinstance(node, MappingNode):
            self.error(path, where, WRONG_TYPE)
            return None
        section = self.plain(node, path)
        assert isinstance(section, dict)
        version = section.get("countryExtensionVersion")
        if version is not None and str(version) not in COUNTRY_EXTENSION_VERSIONS:
            rule = _oneof(COUNTRY_EXTENSION_VERSIONS)
            self.error(
                f"{path}.countryExtensionVersion",
                self.pending.keys.get(f"{path}.countryExtensionVersion", where),
                rule.message.format("countryExtensionVersion"),
            )
        if "conforme" in section:
            self.warning("IT.conforme", self.pending.keys.get(f"{path}.conforme", where), DEPRECATED_DROP)
        riuso = section.get("riuso")
        if isinstance(riuso, dict) and riuso.get("codiceIPA"):
            self.warning(
                "IT.riuso.codiceIPA",
                self.pending.keys.get(f"{path}.riuso.codiceIPA", where),
                "This key is DEPRECATED and will be removed in the future. "
                f"Use 'organisation.uri' and set it to 'urn:x-italian-pa:{riuso['codiceIPA']}' instead",
            )
            self.unchecked(
                "registry", "IT.riuso.codiceIPA", self.pending.keys.get(f"{path}.riuso.codiceIPA", where)
            )
        return section

    def plain(self, node: Node, path: str) -> Any:
        """Any YAML value as plain data (the country sections, kept as written)."""
        self.budget -= 1
        if self.budget < 0:
            if self.budget == -1:
                self.error(path, _position(node), "too many values (nested aliases?)")
            return None
        if isinstance(node, MappingNode):
            result: dict[str, Any] = {}
            for key, key_node, value_node in self.members(node, path):
                self.pending.keys[_join(path, key)] = _position(key_node)
                result[key] = self.plain(value_node, _join(path, key))
            return result
        if isinstance(node, SequenceNode):
            return [self.plain(item, f"{path}[{index}]") for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        text = node.value
        if node.tag == NULL_TAG:
            return None
        if node.tag == BOOL_TAG:
            return text.lower() == "true"
        if node.tag == INT_TAG:
            return int(text, 0) if text.startswith(("0o", "0x")) else int(text)
        if node.tag == FLOAT_TAG:
            lowered = text.lower()
            if lowered.endswith(".inf"):
                return float("-inf") if lowered.startswith("-") else float("inf")
            return float("nan") if lowered == ".nan" else float(text)
        return text


def _compose(text: str) -> Node | None:
    loader = _Composer(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def parse(text: str | bytes) -> Result:
    """Reads and checks a publiccode.yml; see the module docstring for what is and is not checked."""
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            return Result(None, [Problem("", 0, 0, f"the file is larger than {MAX_BYTES // 1024} KiB")])
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            return Result(None, [Problem("", 0, 0, "Invalid UTF-8")])
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        return Result(None, [Problem("", 0, 0, f"the file is larger than {MAX_BYTES // 1024} KiB")])
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = str(exc.problem or exc.context)
        if message == "but found another document":
            message = "multiple YAML documents in one file are not supported"
        return Result(None, [Problem("", line, column, message)])
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - text.rfind("\n", 0, exc.position)
        message = f"unacceptable character #x{exc.character:04x}: special characters are not allowed"
        return Result(None, [Problem("", line, column, message)])
    except yaml.YAMLError as exc:
        return Result(None, [Problem("", 0, 0, str(exc))])
    if not isinstance(root, MappingNode):
        where = _position(root) if root is not None else (0, 0)
        return Result(None, [Problem("", *where, "the file must be a mapping of keys to values")])

    reader = _Reader()
    version = _check_version(root, reader)
    if version is None:
        return Result(None, reader.errors, reader.warnings)
    data = reader.read_map(root, SCHEMA, "", _position(root))
    _check_whole(data, reader)
    _report_unchecked(reader)
    order = lambda problem: (problem.line, problem.column)  # noqa: E731
    errors = sorted(reader.errors, key=order)
    warnings = sorted(reader.warnings, key=order)
    return Result(None if errors else data, errors, warnings)


def _check_version(root: MappingNode, reader: _Reader) -> str | None:
    """The version decides the rules, so an unsupported or mistyped one is the only error reported
    (None). A missing one ("") is reported with the rest, the file read as the current version."""
    for key_node, value_node in root.value:
        if isinstance(key_node, ScalarNode) and key_node.value == "publiccodeYmlVersion":
            where = _position(key_node)
            # As the reference: the version must be a string ("0"), an unquoted number is refused.
            if not isinstance(value_node, ScalarNode) or value_node.tag != STR_TAG:
                if isinstance(value_node, ScalarNode) and value_node.tag == NULL_TAG:
                    return ""
                reader.error("publiccodeYmlVersion", where, WRONG_TYPE)
                return None
            version = value_node.value
            if version not in SUPPORTED_VERSIONS:
                reader.error(
                    "publiccodeYmlVersion",
                    where,
                    f"unsupported version: '{version}'. Supported versions: {', '.join(SUPPORTED_VERSIONS)}",
                )
                return None
            if version != "0" and not version.startswith("0.7"):
                reader.warning(
                    "publiccodeYmlVersion",
                    where,
                    f"v{version} is not the latest version, use '0'. "
                    f"Parsing this file as v{SUPPORTED_VERSIONS[-1]}.",
                )
            return version
    return ""


def _check_whole(data: dict[str, Any], reader: _Reader) -> None:
    """The rules that look at several keys, the deprecations and the offline file checks."""
    keys = reader.pending.keys
    root = (1, 1)

    maintenance = data.get("maintenance", {})
    kind = maintenance.get("type")
    anchor = keys.get("maintenance.type", keys.get("maintenance", root))
    first_key = min((where for key, where in keys.items() if key.startswith("maintenance.")), default=anchor)
    # As the reference's required_if / excluded_unless: a list that is there (even empty) is present.
    reported = {problem.key for problem in reader.errors}
    if kind == "contract" and "contractors" not in maintenance and "maintenance.contractors" not in reported:
        reader.error(
            "maintenance.contractors",
            keys.get("maintenance.contractors", first_key),
            'contractors is a required field when "type" is "contract"',
        )
    if kind is not None and kind != "contract" and "contractors" in maintenance:
        # Contractors that must not be there are not checked one by one.
        reader.errors = [e for e in reader.errors if not e.key.startswith("maintenance.contractors[")]
        reader.error(
            "maintenance.contractors",
            keys["maintenance.contractors"],
            'contractors must not be present unless "type" is "contract"',
        )
    if (
        kind in ("community", "internal")
        and "contacts" not in maintenance
        and "maintenance.contacts" not in reported
    ):
        reader.error(
            "maintenance.contacts",
            keys.get("maintenance.contacts", first_key),
            f'contacts is a required field when "type" is "{kind}"',
        )

    organisation = data.get("organisation")
    if isinstance(organisation, dict) and str(organisation.get("uri", "")).startswith("urn:x-italian-pa:"):
        reader.unchecked("registry", "organisation.uri", keys.get("organisation.uri", keys["organisation"]))
    for key in ("url", "landingURL", "roadmap"):
        value = data.get(key)
        if value and (is_http_url(value) if key != "url" else is_url(value)):
            reader.unchecked("reachability", key, keys[key])
    for key, extensions in (
        ("logo", (".svg", ".svgz", ".png")),
        ("monochromeLogo", (".svg", ".svgz", ".png")),
    ):
        if data.get(key) and reader.local_file(data[key], key, keys[key], extensions):
            reader.unchecked("files", key, keys[key])
    if data.get("monochromeLogo"):
        reader.warning(
            "monochromeLogo",
            keys["monochromeLogo"],
            "This key is DEPRECATED and will be removed in the future. Use 'logo' instead",
        )
    legal = data.get("legal", {})
    if "authorsFile" in legal:
        reader.warning("legal.authorsFile", keys["legal.authorsFile"], DEPRECATED_DROP)
        if reader.local_file(legal["authorsFile"], "legal.authorsFile", keys["legal.authorsFile"], None):
            reader.unchecked("files", "legal.authorsFile", keys["legal.authorsFile"])
    if "repoOwner" in legal:
        reader.warning(
            "legal.repoOwner",
            keys["legal.repoOwner"],
            "This key is DEPRECATED and will be removed in the future. Use 'organisation.name' instead",
        )
    for key in ("inputTypes", "outputTypes"):
        if key in data:
            reader.warning(key, keys[key], DEPRECATED_DROP)

    audience = data.get("intendedAudience", {})
    for key in ("countries", "unsupportedCountries"):
        indexes = reader.pending.kept.get(f"intendedAudience.{key}", [])
        for index, country in zip(indexes, audience.get(key, []), strict=True):
            if is_country(country) and country == country.lower():
                reader.warning(
                    f"intendedAudience.{key}[{index}]",
                    keys[f"intendedAudience.{key}[{index}]"],
                    f"Lowercase country codes are DEPRECATED. Use uppercase instead ('{country.upper()}')",
                )

    if "it" in data:
        reader.warning(
            "it",
            keys["it"],
            "Lowercase country codes are DEPRECATED and will be removed in the future. Use 'IT' instead",
        )
        if "IT" in data:
            reader.error("it", keys["it"], "'IT' key already present. Remove this key")
            del data["it"]
        else:
            data["IT"] = data.pop("it")
    riuso = data.get("IT", {}).get("riuso")
    if isinstance(riuso, dict) and riuso.get("codiceIPA") and "organisation" not in data:
        # As the reference: the deprecated iPA code also fills in the organisation.
        data["organisation"] = {"uri": f"urn:x-italian-pa:{riuso['codiceIPA']}"}
        if legal.get("repoOwner"):
            data["organisation"]["name"] = legal["repoOwner"]


UNCHECKED = {
    "reachability": "Not checked without network access: that these URLs are reachable, and that url "
    "is a code repository: {}",
    "files": "Not checked without the repository: that these files exist and are valid images or files: {}",
    "videos": "Not checked without network access: that these videos come from an oEmbed provider: {}",
    "registry": "Not checked without network access: that these iPA codes are in the Italian registry "
    "of public administrations (IndicePA): {}",
}


def _report_unchecked(reader: _Reader) -> None:
    for kind, unsorted in reader.pending.unchecked.items():
        occurrences = sorted(unsorted, key=lambda occurrence: occurrence[1:])
        key, line, column = occurrences[0]
        names = ", ".join(dict.fromkeys(occurrence[0] for occurrence in occurrences))
        reader.warnings.append(Problem(key, line, column, UNCHECKED[kind].format(names)))


# --- Writing -------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Quotes every string that YAML 1.1 or 1.2 would read as something else ("no", "1.0", dates)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Items of a list are indented under their key, as in the standard's examples.
        return super().increase_indent(flow, False)


for _tag, _regexp, _first in _CORE_SCHEMA:
    _Dumper.add_implicit_resolver(_tag, _regexp, list(_first))
# YAML 1.1 readers also take y and n for booleans.
_Dumper.add_implicit_resolver(BOOL_TAG, re.compile(r"^(?:y|Y|n|N)$"), list("yYnN"))


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.rstrip("\n") or value.endswith("\n") else None
    return dumper.represent_scalar(STR_TAG, value, style=style)


_Dumper.add_representer(str, _represent_str)


def _ordered(value: Any, fields: dict[str, Field] | None) -> Any:
    if isinstance(value, dict):
        if fields is None:
            return {key: _ordered(item, None) for key, item in value.items()}
        ordered = {
            key: _ordered(value[key], _subfields(spec)) for key, spec in fields.items() if key in value
        }
        ordered.update({key: _ordered(item, None) for key, item in value.items() if key not in fields})
        return ordered
    if isinstance(value, list):
        return [_ordered(item, fields) for item in value]
    return value


def _subfields(spec: Field) -> dict[str, Field] | None:
    if spec.kind == "languages":
        return {}
    return spec.fields


def dump(data: dict[str, Any]) -> str:
    """Writes ``data`` (as ``parse`` returns it) as a publiccode.yml, keys in the standard's order."""
    ordered = _ordered(data, SCHEMA)
    description = ordered.get("description")
    if isinstance(description, dict):
        ordered["description"] = {
            language: _ordered(entry, DESCRIPTION) for language, entry in description.items()
        }
    text = yaml.dump(
        ordered,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
    return str(text)


__all__ = ["MAX_BYTES", "Problem", "Result", "dump", "parse"]
