"""An Excellence Award edition from its set-up to its results in a real browser, every step on the page of
the person who takes it: the officer sets the edition up (weights that do not sum to 100 refused beside
them) and opens the call; Uruguay's and Brazil's delegates submit their solutions; the officer screens
them and assigns two jurors (a juror of the submission's own country refused on the juror field); each
juror scores both, never seeing the other's scores; the officer reads the completion and the ranking,
selects the finalists and opens the vote; Uruguay's and Chile's heads of delegation vote, confirming and
keeping the receipt; the officer announces and a visitor reads the results. Every page passes the audit."""

from typing import Any

import pytest

from conftest import make_user
from gealc.awards.models import Assignment, Edition, FinalVote, Phase, Submission
from gealc.awards.tests.conftest import published
from tests.browser.support import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}

# Each juror's scores (impact, reuse) and comment per country's submission.
SCORES = {
    "Pedro Juror": {"URY": (9, 7, "Clear results."), "BRA": (7, 8, "Reused by three ministries.")},
    "Marta Juror": {"URY": (8, 6, "Few figures."), "BRA": (8, 9, "Open source and documented.")},
}


def test_an_award_edition_goes_from_its_set_up_to_its_results_in_the_browser(
    browser: Any, live_server: Any, cast: Any
) -> None:
    # Arrange: the countries' solutions published in the catalogue, a second juror (Mexico), a juror of
    # Brazil (whom Brazil's submission cannot be given) and the head of delegation of Chile.
    published(cast, "URY", "Trámites en línea")
    published(cast, "BRA", "gov.br")
    mexico_juror = make_user("juror@gob.mx", "Marta Juror", ("juror", "MEX"))
    brazil_juror = make_user("juror@gov.br", "Beatriz Juror", ("juror", "BRA"))
    chile_head = make_user("head@digital.gob.cl", "Camila Head", ("head_of_delegation", "CHL"), mfa=True)

    def open_as(user: Any) -> Any:
        page = browser.new_context(locale="en-US", viewport=DESKTOP).new_page()
        if user is not None:
            sign_in(page, live_server, user)
        return page

    def phase_button(page: Any, name: str, done: str) -> None:
        """The Secretariat's button to the edition's next phase, on the edition's page."""
        page.get_by_role("button", name=name).click()
        page.get_by_text(done).wait_for()

    # 1. The officer sets the edition up: weights summing to 90 are refused beside them, nothing saved.
    officer = open_as(cast.secretariat)
    officer.goto(f"{live_server.url}/solutions/awards/")
    officer.get_by_role("link", name="Set up a new edition").click()
    officer.wait_for_url("**/solutions/awards/new/")
    officer.get_by_label("Year", exact=True).fill("2028")
    officer.get_by_label("Edition number").fill("8")
    officer.get_by_label("Title (English)").fill("Excellence Award 2028")
    officer.get_by_label("Title (Spanish)").fill("Premio a la Excelencia 2028")
    officer.get_by_label("Finalists per category").fill("2")
    officer.locator("[name=categories-0-name_en]").fill("Government value")
    officer.locator("[name=criteria-0-name_en]").fill("Impact")
    officer.locator("[name=criteria-0-weight]").fill("60")
    officer.locator("[name=criteria-1-name_en]").fill("Reuse")
    officer.locator("[name=criteria-1-weight]").fill("30")
    officer.locator("[name=questions-0-name_en]").fill("Who uses it?")
    officer.get_by_role("button", name="Create the edition").click()
    officer.wait_for_selector("#criteria-weights-error")
    assert officer.locator("#criteria-weights-total").inner_text() == "90"
    assert (
        officer.locator("#criteria-weights-error").inner_text()
        == "The weights of the criteria must sum to 100; these sum to 90."
    )
    assert officer.get_by_text("Nothing is saved yet: correct what is marked below.").is_visible()
    assert officer.locator("[name=criteria-1-name_en]").input_value() == "Reuse"
    assert not Edition.objects.filter(year=2028).exists()
    assert_accessible(officer, "award-setup-refused-1366")

    officer.locator("[name=criteria-1-weight]").fill("40")
    officer.get_by_role("button", name="Create the edition").click()
    officer.wait_for_selector("text=The edition is created. Open its call once it is ready.")
    edition = Edition.objects.get(year=2028)
    assert [(c.code, c.weight) for c in edition.criteria.all()] == [("impact", 60), ("reuse", 40)]
    assert edition.finalists_per_category == 2
    edition_url = f"{live_server.url}/solutions/awards/{edition.pk}/"
    assert_accessible(officer, "award-edition-setup-1366")
    phase_button(
        officer,
        "Open the call",
        "The call for submissions is open: member countries can submit their solutions.",
    )

    # 2. Uruguay's and Brazil's delegates each submit their country's solution.
    for delegate_user, name, country in [
        (cast.uruguay_delegate, "Trámites en línea", "Uruguay"),
        (cast.brazil_delegate, "gov.br", "Brazil"),
    ]:
        delegate = open_as(delegate_user)
        delegate.goto(edition_url)
        delegate.get_by_role("link", name="Submit a solution").click()
        delegate.wait_for_url(f"**/solutions/awards/{edition.pk}/submit/")
        delegate.get_by_label("Solution").select_option(label=f"{name} — {country}")
        delegate.get_by_label("In operation since").fill("2020-01-15")
        delegate.get_by_label("Who uses it?").fill("Every citizen, every day.")
        if name == "gov.br":
            assert_accessible(delegate, "award-submit-1366")
        delegate.get_by_role("button", name="Submit to the award").click()
        delegate.wait_for_selector("text=The solution is submitted to the award.")
        assert delegate.get_by_role("heading", name="Your country's submissions").is_visible()
        delegate.context.close()
    assert Submission.objects.filter(edition=edition).count() == 2
    uruguay = Submission.objects.get(edition=edition, country__iso3="URY")
    brazil = Submission.objects.get(edition=edition, country__iso3="BRA")

    # 3. The officer closes the call, screens both submissions eligible and assigns the jury.
    officer.goto(edition_url)
    phase_button(officer, "Close submissions", "Submissions are closed.")
    phase_button(
        officer, "Start the screening", "The screening has started: mark each submission eligible or not."
    )
    officer.get_by_role("link", name="Screening", exact=True).click()
    officer.wait_for_url("**/screening/")
    assert_accessible(officer, "award-screening-1366")
    for submission in (uruguay, brazil):
        card = officer.locator(f"#submission-{submission.pk}")
        card.get_by_label("Eligible", exact=True).check()
        card.get_by_role("button", name="Save the screening").click()
        officer.wait_for_selector(f"text=“{submission.solution.name}” is screened: Eligible.")
    assert officer.get_by_text("0 submissions are not screened yet.").is_visible()
    officer.goto(edition_url)
    phase_button(
        officer,
        "Start the jury evaluation",
        "The jury evaluation has started: the assigned jurors can score.",
    )
    officer.get_by_role("link", name="Jury", exact=True).click()
    officer.wait_for_url("**/jury/")
    for submission, label in [(uruguay, "Trámites en línea — Uruguay"), (brazil, "gov.br — Brazil")]:
        for juror in ("Pedro Juror (Peru)", "Marta Juror (Mexico)"):
            officer.get_by_label("Submission", exact=True).select_option(label=f"{label} (Government value)")
            officer.get_by_label("Juror", exact=True).select_option(label=juror)
            officer.get_by_role("button", name="Assign", exact=True).click()
            officer.wait_for_selector(
                f"text={juror.split(' (')[0]} is assigned to “{submission.solution.name}”."
            )
    # A juror of Brazil is refused Brazil's submission, on the juror field; nothing is assigned.
    officer.get_by_label("Submission", exact=True).select_option(label="gov.br — Brazil (Government value)")
    officer.get_by_label("Juror", exact=True).select_option(label="Beatriz Juror (Brazil)")
    officer.get_by_role("button", name="Assign", exact=True).click()
    officer.wait_for_selector(".invalid-feedback")
    juror_field = officer.locator("#id_juror").locator("xpath=..")
    assert juror_field.locator(".invalid-feedback").inner_text() == (
        "The assignment is refused: the submission is from Brazil, a country the juror acts for."
    )
    assert not Assignment.objects.filter(juror=brazil_juror).exists()
    assert Assignment.objects.filter(submission__edition=edition).count() == 4
    assert_accessible(officer, "award-jury-refused-1366")

    # 4. Each juror opens "Your evaluations" from the edition's page and scores both submissions.
    for juror_user in (cast.peru_juror, mexico_juror):
        juror = open_as(juror_user)
        juror.goto(edition_url)
        juror.get_by_role("link", name="Your evaluations").click()
        juror.wait_for_url("**/solutions/awards/evaluations/")
        assert juror.get_by_text("2 submissions to score.").is_visible()
        if juror_user == cast.peru_juror:
            assert_accessible(juror, "award-evaluations-1366")
        for iso3, name in [("URY", "Trámites en línea"), ("BRA", "gov.br")]:
            impact, reuse, comment = SCORES[juror_user.name][iso3]
            juror.get_by_role("link", name=name, exact=True).click()
            juror.wait_for_url("**/solutions/awards/evaluations/*/")
            # The other juror's scores and comment are not on the page, before or after scoring.
            others = [scores[iso3][2] for other, scores in SCORES.items() if other != juror_user.name]
            assert all(juror.get_by_text(text).count() == 0 for text in others)
            juror.get_by_label("Impact", exact=True).fill(str(impact))
            juror.get_by_label("Reuse", exact=True).fill(str(reuse))
            juror.get_by_label("Comment", exact=True).fill(comment)
            if juror_user == cast.peru_juror and iso3 == "URY":
                assert_accessible(juror, "award-scoring-1366")
            juror.get_by_role("button", name="Save the scores").click()
            juror.wait_for_selector("text=Your scores are saved.")
            table = juror.get_by_role("table").filter(has_text="Your score")
            assert [row.inner_text().split("\t") for row in table.locator("tbody tr").all()] == [
                ["Impact", "60", str(impact)],
                ["Reuse", "40", str(reuse)],
            ]
            assert juror.get_by_text(f"Your comment: {comment}").is_visible()
            assert all(juror.get_by_text(text).count() == 0 for text in others)
            juror.get_by_role("link", name="Your evaluations").first.click()
            juror.wait_for_url("**/solutions/awards/evaluations/")
        assert juror.get_by_text("0 submissions to score.").is_visible()
        juror.context.close()

    # 5. The officer reads the completion (every evaluation scored), selects the finalists, reads the
    # ranking and opens the vote.
    officer.reload()
    completion = officer.get_by_role("table").filter(has_text="Outstanding")
    assert [row.inner_text().split("\t") for row in completion.locator("tbody tr").all()] == [
        ["Beatriz Juror", "0", "0", "0"],
        ["Marta Juror", "2", "2", "0"],
        ["Pedro Juror", "2", "2", "0"],
    ]
    assert_accessible(officer, "award-jury-complete-1366")
    officer.goto(edition_url)
    phase_button(
        officer,
        "Close the evaluation and select the finalists",
        "The evaluation is closed and the finalists of each category are selected.",
    )
    officer.get_by_role("link", name="Ranking", exact=True).click()
    officer.wait_for_url("**/ranking/")
    # A juror's mark is the weighted mean of the scores (impact 60, reuse 40); a submission's mark the
    # mean of its jurors' marks, the spread the highest minus the lowest:
    #   gov.br:            Pedro (7*60 + 8*40)/100 = 7.4, Marta (8*60 + 9*40)/100 = 8.4 -> 7.90, spread 1.00
    #   Trámites en línea: Pedro (9*60 + 7*40)/100 = 8.2, Marta (8*60 + 6*40)/100 = 7.2 -> 7.70, spread 1.00
    ranking = officer.get_by_role("table", name="Ranking in “Government value”")
    assert [row.inner_text().split("\t") for row in ranking.locator("tbody tr").all()] == [
        ["1", "gov.br", "Brazil", "7.90", "2", "1.00", "Finalist"],
        ["2", "Trámites en línea", "Uruguay", "7.70", "2", "1.00", "Finalist"],
    ]
    assert_accessible(officer, "award-ranking-1366")
    officer.goto(edition_url)
    phase_button(
        officer, "Open the delegations' vote", "The delegations' vote is open: heads of delegation can vote."
    )

    # 6. Uruguay's and Chile's heads of delegation vote for gov.br; Uruguay's own cannot be chosen.
    receipts = []
    for head_user, country in [(cast.uruguay_head, "Uruguay"), (chile_head, "Chile")]:
        head = open_as(head_user)
        head.goto(edition_url)
        head.get_by_role("link", name="Vote", exact=True).click()
        head.wait_for_url(f"**/solutions/awards/{edition.pk}/vote/")
        assert head.get_by_role("heading", name=f"Final vote of {country}").is_visible()
        own = head.get_by_label("Trámites en línea — Uruguay", exact=False)
        if country == "Uruguay":
            assert own.is_disabled()
            assert head.get_by_text("The submission of Uruguay is listed but cannot be chosen").is_visible()
            assert_accessible(head, "award-vote-1366")
        else:
            assert own.is_enabled()
        head.get_by_label("gov.br — Brazil").check()
        head.get_by_role("button", name="Cast the vote in “Government value”").click()
        head.wait_for_selector("text=Check the vote before you cast it")
        if country == "Uruguay":
            assert_accessible(head, "award-vote-confirm-1366")
        assert not FinalVote.objects.filter(country__name_en=country).exists()
        head.get_by_role("button", name="Cast the vote", exact=True).click()
        head.wait_for_selector(".receipt")
        receipt = head.locator(".receipt").inner_text()
        assert len(receipt) >= 8
        assert head.get_by_text(f"{country} voted for “gov.br”").is_visible()
        if country == "Uruguay":
            assert_accessible(head, "award-vote-receipt-1366")
        receipts.append(receipt)
        head.context.close()

    # 7. The officer announces; a visitor reads the winner, the marks, the votes, the receipts and the
    # charts, and downloads the candidacies.
    officer.goto(edition_url)
    phase_button(
        officer,
        "Close the vote and announce the winners",
        "The vote is counted and the winners are announced.",
    )
    assert Edition.objects.get(pk=edition.pk).phase == Phase.ANNOUNCED
    officer.context.close()

    visitor = open_as(None)
    visitor.goto(edition_url)
    visitor.get_by_role("link", name="Results and winners").click()
    visitor.wait_for_url(f"**/solutions/awards/{edition.pk}/results/")
    results = visitor.get_by_role("table").filter(has_text="votes cast by the delegations")
    assert [row.inner_text().split("\t") for row in results.locator("tbody tr").all()] == [
        ["gov.br Winner", "Brazil", "7.90", "2", "1.00", "2"],
        ["Trámites en línea", "Uruguay", "7.70", "2", "1.00", "0"],
    ]
    assert visitor.get_by_text("2 votes cast by the delegations.").is_visible()
    by_receipt = visitor.get_by_role("table", name="Votes by receipt")
    for receipt in receipts:
        assert by_receipt.get_by_role("row").filter(has_text=receipt).inner_text().split("\t") == [
            receipt,
            "Government value",
            "gov.br",
        ]
    for chart in visitor.get_by_role("img", name="Bar chart").all():
        answer = visitor.request.get(live_server.url + chart.get_attribute("src"))
        assert answer.status == 200 and answer.headers["content-type"].startswith("image/svg+xml")
        assert "gov.br" in answer.text()
    assert visitor.get_by_role("img", name="Bar chart").count() == 2
    assert_accessible(visitor, "award-results-1366")
    link = visitor.get_by_role("link", name="Download every candidacy of the edition (CSV)")
    answer = visitor.request.get(live_server.url + link.get_attribute("href"))
    assert answer.status == 200 and answer.headers["content-type"].startswith("text/csv")
    assert "gov.br" in answer.text() and "Trámites en línea" in answer.text()
    visitor.context.close()
