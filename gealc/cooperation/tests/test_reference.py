"""The fund's reference data: the taxonomy in four languages and the historical baselines with sources."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from gealc.cooperation.models import Baseline, ExpertiseArea
from gealc.core.refdata import ReferenceDataError, load_reference


def test_the_taxonomy_is_loaded_in_four_languages(reference):
    customs = ExpertiseArea.objects.get(code="customs-modernisation")

    assert ExpertiseArea.objects.count() == 14
    assert (customs.name_en, customs.name_es, customs.name_pt, customs.name_fr) == (
        "Customs modernisation",
        "Modernización aduanera",
        "Modernização aduaneira",
        "Modernisation douanière",
    )


def test_the_baselines_keep_their_public_figures_and_sources(reference):
    rows = {b.code: (b.measure, b.qualifier, b.value, b.as_of) for b in Baseline.objects.all()}

    assert rows == {
        "experts-exchanged-2018": ("experts_exchanged", "more_than", 70, 2018),
        "provider-countries-2018": ("provider_countries", "exact", 20, 2018),
        "experts-exchanged-brief": ("experts_exchanged", "more_than", 100, 2017),
        "expert-database": ("roster_size", "about", 300, None),
    }
    assert all(baseline.source for baseline in Baseline.objects.all())


def test_loading_twice_changes_nothing(reference):
    counts = load_reference(settings.REFERENCE_DATA_DIR)

    assert counts["expertise areas unchanged"] == 14
    assert counts["historical baselines unchanged"] == 4
    assert not [
        key for key in counts if key.startswith(("expertise", "historical")) and "unchanged" not in key
    ]


def test_a_bad_baseline_names_the_file_and_line_and_nothing_is_written(db, tmp_path: Path):
    for path in settings.REFERENCE_DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    baselines = tmp_path / "cooperation_baselines.csv"
    baselines.write_text(
        baselines.read_text(encoding="utf-8").replace("experts_exchanged,70", "experts_met,70"),
        encoding="utf-8",
    )

    with pytest.raises(ReferenceDataError) as refused:
        load_reference(tmp_path)

    assert str(refused.value).startswith("cooperation_baselines.csv, line 2: unknown measure 'experts_met'")
    assert not ExpertiseArea.objects.exists()
