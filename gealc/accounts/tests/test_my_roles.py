"""A person's own page and ``GET /api/v1/me`` list every role they hold, however it is scoped."""

from django.test import Client

from gealc.accounts.services import role_grant


def test_a_role_held_for_a_country_and_network_wide_is_listed_both_ways(cast, token_for):
    expert = cast.chile_expert
    role_grant(actor=None, user=expert, role="expert", country=None)
    client = Client()
    client.force_login(expert)

    page = client.get("/accounts/me/")
    api = Client().get("/api/v1/me", headers=token_for(expert))

    assert page.status_code == 200
    assert page.content.decode().count("Expert") >= 2
    assert api.status_code == 200
    assert api.json()["roles"] == [{"role": "expert", "country": None}, {"role": "expert", "country": "CHL"}]
