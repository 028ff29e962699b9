"""The import of the historical catalogue: one transaction, every bad line named with its number and
reason, the same file twice changes nothing."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

from gealc.awards.imports import ImportRefused, solutions_import
from gealc.awards.models import Solution, SolutionChange
from gealc.core.errors import Forbidden
from gealc.core.models import DecisionEvent

pytestmark = pytest.mark.django_db

HEADER = (
    "id,country,original_language,name_es,name_en,description_es,theme,sdgs,year_started,status,"
    "contact_email\n"
)
GOOD = HEADER + (
    "H-001,URY,es,Trámites en línea,Online procedures,Todos los trámites.,digital-services,16;9,2012,"
    "operation,ana@agesic.gub.uy\n"
    ",CHL,es,ChileAtiende,,Una red de atención.,digital-services,10,2012,,\n"
)


def snapshot() -> list[tuple]:
    return list(
        Solution.objects.order_by("pk").values_list("pk", "name_es", "state", "imported", "search_text")
    )


def test_an_import_publishes_historical_solutions_marked_as_imported(reference):
    with translation.override("en"):
        result = solutions_import(actor=None, text=GOOD)

    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    first = Solution.objects.get(reference="H-001")
    assert first.state == "published" and first.imported and first.published_at is not None
    with translation.override("en"):
        assert first.name == "Online procedures"
    assert sorted(first.goals.values_list("number", flat=True)) == [9, 16]
    assert Solution.objects.get(country__iso3="CHL").status == "operation"
    assert list(SolutionChange.objects.values_list("action", flat=True)) == ["import", "import"]


def test_importing_the_same_file_twice_changes_nothing(reference):
    solutions_import(actor=None, text=GOOD)
    before = (snapshot(), SolutionChange.objects.count(), DecisionEvent.objects.count())

    again = solutions_import(actor=None, text=GOOD)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert (snapshot(), SolutionChange.objects.count(), DecisionEvent.objects.count()) == before


def test_a_changed_line_updates_its_solution_matched_by_id_or_by_country_and_name(reference):
    solutions_import(actor=None, text=GOOD)
    changed = GOOD.replace("Todos los trámites.", "Todos los trámites del Estado.").replace(
        "Una red de atención.", "Una red."
    )

    result = solutions_import(actor=None, text=changed)

    assert (result.created, result.updated) == (0, 2)
    assert Solution.objects.get(reference="H-001").description_es == "Todos los trámites del Estado."
    assert Solution.objects.get(country__iso3="CHL").description_es == "Una red."


def test_every_bad_line_is_reported_with_its_number_and_reason_and_nothing_is_written(reference):
    bad = GOOD + (
        ",XXX,es,Nada,,Nada.,digital-services,,,,\n"
        ",PER,es,Sin tema,,Algo.,no-such-theme,,,,\n"
        ",PER,es,,,Sin nombre.,digital-services,,,,\n"
        ",COL,es,Objetivos,,Algo.,digital-services,18,,,\n"
        ",COL,es,Año,,Algo.,digital-services,,dos mil,,\n"
        ",CHL,es,ChileAtiende,,Otra vez.,digital-services,,,,\n"
    )

    with pytest.raises(ImportRefused) as refused:
        solutions_import(actor=None, text=bad)

    reasons = {error.line: error.reason for error in refused.value.errors}
    assert sorted(reasons) == [4, 5, 6, 7, 8, 9]
    assert "country" in reasons[4] and "XXX" in reasons[4]
    assert "theme" in reasons[5] and "no-such-theme" in reasons[5]
    assert "name.es" in reasons[6]
    assert "goals" in reasons[7] and "18" in reasons[7]
    assert "year_started" in reasons[8]
    assert "line 3" in reasons[9]
    assert not Solution.objects.exists() and not SolutionChange.objects.exists()


def test_a_file_with_unknown_or_missing_columns_is_refused_at_its_first_line(reference):
    with pytest.raises(ImportRefused) as refused:
        solutions_import(actor=None, text="country,name_es,colour\nURY,Algo,red\n")
    assert refused.value.errors[0].line == 1
    assert (
        "original_language" in refused.value.errors[0].reason and "colour" in refused.value.errors[0].reason
    )


def test_the_reasons_are_in_the_language_of_whoever_imports(reference):
    with translation.override("es"), pytest.raises(ImportRefused) as refused:
        solutions_import(actor=None, text=HEADER + ",XXX,es,Nada,,Nada.,digital-services,,,,\n")
    assert refused.value.errors[0].line == 2
    assert "No existe ningún país con el código 'XXX'" in refused.value.errors[0].reason


def test_only_the_secretariat_imports(cast):
    with pytest.raises(Forbidden):
        solutions_import(actor=cast.uruguay_delegate, text=GOOD)
    assert solutions_import(actor=cast.secretariat, text=GOOD).created == 2


def test_the_command_imports_a_file_and_reports_bad_lines_on_error(reference, tmp_path, capsys):
    good = tmp_path / "catalogue.csv"
    good.write_text(GOOD, encoding="utf-8")
    call_command("import_solutions", str(good))
    assert "2 solutions created" in capsys.readouterr().out

    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + ",XXX,es,Nada,,Nada.,digital-services,,,,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_solutions", str(bad))
    assert "bad.csv, line 2: country" in capsys.readouterr().err
    assert Solution.objects.count() == 2


def test_the_secretariat_uploads_the_file_on_its_page_and_reads_the_bad_lines_in_its_language(cast, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    client.force_login(cast.secretariat)
    bad = HEADER + ",PER,es,Sin tema,,Algo.,no-such-theme,,,,\n"

    response = client.post(
        "/solutions/import/",
        {"file": SimpleUploadedFile("c.csv", bad.encode(), content_type="text/csv")},
        headers={"accept-language": "es"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-such-theme" in html and "2" in html
    assert not Solution.objects.exists()

    response = client.post(
        "/solutions/import/", {"file": SimpleUploadedFile("c.csv", GOOD.encode(), content_type="text/csv")}
    )
    assert "Imported: 2 new, 0 updated, 0 unchanged." in response.content.decode()

    client.force_login(cast.uruguay_delegate)
    assert client.get("/solutions/import/").status_code == 403
