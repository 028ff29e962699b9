from django.test import Client


def test_the_admin_lists_every_area_to_a_secretariat_officer(cast):
    client = Client()
    client.force_login(cast.secretariat)

    html = client.get("/admin/").content.decode()

    assert "have permission to view or edit anything" not in html
    for area in ("Members", "Governance", "Accounts", "Decision log"):
        assert area in html


def test_the_admin_sign_in_goes_through_the_platforms_sign_in(db):
    response = Client().get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
