"""Each file under invalid/ breaks exactly one rule of the standard and gets exactly these errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from gealc.software.publiccode import parse

INVALID = Path(__file__).parent / "invalid"
CATEGORIES = "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/categories-list.rst"
SCOPES = "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/scope-list.rst"
ALIASES = "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/aliases-list.rst"
WRONG_TYPE = "wrong type for this field"
COUNTRY = "must be a valid ISO 3166-1 alpha-2 two-letter country code"
VERSIONS = "0, 0.2, 0.2.0, 0.2.1, 0.2.2, 0.3, 0.3.0, 0.4, 0.4.0, 0.5.0, 0.5, 0.7.0, 0.7"

EXPECTED: dict[str, list[tuple[str, int, int, str]]] = {
    "name_missing": [("name", 1, 1, "name is a required field")],
    "name_empty": [("name", 3, 1, "name is a required field")],
    "name_wrong_type": [("name", 3, 1, WRONG_TYPE)],
    "url_missing": [("url", 1, 1, "url is a required field")],
    "url_invalid": [("url", 5, 1, "url must be a valid URL")],
    "landingURL_not_http": [("landingURL", 6, 1, "landingURL must be an HTTP URL")],
    "isBasedOn_invalid": [("isBasedOn[0]", 8, 5, "isBasedOn[0] must be a valid URL")],
    "releaseDate_invalid": [("releaseDate", 10, 1, "releaseDate must be a date with format 'YYYY-MM-DD'")],
    "releaseDate_datetime": [("releaseDate", 10, 1, "releaseDate must be a date with format 'YYYY-MM-DD'")],
    "logo_extension": [("logo", 11, 1, "invalid file extension for: docs/logo.gif")],
    "logo_absolute_path": [
        ("logo", 11, 1, "is an absolute path. Only relative paths or HTTP(s) URLs allowed")
    ],
    "platforms_empty": [("platforms", 13, 1, "platforms must contain more than 0 items")],
    "categories_invalid": [
        ("categories[1]", 18, 5, f"categories[1] must be a valid category (see {CATEGORIES})"),
    ],
    "fundedBy_uri_invalid": [("fundedBy[0].uri", 25, 5, "uri is not a valid URI")],
    "developmentStatus_invalid": [
        (
            "developmentStatus",
            29,
            1,
            'developmentStatus must be one of the following: "concept", "development", "beta", "stable" or '
            '"obsolete"',
        )
    ],
    "softwareType_invalid": [
        (
            "softwareType",
            31,
            1,
            'softwareType must be one of the following: "standalone/mobile", "standalone/iot", '
            '"standalone/desktop", "standalone/web", "standalone/backend", "standalone/other", "addon", '
            '"library" or "configurationFiles"',
        )
    ],
    "supports_unknown_alias": [("supports[0].id", 34, 5, f"id contains an unknown alias (see {ALIASES})")],
    "organisation_uri_missing": [("organisation.uri", 37, 3, "uri is a required field")],
    "scope_invalid": [("intendedAudience.scope[0]", 42, 7, f"scope[0] must be a valid scope (see {SCOPES})")],
    "countries_invalid": [("intendedAudience.countries[1]", 45, 7, f"countries[1] {COUNTRY}")],
    "countries_mixed_case": [("intendedAudience.countries[1]", 45, 7, f"countries[1] {COUNTRY}")],
    "description_language_invalid": [("description", 68, 3, "description must be a valid BCP 47 language")],
    "shortDescription_too_long": [
        (
            "description.es.shortDescription",
            52,
            5,
            "shortDescription must be a maximum of 150 characters in length",
        )
    ],
    "shortDescription_missing": [
        ("description[en-GB].shortDescription", 69, 5, "shortDescription is a required field")
    ],
    "longDescription_too_short": [
        (
            "description[en-GB].longDescription",
            70,
            5,
            "longDescription must be at least 150 characters in length",
        )
    ],
    "documentation_not_http": [("description.es.documentation", 57, 5, "documentation must be an HTTP URL")],
    "features_missing": [("description[en-GB].features", 69, 5, "features must contain more than 0 items")],
    "license_invalid": [
        ("legal.license", 78, 3, "license must be a valid license (see https://spdx.org/licenses)")
    ],
    "license_missing": [("legal.license", 78, 3, "license is a required field")],
    "maintenance_type_invalid": [
        (
            "maintenance.type",
            82,
            3,
            'type must be one of the following: "internal", "contract", "community" or "none"',
        )
    ],
    "contractors_missing_with_type_contract": [
        ("maintenance.contractors", 82, 3, 'contractors is a required field when "type" is "contract"')
    ],
    "contractors_when_type_is_community": [
        ("maintenance.contractors", 83, 3, 'contractors must not be present unless "type" is "contract"')
    ],
    "contractors_until_invalid": [
        ("maintenance.contractors[0].until", 87, 7, "until must be a date with format 'YYYY-MM-DD'")
    ],
    "contractors_email_invalid": [
        ("maintenance.contractors[0].email", 85, 7, "email must be a valid email address")
    ],
    "contacts_name_missing": [("maintenance.contacts[0].name", 89, 7, "name is a required field")],
    "localisationReady_yes": [("localisation.localisationReady", 95, 3, WRONG_TYPE)],
    "localisationReady_missing": [
        ("localisation.localisationReady", 95, 3, "localisationReady is a required field")
    ],
    "availableLanguages_invalid": [
        ("localisation.availableLanguages[2]", 99, 7, "availableLanguages[2] must be a valid BCP 47 language")
    ],
    "availableLanguages_empty": [
        ("localisation.availableLanguages", 96, 3, "availableLanguages must contain more than 0 items")
    ],
    "dependsOn_optional_wrong_type": [("dependsOn.open[0].optional", 105, 7, WRONG_TYPE)],
    "unknown_key": [("version", 9, 1, 'unknown field "version"')],
    "duplicate_key": [
        ("developmentStatus", 30, 1, 'mapping key "developmentStatus" already defined at line 29')
    ],
    "publiccodeYmlVersion_unsupported": [
        ("publiccodeYmlVersion", 1, 1, f"unsupported version: '1'. Supported versions: {VERSIONS}")
    ],
    "publiccodeYmlVersion_number": [("publiccodeYmlVersion", 1, 1, WRONG_TYPE)],
    "it_and_IT": [("it", 103, 1, "'IT' key already present. Remove this key")],
    "IT_countryExtensionVersion_invalid": [
        (
            "IT.countryExtensionVersion",
            102,
            3,
            'countryExtensionVersion must be one of the following: "0.2" or "1.0"',
        )
    ],
    "not_a_mapping": [("", 1, 1, "the file must be a mapping of keys to values")],
    "yaml_syntax": [("", 3, 1, "expected ',' or ']', but got '<stream end>'")],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_rule_gives_exactly_its_error_with_key_line_and_message(name):
    result = parse((INVALID / f"{name}.publiccode.yml").read_text(encoding="utf-8"))

    assert [(e.key, e.line, e.column, e.message) for e in result.errors] == EXPECTED[name]
    assert result.data is None


def test_every_file_of_the_invalid_corpus_has_its_expected_errors():
    on_disk = {path.name.removesuffix(".publiccode.yml") for path in INVALID.glob("*.publiccode.yml")}

    assert on_disk == set(EXPECTED)
