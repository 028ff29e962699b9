"""The jurors' and the delegations' pages of an award edition, and the award's panels on the workspace:
what a juror, a head of delegation, a delegate and the Secretariat see and do there."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import make_user
from gealc.accounts.services import role_grant
from gealc.awards import edition_services as awards
from gealc.awards.models import Assignment, ConflictOfInterest, Edition, FinalVote, Score, Submission
from gealc.awards.tests.conftest import country, published
from gealc.awards.tests.test_editions import SINCE, new_edition, step, submit
from gealc.core.testing import queries_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def panel(page: str, key: str) -> str:
    assert f'id="panel-{key}"' in page, key
    return page.split(f'aria-labelledby="panel-{key}"', 1)[1].split("</section>", 1)[0]


def screened(cast: Any, **changes: Any) -> tuple[Edition, Submission, Submission]:
    """An edition in its screening with Uruguay's and Brazil's submissions found eligible."""
    edition = step(cast, new_edition(cast, **changes), "open_call")
    uruguay = submit(cast, edition, "URY", "Trámites en línea")
    brazil = submit(cast, edition, "BRA", "gov.br")
    step(cast, edition, "close_call", "start_screening")
    for submission in (uruguay, brazil):
        awards.submission_screen(actor=cast.secretariat, submission=submission, eligible=True)
    return Edition.objects.get(pk=edition.pk), uruguay, brazil


def assign(cast: Any, juror: Any, submission: Submission) -> Assignment:
    return awards.assignment_create(
        actor=cast.secretariat, edition=submission.edition, juror=juror, submission=submission
    )


@pytest.fixture
def evaluation(cast: Any) -> tuple[Edition, Submission, Submission]:
    edition, uruguay, brazil = screened(cast)
    return step(cast, edition, "start_evaluation"), uruguay, brazil


@pytest.fixture
def chile_juror(cast: Any) -> Any:
    return make_user("juror@digital.gob.cl", "Julia Juror", ("juror", "CHL"))


def scores_form(**values: Any) -> dict[str, Any]:
    comment = values.pop("comment", "")
    return {"form": "scores", "comment": comment, **{f"score_{code}": v for code, v in values.items()}}


# The juror's evaluations -------------------------------------------------------------------------------


def test_the_jurors_list_shows_only_their_assignments_in_a_flat_number_of_queries(
    cast: Any, evaluation: Any, chile_juror: Any
) -> None:
    _edition, uruguay, brazil = evaluation
    assign(cast, cast.peru_juror, uruguay)
    assign(cast, chile_juror, brazil)
    client = signed_in(cast.peru_juror)

    page = client.get("/solutions/awards/evaluations/").content.decode()

    assert "Excellence Award 2027" in page
    assert "Trámites en línea" in page and "Uruguay" in page and "To score" in page
    assert "gov.br" not in page
    one = queries_for(client, "/solutions/awards/evaluations/")
    assign(cast, cast.peru_juror, brazil)
    assert "gov.br" in client.get("/solutions/awards/evaluations/").content.decode()
    assert queries_for(client, "/solutions/awards/evaluations/") == one


def test_a_juror_without_assignments_reads_that_none_waits_and_others_may_not_open_the_list(
    cast: Any,
) -> None:
    page = signed_in(cast.peru_juror).get("/solutions/awards/evaluations/").content.decode()
    assert "No submission is assigned to you." in page
    assert signed_in(cast.uruguay_delegate).get("/solutions/awards/evaluations/").status_code == 403


def test_a_juror_scores_a_submission_and_reads_their_saved_scores(cast: Any, evaluation: Any) -> None:
    _edition, uruguay, _brazil = evaluation
    assignment = assign(cast, cast.peru_juror, uruguay)
    client = signed_in(cast.peru_juror)
    url = f"/solutions/awards/evaluations/{assignment.pk}/"

    page = client.get(url).content.decode()
    assert "Todos los trámites del Estado en un solo lugar." in page  # what it does
    assert "Who uses it?" in page and "Every citizen." in page  # the edition's question, answered
    assert "Impact" in page and "Weight 60 of 100" in page

    response = client.post(
        url, scores_form(impact=8, reuse=6, comment="Clear and reused widely."), follow=True
    )

    page = response.content.decode()
    assert "Your scores are saved." in page
    assert "Clear and reused widely." in page
    assert dict(Score.objects.filter(assignment=assignment).values_list("criterion__code", "value")) == {
        "impact": 8,
        "reuse": 6,
    }
    assert 'name="score_impact" value="8"' in page  # the form holds the saved scores, to change them
    client.post(url, scores_form(impact=9, reuse=6, comment="Changed my mind."))
    assert Score.objects.get(assignment=assignment, criterion__code="impact").value == 9
    page = client.get("/solutions/awards/evaluations/").content.decode()
    assert "Scored" in page and "To score" not in page


def test_a_score_out_of_range_is_refused_beside_its_field_keeping_what_was_typed(
    cast: Any, evaluation: Any
) -> None:
    _edition, uruguay, _brazil = evaluation
    assignment = assign(cast, cast.peru_juror, uruguay)

    response = signed_in(cast.peru_juror).post(
        f"/solutions/awards/evaluations/{assignment.pk}/", scores_form(impact=11, reuse=6, comment="Kept")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 10." in page
    assert 'href="#id_score_impact"' in page  # the summary links to the field
    assert "Kept" in page
    assert not Score.objects.exists()


def test_a_juror_never_sees_another_jurors_scores(cast: Any, evaluation: Any, chile_juror: Any) -> None:
    _edition, uruguay, _brazil = evaluation
    mine = assign(cast, cast.peru_juror, uruguay)
    theirs = assign(cast, chile_juror, uruguay)
    awards.scores_save(
        actor=chile_juror, assignment=theirs, scores={"impact": 3, "reuse": 2}, comment="A secret opinion."
    )
    client = signed_in(cast.peru_juror)

    page = client.get(f"/solutions/awards/evaluations/{mine.pk}/").content.decode()

    assert "A secret opinion." not in page
    assert 'value="3"' not in page
    assert client.get(f"/solutions/awards/evaluations/{theirs.pk}/").status_code == 404


def test_scores_sent_out_of_the_evaluation_are_refused_naming_the_phase(cast: Any) -> None:
    _edition, uruguay, _brazil = screened(cast)
    assignment = assign(cast, cast.peru_juror, uruguay)  # the Secretariat assigns during the screening
    client = signed_in(cast.peru_juror)
    url = f"/solutions/awards/evaluations/{assignment.pk}/"
    assert "scores are saved only in the phase “Jury evaluation”" in client.get(url).content.decode()

    response = client.post(url, scores_form(impact=8, reuse=6))

    page = response.content.decode()
    assert response.status_code == 200
    assert "The edition is in the phase “Screening”: scores are saved only in the phase" in page
    assert not Score.objects.exists()


def test_a_conflict_that_appeared_since_the_assignment_refuses_the_scores_on_the_page(
    cast: Any, evaluation: Any
) -> None:
    _edition, uruguay, _brazil = evaluation
    assignment = assign(cast, cast.peru_juror, uruguay)
    role_grant(actor=None, user=cast.peru_juror, role="delegate", country=country("URY"))
    client = signed_in(cast.peru_juror)
    warned = client.get(f"/solutions/awards/evaluations/{assignment.pk}/").content.decode()
    assert "You can no longer score this submission: the submission is from Uruguay" in warned

    response = client.post(f"/solutions/awards/evaluations/{assignment.pk}/", scores_form(impact=8, reuse=6))

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Your scores cannot be saved: the submission is from Uruguay, a country the juror acts for." in page
    )
    assert not Score.objects.exists()


def test_a_juror_declares_a_conflict_and_the_submission_leaves_their_list(cast: Any, evaluation: Any) -> None:
    _edition, uruguay, _brazil = evaluation
    assignment = assign(cast, cast.peru_juror, uruguay)
    client = signed_in(cast.peru_juror)
    url = f"/solutions/awards/evaluations/{assignment.pk}/"

    unexplained = client.post(url, {"form": "conflict", "conflict-reason": ""})
    assert "This field is required." in unexplained.content.decode()
    assert Assignment.objects.filter(pk=assignment.pk).exists()

    response = client.post(url, {"form": "conflict", "conflict-reason": "I advised its team."}, follow=True)

    page = response.content.decode()
    assert response.request["PATH_INFO"] == "/solutions/awards/evaluations/"
    assert "Your conflict of interest with “Trámites en línea” is recorded" in page
    assert "No submission is assigned to you." in page
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    assert ConflictOfInterest.objects.get().reason == "I advised its team."
    assert client.get(url).status_code == 404


# Attachments --------------------------------------------------------------------------------------------


def test_an_attachment_is_downloaded_by_those_who_may_read_the_submission(
    cast: Any, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    edition = step(cast, new_edition(cast), "open_call")
    submission = awards.submission_create(
        actor=cast.uruguay_delegate, edition=edition, solution=published(cast, "URY", "Identidad digital"),
        category=edition.categories.get(), in_operation_since=SINCE, answers={"users": "All"},
        files=[SimpleUploadedFile("Informe de impacto.pdf", PDF, content_type="application/pdf")],
    )  # fmt: skip
    step(cast, edition, "close_call", "start_screening")
    awards.submission_screen(actor=cast.secretariat, submission=submission, eligible=True)
    assignment = assign(cast, cast.peru_juror, submission)
    attachment = submission.attachments.get()
    url = f"/solutions/awards/attachments/{attachment.pk}/"
    page = signed_in(cast.peru_juror).get(f"/solutions/awards/evaluations/{assignment.pk}/").content.decode()
    assert url in page and "Informe de impacto.pdf" in page

    response = signed_in(cast.peru_juror).get(url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Informe de impacto.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    for reader in (cast.secretariat, cast.uruguay_delegate, cast.uruguay_head):
        assert signed_in(reader).get(url).status_code == 200
    for stranger in (cast.chile_expert, cast.brazil_delegate, cast.nobody):
        assert signed_in(stranger).get(url).status_code == 403
    assert Client().get(url).status_code == 302  # to the sign-in page
    assert signed_in(cast.peru_juror).get("/solutions/awards/attachments/999999/").status_code == 404


# The final vote -----------------------------------------------------------------------------------------


@pytest.fixture
def voting(cast: Any, evaluation: Any) -> tuple[Edition, Submission, Submission]:
    edition, uruguay, brazil = evaluation
    Edition.objects.filter(pk=edition.pk).update(finalists_per_category=2)
    for submission, sheet in ((uruguay, {"impact": 9, "reuse": 8}), (brazil, {"impact": 5, "reuse": 5})):
        awards.scores_save(actor=cast.peru_juror, assignment=assign(cast, cast.peru_juror, submission),
                           scores=sheet)  # fmt: skip
    step(cast, Edition.objects.get(pk=edition.pk), "select_finalists", "open_vote")
    return Edition.objects.get(pk=edition.pk), uruguay, brazil


def test_the_head_votes_for_a_finalist_other_than_their_own_and_reads_the_receipt(
    cast: Any, voting: Any
) -> None:
    edition, uruguay, brazil = voting
    client = signed_in(cast.uruguay_head)
    url = f"/solutions/awards/{edition.pk}/vote/"

    page = client.get(url).content.decode()
    assert "Final vote of Uruguay" in page
    own = page[page.index(f'value="{uruguay.pk}"') - 200 : page.index(f'value="{uruguay.pk}"') + 120]
    assert "disabled" in own  # listed, not selectable
    assert "Trámites en línea" in page and "a country does not vote for its own" in page
    brazil_option = page[page.index(f'value="{brazil.pk}"') - 200 : page.index(f'value="{brazil.pk}"') + 120]
    assert "disabled" not in brazil_option

    choice = {"category": "government-value", "country": "URY", "government-value-submission": brazil.pk}
    check = client.post(url, choice).content.decode()
    assert "Check the vote before you cast it" in check and "gov.br" in check
    assert not FinalVote.objects.exists()  # nothing is cast before the check

    response = client.post(url, {**choice, "step": "confirm"}, follow=True)

    vote = FinalVote.objects.get()
    page = response.content.decode()
    assert (vote.country.iso3, vote.submission_id) == ("URY", brazil.pk)
    assert vote.receipt in page and "Your receipt:" in page
    assert "Uruguay voted for “gov.br”" in page
    assert "Cast the vote in" not in page  # the receipt replaces the form

    again = client.post(url, {**choice, "step": "confirm"})
    assert "Uruguay has already voted in “Government value”." in again.content.decode()
    assert FinalVote.objects.count() == 1


def test_a_vote_for_the_countrys_own_submission_is_refused_on_the_page(cast: Any, voting: Any) -> None:
    edition, uruguay, _brazil = voting

    response = signed_in(cast.uruguay_head).post(
        f"/solutions/awards/{edition.pk}/vote/",
        {"category": "government-value", "government-value-submission": uruguay.pk, "step": "confirm"},
    )

    assert response.status_code == 200
    assert "Uruguay cannot vote for its own submission." in response.content.decode()
    assert not FinalVote.objects.exists()


def test_the_vote_page_before_the_vote_names_the_phase_and_refuses_a_vote(cast: Any, evaluation: Any) -> None:
    edition, _uruguay, brazil = evaluation
    Submission.objects.filter(pk=brazil.pk).update(finalist=True)
    client = signed_in(cast.uruguay_head)
    url = f"/solutions/awards/{edition.pk}/vote/"

    page = client.get(url).content.decode()
    assert "The edition is in the phase “Jury evaluation”: the delegations vote only in the phase" in page
    response = client.post(
        url, {"category": "government-value", "government-value-submission": brazil.pk, "step": "confirm"}
    )

    assert "votes are cast only in the phase “Delegations&#x27; vote”" in response.content.decode()
    assert not FinalVote.objects.exists()


def test_only_a_head_of_delegation_opens_the_vote_and_with_two_factor_authentication(
    cast: Any, voting: Any
) -> None:
    edition, _uruguay, _brazil = voting
    url = f"/solutions/awards/{edition.pk}/vote/"
    for other in (cast.uruguay_delegate, cast.peru_juror, cast.secretariat):
        assert signed_in(other).get(url).status_code == 403
    without_mfa = make_user("head@gob.pa", "Paula Head", ("head_of_delegation", "PAN"))
    response = signed_in(without_mfa).get(url)
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_the_edition_page_links_the_juror_to_their_evaluations_and_the_head_to_the_vote(
    cast: Any, voting: Any
) -> None:
    edition, _uruguay, _brazil = voting
    url = f"/solutions/awards/{edition.pk}/"
    assert "/solutions/awards/evaluations/" in signed_in(cast.peru_juror).get(url).content.decode()
    page = signed_in(cast.uruguay_head).get(url).content.decode()
    assert f"/solutions/awards/{edition.pk}/vote/" in page
    assert "/vote/" not in signed_in(cast.uruguay_delegate).get(url).content.decode()


# The workspace -------------------------------------------------------------------------------------------


def test_a_juror_sees_the_evaluations_to_complete_on_the_workspace(cast: Any, evaluation: Any) -> None:
    _edition, uruguay, brazil = evaluation
    first = assign(cast, cast.peru_juror, uruguay)
    second = assign(cast, cast.peru_juror, brazil)
    awards.scores_save(actor=cast.peru_juror, assignment=second, scores={"impact": 5, "reuse": 5})

    evaluations = panel(signed_in(cast.peru_juror).get("/workspace/").content.decode(), "award-evaluations")

    assert f"/solutions/awards/evaluations/{first.pk}/" in evaluations
    assert "Trámites en línea — Uruguay" in evaluations
    assert "gov.br" not in evaluations


def test_a_head_sees_the_award_votes_open_until_their_country_voted(cast: Any, voting: Any) -> None:
    edition, _uruguay, brazil = voting
    client = signed_in(cast.uruguay_head)

    votes = panel(client.get("/workspace/").content.decode(), "award-votes-open")
    assert f"/solutions/awards/{edition.pk}/vote/" in votes and "0 of 1 category voted" in votes

    awards.final_vote_cast(actor=cast.uruguay_head, category=edition.categories.get(), submission=brazil)
    votes = panel(client.get("/workspace/").content.decode(), "award-votes-open")
    assert "/vote/" not in votes and "No award vote waits for your country." in votes


def test_a_delegate_sees_the_countrys_submissions_with_the_screening_and_the_calls_open(cast: Any) -> None:
    edition = step(cast, new_edition(cast), "open_call")
    uruguay = submit(cast, edition, "URY", "Trámites en línea")
    client = signed_in(cast.uruguay_delegate)
    calls = panel(client.get("/workspace/").content.decode(), "award-calls-open")
    assert f"/solutions/awards/{edition.pk}/submit/" in calls and "Excellence Award 2027" in calls

    step(cast, edition, "close_call", "start_screening")
    awards.submission_screen(
        actor=cast.secretariat, submission=uruguay, eligible=False, reason="Not in operation long enough."
    )
    page = client.get("/workspace/").content.decode()

    submissions = panel(page, "award-country-submissions")
    assert "Trámites en línea — Uruguay" in submissions
    assert "Not eligible: Not in operation long enough." in submissions
    assert "No award edition has its call open." in panel(page, "award-calls-open")
    assert (
        'id="panel-award-country-submissions"'
        not in signed_in(cast.peru_juror).get("/workspace/").content.decode()
    )


def test_the_secretariat_sees_each_edition_under_way_with_the_work_outstanding(cast: Any) -> None:
    edition = step(cast, new_edition(cast), "open_call")
    uruguay = submit(cast, edition, "URY", "Trámites en línea")
    submit(cast, edition, "BRA", "gov.br")
    step(cast, edition, "close_call", "start_screening")
    awards.submission_screen(actor=cast.secretariat, submission=uruguay, eligible=True)
    assign(cast, cast.peru_juror, uruguay)

    editions = panel(signed_in(cast.secretariat).get("/workspace/").content.decode(), "award-editions")

    assert f"/solutions/awards/{edition.pk}/" in editions
    assert "Screening · 1 submission to screen · 1 evaluation incomplete" in editions
