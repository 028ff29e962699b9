"""An election's title is written in each of the network's languages, like the meeting's it is held at."""

import html

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import translation

from gealc.governance.models import Election
from gealc.governance.services import (
    ballot_cast,
    candidacy_add,
    election_close,
    election_create,
    election_open,
    election_runoff,
)

TITLES = {"en": "Authorities 2027", "es": "Autoridades 2027"}


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    return html.unescape(response.content.decode())


def in_language(client: Client, url: str, language: str) -> str:
    return text(client.get(url, headers={"accept-language": language}))


@pytest.fixture
def tied_election(cast, heads, assembly) -> Election:
    """Closed, Mercosur's second seat tied between Argentina and Brazil; titled in English and Spanish."""
    election = election_create(actor=cast.secretariat, meeting=assembly, title=TITLES, original_language="en")
    for code in ("URY", "BRA", "ARG"):
        candidacy_add(
            actor=cast.secretariat, election=election, contest_key="committee-mercosur", country_code=code
        )
    election_open(actor=cast.secretariat, election=election)
    for index, code in enumerate(["ARG", "BRA", "CHL", "PRY", "URY", "BOL", "COL", "ECU", "PER", "CRI"]):
        ballot_cast(
            actor=heads[code],
            election=election,
            choices={"committee-mercosur": ["URY", "ARG" if index % 2 else "BRA"]},
        )
    return election_close(actor=cast.secretariat, election=election)


def test_a_spanish_visitor_reads_the_spanish_title_on_the_election_and_results_pages(tied_election):
    visitor = Client()
    for url in (f"/elections/{tied_election.pk}/", f"/elections/{tied_election.pk}/results/"):
        spanish = in_language(visitor, url, "es")
        english = in_language(visitor, url, "en")
        french = in_language(visitor, url, "fr")

        assert "Autoridades 2027" in spanish and "Authorities 2027" not in spanish
        assert "Authorities 2027" in english and "Autoridades 2027" not in english
        # No French title: the original one (English).
        assert "Authorities 2027" in french


def test_the_new_election_form_takes_the_title_in_each_language_and_refuses_it_missing_in_the_original(
    cast, assembly
):
    officer = as_user(cast.secretariat)
    url = f"/meetings/{assembly.pk}/elections/new/"
    form = text(officer.get(url))
    for language in ("English", "Spanish", "Portuguese", "French"):
        assert f"Title ({language})" in form

    missing = officer.post(
        url,
        {"original_language": "es", "title_en": "Authorities 2027", "ballot_type": "secret",
         "contests": ["presidency"]},
    )  # fmt: skip
    assert missing.context["form"].errors["title_es"] == [
        "Give the title in the original language (Spanish)."
    ]
    assert 'value="Authorities 2027"' in text(missing)  # what was typed is kept
    assert not Election.objects.exists()

    officer.post(
        url,
        {"original_language": "es", "title_es": " Autoridades 2027 ", "title_pt": "Autoridades 2027 (pt)",
         "ballot_type": "secret", "contests": ["presidency"]},
    )  # fmt: skip
    election = Election.objects.get()
    assert (election.original_language, election.title_es, election.title_pt, election.title_en) == (
        "es",
        "Autoridades 2027",
        "Autoridades 2027 (pt)",
        "",
    )
    with translation.override("en"):
        assert election.title == "Autoridades 2027"  # the original, without an English one


def test_the_database_holds_an_election_s_title_in_its_original_language(assembly):
    with transaction.atomic(), pytest.raises(IntegrityError):
        Election.objects.create(meeting=assembly, original_language="es", title_en="Authorities 2027")


def test_the_api_takes_and_answers_the_title_in_each_language(cast, assembly):
    officer = as_user(cast.secretariat)
    body = {"meeting": assembly.pk, "title": {"es": "Autoridades 2027", "fr": "Autorités 2027"},
            "original_language": "es", "contests": [{"key": "presidency", "label": {"en": "Presidency"},
            "original_language": "en", "seats": 1, "kind": "presidency"}]}  # fmt: skip

    refused = officer.post(
        "/api/v1/elections",
        {**body, "title": {"en": "Authorities 2027"}},
        content_type="application/json",
    )
    created = officer.post(
        "/api/v1/elections", body, content_type="application/json", headers={"accept-language": "fr"}
    )

    assert (refused.status_code, refused.json()["field"]) == (422, "title.es")
    assert created.status_code == 201, created.content
    answer = created.json()
    assert (answer["title"], answer["title_translations"], answer["original_language"]) == (
        "Autorités 2027",
        {"es": "Autoridades 2027", "fr": "Autorités 2027"},
        "es",
    )
    read = Client().get(f"/api/v1/elections/{answer['id']}", headers={"accept-language": "pt"}).json()
    assert read["title"] == "Autoridades 2027"  # no Portuguese title: the original
    assert read["title_translations"] == answer["title_translations"]
    meeting = Client().get(f"/api/v1/meetings/{assembly.pk}", headers={"accept-language": "fr"}).json()
    assert [election["title"] for election in meeting["elections"]] == ["Autorités 2027"]


def test_a_runoff_is_titled_after_its_first_round_in_each_language(cast, tied_election):
    runoff = election_runoff(actor=cast.secretariat, election=tied_election)

    assert runoff.original_language == "en"
    for code, first_round in (("en", "Authorities 2027"), ("es", "Autoridades 2027")):
        assert getattr(runoff, f"title_{code}").startswith(f"{first_round} — ")
    # A language without a title of its own reads the original one, marked as the runoff.
    assert runoff.title_fr.startswith("Authorities 2027 — ")


def test_a_runoff_of_an_election_with_a_title_as_long_as_it_may_be_keeps_to_the_column(cast, heads, assembly):
    long_title = "A" * 200
    election = election_create(actor=cast.secretariat, meeting=assembly, title=long_title)
    candidacy_add(actor=cast.secretariat, election=election, contest_key="presidency", country_code="URY")
    candidacy_add(actor=cast.secretariat, election=election, contest_key="presidency", country_code="BRA")
    election_open(actor=cast.secretariat, election=election)
    for index, code in enumerate(["ARG", "BRA", "CHL", "PRY", "URY", "BOL", "COL", "ECU", "PER", "CRI"]):
        ballot_cast(
            actor=heads[code], election=election, choices={"presidency": ["URY" if index % 2 else "BRA"]}
        )
    election = election_close(actor=cast.secretariat, election=election)

    runoff = election_runoff(actor=cast.secretariat, election=election)

    assert len(runoff.title_en) == 200
    assert runoff.title_en.startswith("AAA") and runoff.title_en.endswith("… — runoff")


# The migration that made the title translated -----------------------------------------------------------

BEFORE = [("governance", "0005_turnout_rule_and_document_files")]
AFTER = [("governance", "0006_election_title_in_every_language")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_each_existing_title_as_its_english_original(reference):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Country = old.get_model("members", "Country")
    meeting = old.get_model("governance", "Meeting").objects.create(
        kind="annual", title_en="XX Annual Meeting", start_date="2026-10-20", end_date="2026-10-21",
        host_country=Country.objects.get(iso3="DOM"), city_en="Santo Domingo",
    )  # fmt: skip
    OldElection = old.get_model("governance", "Election")
    first = OldElection.objects.create(meeting=meeting, title="Authorities 2027", status="closed")
    runoff = OldElection.objects.create(meeting=meeting, title="Authorities 2027 — runoff", runoff_of=first)
    old.get_model("governance", "HistoricalElection").objects.create(
        id=first.pk, meeting=meeting, title="Authorities 2027", status="draft",
        history_date="2026-10-20T10:00Z", history_type="+",
    )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    NewElection = new.get_model("governance", "Election")

    kept = NewElection.objects.get(pk=first.pk)
    assert (kept.original_language, kept.title_en, kept.title_es, kept.title_pt, kept.title_fr) == (
        "en",
        "Authorities 2027",
        "",
        "",
        "",
    )
    history = new.get_model("governance", "HistoricalElection").objects.get(id=first.pk)
    assert (history.original_language, history.title_en) == ("en", "Authorities 2027")
    made = NewElection.objects.get(pk=runoff.pk)
    assert (made.original_language, made.title_en) == ("en", "Authorities 2027 — runoff")
    # In the other languages only where the interface translates the runoff's mark; they read the English
    # title otherwise, as before.
    for code in ("es", "pt", "fr"):
        other = getattr(made, f"title_{code}")
        assert other == "" or (other.startswith("Authorities 2027 — ") and other != made.title_en)
