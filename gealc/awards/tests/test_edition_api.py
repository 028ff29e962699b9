"""The Excellence Award through /api/v1/awards, as the Secretariat, delegates, a juror and heads use it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import make_user
from gealc.awards.tests.conftest import published

pytestmark = pytest.mark.django_db
JSON = "application/json"
EDITION = {
    "year": 2027,
    "title": {"en": "Excellence Award 2027", "es": "Premio a la Excelencia 2027"},
    "original_language": "en",
    "finalists_per_category": 1,
    "categories": [{"code": "government-value", "name": {"en": "Government value", "es": "Valor público"}}],
    "criteria": [
        {"code": "impact", "name": {"en": "Impact"}, "weight": 70},
        {"code": "reuse", "name": {"en": "Reuse"}, "weight": 30},
    ],
    "prizes": [
        {"code": "visit", "name": {"en": "A technical visit to Korea"}, "category": "government-value"}
    ],
}


def test_weights_not_summing_to_100_are_a_422_naming_the_criteria(cast: Any, token_for: Any) -> None:
    officer = Client(headers=token_for(cast.secretariat))
    body = {**EDITION, "criteria": [{"code": "impact", "name": {"en": "Impact"}, "weight": 70}]}
    refused = officer.post("/api/v1/awards", body, content_type=JSON)
    assert refused.status_code == 422
    assert refused.json()["field"] == "criteria"
    assert "sum to 70" in refused.json()["detail"]


def test_an_edition_runs_end_to_end_through_the_api(cast: Any, token_for: Any, client: Client) -> None:
    officer = Client(headers=token_for(cast.secretariat))
    created = officer.post("/api/v1/awards", EDITION, content_type=JSON)
    assert created.status_code == 201, created.content
    edition = created.json()["id"]
    assert client.get(f"/api/v1/awards/{edition}").status_code == 404  # being set up: not public yet
    assert officer.post(f"/api/v1/awards/{edition}/advance").json()["phase"] == "call_open"
    assert client.get(f"/api/v1/awards/{edition}").json()["criteria"][0]["weight"] == 70

    submissions = {}
    for iso3, user, name in (
        ("URY", cast.uruguay_delegate, "Trámites en línea"),
        ("BRA", cast.brazil_delegate, "gov.br"),
    ):
        solution = published(cast, iso3, name)
        made = Client(headers=token_for(user)).post(
            f"/api/v1/awards/{edition}/submissions",
            {"solution": solution.pk, "category": "government-value", "in_operation_since": "2020-03-01"},
            content_type=JSON,
        )
        assert made.status_code == 201, made.content
        submissions[iso3] = made.json()["id"]
    officer.post(f"/api/v1/awards/{edition}/advance")
    early = officer.post(
        f"/api/v1/awards/submissions/{submissions['URY']}/screen", {"eligible": True}, content_type=JSON
    )
    assert early.status_code == 409
    assert "Submissions closed" in early.json()["detail"]
    officer.post(f"/api/v1/awards/{edition}/advance")
    for pk in submissions.values():
        screened = officer.post(
            f"/api/v1/awards/submissions/{pk}/screen", {"eligible": True}, content_type=JSON
        )
        assert screened.json()["eligibility"] == "eligible"
    assert officer.post(f"/api/v1/awards/{edition}/advance").json()["phase"] == "evaluation"

    chilean_juror = make_user("juror@digital.gob.cl", "Camila Juror", ("juror", "CHL"))
    uruguayan_juror = make_user("juror@agesic.gub.uy", "Julia Juror", ("juror", "URY"))
    refused = officer.post(
        f"/api/v1/awards/{edition}/assignments",
        {"juror": uruguayan_juror.email, "submission": submissions["URY"]},
        content_type=JSON,
    )
    assert (refused.status_code, refused.json()["field"]) == (422, "juror")
    for juror in (cast.peru_juror, chilean_juror):
        for pk in submissions.values():
            assigned = officer.post(
                f"/api/v1/awards/{edition}/assignments",
                {"juror": juror.email, "submission": pk},
                content_type=JSON,
            )
            assert assigned.status_code == 201, assigned.content
    assert client.get(f"/api/v1/awards/{edition}/ranking").status_code == 403  # marks wait for the close
    sheets = {
        "URY": ({"impact": 9, "reuse": 6}, {"impact": 8, "reuse": 8}),
        "BRA": ({"impact": 6, "reuse": 6},) * 2,
    }
    for iso3, (peru_sheet, chile_sheet) in sheets.items():
        for juror, sheet in ((cast.peru_juror, peru_sheet), (chilean_juror, chile_sheet)):
            saved = Client(headers=token_for(juror)).put(
                f"/api/v1/awards/submissions/{submissions[iso3]}/scores", {"scores": sheet}, content_type=JSON
            )
            assert saved.status_code == 200, saved.content
    assert officer.post(f"/api/v1/awards/{edition}/advance").json()["phase"] == "finalists"
    late = Client(headers=token_for(cast.peru_juror)).put(
        f"/api/v1/awards/submissions/{submissions['BRA']}/scores", {"scores": {"impact": 10, "reuse": 10}},
        content_type=JSON,
    )  # fmt: skip
    assert late.status_code == 409
    assert "Finalists" in late.json()["detail"]

    ranking = client.get(f"/api/v1/awards/{edition}/ranking").json()["categories"][0]["rows"]
    # Uruguay: (9x70 + 6x30)/100 = 8.1 and (8x70 + 8x30)/100 = 8.0, mean 8.05, spread 0.1; Brazil 6.0.
    assert [
        (row["country"], row["position"], row["mark"], row["jurors"], row["spread"]) for row in ranking
    ] == [
        ("URY", 1, 8.05, 2, 0.1),
        ("BRA", 2, 6.0, 2, 0.0),
    ]
    assert officer.post(f"/api/v1/awards/{edition}/advance").json()["phase"] == "voting"
    head = Client(headers=token_for(cast.uruguay_head))
    own = head.post(
        f"/api/v1/awards/{edition}/votes", {"category": "government-value", "submission": submissions["URY"]},
        content_type=JSON,
    )  # fmt: skip
    assert (own.status_code, own.json()["field"]) == (422, "submission")
    brazil_head = make_user("head@gov.br", "Beatriz Head", ("head_of_delegation", "BRA"), mfa=True)
    vote = Client(headers=token_for(brazil_head)).post(
        f"/api/v1/awards/{edition}/votes", {"category": "government-value", "submission": submissions["URY"]},
        content_type=JSON,
    )  # fmt: skip
    assert vote.status_code == 201
    receipt = vote.json()["receipt"]
    assert officer.post(f"/api/v1/awards/{edition}/advance").json()["phase"] == "announced"
    results = client.get(f"/api/v1/awards/{edition}/results").json()
    category = results["categories"][0]
    assert [(row["country"], row["votes"], row["winner"]) for row in category["finalists"]] == [
        ("URY", 1, True)
    ]
    assert category["prizes"] == ["A technical visit to Korea"]
    assert [(vote["receipt"], vote["category"], vote["submission"]) for vote in results["receipts"]] == [
        (receipt, "government-value", submissions["URY"])
    ]
    assert officer.post(f"/api/v1/awards/{edition}/advance").status_code == 409
