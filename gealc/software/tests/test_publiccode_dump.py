"""Writing publiccode.yml files: what is written reads back to the same data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gealc.software.publiccode import Result, dump, parse

VALID = Path(__file__).parent / "valid"


def data_of(result: Result) -> dict[str, Any]:
    """The data of a file that must be valid."""
    assert result.errors == []
    assert result.data is not None
    return result.data


@pytest.mark.parametrize("path", sorted(VALID.glob("*.yml")), ids=lambda path: path.name)
def test_a_valid_file_written_back_reads_as_the_same_data(path):
    first = parse(path.read_text(encoding="utf-8"))

    again = parse(dump(data_of(first)))

    assert again.errors == []
    assert again.data == first.data


def test_keys_are_written_in_the_standards_order():
    data = data_of(parse((VALID / "full.publiccode.yml").read_text(encoding="utf-8")))
    shuffled = dict(reversed(list(data.items())))

    top_level = [line.split(":")[0] for line in dump(shuffled).splitlines() if line[:1].isalpha()]

    assert top_level[:4] == ["publiccodeYmlVersion", "name", "applicationSuite", "url"]
    assert top_level[-4:] == ["legal", "maintenance", "localisation", "dependsOn"]


@pytest.mark.parametrize(
    "value",
    [
        "no",
        "yes",
        "on",
        "off",
        "y",
        "n",
        "true",
        "null",
        "~",
        "",
        "1.0",
        "2.10",
        "0o17",
        "0x1F",
        "1e3",
        ".inf",
        "2017-04-15",
        "- item",
        "#tag",
        "a: b",
        " padded ",
    ],
)
def test_values_yaml_would_misread_are_quoted(value):
    base = data_of(parse((VALID / "example.minimal.publiccode.yml").read_text(encoding="utf-8")))
    data = {**base, "softwareVersion": value, "usedBy": [value]}

    text = dump(data)

    assert f"softwareVersion: {value}\n" not in text
    again = parse(text)
    assert again.errors == []
    assert data_of(again)["softwareVersion"] == value
    assert data_of(again)["usedBy"] == [value]


def test_the_file_is_written_in_utf8_without_escapes():
    data = data_of(parse((VALID / "full.publiccode.yml").read_text(encoding="utf-8")))

    assert "name: Ventanilla Única\n" in dump(data)


# Text a person could type in a form: any printable character, spaces, line breaks.
typed = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff")
    | st.sampled_from(["\n", " ", "\t"]),
    max_size=40,
)


@st.composite
def records(draw):
    long_description = draw(typed) + "x" * 150 + draw(typed)
    record = {
        "publiccodeYmlVersion": "0",
        "name": draw(typed.filter(lambda text: text != "")),
        "url": "https://example.com/" + draw(st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True)) + ".git",
        "softwareVersion": draw(typed),
        "releaseDate": draw(st.dates()).isoformat(),
        "platforms": draw(st.lists(typed, min_size=1, max_size=3)),
        "usedBy": draw(st.lists(typed, max_size=3)),
        "developmentStatus": draw(st.sampled_from(["concept", "development", "beta", "stable", "obsolete"])),
        "softwareType": draw(st.sampled_from(["standalone/web", "library", "addon"])),
        "description": {
            draw(st.sampled_from(["es", "en", "pt-BR", "fr-CA"])): {
                "shortDescription": draw(typed),
                "longDescription": long_description,
                "features": draw(st.lists(typed, min_size=1, max_size=3)),
            }
        },
        "legal": {"license": draw(st.sampled_from(["MIT", "EUPL-1.2", "GPL-3.0-or-later OR MIT"]))},
        "maintenance": {
            "type": "community",
            "contacts": [
                {
                    "name": draw(typed.filter(bool)),
                    "phone": draw(st.from_regex(r"\+?[0-9 ]{1,15}", fullmatch=True)),
                }
            ],
        },
        "localisation": {"localisationReady": draw(st.booleans()), "availableLanguages": ["es"]},
    }
    if not record["description"][next(iter(record["description"]))]["shortDescription"]:
        record["description"][next(iter(record["description"]))]["shortDescription"] = "x"
    return record


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_any_generated_record_survives_writing_and_reading(record):
    result = parse(dump(record))

    assert result.errors == []
    assert result.data == record
