"""An erasure reaches the personal data that other apps keep about the person (the expert roster)."""

from gealc.accounts.services import erasure_request, person_erase
from gealc.cooperation import services as cooperation
from gealc.cooperation.models import Expert, ExpertProposal
from gealc.members.models import Person
from gealc.members.tests.factories import country


def offer(actor, iso3: str, email: str) -> None:
    cooperation.expert_offer(
        actor=actor,
        country=country(iso3),
        name="Carla Cabrera",
        email=email,
        areas=["open-data"],
        languages=["es"],
        bio={"es": "Dirigió la plataforma de Carla Cabrera."},
        original_language="es",
    )


def test_an_erased_expert_keeps_no_bio_no_offered_name_and_no_old_name_in_the_history(cast):
    offer(cast.secretariat, "CHL", "expert@digital.gob.cl")
    offer(cast.brazil_delegate, "BRA", "expert@digital.gob.cl")
    person = Person.objects.get(user=cast.chile_expert)

    person_erase(actor=cast.secretariat, request=erasure_request(user=cast.chile_expert))

    expert = Expert.objects.get(person=person)
    assert expert.bio_es == ""
    assert not expert.history.filter(bio_es__contains="Carla").exists()
    assert ExpertProposal.objects.get(person=person).name == ""
    assert not person.history.filter(name__contains="Carla").exists()
