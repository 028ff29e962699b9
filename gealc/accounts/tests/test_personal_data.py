import json

import pytest
from django.test import Client

from gealc.accounts.models import ErasureRequest, User
from gealc.accounts.services import erasure_request, person_erase
from gealc.core.audit import verify_chain
from gealc.core.errors import Conflict, Forbidden
from gealc.members.models import Membership, Person


def test_a_person_downloads_everything_held_about_them(cast):
    Person.objects.filter(user=cast.uruguay_delegate).update(phone="+598 2901 2929", languages=["es", "en"])
    client = Client()
    client.force_login(cast.uruguay_delegate)

    response = client.get("/accounts/me/data.json")

    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == "delegate@agesic.gub.uy"
    assert data["person"]["phone"] == "+598 2901 2929"
    assert data["memberships"] == [
        {
            "role": "delegate",
            "label": "",
            "country": "URY",
            "institution": None,
            "start": data["memberships"][0]["start"],
            "end": None,
        }
    ]


def test_a_person_sees_their_own_contact_data_but_the_public_never_does(cast):
    Person.objects.filter(user=cast.uruguay_delegate).update(phone="+598 2901 2929", country_id=None)
    client = Client()
    client.force_login(cast.uruguay_delegate)

    own = client.get("/accounts/me/").content.decode()
    public_pages = [Client().get(url).content.decode() for url in ("/countries/URY/", "/institutions/")]
    public_api = Client().get("/api/v1/institutions").content.decode()

    assert "+598 2901 2929" in own and "delegate@agesic.gub.uy" in own
    for text in [*public_pages, public_api]:
        assert "+598 2901 2929" not in text
        assert "delegate@agesic.gub.uy" not in text


def test_erasure_anonymises_the_person_but_keeps_counts_and_the_decision_log(cast):
    user = cast.uruguay_delegate
    person = Person.objects.get(user=user)
    memberships_before = Membership.objects.count()
    client = Client()
    client.force_login(user)
    client.post("/accounts/me/erasure/", {"reason": "leaving the public service", "confirm": "on"})
    request = ErasureRequest.objects.get(user=user)

    person_erase(actor=cast.secretariat, request=request)

    person.refresh_from_db()
    user = User.objects.get(pk=user.pk)
    assert person.name == f"Erased person #{person.pk}"
    assert (person.email, person.phone, person.languages) == ("", "", [])
    assert not user.is_active and not user.has_usable_password()
    assert "agesic" not in user.email
    assert Membership.objects.count() == memberships_before
    assert not person.history.filter(name="Ursula Delegate").exists()
    assert verify_chain().intact
    assert client.get("/accounts/me/").status_code == 302


def test_an_erasure_needs_the_confirmation_box(cast):
    client = Client()
    client.force_login(cast.uruguay_delegate)

    response = client.post("/accounts/me/erasure/", {"reason": ""})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not ErasureRequest.objects.exists()


def test_only_the_secretariat_carries_out_an_erasure_and_only_once(cast):
    request = erasure_request(user=cast.brazil_delegate)

    with pytest.raises(Forbidden, match="not allowed"):
        person_erase(actor=cast.uruguay_delegate, request=request)
    person_erase(actor=cast.secretariat, request=request)
    with pytest.raises(Conflict):
        person_erase(actor=cast.secretariat, request=request)
