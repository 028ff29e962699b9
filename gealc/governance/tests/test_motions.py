import pytest
from django.test import Client

from gealc.core.models import DecisionEvent
from gealc.governance.models import Motion
from gealc.governance.services import participants_set


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def create_motion(cast, assembly, rule: str) -> int:
    response = as_user(cast.secretariat).post(
        f"/api/v1/meetings/{assembly.pk}/motions",
        {
            "title": {"en": "Approve the 2027 work plan", "es": "Aprobar el plan de trabajo 2027"},
            "original_language": "en",
            "rule": rule,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return response.json()["id"]


def vote(heads, motion_id: int, votes: dict[str, str]) -> None:
    for code, option in votes.items():
        response = as_user(heads[code]).post(
            f"/api/v1/motions/{motion_id}/votes", {"option": option}, content_type="application/json"
        )
        assert response.status_code == 201, (code, response.content)


def spread(yes: int, no: int, abstain: int) -> dict[str, str]:
    codes = ["ARG", "BRA", "CHL", "PRY", "URY", "BOL", "COL", "ECU", "PER", "CRI", "DOM", "SLV", "GTM", "MEX"]
    options = ["yes"] * yes + ["no"] * no + ["abstain"] * abstain
    return dict(zip(codes, options, strict=False))


@pytest.mark.parametrize(
    ("rule", "yes", "no", "abstain", "result"),
    [
        ("simple_majority", 6, 5, 3, "pass"),
        ("simple_majority", 5, 5, 4, "fail"),
        ("two_thirds", 8, 4, 2, "pass"),
        ("two_thirds", 7, 4, 3, "fail"),
        ("consensus", 10, 0, 4, "pass"),
        ("consensus", 13, 1, 0, "fail"),
    ],
)
def test_the_result_follows_the_decision_rule(cast, heads, assembly, rule, yes, no, abstain, result):
    motion_id = create_motion(cast, assembly, rule)
    vote(heads, motion_id, spread(yes, no, abstain))

    closed = as_user(cast.secretariat).post(f"/api/v1/motions/{motion_id}/close").json()

    assert closed["result"] == result
    assert closed["vote_event"]["counts"] == [
        {"option": "yes", "value": yes},
        {"option": "no", "value": no},
        {"option": "abstain", "value": abstain},
    ]
    assert Motion.objects.get(pk=motion_id).result == result


def test_every_vote_is_public_as_a_popolo_vote_event(cast, heads, assembly):
    motion_id = create_motion(cast, assembly, "simple_majority")
    vote(heads, motion_id, {"URY": "yes", "BRA": "no", "MEX": "abstain"})

    event = Client().get(f"/api/v1/motions/{motion_id}", {"lang": "es"}).json()

    assert event["title"] == "Aprobar el plan de trabajo 2027"
    assert event["vote_event"]["votes"] == [
        {"voter_id": "BRA", "option": "no"},
        {"voter_id": "MEX", "option": "abstain"},
        {"voter_id": "URY", "option": "yes"},
    ]
    assert event["vote_event"]["motion_id"] == f"motion-{motion_id}"


def test_a_country_votes_once(cast, heads, assembly):
    motion_id = create_motion(cast, assembly, "simple_majority")
    vote(heads, motion_id, {"URY": "yes"})

    again = as_user(heads["URY"]).post(
        f"/api/v1/motions/{motion_id}/votes", {"option": "no"}, content_type="application/json"
    )

    assert again.status_code == 409
    assert "URY has already voted" in again.json()["detail"]


def test_an_observer_or_a_delegate_cannot_vote(cast, heads, assembly):
    motion_id = create_motion(cast, assembly, "simple_majority")

    observer = as_user(cast.spain_delegate).post(
        f"/api/v1/motions/{motion_id}/votes", {"option": "yes"}, content_type="application/json"
    )
    delegate = as_user(cast.uruguay_delegate).post(
        f"/api/v1/motions/{motion_id}/votes", {"option": "yes"}, content_type="application/json"
    )
    officer = as_user(cast.secretariat).post(
        f"/api/v1/motions/{motion_id}/votes", {"option": "yes"}, content_type="application/json"
    )

    assert (observer.status_code, delegate.status_code, officer.status_code) == (403, 403, 403)
    assert Client().get(f"/api/v1/motions/{motion_id}").json()["vote_event"]["votes"] == []


def test_a_head_of_delegation_absent_from_the_meeting_cannot_vote(cast, heads, assembly):
    participants_set(actor=cast.secretariat, meeting=assembly, names=["BRA", "ARG"])
    motion_id = create_motion(cast, assembly, "simple_majority")

    response = as_user(heads["URY"]).post(
        f"/api/v1/motions/{motion_id}/votes", {"option": "yes"}, content_type="application/json"
    )

    assert response.status_code == 409
    assert "not recorded as present" in response.json()["detail"]


def test_without_quorum_there_is_no_result(cast, heads, assembly):
    participants_set(actor=cast.secretariat, meeting=assembly, names=["URY", "BRA", "ARG", "ESP"])
    motion_id = create_motion(cast, assembly, "simple_majority")
    vote(heads, motion_id, {"URY": "yes", "BRA": "yes"})

    closed = as_user(cast.secretariat).post(f"/api/v1/motions/{motion_id}/close").json()

    assert closed["result"] == "no_quorum"
    assert closed["quorum"] == {"present": 3, "members": 33, "required": 17, "met": False}


def test_a_closed_motion_takes_no_more_votes_and_votes_are_in_the_decision_log(cast, heads, assembly):
    motion_id = create_motion(cast, assembly, "simple_majority")
    vote(heads, motion_id, {"URY": "yes"})
    as_user(cast.secretariat).post(f"/api/v1/motions/{motion_id}/close")

    late = as_user(heads["BRA"]).post(
        f"/api/v1/motions/{motion_id}/votes", {"option": "yes"}, content_type="application/json"
    )

    assert late.status_code == 409
    logged = DecisionEvent.objects.filter(action="motion.vote", object_id=str(motion_id)).get()
    assert logged.payload == {"country": "URY", "option": "yes"}


def test_the_motion_page_lets_a_head_of_delegation_vote_after_confirming(cast, heads, assembly):
    motion_id = create_motion(cast, assembly, "simple_majority")
    client = as_user(heads["URY"])

    unconfirmed = client.post(f"/motions/{motion_id}/", {"option": "yes"})
    confirmed = client.post(f"/motions/{motion_id}/", {"option": "yes", "confirm": "on"}, follow=True)

    assert "This field is required." in unconfirmed.content.decode()
    assert unconfirmed.status_code == 200
    assert "The vote of Uruguay was recorded." in confirmed.content.decode()
    assert "<td>Uruguay</td><td>Yes</td>" in confirmed.content.decode()
