import html
import re

from django.test import Client


def account_links(client: Client) -> list[str]:
    header = client.get("/countries/").content.decode().split("</header>")[0]
    account_menu = re.split(r'class="navbar-nav [^"]*site-nav-account">', header)[1].split("</ul>")[0]
    return [
        html.unescape(label)
        for label in re.findall(r'<a class="nav-link" href="[^"]+">([^<]+)</a>', account_menu)
    ]


def test_the_account_navigation_shows_what_the_apps_registered_for_each_visitor(cast):
    delegate, officer = Client(), Client()
    delegate.force_login(cast.uruguay_delegate)
    officer.force_login(cast.secretariat)

    assert account_links(Client()) == ["Sign in"]
    assert account_links(delegate) == [
        "Your country's solutions",
        "Your work",
        "Notifications",
        "Your account",
        "Sign out",
    ]
    assert account_links(officer) == [
        "Administration",
        "People and roles",
        "Manage governance",
        "Solutions to review",
        "Your work",
        "Notifications",
        "Your account",
        "Sign out",
    ]


def test_the_main_navigation_groups_the_areas_of_a_section_under_its_name(reference):
    page = Client().get("/meetings/").content.decode()
    header = page.split("</header>")[0]
    main = header.split('class="navbar-nav site-nav-main">')[1].split('class="site-nav-tools">')[0]

    top = re.findall(r'<li class="nav-item">\s*<(a|details)[^>]*>\s*(?:<summary[^>]*>)?([^<]+)<', main)
    assert ("a", "Countries") in top
    assert ("details", "Governance") in top
    menu = main.split('<summary class="nav-link active">Governance</summary>')[1].split("</details>")[0]
    assert re.findall(r'<a class="nav-link[^"]*" href="([^"]+)"[^>]*>([^<]+)</a>', menu) == [
        ("/meetings/", "Meetings"),
        ("/committee/", "Executive Committee"),
        ("/work-plan/", "Work plan"),
        ("/groups/", "Working groups"),
    ]
    assert '<a class="nav-link active" href="/meetings/" aria-current="page">Meetings</a>' in menu
