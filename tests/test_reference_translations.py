"""Every text the platform ships in its reference data, and every default label it builds from the
interface's catalogues, exists in the network's four languages."""

from __future__ import annotations

import csv
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils.translation import gettext

from gealc.core.i18n import in_every_language
from gealc.governance.services import DEFAULT_AXES, default_contests

OTHER_LANGUAGES = [code for code in settings.LANGUAGE_CODES if code != "en"]

# The columns of each file that are no text to translate, and why. A column that is neither here nor
# one of a translated field's (``title_en``, ``title_es``, ...) fails the test: a new text column must
# come in every language, or say here why it does not.
NOT_TRANSLATED: dict[str, dict[str, str]] = {
    "award_editions.csv": {"year": "number", "number": "number", "source": "citation, quoted as written"},
    "award_categories.csv": {"year": "number", "code": "key", "position": "number"},
    "subregions.csv": {"code": "key", "position": "number", "seats": "number"},
    "countries.csv": {
        "iso3": "ISO code (the names come from ISO 3166 in the four languages)",
        "status": "code",
        "subregion": "code",
        "joined": "date",
    },
    "institutions.csv": {
        "name": "an institution's own name, in its country's language",
        "acronym": "an institution's own acronym",
        "country": "ISO code",
        "kind": "code",
        "website": "address",
        "national_authority": "flag",
        "partner": "flag",
        "partner_role": "shown on no page: a note for the Secretariat's admin",
        "source_url": "address, not loaded",
        "source_date": "date, not loaded",
    },
    "expertise_areas.csv": {"code": "key", "position": "number"},
    "solution_themes.csv": {"code": "key", "position": "number"},
    "sustainable_development_goals.csv": {"number": "the goal's number, 1 to 17"},
    "software.csv": {
        "file": "path of a publiccode.yml (its descriptions are in the languages its file gives)",
        "country": "ISO code",
        "working_group": "key (a working group's slug)",
    },
    "working_groups.csv": {"slug": "key", "source": "citation, quoted as written"},
    "working_group_deliverables.csv": {
        "group": "key (a working group's slug)",
        "kind": "code",
        "status": "code",
        "date": "date",
        "url": "address",
    },
    "software_adoptions.csv": {
        "software": "key (slug)",
        "country": "ISO code",
        "status": "code",
        "since": "date",
        "version": "a version number",
        "evidence_url": "address",
    },
    "software_contributions.csv": {"software": "key (slug)", "country": "ISO code", "contributed_on": "date"},
    "cooperation_baselines.csv": {
        "code": "key",
        "measure": "code",
        "value": "number",
        "qualifier": "code",
        "as_of": "year",
        "position": "number",
        "source_url": "address",
    },
    "meetings.csv": {
        "kind": "code",
        "ordinal": "number",
        "start_date": "date",
        "end_date": "date",
        "host_country": "ISO code",
    },
    "meeting_participants.csv": {
        "meeting": "key",
        "country": "a country's name as the source lists it, matched to the registry",
        "reconcile": "code",
    },
    "motions.csv": {
        "meeting": "key",
        "rule": "code",
        "result": "code",
        # A motion's note is one text in the motion's original language: the services write it so.
        "note": "Motion.note is one text in the motion's original language, not a translated field",
    },
    "committee.csv": {
        "country": "ISO code",
        "seat": "code",
        "subregion": "code",
        "institution": "acronym",
        "start_date": "date",
        "end_date": "date",
    },
}


def shipped_files() -> list[Path]:
    return sorted(Path(settings.REFERENCE_DATA_DIR).glob("*.csv"))


def missing_translations(path: Path) -> list[str]:
    """Each text of ``path`` that lacks a language, as "file, line N (first cell): column has no xx"."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        groups = [column[: -len("_en")] for column in header if column.endswith("_en")]
        found = []
        for column in header:
            if column in NOT_TRANSLATED.get(path.name, {}):
                continue
            base, _sep, code = column.rpartition("_")
            if base in groups and code in settings.LANGUAGE_CODES:
                continue
            found.append(f"{path.name}: column {column} is text in one language only")
        for row in reader:
            for base in groups:
                texts = {code: (row.get(f"{base}_{code}") or "").strip() for code in settings.LANGUAGE_CODES}
                if not any(texts.values()):
                    continue
                for code in OTHER_LANGUAGES:
                    if not texts[code]:
                        first = row[header[0]]
                        found.append(
                            f"{path.name}, line {reader.line_num} ({first}): {base} has no {code} version"
                        )
    return found


@pytest.mark.parametrize("path", shipped_files(), ids=lambda path: path.name)
def test_every_shipped_reference_text_exists_in_spanish_portuguese_and_french(path: Path):
    assert path.name in NOT_TRANSLATED, f"{path.name} is new: say which of its columns are no text"

    assert missing_translations(path) == []


def test_the_check_names_the_file_the_row_and_the_missing_language(tmp_path: Path):
    meetings = tmp_path / "meetings.csv"
    meetings.write_text(
        "kind,ordinal,title_en,title_es,title_pt,title_fr,start_date,end_date,host_country,"
        "city_en,city_es,city_pt,city_fr,venue\n"
        "annual,9,IX Annual Meeting,IX Reunión Anual,IX Reunião Anual,IXe Réunion annuelle,"
        "2015-10-26,2015-10-27,MEX,Mexico City,Ciudad de México,,Mexico,Hotel\n",
        encoding="utf-8",
    )

    assert missing_translations(meetings) == [
        "meetings.csv: column venue is text in one language only",
        "meetings.csv, line 2 (annual): city has no pt version",
    ]


def test_the_default_contest_labels_come_translated_from_the_catalogues(reference: Any):
    for contest in default_contests():
        labels = contest["label"]
        for code in OTHER_LANGUAGES:
            assert labels[code] and labels[code] != labels["en"], (contest["key"], code, labels)


def test_the_default_work_plan_axes_come_translated_from_the_catalogues():
    for code, title in DEFAULT_AXES:
        titles = in_every_language(partial(gettext, title))
        for language in OTHER_LANGUAGES:
            assert titles[language] and titles[language] != titles["en"], (code, language, titles)
