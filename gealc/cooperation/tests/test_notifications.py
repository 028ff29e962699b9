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


def test_each_report_of_a_mission_makes_its_own_notification_naming_the_report(
    cast, fund, django_capture_on_commit_callbacks
):
    from gealc.core.models import Notification

    mission = fund.mission_in("completed")
    Notification.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        fund.report(mission, "expert")
    expert_report = Notification.objects.get(user=cast.uruguay_delegate)
    with django_capture_on_commit_callbacks(execute=True):
        fund.report(mission, "host")
    host_report = Notification.objects.filter(user=cast.uruguay_delegate).exclude(pk=expert_report.pk).get()

    assert expert_report.subject == (
        "Mission for “Interoperability of the civil registry”: the expert's report was added"
    )
    assert expert_report.text.startswith("The expert's report on the mission from ")
    assert host_report.subject == (
        "Mission for “Interoperability of the civil registry”: the host country's report was added"
    )
    assert host_report.text.startswith("The report of Uruguay, the host country, on the mission from ")
    assert expert_report.url == host_report.url == f"/cooperation/missions/{mission.pk}/"
    # The expert hears of the host country's report, not of their own.
    assert Notification.objects.filter(user=cast.chile_expert).count() == 1


def test_a_notification_in_spanish_says_what_changed_not_the_greeting(
    cast, fund, django_capture_on_commit_callbacks
):
    from gealc.core.models import Notification

    cast.uruguay_delegate.language = "es"
    cast.uruguay_delegate.save(update_fields=["language"])
    draft = fund.request_in("draft")

    with django_capture_on_commit_callbacks(execute=True):
        services.request_submit(actor=cast.uruguay_head, request=draft)

    message = next(message for message in mail.outbox if message.to == ["delegate@agesic.gub.uy"])
    notification = Notification.objects.get(user=cast.uruguay_delegate)
    assert message.body.startswith("Estimado/a Ursula Delegate:")
    assert "Estimado" not in notification.text and "Ursula" not in notification.text
    assert "Interoperability of the civil registry" in notification.text
    assert notification.text in message.body
