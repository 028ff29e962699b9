"""The Secretariat declines an offered expert with a reason the offering country reads, and the country may
offer the person again: the same record waits for validation once more."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from gealc.cooperation import services
from gealc.cooperation.models import Expert, ExpertProposal
from gealc.cooperation.tests.conftest import country, offer
from gealc.core.errors import Conflict, ServiceError
from gealc.core.models import DecisionEvent, Notification
from gealc.members.models import Person

REASON = "The bio names no project on interoperability; tell us which platform she led."


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def offered(cast) -> Expert:
    return offer(
        cast.uruguay_delegate,
        "URY",
        "Ulises Experto",
        "ulises@agesic.gub.uy",
        ["interoperability"],
        ["es"],
        bio="Works at AGESIC.",
    )


def test_the_secretariat_declines_an_offer_on_the_validation_page_with_its_reason(
    cast, offered, django_capture_on_commit_callbacks
):
    officer = as_user(cast.secretariat)
    page = html(officer.get(f"/cooperation/experts/{offered.pk}/validate/"))
    assert f'action="/cooperation/experts/{offered.pk}/decline/"' in page
    assert "Reason for declining (the offering country reads it)" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(
            f"/cooperation/experts/{offered.pk}/decline/", {"reason": REASON}, follow=True
        )

    assert "The offer is declined; the offering country will read the reason." in html(response)
    expert = Expert.objects.get(pk=offered.pk)
    assert (expert.status, expert.decline_reason) == ("declined", REASON)
    assert expert.declined_at is not None
    event = DecisionEvent.objects.get(action="cooperation.expert.decline")
    assert (event.object_id, event.payload) == (str(offered.pk), {"country": "URY"})
    # Not among the experts to validate any more.
    assert f"/cooperation/experts/{offered.pk}/validate/" not in html(officer.get("/cooperation/queue/"))


def test_the_offering_countrys_delegates_read_the_reason_in_an_e_mail_and_a_notification(
    cast, offered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.expert_decline(actor=cast.secretariat, expert=offered, reason=REASON)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "delegate@agesic.gub.uy",
        "head@agesic.gub.uy",
    ]
    message = mail.outbox[0]
    assert message.subject == "[RED GEALC] Offer of Ulises Experto as an expert: declined by the Secretariat"
    assert REASON in message.body and "/cooperation/workspace/" in message.body
    notification = Notification.objects.get(user=cast.uruguay_delegate)
    assert notification.text == (
        f"The Secretariat declined the offer of Ulises Experto as an expert. Reason: {REASON}"
    )
    assert notification.url == "/cooperation/workspace/"
    assert not Notification.objects.filter(user__in=[cast.brazil_delegate, cast.secretariat]).exists()


def test_the_notification_is_in_the_delegates_language(cast, offered, django_capture_on_commit_callbacks):
    cast.uruguay_delegate.language = "es"
    cast.uruguay_delegate.save(update_fields=["language"])

    with django_capture_on_commit_callbacks(execute=True):
        services.expert_decline(actor=cast.secretariat, expert=offered, reason=REASON)

    notification = Notification.objects.get(user=cast.uruguay_delegate)
    assert REASON in notification.text
    assert "Ulises Experto" in notification.text
    assert not notification.text.startswith("Estimado")


def test_a_decline_without_a_reason_is_refused_next_to_the_field(cast, offered):
    officer = as_user(cast.secretariat)

    page = html(officer.post(f"/cooperation/experts/{offered.pk}/decline/", {"reason": "  "}))

    assert "This field is required." in page
    assert 'id="decline-reason"' in page and "is-invalid" in page
    assert Expert.objects.get(pk=offered.pk).status == "offered"
    with pytest.raises(ServiceError, match="reason cannot be empty"):
        services.expert_decline(actor=cast.secretariat, expert=offered, reason="")


def test_only_an_offered_expert_is_declined(cast, offered):
    services.expert_validate(actor=cast.secretariat, expert=offered)

    with pytest.raises(Conflict, match="only an offered expert is declined"):
        services.expert_decline(actor=cast.secretariat, expert=offered, reason=REASON)


def test_nobody_but_the_secretariat_declines(cast, offered):
    for user in (cast.uruguay_delegate, cast.uruguay_head, cast.chile_expert):
        assert (
            as_user(user).post(f"/cooperation/experts/{offered.pk}/decline/", {"reason": "x"}).status_code
            == 403
        )
    assert Expert.objects.get(pk=offered.pk).status == "offered"


def test_the_database_refuses_a_declined_expert_without_a_reason(offered):
    with transaction.atomic(), pytest.raises(IntegrityError):
        Expert.objects.filter(pk=offered.pk).update(status="declined", declined_at=timezone.now())
    with transaction.atomic(), pytest.raises(IntegrityError):
        Expert.objects.filter(pk=offered.pk).update(decline_reason="a reason kept on an offered expert")


def test_the_api_declines_with_a_reason(client: Client, cast, offered, token_for):
    url = f"/api/v1/cooperation/experts/{offered.pk}/decline"

    without = client.post(url, {}, content_type="application/json", headers=token_for(cast.secretariat))
    by_delegate = client.post(
        url, {"reason": REASON}, content_type="application/json", headers=token_for(cast.uruguay_delegate)
    )
    declined = client.post(
        url, {"reason": REASON}, content_type="application/json", headers=token_for(cast.secretariat)
    )
    again = client.post(
        url, {"reason": REASON}, content_type="application/json", headers=token_for(cast.secretariat)
    )

    assert without.status_code == 422
    assert by_delegate.status_code == 403
    assert declined.status_code == 200
    assert (declined.json()["status"], declined.json()["decline_reason"]) == ("declined", REASON)
    assert again.status_code == 409


def test_the_country_reads_the_reason_in_its_work_space_and_offers_the_expert_again(cast, offered):
    services.expert_decline(actor=cast.secretariat, expert=offered, reason=REASON)
    delegate = as_user(cast.uruguay_delegate)

    workspace = html(delegate.get("/cooperation/workspace/"))
    assert "Declined by the Secretariat" in workspace
    assert f"Reason: {REASON}" in workspace
    assert f'href="/cooperation/experts/offer/?again={offered.pk}">Offer again' in workspace

    form = html(delegate.get(f"/cooperation/experts/offer/?again={offered.pk}"))
    assert REASON in form
    assert 'value="Ulises Experto"' in form and "Works at AGESIC." in form
    assert "ulises@agesic.gub.uy" not in form  # typed again: the address is the person's

    response = delegate.post(
        "/cooperation/experts/offer/",
        {
            "country": country("URY").pk,
            "name": "Ulises Experto",
            "email": "ulises@agesic.gub.uy",
            "areas": ["interoperability", "open-data"],
            "languages": ["es"],
            "language": "es",
            "bio": "Dirigió la plataforma de interoperabilidad de AGESIC.",
        },
    )

    assert response.status_code == 302
    expert = Expert.objects.get(pk=offered.pk)  # the same record, reopened
    assert (expert.status, expert.decline_reason, expert.declined_at) == ("offered", "", None)
    assert expert.bio_es == "Dirigió la plataforma de interoperabilidad de AGESIC." and expert.bio_en == ""
    assert sorted(area.code for area in expert.areas.all()) == ["interoperability", "open-data"]
    assert Expert.objects.filter(person__email="ulises@agesic.gub.uy").count() == 1
    assert not ExpertProposal.objects.exists()
    assert f"/cooperation/experts/{offered.pk}/validate/" in html(
        as_user(cast.secretariat).get("/cooperation/queue/")
    )


def test_another_countrys_offer_of_a_declined_expert_waits_for_the_secretariat_and_confirming_reopens_it(
    cast, offered
):
    services.expert_decline(actor=cast.secretariat, expert=offered, reason=REASON)

    proposal = services.expert_offer(
        actor=cast.brazil_delegate,
        country=country("BRA"),
        name="Ulises",
        email="ulises@agesic.gub.uy",
        areas=["open-data"],
        languages=["es", "pt"],
        original_language="pt",
        bio={"pt": "Especialista em dados abertos."},
    )
    assert isinstance(proposal, ExpertProposal)
    queue = html(as_user(cast.secretariat).get("/cooperation/queue/"))
    assert "an earlier offer was declined" in queue
    assert f'action="/cooperation/experts/proposals/{proposal.pk}/confirm/"' in queue

    expert = services.expert_proposal_confirm(actor=cast.secretariat, proposal=proposal)

    assert expert.pk == offered.pk
    assert (expert.status, expert.country.iso3, expert.decline_reason) == ("offered", "BRA", "")
    assert expert.bio_pt == "Especialista em dados abertos." and expert.bio_en == ""


def test_an_offer_of_a_declined_expert_by_another_country_does_not_reopen_it_directly(cast, offered):
    services.expert_decline(actor=cast.secretariat, expert=offered, reason=REASON)
    Person.objects.filter(pk=offered.person_id).update(country=country("BRA"))

    services.expert_offer(
        actor=cast.brazil_delegate,
        country=country("BRA"),
        name="Ulises",
        email="ulises@agesic.gub.uy",
        areas=["open-data"],
        languages=["es"],
        original_language="es",
    )

    assert Expert.objects.get(pk=offered.pk).status == "declined"
