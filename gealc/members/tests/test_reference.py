import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from gealc.core.refdata import ReferenceDataError, load_reference
from gealc.members.models import Country, Institution, Subregion

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the repository's reference data that a test may edit."""
    target = tmp_path / "reference"
    shutil.copytree(settings.REFERENCE_DATA_DIR, target)
    return target


def test_the_reference_data_loads_the_network_as_the_brief_describes_it():
    load_reference(settings.REFERENCE_DATA_DIR)

    assert [(s.code, s.seats) for s in Subregion.objects.order_by("position")] == [
        ("mercosur", 2),
        ("andean", 2),
        ("mesoamerica", 2),
        ("caribbean", 2),
    ]
    assert Country.objects.members().count() == 33
    assert set(Country.objects.filter(status="observer").values_list("iso3", flat=True)) == {
        "ESP",
        "PRT",
        "AND",
    }
    assert Country.objects.get(iso3="CAN").subregion is None
    assert Country.objects.get(iso3="URY").subregion.code == "mercosur"
    assert Country.objects.filter(subregion__code="caribbean").count() == 13
    assert set(Institution.objects.filter(is_partner=True).values_list("acronym", flat=True)) == {
        "OAS",
        "IDB",
        "IDRC",
        "CIDA",
        "OECD",
        "AGESIC",
        "SFP",
    }
    assert Country.objects.get(iso3="URY").authority.acronym == "AGESIC"


def test_member_countries_have_the_national_authority_a_public_source_names():
    load_reference(settings.REFERENCE_DATA_DIR)

    authorities = dict(
        Country.objects.members().filter(authority__isnull=False).values_list("iso3", "authority__name")
    )
    assert authorities["PER"] == "Secretaría de Gobierno y Transformación Digital"
    assert authorities["BOL"] == "Agencia de Gobierno Electrónico y Tecnologías de Información y Comunicación"
    assert authorities["MEX"] == "Agencia de Transformación Digital y Telecomunicaciones"
    assert authorities["TTO"] == "Ministry of Digital Transformation"
    # Where no source named one, the country has none rather than a guess.
    assert "ARG" not in authorities
    assert len(authorities) == 24


def test_every_authority_in_the_file_names_its_source():
    import csv

    with (settings.REFERENCE_DATA_DIR / "institutions.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    unsourced = [
        row["name"]
        for row in rows
        if row["national_authority"] == "yes" and not row["source_url"] and row["country"] != "URY"
    ]
    assert unsourced == []


def test_a_source_date_that_is_not_a_date_is_refused(data_dir: Path):
    institutions = data_dir / "institutions.csv"
    institutions.write_text(
        institutions.read_text(encoding="utf-8")
        + "Ministerio X,MX,URY,ministry,,,,,https://example.org/x,last spring\n",
        encoding="utf-8",
    )

    with pytest.raises(
        ReferenceDataError,
        match=r"institutions.csv, line 33: source_date must be written YYYY, YYYY-MM or YYYY-MM-DD",
    ):
        load_reference(data_dir)


def test_a_second_national_authority_for_a_country_is_refused(data_dir: Path):
    institutions = data_dir / "institutions.csv"
    institutions.write_text(
        institutions.read_text(encoding="utf-8")
        + "Ministerio X,MX,URY,ministry,,yes,,,https://example.org/x,2024\n",
        encoding="utf-8",
    )

    with pytest.raises(ReferenceDataError, match=r"line 33: URY already has a national authority \(line 7\)"):
        load_reference(data_dir)
    assert Institution.objects.count() == 0


def test_country_names_come_from_iso_3166_in_the_four_languages():
    load_reference(settings.REFERENCE_DATA_DIR)

    kitts = Country.objects.get(iso3="KNA")
    assert (kitts.iso2, kitts.name_en, kitts.name_es) == (
        "KN",
        "Saint Kitts and Nevis",
        "San Cristóbal y Nieves",
    )
    assert kitts.name_pt == "São Cristóvão e Nevis"
    assert kitts.name_fr == "Saint-Christophe-et-Niévès"
    assert Country.objects.get(iso3="BOL").name_en == "Bolivia"


def test_loading_twice_changes_nothing():
    load_reference(settings.REFERENCE_DATA_DIR)
    before = list(Country.objects.values().order_by("iso3"))

    counts = load_reference(settings.REFERENCE_DATA_DIR)

    assert list(Country.objects.values().order_by("iso3")) == before
    assert not [key for key in counts if key.endswith(("created", "updated"))]
    assert counts["countries unchanged"] == 36


def test_an_edited_file_updates_records_in_place(data_dir: Path):
    load_reference(data_dir)
    canada_id = Country.objects.get(iso3="CAN").pk
    countries = data_dir / "countries.csv"
    countries.write_text(
        countries.read_text(encoding="utf-8").replace("CAN,member,,", "CAN,member,caribbean,2004-05-01"),
        encoding="utf-8",
    )

    counts = load_reference(data_dir)

    canada = Country.objects.get(iso3="CAN")
    assert canada.pk == canada_id
    assert canada.subregion.code == "caribbean"
    assert str(canada.joined) == "2004-05-01"
    assert counts["countries updated"] == 1
    assert Country.objects.count() == 36


def test_an_unknown_country_code_names_the_file_and_line_and_writes_nothing(data_dir: Path):
    countries = data_dir / "countries.csv"
    countries.write_text(countries.read_text(encoding="utf-8") + "XYZ,member,andean,\n", encoding="utf-8")

    with pytest.raises(ReferenceDataError) as caught:
        load_reference(data_dir)

    assert str(caught.value) == "countries.csv, line 38: unknown country code 'XYZ' (not an ISO 3166-1 code)"
    assert Subregion.objects.count() == 0
    assert Country.objects.count() == 0


def test_a_malformed_line_fails_the_command_with_its_line_and_nothing_is_written(data_dir: Path):
    (data_dir / "subregions.csv").write_text(
        "code,position,seats,name_en,name_es,name_pt,name_fr\n"
        "mercosur,1,2,Mercosur,Mercosur,Mercosul,Mercosur\n"
        "andean,2,two,Andean,Andina,Andina,Andine\n",
        encoding="utf-8",
    )

    with pytest.raises(
        CommandError, match=r"subregions.csv, line 3: seats must be a whole number, not 'two'"
    ):
        call_command("load_reference", "--dir", str(data_dir))

    assert Subregion.objects.count() == 0


def test_a_line_with_too_many_fields_is_refused(data_dir: Path):
    institutions = data_dir / "institutions.csv"
    institutions.write_text(
        institutions.read_text(encoding="utf-8") + "Ministerio X,MX,URY,ministry,,,,,,,extra\n",
        encoding="utf-8",
    )

    with pytest.raises(ReferenceDataError, match=r"institutions.csv, line 33: expected 10 fields"):
        load_reference(data_dir)
    assert Institution.objects.count() == 0


def test_an_unknown_subregion_is_refused(data_dir: Path):
    countries = data_dir / "countries.csv"
    countries.write_text(
        countries.read_text(encoding="utf-8").replace("ARG,member,mercosur", "ARG,member,pacific")
    )

    with pytest.raises(ReferenceDataError, match=r"countries.csv, line 2: unknown subregion 'pacific'"):
        load_reference(data_dir)


def test_the_command_reports_what_it_did():
    from io import StringIO

    out = StringIO()
    call_command("load_reference", stdout=out)

    assert "countries created: 36" in out.getvalue()
    assert "Reference data loaded" in out.getvalue()
