"""Reading publiccode.yml files: the standard's examples, YAML 1.2 scalars, warnings, all problems at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from gealc.software.publiccode import (
    MAX_BYTES,
    Result,
    is_language_tag,
    is_spdx_expression,
    parse,
    text_length,
)

# The standard's two examples (example.*.publiccode.yml, verbatim) and a full file of our own.
VALID = Path(__file__).parent / "valid"
DROP = "This key is DEPRECATED and will be removed in the future. It's safe to drop it"


def data_of(result: Result) -> dict[str, Any]:
    """The data of a file that must be valid."""
    assert result.errors == []
    assert result.data is not None
    return result.data


def full() -> str:
    return (VALID / "full.publiccode.yml").read_text(encoding="utf-8")


def minimal() -> str:
    return (VALID / "example.minimal.publiccode.yml").read_text(encoding="utf-8")


def problems(found):
    return [(p.key, p.line, p.column, p.message) for p in found]


@pytest.mark.parametrize("name", ["example.publiccode.yml", "example.minimal.publiccode.yml"])
def test_both_examples_of_the_standard_parse_with_no_errors(name):
    result = parse((VALID / name).read_text(encoding="utf-8"))

    assert result.errors == []
    assert result.data is not None
    assert data_of(result)["name"] == "Medusa"
    assert data_of(result)["maintenance"]["contacts"][0]["name"] == "Francesco Rossi"


def test_the_full_valid_file_parses_with_no_errors_and_keeps_every_value():
    result = parse(full())

    assert result.errors == []
    data = data_of(result)
    assert data["softwareVersion"] == "2.10"
    assert data["releaseDate"] == "2026-03-01"
    assert data["isBasedOn"] == ["https://github.com/example/tramites.git"]
    assert data["description"]["en-GB"]["features"] == ["End-to-end online procedures"]
    assert data["dependsOn"]["open"][0] == {"name": "PostgreSQL", "versionMin": "14", "optional": False}
    assert data["localisation"] == {"localisationReady": True, "availableLanguages": ["es", "en-GB", "pt-BR"]}


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "Yes", "NO"])
def test_yaml_1_1_booleans_are_not_booleans(word):
    result = parse(minimal().replace("localisationReady: true", f"localisationReady: {word}"))

    assert problems(result.errors) == [("localisation.localisationReady", 37, 3, "wrong type for this field")]


@pytest.mark.parametrize("word", ["true", "True", "TRUE", "false", "False", "FALSE"])
def test_yaml_1_2_booleans_are_booleans(word):
    result = parse(minimal().replace("localisationReady: true", f"localisationReady: {word}"))

    assert result.errors == []
    assert data_of(result)["localisation"]["localisationReady"] is (word.lower() == "true")


@pytest.mark.parametrize("word", ["no", "yes", "off", "Y"])
def test_a_name_that_yaml_1_1_reads_as_a_boolean_is_kept_as_the_string(word):
    result = parse(minimal().replace("name: Medusa", f"name: {word}"))

    assert result.errors == []
    assert data_of(result)["name"] == word


def test_numbers_and_dates_are_kept_as_written():
    text = full().replace('softwareVersion: "2.10"', "softwareVersion: 2.10")
    text = text.replace('releaseDate: "2026-03-01"', "releaseDate: 2026-03-01")

    result = parse(text)

    assert result.errors == []
    assert data_of(result)["softwareVersion"] == "2.10"
    assert data_of(result)["releaseDate"] == "2026-03-01"


def test_tags_never_build_python_objects():
    result = parse(minimal().replace("name: Medusa", 'name: !!python/object/apply:os.system ["echo hi"]'))

    assert problems(result.errors) == [("name", 3, 1, "wrong type for this field")]


def test_a_file_with_three_problems_reports_all_three():
    text = minimal().replace("name: Medusa\n", "")
    text = text.replace("developmentStatus: development", "developmentStatus: done")
    text = text.replace("license: AGPL-3.0-or-later", "license: GPL-99")

    result = parse(text)

    assert problems(result.errors) == [
        ("name", 1, 1, "name is a required field"),
        (
            "developmentStatus",
            7,
            1,
            'developmentStatus must be one of the following: "concept", "development", "beta", "stable" or '
            '"obsolete"',
        ),
        ("legal.license", 27, 3, "license must be a valid license (see https://spdx.org/licenses)"),
    ]
    assert result.data is None


def test_a_missing_section_reports_its_required_keys_at_the_top_of_the_file():
    text = minimal().replace("legal:\n  license: AGPL-3.0-or-later\n", "")

    assert problems(parse(text).errors) == [("legal.license", 1, 1, "license is a required field")]


def test_a_flow_mapping_reports_a_missing_key_at_its_brace():
    text = minimal().replace(
        "legal:\n  license: AGPL-3.0-or-later\n", "legal: {mainCopyrightOwner: AGESIC}\n"
    )

    assert problems(parse(text).errors) == [("legal.license", 27, 8, "license is a required field")]


def test_deprecated_keys_are_read_and_warned_about_in_the_references_words():
    text = minimal().replace(
        "platforms:\n",
        "monochromeLogo: img/logo-mono.svg\n"
        "inputTypes:\n  - text/plain\noutputTypes:\n  - text/csv\nplatforms:\n",
    )
    text = text.replace(
        "  license: AGPL-3.0-or-later\n",
        "  license: AGPL-3.0-or-later\n  repoOwner: City of Chicago\n  authorsFile: AUTHORS\n",
    )
    text = text.replace("    features:", "    genericName: Productivity\n    features:")

    result = parse(text)

    assert result.errors == []
    deprecations = [p for p in problems(result.warnings) if "DEPRECATED" in p[3]]
    assert deprecations == [
        (
            "monochromeLogo",
            5,
            1,
            "This key is DEPRECATED and will be removed in the future. Use 'logo' instead",
        ),
        ("inputTypes", 6, 1, DROP),
        ("outputTypes", 8, 1, DROP),
        ("description.en.genericName", 29, 5, DROP),
        (
            "legal.repoOwner",
            35,
            3,
            "This key is DEPRECATED and will be removed in the future. Use 'organisation.name' instead",
        ),
        ("legal.authorsFile", 36, 3, DROP),
    ]
    assert data_of(result)["monochromeLogo"] == "img/logo-mono.svg"
    assert data_of(result)["inputTypes"] == ["text/plain"]
    assert data_of(result)["description"]["en"]["genericName"] == "Productivity"


def test_an_older_version_is_read_as_the_current_one_with_a_warning():
    result = parse(minimal().replace('publiccodeYmlVersion: "0"', 'publiccodeYmlVersion: "0.2"'))

    assert result.errors == []
    assert problems(result.warnings)[0] == (
        "publiccodeYmlVersion",
        1,
        1,
        "v0.2 is not the latest version, use '0'. Parsing this file as v0.7.",
    )


def test_lowercase_countries_are_accepted_with_a_warning():
    result = parse(full().replace("    - UY\n", "    - uy\n"))

    assert result.errors == []
    assert (
        "intendedAudience.countries[0]",
        44,
        7,
        "Lowercase country codes are DEPRECATED. Use uppercase instead ('UY')",
    ) in problems(result.warnings)


def test_the_italian_section_is_kept_as_written_and_its_lowercase_key_becomes_IT():
    text = minimal() + 'it:\n  countryExtensionVersion: "1.0"\n  piattaforme:\n    spid: true\n'

    result = parse(text)

    assert result.errors == []
    assert data_of(result)["IT"] == {"countryExtensionVersion": "1.0", "piattaforme": {"spid": True}}
    assert "it" not in data_of(result)
    assert (
        "it",
        40,
        1,
        "Lowercase country codes are DEPRECATED and will be removed in the future. Use 'IT' instead",
    ) in problems(result.warnings)


def test_checks_that_need_the_network_are_skipped_and_each_kind_is_warned_about_once():
    result = parse(full())

    assert problems(result.warnings) == [
        (
            "url",
            5,
            1,
            "Not checked without network access: that these URLs are reachable, and that url is a code "
            "repository: url, landingURL, roadmap, description.es.documentation, "
            "description.es.apiDocumentation",
        ),
        (
            "logo",
            11,
            1,
            "Not checked without the repository: that these files exist and are valid images or files: "
            "logo, description.es.screenshots[0]",
        ),
        (
            "description.es.videos[0]",
            65,
            9,
            "Not checked without network access: that these videos come from an oEmbed provider: "
            "description.es.videos[0]",
        ),
    ]


def test_duplicate_keys_are_an_error_even_deep_inside():
    text = minimal().replace(
        "    - name: Francesco Rossi\n", "    - name: Francesco Rossi\n      name: F. Rossi\n"
    )

    assert problems(parse(text).errors) == [
        ("maintenance.contacts[0].name", 35, 7, 'mapping key "name" already defined at line 34')
    ]


def test_several_documents_in_one_file_are_refused():
    result = parse(minimal() + "---\nname: Other\n")

    assert result.data is None
    assert [p.message for p in result.errors] == ["multiple YAML documents in one file are not supported"]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "just a string\n", "- a\n- list\n"])
def test_a_top_level_that_is_not_a_mapping_is_refused(text):
    result = parse(text)

    assert result.data is None
    assert [p.message for p in result.errors] == ["the file must be a mapping of keys to values"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    text = minimal() + "#" * MAX_BYTES + "\n"

    result = parse(text)

    assert problems(result.errors) == [("", 0, 0, "the file is larger than 1024 KiB")]


def test_a_control_character_is_refused_with_its_position():
    result = parse("name: ok\nurl: bad\x07\n")

    assert problems(result.errors) == [
        ("", 2, 9, "unacceptable character #x0007: special characters are not allowed")
    ]


def test_bytes_that_are_not_utf8_are_refused():
    assert problems(parse(b"name: \xff\n").errors) == [("", 0, 0, "Invalid UTF-8")]


@pytest.mark.parametrize(
    ("expression", "valid"),
    [
        ("MIT", True),
        ("mit", True),
        ("GPL-3.0", True),
        ("GPL-2.0+", True),
        ("Apache-2.0 AND (MIT OR BSD-3-Clause)", True),
        ("GPL-2.0-only WITH Classpath-exception-2.0", True),
        ("LicenseRef-Municipal-1", True),
        ("DocumentRef-spdx-tool:LicenseRef-MIT-Style", True),
        ("MIT OR", False),
        ("(MIT", False),
        ("MIT WITH GPL-3.0", False),
        ("Public Domain", False),
        ("", False),
    ],
)
def test_spdx_expressions_are_checked_against_the_bundled_license_list(expression, valid):
    assert is_spdx_expression(expression) is valid


@pytest.mark.parametrize(
    ("tag", "valid"),
    [
        ("es", True),
        ("es-419", True),
        ("pt-BR", True),
        ("zh-Hant-TW", True),
        ("gn", True),
        ("quz", True),
        ("x-private", True),
        ("en_GB", False),
        ("eng", False),
        ("xx", False),
        ("es-ZZ", False),
        ("es-Abcd", False),
    ],
)
def test_language_tags_follow_bcp_47_and_exist(tag, valid):
    assert is_language_tag(tag) is valid


def test_lengths_count_what_a_reader_sees_as_one_character():
    assert text_length("año") == 3
    assert text_length("an\u0303o") == 3
    assert text_length("👦" * 10) == 10
    assert text_length("👩\u200d💻") == 1
    assert text_length("🇺🇾🇧🇷") == 2


def test_an_optional_key_left_empty_is_accepted_and_left_out():
    result = parse(minimal().replace("platforms:\n", "categories:\n\nplatforms:\n"))

    assert "categories" not in data_of(result)


def test_contractors_that_must_not_be_there_are_reported_once_not_one_by_one():
    text = minimal().replace(
        "  contacts:\n",
        "  contractors:\n    - name: Desarrollos del Sur\n  contacts:\n",
    )

    assert problems(parse(text).errors) == [
        ("maintenance.contractors", 33, 3, 'contractors must not be present unless "type" is "contract"')
    ]


def test_contractors_of_the_wrong_type_are_not_also_reported_as_missing():
    text = minimal().replace('  type: "community"', '  type: "contract"\n  contractors: Desarrollos del Sur')

    assert problems(parse(text).errors) == [("maintenance.contractors", 32, 3, "wrong type for this field")]


def test_the_deprecated_ipa_code_fills_in_the_organisation_as_the_reference_does():
    text = minimal() + "IT:\n  riuso:\n    codiceIPA: c_h501\n"

    data = data_of(parse(text))

    assert data["organisation"] == {"uri": "urn:x-italian-pa:c_h501"}
    assert data["IT"] == {"riuso": {"codiceIPA": "c_h501"}}


def test_an_ipa_code_is_not_looked_up_and_a_warning_says_so():
    text = minimal() + "IT:\n  riuso:\n    codiceIPA: c_h501\n"

    skipped = [problem for problem in parse(text).warnings if "IndicePA" in problem.message]

    assert [(problem.key, problem.message) for problem in skipped] == [
        (
            "IT.riuso.codiceIPA",
            "Not checked without network access: that these iPA codes are in the Italian registry of "
            "public administrations (IndicePA): IT.riuso.codiceIPA",
        )
    ]
    assert parse(text).errors == []


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def paths_of(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths_of(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths_of(item, (*prefix, index))


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_value_anywhere_gives_problems_never_a_crash(data):
    record = data_of(parse(full()))
    path = data.draw(st.sampled_from(list(paths_of(record))[1:]))
    target = record
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = data.draw(yaml_values)

    result = parse(yaml.safe_dump(record, allow_unicode=True, sort_keys=False))

    assert (result.data is None) == bool(result.errors)
    assert all(problem.line >= 1 and problem.column >= 1 for problem in result.errors + result.warnings)
