"""The Excellence Award's pages as a visitor, the Secretariat and a delegate see them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gealc.awards import edition_services as awards
from gealc.awards.models import Edition, Phase, Submission
from gealc.awards.tests.test_editions import new_edition, step, submit

pytestmark = pytest.mark.django_db


def test_the_editions_page_lists_the_historical_editions_with_their_categories(
    cast: Any, client: Client
) -> None:
    page = client.get("/solutions/awards/").content.decode()
    assert "excelGOV 2018 Excellence Award in Digital Government" in page
    assert "Emerging Technologies" in page
    assert "(edition 6)" in page
    spanish = client.get("/solutions/awards/", headers={"accept-language": "es"}).content.decode()
    assert "Tecnologías Emergentes" in spanish


def test_an_edition_being_set_up_is_only_the_secretariats(cast: Any, client: Client) -> None:
    edition = new_edition(cast)
    assert client.get(f"/solutions/awards/{edition.pk}/").status_code == 404
    client.force_login(cast.secretariat)
    page = client.get(f"/solutions/awards/{edition.pk}/").content.decode()
    assert "Open the call" in page
    assert "Impact" in page and "60" in page


def test_the_secretariat_opens_the_call_from_the_editions_page(cast: Any, client: Client) -> None:
    edition = new_edition(cast)
    client.force_login(cast.secretariat)
    answer = client.post(f"/solutions/awards/{edition.pk}/step/open_call/", follow=True)
    assert "The call for submissions is open" in answer.content.decode()
    edition.refresh_from_db()
    assert edition.phase == Phase.CALL_OPEN
    client.force_login(cast.uruguay_delegate)
    assert client.post(f"/solutions/awards/{edition.pk}/step/close_call/").status_code == 403


def test_a_refused_phase_step_says_why_on_the_page(cast: Any, client: Client) -> None:
    edition = step(cast, new_edition(cast), "open_call")
    submit(cast, edition, "URY", "Trámites en línea")
    step(cast, edition, "close_call", "start_screening")
    client.force_login(cast.secretariat)
    answer = client.post(f"/solutions/awards/{edition.pk}/step/start_evaluation/", follow=True)
    assert "1 submission is not screened yet." in answer.content.decode()


def test_the_results_page_shows_the_winner_its_marks_votes_and_receipts(cast: Any, client: Client) -> None:
    edition = step(cast, new_edition(cast, finalists_per_category=2), "open_call")
    uruguay = submit(cast, edition, "URY", "Trámites en línea")
    brazil = submit(cast, edition, "BRA", "gov.br")
    step(cast, edition, "close_call", "start_screening")
    for submission in (uruguay, brazil):
        awards.submission_screen(actor=cast.secretariat, submission=submission, eligible=True)
    step(cast, edition, "start_evaluation")
    for submission, sheet in ((uruguay, {"impact": 9, "reuse": 8}), (brazil, {"impact": 5, "reuse": 5})):
        assignment = awards.assignment_create(
            actor=cast.secretariat, edition=edition, juror=cast.peru_juror, submission=submission
        )
        awards.scores_save(actor=cast.peru_juror, assignment=assignment, scores=sheet)
    assert client.get(f"/solutions/awards/{edition.pk}/results/").status_code == 404
    step(cast, edition, "select_finalists", "open_vote")
    edition = Edition.objects.get(pk=edition.pk)
    vote = awards.final_vote_cast(
        actor=cast.uruguay_head, category=edition.categories.get(), submission=brazil
    )
    before = client.get(f"/solutions/awards/{edition.pk}/results/").content.decode()
    assert "The winners are not announced yet" in before
    assert vote.receipt not in before
    step(cast, edition, "announce")
    page = client.get(f"/solutions/awards/{edition.pk}/results/").content.decode()
    # Uruguay: 9 x 60 + 8 x 40 = 860, a mark of 8.60; Brazil 5.00 and the one vote.
    assert "8.60" in page and "5.00" in page
    assert "1 vote cast by the delegations." in page
    assert vote.receipt in page
    winner_row = page[page.index("gov.br") : page.index("</tr>", page.index("gov.br"))]
    assert "Winner" in winner_row
    solution_page = client.get(f"/solutions/{brazil.solution_id}/").content.decode()
    assert "Excellence Award 2027" in solution_page and "Winner" in solution_page


def test_a_delegate_submits_a_solution_on_the_page_and_reads_a_refusal_beside_the_field(
    cast: Any, client: Client, tmp_path: Any, settings: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gealc.awards.tests.conftest import published

    settings.MEDIA_ROOT = tmp_path
    edition = step(cast, new_edition(cast), "open_call")
    solution = published(cast, "URY", "Trámites en línea")
    client.force_login(cast.uruguay_delegate)
    page = client.get(f"/solutions/awards/{edition.pk}/").content.decode()
    assert f'href="/solutions/awards/{edition.pk}/submit/"' in page
    form = {"solution": solution.pk, "category": "government-value", "answers_users": "Every citizen."}
    recent = client.post(
        f"/solutions/awards/{edition.pk}/submit/", {**form, "in_operation_since": "2099-01-01"}
    )
    assert "The date cannot be in the future." in recent.content.decode()
    pdf = SimpleUploadedFile(
        "report.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", content_type="application/pdf"
    )
    body = {**form, "in_operation_since": "2020-01-01", "files": [pdf]}
    done = client.post(f"/solutions/awards/{edition.pk}/submit/", body, follow=True)
    text = done.content.decode()
    assert "The solution is submitted to the award." in text
    assert "Your country&#x27;s submissions" in text or "Your country's submissions" in text
    assert "Not screened yet" in text
    assert Submission.objects.get().attachments.count() == 1


def test_the_submission_page_says_when_the_call_is_not_open(cast: Any, client: Client) -> None:
    edition = new_edition(cast)
    step(cast, edition, "open_call", "close_call")
    client.force_login(cast.uruguay_delegate)
    page = client.get(f"/solutions/awards/{edition.pk}/submit/").content.decode()
    assert "The call for submissions is not open" in page
    client.force_login(cast.nobody)
    assert client.get(f"/solutions/awards/{edition.pk}/submit/").status_code == 403


def test_the_catalogue_filters_on_the_award_result_once_an_edition_s_results_are_public(
    cast: Any, client: Client
) -> None:
    edition = step(cast, new_edition(cast, finalists_per_category=2), "open_call")
    uruguay = submit(cast, edition, "URY", "Trámites en línea")
    brazil = submit(cast, edition, "BRA", "gov.br")
    step(cast, edition, "close_call", "start_screening")
    for submission in (uruguay, brazil):
        awards.submission_screen(actor=cast.secretariat, submission=submission, eligible=True)
    step(cast, edition, "start_evaluation")
    for submission, sheet in ((uruguay, {"impact": 9, "reuse": 8}), (brazil, {"impact": 5, "reuse": 5})):
        assignment = awards.assignment_create(
            actor=cast.secretariat, edition=edition, juror=cast.peru_juror, submission=submission
        )
        awards.scores_save(actor=cast.peru_juror, assignment=assignment, scores=sheet)
    # While the jury works nothing of the award shows in the catalogue.
    assert "Eligible candidacy" not in client.get("/solutions/").content.decode()

    step(cast, edition, "select_finalists")
    page = client.get("/solutions/").content.decode()
    assert ">Finalist</a> (2)" in page
    finalists = client.get("/solutions/", {"award": "finalist"}).content.decode()
    assert "Trámites en línea" in finalists and "gov.br" in finalists

    step(cast, edition, "open_vote")
    awards.final_vote_cast(actor=cast.uruguay_head, category=edition.categories.get(), submission=brazil)
    step(cast, edition, "announce")
    winners = client.get("/solutions/", {"award": "winner"}).content.decode()
    assert ">Winner (1)</strong>" in winners and "gov.br" in winners and "Trámites en línea" not in winners
    assert ">Finalist</a> (1)" in client.get("/solutions/").content.decode()
    listed = client.get("/api/v1/solutions", {"award": "winner"}).json()
    assert [row["name"] for row in listed["items"]] == ["gov.br"]
    refused = client.get("/api/v1/solutions", {"award": "champion"})
    assert refused.status_code == 422 and "award" in refused.content.decode()
