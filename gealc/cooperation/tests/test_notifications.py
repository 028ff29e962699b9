"""Everyone concerned hears of each change by e-mail, once it is committed, and only then."""

import pytest
from django.core import mail

from gealc.cooperation import services
from gealc.core.errors import Conflict


def recipients() -> set[str]:
    return {message.to[0] for message in mail.outbox}


def test_a_submission_is_announced_to_the_secretariat_and_the_country_but_not_to_who_submitted(
    cast, fund, django_capture_on_commit_callbacks
):
    draft = fund.request_in("draft")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.request_submit(actor=cast.uruguay_delegate, request=draft)

    assert len(callbacks) == 1
    assert recipients() == {"officer@oas.org", "head@agesic.gub.uy"}
    message = mail.outbox[0]
    assert message.subject == (
        "[RED GEALC] Cooperation request “Interoperability of the civil registry”: "
        "submitted to the Secretariat"
    )
    assert "is now: Submitted." in message.body
    assert f"/cooperation/requests/{draft.pk}/" in message.body


def test_the_expert_hears_when_their_mission_is_approved(cast, fund, django_capture_on_commit_callbacks):
    mission = fund.mission_in("planned")

    with django_capture_on_commit_callbacks(execute=True):
        services.mission_approve(actor=cast.secretariat, mission=mission)

    assert "expert@digital.gob.cl" in recipients()
    assert "delegate@gov.br" not in recipients()
    assert f"/cooperation/missions/{mission.pk}/" in mail.outbox[0].body


def test_a_refused_step_announces_nothing(cast, fund, django_capture_on_commit_callbacks):
    approved = fund.request_in("approved")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Conflict):
        services.request_submit(actor=cast.uruguay_delegate, request=approved)

    assert callbacks == []
    assert mail.outbox == []
