"""Importing and exporting publiccode.yml through the API: every example of the standard round-trips to
the same record, broken files name their key paths and lines, and nothing changes without cause."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from gealc.core.models import DecisionEvent
from gealc.software.models import Software, SoftwareRevision
from gealc.software.publiccode import parse
from gealc.software.tests.conftest import import_as, publiccode
from gealc.software.tests.test_publiccode_invalid import EXPECTED, INVALID

# The standard's folder beside the repository, where it is checked out with the project's documents;
# valid/ holds copies of its examples, so the suite runs without it too.
STANDARD = next(
    (
        folder / "shared" / "standards" / "publiccode"
        for folder in Path(settings.BASE_DIR).parents
        if (folder / "shared" / "standards" / "publiccode").is_dir()
    ),
    Path(__file__).parent / "valid",
)
EXAMPLES = sorted(
    {*STANDARD.glob("*.yml"), *(Path(__file__).parent / "valid").glob("*.yml")}, key=lambda path: str(path)
)

pytestmark = pytest.mark.django_db


def record_of(software: Software) -> dict[str, object]:
    """What the catalogue holds of a software, apart from its ids and dates."""
    return {
        "columns": {
            name: getattr(software, name)
            for name in (
                "name",
                "url",
                "landing_url",
                "software_version",
                "release_date",
                "platforms",
                "development_status",
                "software_type",
                "license",
                "main_copyright_owner",
                "maintenance_type",
                "localisation_ready",
                "available_languages",
                "document",
            )
        },
        "descriptions": list(
            software.descriptions.values_list("language", "short_description", "long_description", "features")
        ),
        "categories": sorted(software.category_rows.values_list("code", flat=True)),
        "bases": sorted(software.base_rows.values_list("url", flat=True)),
    }


def test_the_standards_examples_are_among_those_imported():
    assert {path.name for path in STANDARD.glob("*.yml")} >= {
        "example.publiccode.yml",
        "example.minimal.publiccode.yml",
    }


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_example_imports_exports_and_imports_again_as_the_same_record(client, officer_headers, path):
    created = import_as(client, officer_headers, path.read_text(encoding="utf-8"), country="URY")
    assert created.status_code == 201, created.json()
    slug = created.json()["slug"]
    software = Software.objects.get(slug=slug)
    before = record_of(software)

    exported = client.get(f"/api/v1/software/{slug}/publiccode.yml")
    assert exported.status_code == 200
    assert exported["Content-Type"].startswith("application/yaml")
    assert parse(exported.content).errors == []
    again = import_as(client, officer_headers, exported.content.decode("utf-8"))

    assert again.status_code == 200
    assert again.json()["revision"] == 1
    assert record_of(Software.objects.get(slug=slug)) == before
    assert parse(path.read_text(encoding="utf-8")).data == software.document


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_file_is_refused_with_the_exact_key_paths_and_lines(client, officer_headers, name):
    count = Software.objects.count()

    answer = import_as(
        client, officer_headers, (INVALID / f"{name}.publiccode.yml").read_text(encoding="utf-8")
    )

    assert answer.status_code == 422
    body = answer.json()
    assert "nothing was imported" in body["detail"]
    assert [(e["key"], e["line"], e["message"]) for e in body["errors"]] == [
        (key, line, message) for key, line, _column, message in EXPECTED[name]
    ]
    assert Software.objects.count() == count


def test_a_yes_is_not_a_boolean_but_a_no_is_a_name(client, officer_headers):
    refused = import_as(
        client,
        officer_headers,
        publiccode().replace("localisationReady: true", "localisationReady: yes"),
        country="URY",
    )
    named_no = import_as(
        client, officer_headers, publiccode("no", url="https://example.org/no.git"), country="URY"
    )

    assert refused.status_code == 422
    assert [e["key"] for e in refused.json()["errors"]] == ["localisation.localisationReady"]
    assert named_no.status_code == 201
    assert named_no.json()["name"] == "no"


def test_the_same_file_twice_changes_nothing(client, officer_headers):
    text = publiccode()
    first = import_as(client, officer_headers, text, country="URY")
    decisions = DecisionEvent.objects.count()

    second = import_as(client, officer_headers, text)

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["revision"] == 1
    assert DecisionEvent.objects.count() == decisions


def test_a_newer_version_updates_the_record_and_keeps_its_history(client, officer_headers):
    import_as(client, officer_headers, publiccode(extra='softwareVersion: "1.0"\n'), country="URY")

    updated = import_as(client, officer_headers, publiccode(extra='softwareVersion: "1.1"\n', status="beta"))

    assert updated.status_code == 200
    assert (updated.json()["software_version"], updated.json()["development_status"]) == ("1.1", "beta")
    assert updated.json()["revision"] == 2
    revisions = SoftwareRevision.objects.filter(software__slug="tramites").order_by("number")
    assert [revision.software_version for revision in revisions] == ["1.0", "1.1"]
    assert 'softwareVersion: "1.0"' in revisions[0].text


def test_an_invalid_newer_version_changes_nothing(client, officer_headers):
    import_as(client, officer_headers, publiccode(extra='softwareVersion: "1.0"\n'), country="URY")

    refused = import_as(
        client, officer_headers, publiccode(extra='softwareVersion: "1.1"\n', status="finished")
    )

    assert refused.status_code == 422
    assert refused.json()["errors"][0]["key"] == "developmentStatus"
    assert Software.objects.get(slug="tramites").software_version == "1.0"


def released(version: str, day: str = "", **kwargs: str) -> str:
    """Tramites's file at ``version``, released on ``day`` when given."""
    extra = f'softwareVersion: "{version}"\n' + (f'releaseDate: "{day}"\n' if day else "")
    return publiccode(extra=extra, **kwargs)


def test_a_file_released_before_the_record_is_refused_and_changes_nothing(client, officer_headers):
    import_as(client, officer_headers, released("2.0", "2024-05-01"), country="URY")
    decisions = DecisionEvent.objects.count()

    refused = import_as(client, officer_headers, released("1.9", "2023-11-20", status="beta"))
    patched = client.patch(
        "/api/v1/software/tramites",
        {"publiccode": released("1.9", "2023-11-20", status="beta")},
        content_type="application/json",
        headers=officer_headers,
    )

    assert (refused.status_code, patched.status_code) == (409, 409)
    assert refused.json() == {
        "detail": "This file is older than the catalogue's record: it describes version 1.9 of 20 Nov 2023, "
        "the catalogue has version 2.0 of 1 May 2024. Nothing was imported; import the current version or a "
        "later one.",
        "field": "releaseDate",
    }
    software = Software.objects.get(slug="tramites")
    assert (software.software_version, software.development_status) == ("2.0", "stable")
    assert software.revisions.count() == 1
    assert DecisionEvent.objects.count() == decisions


@pytest.mark.parametrize(
    "current,older", [("1.10", "1.9"), ("2.0.0", "2.0.0rc1"), ("v3.1", "v3.0.5")], ids=str
)
def test_without_dates_a_lower_software_version_is_refused(client, officer_headers, current, older):
    import_as(client, officer_headers, released(current), country="URY")

    refused = import_as(client, officer_headers, released(older, status="beta"))

    assert refused.status_code == 409
    assert refused.json()["field"] == "softwareVersion"
    assert f"it describes version {older}, the catalogue has version {current}." in refused.json()["detail"]
    assert Software.objects.get(slug="tramites").software_version == current


def test_a_later_release_or_a_version_that_cannot_be_compared_is_imported(client, officer_headers):
    import_as(client, officer_headers, released("2.0", "2024-05-01"), country="URY")

    # A later date wins over a lower number; names that are no version numbers cannot be placed.
    later = import_as(client, officer_headers, released("1.0-lts", "2024-06-01"))
    undated = import_as(client, officer_headers, released("nightly", status="beta"))

    assert (later.status_code, undated.status_code) == (200, 200)
    assert undated.json()["software_version"] == "nightly"
    assert Software.objects.get(slug="tramites").revisions.count() == 3


def test_an_older_version_of_the_standard_is_read_with_its_deprecated_keys_as_warnings(
    client, officer_headers
):
    old = publiccode().replace('publiccodeYmlVersion: "0"', 'publiccodeYmlVersion: "0.2"')

    answer = import_as(client, officer_headers, old, country="URY")

    assert answer.status_code == 201
    assert {
        "key": "publiccodeYmlVersion",
        "line": 1,
        "column": 1,
        "message": "v0.2 is not the latest version, use '0'. Parsing this file as v0.7.",
    } in answer.json()["warnings"]


def test_an_import_answers_the_checks_it_skipped_offline_and_whether_it_changed_anything(
    client, officer_headers
):
    text = publiccode().replace(
        "  license: AGPL-3.0-or-later\n", "  license: AGPL-3.0-or-later\n  repoOwner: AGESIC\n"
    )
    created = import_as(client, officer_headers, text, country="URY")
    again = import_as(client, officer_headers, text)

    assert created.status_code == 201, created.json()
    assert (created.json()["changed"], again.json()["changed"]) == (True, False)
    warnings = {warning["key"]: warning["message"] for warning in created.json()["warnings"]}
    assert warnings["url"].startswith("Not checked without network access")
    assert warnings["legal.repoOwner"].startswith("This key is DEPRECATED")
    assert again.json()["warnings"] == created.json()["warnings"]


def test_the_owning_country_is_required_for_the_secretariat(client, officer_headers):
    answer = import_as(client, officer_headers, publiccode())

    assert answer.status_code == 422
    assert answer.json()["field"] == "country"


def test_the_api_answers_contact_names_but_not_their_e_mail(client, officer_headers):
    import_as(client, officer_headers, publiccode(), country="URY")

    answer = client.get("/api/v1/software/tramites").json()

    assert answer["maintenance"]["contacts"] == [{"name": "Ada Maintainer"}]
    assert "ada@example.org" in client.get("/api/v1/software/tramites/publiccode.yml").content.decode()
