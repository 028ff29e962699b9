"""The Secretariat's pages of an award edition: set-up, screening, jury, ranking, the candidacies' CSV and
the results' charts, as the officer and the others see them."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from gealc.awards import edition_services as awards
from gealc.awards.models import Assignment, Edition, Eligibility, Phase, Submission, TieDecision
from gealc.awards.tests.test_editions import new_edition, step, submit
from gealc.core.models import Notification, OutboxMessage

pytestmark = pytest.mark.django_db


def setup_form(**changes: Any) -> dict[str, Any]:
    """The set-up page's form as the officer fills it in: two categories, two criteria, a question and
    a prize for one category, with an empty row left under each list."""
    rows: dict[str, list[dict[str, Any]]] = {
        "categories": [
            {"code": "government-value", "name_en": "Government value", "name_es": "Valor público"},
            {"code": "", "name_en": "Emerging technologies"},
        ],
        "criteria": [
            {"code": "impact", "name_en": "Impact", "weight": 60},
            {"code": "reuse", "name_en": "Reuse", "weight": 40},
        ],
        "questions": [{"code": "users", "name_en": "Who uses it?"}],
        "prizes": [{"code": "visit", "name_en": "A technical visit", "category": "government-value"}],
    }
    rows.update(changes.pop("rows", {}))
    data: dict[str, Any] = {
        "year": 2028,
        "number": 8,
        "original_language": "en",
        "title_en": "Excellence Award 2028",
        "title_es": "Premio a la Excelencia 2028",
        "description_en": "The eighth edition.",
        "min_months_in_operation": 6,
        "max_per_country_category": 2,
        "finalists_per_category": 3,
        **changes,
    }
    for kind, given in rows.items():
        data[f"{kind}-TOTAL_FORMS"] = len(given) + 1
        data[f"{kind}-INITIAL_FORMS"] = 0
        for index, row in enumerate(given):
            for name, value in row.items():
                data[f"{kind}-{index}-{name}"] = value
    return data


def edit_form(client: Client, edition: Edition, **changes: Any) -> dict[str, Any]:
    """The edit page's form as it comes, with ``changes``."""
    page = client.get(f"/solutions/awards/{edition.pk}/edit/")
    context = page.context
    data: dict[str, Any] = {}
    setup = context["setup"]
    for field in setup.form:
        if not field.field.disabled:
            data[field.html_name] = field.value() if field.value() is not None else ""
    for formset in setup.formsets.values():
        for field in formset.management_form:
            data[field.html_name] = field.value()
        for form in formset.forms:
            for field in form:
                value = field.value()
                data[field.html_name] = "" if value is None else value
    data.update(changes)
    return data


@pytest.fixture
def screening(cast: Any) -> tuple[Edition, Submission, Submission]:
    edition = step(cast, new_edition(cast), "open_call")
    uruguay = submit(cast, edition, "URY", "Trámites en línea")
    brazil = submit(cast, edition, "BRA", "gov.br")
    return step(cast, edition, "close_call", "start_screening"), uruguay, brazil


@pytest.fixture
def evaluation(cast: Any, screening: Any) -> tuple[Edition, Submission, Submission]:
    edition, uruguay, brazil = screening
    for submission in (uruguay, brazil):
        awards.submission_screen(actor=cast.secretariat, submission=submission, eligible=True)
    return step(cast, edition, "start_evaluation"), uruguay, brazil


# Who may open the pages -------------------------------------------------------------------------------


def test_the_secretariats_pages_are_refused_to_a_delegate_and_open_to_the_officer(
    cast: Any, client: Client, evaluation: Any
) -> None:
    edition, _uruguay, _brazil = evaluation
    pages = ["/solutions/awards/new/"] + [
        f"/solutions/awards/{edition.pk}/{name}/" for name in ("edit", "screening", "jury", "ranking")
    ]
    client.force_login(cast.uruguay_delegate)
    assert {page: client.get(page).status_code for page in pages} == dict.fromkeys(pages, 403)
    client.force_login(cast.secretariat)
    assert {page: client.get(page).status_code for page in pages} == dict.fromkeys(pages, 200)
    client.logout()
    assert client.get(pages[0])["Location"].startswith("/accounts/login/")


def test_the_editions_page_links_the_secretariats_pages_for_the_officer_only(
    cast: Any, client: Client, evaluation: Any
) -> None:
    edition, _uruguay, _brazil = evaluation
    client.force_login(cast.secretariat)
    page = client.get(f"/solutions/awards/{edition.pk}/").content.decode()
    for name in ("edit", "screening", "jury", "ranking"):
        assert f'href="/solutions/awards/{edition.pk}/{name}/"' in page
    assert f'href="/solutions/awards/{edition.pk}/candidacies.csv"' in page
    assert 'href="/solutions/awards/new/"' in client.get("/solutions/awards/").content.decode()
    client.force_login(cast.uruguay_delegate)
    page = client.get(f"/solutions/awards/{edition.pk}/").content.decode()
    assert "The Secretariat&#x27;s pages" not in page and f"/{edition.pk}/screening/" not in page


# Set-up -----------------------------------------------------------------------------------------------


def test_the_officer_sets_up_an_edition_with_its_rows_on_the_page(cast: Any, client: Client) -> None:
    client.force_login(cast.secretariat)
    answer = client.post("/solutions/awards/new/", setup_form(), follow=True)
    assert "The edition is created." in answer.content.decode()
    edition = Edition.objects.get(year=2028)
    assert (edition.number, edition.title_es, edition.phase) == (
        8,
        "Premio a la Excelencia 2028",
        Phase.SETUP,
    )
    assert [c.code for c in edition.categories.all()] == ["government-value", "emerging-technologies"]
    assert [(c.code, c.weight) for c in edition.criteria.all()] == [("impact", 60), ("reuse", 40)]
    assert [q.name for q in edition.questions.all()] == ["Who uses it?"]
    prize = edition.prizes.get()
    assert (prize.name, prize.category.code if prize.category else None) == (
        "A technical visit",
        "government-value",
    )


def test_weights_that_do_not_sum_to_100_are_shown_beside_the_weights_and_nothing_is_saved(
    cast: Any, client: Client
) -> None:
    client.force_login(cast.secretariat)
    rows = {"criteria": [{"code": "impact", "name_en": "Impact", "weight": 60},
                         {"code": "reuse", "name_en": "Reuse", "weight": 30}]}  # fmt: skip
    answer = client.post("/solutions/awards/new/", setup_form(rows=rows))
    page = answer.content.decode()
    assert answer.status_code == 200
    assert not Edition.objects.filter(year=2028).exists()
    assert "Nothing is saved yet" in page
    beside = page[page.index('id="criteria-weights-total"') : page.index("</tfoot>")]
    assert ">90<" in beside
    assert "The weights of the criteria must sum to 100; these sum to 90." in beside
    assert 'value="Emerging technologies"' in page  # what was typed stays


def test_a_row_the_service_refuses_is_marked_on_its_row(cast: Any, client: Client) -> None:
    client.force_login(cast.secretariat)
    rows = {
        "categories": [{"code": "value", "name_en": "Value"}, {"code": "value", "name_en": "Again"}],
        "prizes": [],
    }
    page = client.post("/solutions/awards/new/", setup_form(rows=rows)).content.decode()
    assert 'id="categories-row-1-error">The code &#x27;value&#x27; is given twice.' in page
    assert 'href="#categories-row-1">Categories, 2 — The code' in page
    assert not Edition.objects.filter(year=2028).exists()


def test_more_rows_adds_empty_rows_and_saves_nothing(cast: Any, client: Client) -> None:
    client.force_login(cast.secretariat)
    answer = client.post("/solutions/awards/new/", {**setup_form(year=""), "more": "criteria"})
    page = answer.content.decode()
    assert not Edition.objects.filter(year=2028).exists()
    assert answer.context["setup"].formsets["criteria"].total_form_count() == 5  # 2 filled, 1 empty, 2 more
    assert 'value="Reuse"' in page
    assert "Nothing is saved yet" not in page  # nothing was checked


def test_once_the_call_is_open_the_title_changes_and_a_weight_change_is_refused_at_the_top(
    cast: Any, client: Client
) -> None:
    edition = step(cast, new_edition(cast), "open_call")
    client.force_login(cast.secretariat)
    page = client.get(f"/solutions/awards/{edition.pk}/edit/").content.decode()
    assert "only its number, texts and prizes change" in page
    answer = client.post(
        f"/solutions/awards/{edition.pk}/edit/",
        edit_form(client, edition, title_en="Excellence Award 2027, renamed"),
    )
    assert answer.status_code == 302
    edition.refresh_from_db()
    assert edition.title_en == "Excellence Award 2027, renamed"
    refused = client.post(
        f"/solutions/awards/{edition.pk}/edit/",
        edit_form(client, edition, **{"criteria-0-weight": 50, "criteria-1-weight": 50}),
    ).content.decode()
    summary = refused[
        refused.index('id="setup-errors"') : refused.index("</div>", refused.index('id="setup-errors"'))
    ]
    assert "The edition is in the phase “Call open”" in summary
    assert [c.weight for c in edition.criteria.all()] == [60, 40]


# Screening --------------------------------------------------------------------------------------------


def test_the_officer_screens_a_submission_and_its_country_is_told(
    cast: Any, client: Client, screening: Any
) -> None:
    edition, uruguay, _brazil = screening
    client.force_login(cast.secretariat)
    url = f"/solutions/awards/{edition.pk}/screening/"
    page = client.get(url).content.decode()
    assert "Trámites en línea" in page and "Every citizen." in page and "Who uses it?" in page
    assert "2 submissions are not screened yet." in page
    refused = client.post(url, {"submission": uruguay.pk, f"s{uruguay.pk}-eligible": "no"}).content.decode()
    assert "Say why the submission is not eligible: the country reads it." in refused
    uruguay.refresh_from_db()
    assert uruguay.eligibility == Eligibility.PENDING
    reason = "It was not in operation for six months."
    done = client.post(
        url, {"submission": uruguay.pk, f"s{uruguay.pk}-eligible": "no", f"s{uruguay.pk}-reason": reason},
        follow=True,
    ).content.decode()  # fmt: skip
    assert "is screened: Not eligible." in done
    uruguay.refresh_from_db()
    assert (uruguay.eligibility, uruguay.screening_reason) == (Eligibility.INELIGIBLE, reason)
    told = Notification.objects.filter(user__in=[cast.uruguay_delegate, cast.uruguay_head])
    assert told.count() == 2
    assert all("Not eligible" in notification.subject for notification in told)
    assert OutboxMessage.objects.filter(recipient=cast.uruguay_delegate.email, body__contains=reason).exists()
    assert not Notification.objects.filter(user=cast.brazil_delegate).exists()
    # Changed while the screening runs.
    client.post(url, {"submission": uruguay.pk, f"s{uruguay.pk}-eligible": "yes"})
    uruguay.refresh_from_db()
    assert uruguay.eligibility == Eligibility.ELIGIBLE


def test_the_screening_page_reads_as_many_queries_for_more_submissions(
    cast: Any, client: Client, screening: Any
) -> None:
    edition, _uruguay, _brazil = screening
    client.force_login(cast.secretariat)
    url = f"/solutions/awards/{edition.pk}/screening/"
    client.get(url)
    with CaptureQueriesContext(connection) as two:
        client.get(url)
    Edition.objects.filter(pk=edition.pk).update(phase=Phase.CALL_OPEN)
    submit(cast, edition, "URY", "Identidad digital")
    submit(cast, edition, "BRA", "Carteira digital")
    Edition.objects.filter(pk=edition.pk).update(phase=Phase.SCREENING)
    with CaptureQueriesContext(connection) as four:
        page = client.get(url).content.decode()
    assert "Carteira digital" in page
    assert len(four) == len(two)


# The jury ---------------------------------------------------------------------------------------------


def test_the_officer_assigns_a_juror_who_is_told_and_removes_one(
    cast: Any, client: Client, evaluation: Any
) -> None:
    edition, uruguay, _brazil = evaluation
    client.force_login(cast.secretariat)
    url = f"/solutions/awards/{edition.pk}/jury/"
    page = client.get(url).content.decode()
    assert "Pedro Juror (Peru)" in page
    done = client.post(url, {"submission": uruguay.pk, "juror": cast.peru_juror.pk}, follow=True)
    assert "Pedro Juror is assigned to “Trámites en línea”." in done.content.decode()
    assignment = Assignment.objects.get(submission=uruguay, juror=cast.peru_juror)
    notification = Notification.objects.get(user=cast.peru_juror)
    assert "Trámites en línea" in notification.subject
    assert notification.url == f"/solutions/awards/evaluations/{assignment.pk}/"  # the scoring page
    table = done.content.decode()
    table = table[table.index("Completion per juror") :]
    row = table[table.index("Pedro Juror") : table.index("</tr>", table.index("Pedro Juror"))]
    assert (
        '<td class="text-end">1</td><td class="text-end">0</td><td class="text-end"><strong>1</strong>' in row
    )
    removed = client.post(f"/solutions/awards/{edition.pk}/jury/{assignment.pk}/remove/", follow=True)
    assert "Pedro Juror no longer evaluates “Trámites en línea”." in removed.content.decode()
    assert not Assignment.objects.exists()


def test_a_juror_of_the_submissions_own_country_is_refused_on_the_juror_field(
    cast: Any, client: Client, evaluation: Any
) -> None:
    edition, uruguay, _brazil = evaluation
    uruguayan = make_user("juror@agesic.gub.uy", "Julia Juror", ("juror", "URY"))
    client.force_login(cast.secretariat)
    answer = client.post(
        f"/solutions/awards/{edition.pk}/jury/", {"submission": uruguay.pk, "juror": uruguayan.pk}
    )
    form = answer.context["form"]
    assert form.errors["juror"] == [
        "The assignment is refused: the submission is from Uruguay, a country the juror acts for."
    ]
    assert "the submission is from Uruguay, a country the juror acts for" in answer.content.decode()
    assert not Assignment.objects.exists()
    assert not Notification.objects.filter(user=uruguayan).exists()


def test_the_jury_page_reads_as_many_queries_for_more_submissions(
    cast: Any, client: Client, screening: Any
) -> None:
    edition, uruguay, brazil = screening
    for submission in (uruguay, brazil):
        awards.submission_screen(actor=cast.secretariat, submission=submission, eligible=True)
        awards.assignment_create(
            actor=cast.secretariat, edition=edition, juror=cast.peru_juror, submission=submission
        )
    client.force_login(cast.secretariat)
    url = f"/solutions/awards/{edition.pk}/jury/"
    client.get(url)
    with CaptureQueriesContext(connection) as two:
        client.get(url)
    Edition.objects.filter(pk=edition.pk).update(phase=Phase.CALL_OPEN)
    more = [
        submit(cast, edition, "URY", "Identidad digital"),
        submit(cast, edition, "BRA", "Carteira digital"),
    ]
    Edition.objects.filter(pk=edition.pk).update(phase=Phase.SCREENING)
    for submission in more:
        awards.submission_screen(actor=cast.secretariat, submission=submission, eligible=True)
        awards.assignment_create(
            actor=cast.secretariat, edition=edition, juror=cast.peru_juror, submission=submission
        )
    with CaptureQueriesContext(connection) as four:
        page = client.get(url).content.decode()
    assert "Carteira digital" in page
    assert len(four) == len(two)


# The ranking ------------------------------------------------------------------------------------------


def tied_finalists(cast: Any, evaluation: Any) -> tuple[Edition, Submission, Submission]:
    edition, uruguay, brazil = evaluation
    for submission in (uruguay, brazil):
        assignment = awards.assignment_create(
            actor=cast.secretariat, edition=edition, juror=cast.peru_juror, submission=submission
        )
        # 8 x 60 + 5 x 40 = 680 and 6 x 60 + 8 x 40 = 680: a tie for the one finalist's place.
        scores = {"impact": 8, "reuse": 5} if submission == uruguay else {"impact": 6, "reuse": 8}
        awards.scores_save(actor=cast.peru_juror, assignment=assignment, scores=scores)
    return step(cast, edition, "select_finalists"), uruguay, brazil


def test_a_tie_for_the_last_place_is_shown_as_a_tie_and_decided_with_its_reason(
    cast: Any, client: Client, evaluation: Any
) -> None:
    edition, uruguay, brazil = tied_finalists(cast, evaluation)
    client.force_login(cast.secretariat)
    url = f"/solutions/awards/{edition.pk}/ranking/"
    page = client.get(url).content.decode()
    assert "6.80" in page
    assert page.count(">Tied<") == 2
    assert "tied across the last finalist's place, and 1 place is left" in page
    code = "government-value"
    refused = client.post(url, {"category": code, f"{code}-chosen": [brazil.pk], f"{code}-reason": ""})
    assert "Give the reason for the decision: it is published with the result." in refused.content.decode()
    assert not TieDecision.objects.exists()
    reason = "Higher score on impact."
    done = client.post(
        url, {"category": code, f"{code}-chosen": [brazil.pk], f"{code}-reason": reason}, follow=True
    ).content.decode()
    assert "The tie is decided" in done
    shown = done[done.index('id="decision-government-value-finalists"') :]
    assert "gov.br" in shown[: shown.index("</div>")] and reason in shown[: shown.index("</div>")]
    brazil.refresh_from_db()
    uruguay.refresh_from_db()
    assert (brazil.finalist, uruguay.finalist) == (True, False)


def test_a_tied_vote_is_decided_on_the_ranking_page(cast: Any, client: Client, evaluation: Any) -> None:
    edition, uruguay, brazil = evaluation
    Edition.objects.filter(pk=edition.pk).update(finalists_per_category=2)
    edition.refresh_from_db()
    for submission in (uruguay, brazil):
        assignment = awards.assignment_create(
            actor=cast.secretariat, edition=edition, juror=cast.peru_juror, submission=submission
        )
        awards.scores_save(actor=cast.peru_juror, assignment=assignment, scores={"impact": 7, "reuse": 7})
    edition = step(cast, edition, "select_finalists", "open_vote")
    category = edition.categories.get()
    uruguay.refresh_from_db()
    brazil.refresh_from_db()
    awards.final_vote_cast(actor=cast.uruguay_head, category=category, submission=brazil)
    brazil_head = make_user("head@gov.br", "Beatriz Head", ("head_of_delegation", "BRA"))
    awards.final_vote_cast(actor=brazil_head, category=category, submission=uruguay)
    client.force_login(cast.secretariat)
    url = f"/solutions/awards/{edition.pk}/ranking/"
    page = client.get(url).content.decode()
    if "The vote is tied between" not in page:
        pytest.skip("the network's minimum turnout leaves this vote without a result")
    code = category.code
    client.post(url, {"category": code, f"{code}-chosen": [uruguay.pk], f"{code}-reason": "Drawn by lot."})
    decision = TieDecision.objects.get(stage=TieDecision.Stage.WINNER)
    assert (decision.chosen, decision.reason) == ([uruguay.pk], "Drawn by lot.")


# The candidacies and the results' charts --------------------------------------------------------------


def candidacies(client: Client, edition: Edition) -> list[list[str]]:
    answer = client.get(f"/solutions/awards/{edition.pk}/candidacies.csv")
    assert answer.status_code == 200, answer.status_code
    return list(csv.reader(io.StringIO(answer.content.decode())))


def test_the_candidacies_are_the_secretariats_until_the_marks_are_public_then_everyones(
    cast: Any, client: Client, evaluation: Any
) -> None:
    edition, _uruguay, _brazil = tied_finalists(cast, evaluation)
    Edition.objects.filter(pk=edition.pk).update(phase=Phase.EVALUATION)
    assert client.get(f"/solutions/awards/{edition.pk}/candidacies.csv").status_code == 403
    client.force_login(cast.secretariat)
    rows = candidacies(client, edition)
    assert rows[0] == ["edition", "category", "country", "country_name", "solution_id", "solution",
                       "institution", "eligibility", "finalist", "winner", "mark"]  # fmt: skip
    assert [(row[0], row[2], row[5], row[7], row[10]) for row in rows[1:]] == [
        ("2027", "BRA", "gov.br", "eligible", ""),
        ("2027", "URY", "Trámites en línea", "eligible", ""),
    ]
    Edition.objects.filter(pk=edition.pk).update(phase=Phase.FINALISTS)
    client.logout()
    public = candidacies(client, edition)
    assert [(row[2], row[10]) for row in public[1:]] == [("BRA", "6.80"), ("URY", "6.80")]


def test_the_results_page_draws_the_marks_and_the_votes_with_their_tables(
    cast: Any, client: Client, evaluation: Any
) -> None:
    edition, uruguay, brazil = evaluation
    Edition.objects.filter(pk=edition.pk).update(finalists_per_category=2)
    for submission, sheet in ((uruguay, {"impact": 9, "reuse": 8}), (brazil, {"impact": 5, "reuse": 5})):
        assignment = awards.assignment_create(
            actor=cast.secretariat, edition=edition, juror=cast.peru_juror, submission=submission
        )
        awards.scores_save(actor=cast.peru_juror, assignment=assignment, scores=sheet)
    edition = step(cast, Edition.objects.get(pk=edition.pk), "select_finalists", "open_vote")
    awards.final_vote_cast(actor=cast.uruguay_head, category=edition.categories.get(), submission=brazil)
    base = f"/solutions/awards/{edition.pk}/results/government-value"
    page = client.get(f"/solutions/awards/{edition.pk}/results/").content.decode()
    assert f'src="{base}/marks.svg"' in page and f'src="{base}/votes.svg"' not in page
    assert f'href="/solutions/awards/{edition.pk}/candidacies.csv"' in page
    marks = client.get(f"{base}/marks.svg")
    assert marks["Content-Type"] == "image/svg+xml" and b"<script" not in marks.content
    assert "Trámites en línea" in marks.content.decode()
    assert client.get(f"{base}/votes.svg").status_code == 404
    step(cast, edition, "announce")
    page = client.get(f"/solutions/awards/{edition.pk}/results/").content.decode()
    assert f'src="{base}/votes.svg"' in page
    votes = client.get(f"{base}/votes.svg").content.decode()
    assert ">1<" in votes and ">0.5<" not in votes  # whole-number ticks for counts
    assert client.get(f"/solutions/awards/{edition.pk}/results/nowhere/marks.svg").status_code == 404


def test_the_secretariat_reads_the_award_records_in_the_admin(
    cast: Any, client: Client, evaluation: Any
) -> None:
    client.force_login(cast.secretariat)
    for name in ("edition", "submission", "assignment", "conflictofinterest", "tiedecision"):
        assert client.get(f"/admin/awards/{name}/").status_code == 200, name
    edition, uruguay, _brazil = evaluation
    assert client.get(f"/admin/awards/edition/{edition.pk}/change/").status_code == 200
    assert client.get(f"/admin/awards/submission/{uruguay.pk}/change/").status_code == 200
