import threading

import pytest
from django.db import connection, connections

from gealc.core.errors import Conflict
from gealc.governance.models import Ballot, BallotParticipation
from gealc.governance.services import ballot_cast, candidacy_add, election_create, election_open


@pytest.mark.django_db(transaction=True)
def test_concurrent_ballots_from_one_country_give_exactly_one_ballot(cast, heads, assembly):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer; the race is run on PostgreSQL")
    election = election_create(actor=cast.secretariat, meeting=assembly, title="Authorities 2027")
    candidacy_add(actor=cast.secretariat, election=election, contest_key="presidency", country_code="DOM")
    election_open(actor=cast.secretariat, election=election)
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def submit() -> None:
        try:
            barrier.wait()
            ballot_cast(actor=heads["URY"], election=election, choices={"presidency": ["DOM"]})
            outcomes.append("cast")
        except Conflict:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["cast", "refused", "refused", "refused"]
    assert BallotParticipation.objects.filter(election=election).count() == 1
    assert Ballot.objects.filter(election=election).count() == 1
