import re

from django.test import Client


def account_links(client: Client) -> list[str]:
    header = client.get("/countries/").content.decode().split("</header>")[0]
    account_menu = header.split('class="navbar-nav site-nav-account">')[1].split("</ul>")[0]
    return re.findall(r'<a class="nav-link" href="[^"]+">([^<]+)</a>', account_menu)


def test_the_account_navigation_shows_what_the_apps_registered_for_each_visitor(cast):
    delegate, officer = Client(), Client()
    delegate.force_login(cast.uruguay_delegate)
    officer.force_login(cast.secretariat)

    assert account_links(Client()) == ["Sign in"]
    assert account_links(delegate) == ["Your work", "Notifications", "Your account", "Sign out"]
    assert account_links(officer) == [
        "Administration",
        "Governance",
        "Your work",
        "Notifications",
        "Your account",
        "Sign out",
    ]
