"""Who may do what: every write endpoint and non-public page, for every role, on their own country's
records and on another's. The table is the specification; loosening a rule makes a row fail.

People and institutions are shared by every app and country: after each role's attempt, no existing
person or institution has changed, except the institution a role was allowed to patch."""

import datetime
from typing import Any

import pytest
from django.test import Client

from gealc.accounts.models import User
from gealc.awards import edition_services as award_services
from gealc.awards import services as solution_services
from gealc.awards.models import Solution
from gealc.cooperation import services as cooperation
from gealc.cooperation.models import Expert, ExpertProposal
from gealc.governance.models import Candidacy, Delegation, Meeting, Motion, Vote
from gealc.governance.services import election_create, motion_create
from gealc.groups import services as group_services
from gealc.groups.models import GroupMembership, WorkingGroup
from gealc.members.models import Institution, Person
from gealc.members.tests.factories import InstitutionFactory, country
from gealc.software import services as software_services
from gealc.software.models import Adoption, Contribution, Software
from gealc.software.tests.conftest import publiccode

ALLOW, DENY, LOGIN, REFUSED = "allow", "deny", "login", "refused"

ROLES = [
    "anonymous",
    "nobody",
    "secretariat",
    "uruguay_head",
    "uruguay_delegate",
    "brazil_delegate",
    "chile_expert",
    "peru_juror",
    "spain_delegate",
]

OFFER = [LOGIN, DENY, ALLOW, DENY, DENY, ALLOW, DENY, DENY, DENY]
COORDINATED = [LOGIN, DENY, ALLOW, DENY, DENY, DENY, ALLOW, DENY, DENY]
OFFER_LISTED = [LOGIN, DENY, REFUSED, DENY, DENY, ALLOW, DENY, DENY, DENY]

# action → expected outcome per role, in the order of ROLES.
MATRIX = {
    "patch an Uruguayan institution": [LOGIN, DENY, ALLOW, ALLOW, ALLOW, DENY, DENY, DENY, DENY],
    "patch a Brazilian institution": [LOGIN, DENY, ALLOW, DENY, DENY, ALLOW, DENY, DENY, DENY],
    "patch an international organisation": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "open the admin": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "read the decision log in the admin": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "open a record's history": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "open one's account page": [LOGIN, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW],
    "download one's data": [LOGIN, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW],
    "create a meeting": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "record a meeting's attendance": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "nominate Uruguay to the Committee": [LOGIN, DENY, ALLOW, ALLOW, ALLOW, DENY, DENY, DENY, DENY],
    "vote on a motion": [LOGIN, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY],
    "close a motion": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    # Brazil's delegate reads the same answer as for someone new; the offer waits for the Secretariat.
    "offer as Brazilian an expert with the e-mail of a person of another country": OFFER,
    "offer as Brazilian an expert with the e-mail of a person without a country": OFFER,
    # The Secretariat is told; no country is.
    "offer as Brazilian an expert with the e-mail of someone already on the roster": OFFER_LISTED,
    "open one's workspace": [LOGIN, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW],
    "read one's notifications": [LOGIN, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW],
    # A head of delegation reads their own country's people; only the Secretariat changes anything.
    "list people and roles": [LOGIN, DENY, ALLOW, ALLOW, DENY, DENY, DENY, DENY, DENY],
    "open a person's page": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "invite a person": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "grant Brazil's delegate a role": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "disable Brazil's delegate": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    # The solutions catalogue: a member country's delegates write their own; the Secretariat reviews.
    "draft a Uruguayan solution": [LOGIN, DENY, ALLOW, ALLOW, ALLOW, DENY, DENY, DENY, DENY],
    "draft a Spanish solution": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    # Another country's draft does not exist for them (404 counts as denied).
    "edit a Uruguayan draft solution": [LOGIN, DENY, ALLOW, ALLOW, ALLOW, DENY, DENY, DENY, DENY],
    "submit a Uruguayan solution for review": [LOGIN, DENY, DENY, ALLOW, ALLOW, DENY, DENY, DENY, DENY],
    "publish a solution in review": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "return a solution in review": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "open the solutions to review": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "open the import of solutions": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "open one's country's solutions": [LOGIN, DENY, DENY, ALLOW, ALLOW, ALLOW, DENY, DENY, DENY],
    # The Excellence Award: a juror's evaluations are the juror's alone.
    "open one's award evaluations": [LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW, DENY],
    # The public-software catalogue: the owning country's delegates and the Secretariat write a software;
    # each country records its own adoptions and contributions; only the Secretariat moves a software.
    "import a Uruguayan software": [LOGIN, DENY, ALLOW, ALLOW, ALLOW, DENY, DENY, DENY, DENY],
    "patch a Uruguayan software": [LOGIN, DENY, ALLOW, ALLOW, ALLOW, DENY, DENY, DENY, DENY],
    "move a Uruguayan software to Brazil": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "save a Uruguayan software's institution and solutions": [
        LOGIN,
        DENY,
        ALLOW,
        ALLOW,
        ALLOW,
        DENY,
        DENY,
        DENY,
        DENY,
    ],
    "open a Uruguayan software's edit page": [LOGIN, DENY, ALLOW, ALLOW, ALLOW, DENY, DENY, DENY, DENY],
    "record a Brazilian adoption of a software": [LOGIN, DENY, ALLOW, DENY, DENY, ALLOW, DENY, DENY, DENY],
    "record a Uruguayan contribution to a software": [
        LOGIN,
        DENY,
        ALLOW,
        ALLOW,
        ALLOW,
        DENY,
        DENY,
        DENY,
        DENY,
    ],
    # The page is for anyone who acts for a country; the import itself asks for the owning one.
    "open the import of software": [LOGIN, DENY, ALLOW, ALLOW, ALLOW, ALLOW, DENY, DENY, ALLOW],
    # The Secretariat's pages of an award edition.
    "open the set-up of a new award edition": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "open an award edition's set-up": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "open an award edition's screening": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "open an award edition's jury": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "open an award edition's ranking": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    # Working groups: the Secretariat keeps the groups; a group's coordinator (here Chile's expert) keeps
    # its members and deliverables; a member (here Brazil's delegate) only reads.
    "create a working group": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "open the new working group page": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "open a working group's edit page": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "open the members of a group Chile's expert coordinates": COORDINATED,
    "add a member to a group Chile's expert coordinates": COORDINATED,
    "open the end of a membership of a group Chile's expert coordinates": COORDINATED,
    "open the new deliverable of a group Chile's expert coordinates": COORDINATED,
    "open the edit of a deliverable of a group Chile's expert coordinates": COORDINATED,
}

# Page writes of the people pages: (url, form); {brazil} is the Brazilian delegate's account.
PAGE_WRITES = {
    "invite a person": ("/people/invite/", {"email": "new.person@example.org", "name": "New Person"}),
    "grant Brazil's delegate a role": ("/people/{brazil}/grant/", {"role": "juror", "country": "BRA"}),
    "disable Brazil's delegate": ("/people/{brazil}/disable/", {}),
    "save a Uruguayan software's institution and solutions": ("/software/{software}/edit/", {}),
    "create a working group": ("/groups/new/", {"name_en": "Matrix group"}),
    "add a member to a group Chile's expert coordinates": (
        "/groups/{group}/members/",
        {"q": "Sara", "person": "{spain}", "role": "member"},
    ),
}

OFFERS = {
    "offer as Brazilian an expert with the e-mail of a person of another country": "foreign",
    "offer as Brazilian an expert with the e-mail of a person without a country": "stateless",
    "offer as Brazilian an expert with the e-mail of someone already on the roster": "listed",
}

# API writes of the governance: (method, url, body); {meeting}, {motion}, {election} are filled in.
API_WRITES = {
    "create a meeting": (
        "post",
        "/api/v1/meetings",
        {
            "title": {"en": "Extraordinary"},
            "original_language": "en",
            "start_date": "2027-03-01",
            "end_date": "2027-03-01",
            "host_country": "PAN",
            "city": "Panama City",
            "kind": "extraordinary",
        },
    ),
    "record a meeting's attendance": (
        "put",
        "/api/v1/meetings/{meeting}/participants",
        {"countries": ["URY", "BRA"]},
    ),
    "nominate Uruguay to the Committee": (
        "post",
        "/api/v1/elections/{election}/candidates",
        {"contest": "committee-mercosur", "country": "URY"},
    ),
    "vote on a motion": ("post", "/api/v1/motions/{motion}/votes", {"option": "yes"}),
    "close a motion": ("post", "/api/v1/motions/{motion}/close", {}),
    "draft a Uruguayan solution": (
        "post",
        "/api/v1/solutions",
        {"country": "URY", "name": {"es": "Nueva"}, "description": {"es": "Algo."}, "original_language": "es",
         "theme": "open-data"},
    ),
    "draft a Spanish solution": (
        "post",
        "/api/v1/solutions",
        {"country": "ESP", "name": {"es": "Nueva"}, "description": {"es": "Algo."}, "original_language": "es",
         "theme": "open-data"},
    ),
    "edit a Uruguayan draft solution": ("patch", "/api/v1/solutions/{draft}", {"year_started": 2010}),
    "submit a Uruguayan solution for review": ("post", "/api/v1/solutions/{draft}/submit", {}),
    "publish a solution in review": ("post", "/api/v1/solutions/{in_review}/publish", {}),
    "return a solution in review": ("post", "/api/v1/solutions/{in_review}/return", {"comment": "More."}),
    "patch a Uruguayan software": ("patch", "/api/v1/software/{software}", {"solutions": []}),
    "move a Uruguayan software to Brazil": ("patch", "/api/v1/software/{software}", {"country": "BRA"}),
    "record a Brazilian adoption of a software": (
        "post", "/api/v1/software/{software}/adoptions", {"country": "BRA", "status": "piloting"}
    ),
    "record a Uruguayan contribution to a software": (
        "post",
        "/api/v1/software/{software}/contributions",
        {"country": "URY", "what": {"es": "Traducción"}, "original_language": "es"},
    ),
}  # fmt: skip

# A publiccode.yml of a software new to the catalogue, imported for Uruguay.
NEW_SOFTWARE = publiccode("Matrix import")


def attempt(client: Client, action: str, records: dict[str, Any]) -> str:
    """Do the action as the client's user and classify the answer as the user would see it."""
    if action in API_WRITES:
        method, url, body = API_WRITES[action]
        url = url.format(
            meeting=records["meeting"].pk,
            motion=records["motion"].pk,
            election=records["election"].pk,
            draft=records["solution_draft"].pk,
            in_review=records["solution_in_review"].pk,
            software=records["software"].slug,
        )
        response = getattr(client, method)(url, body, content_type="application/json")
        return {200: ALLOW, 201: ALLOW, 401: LOGIN, 403: DENY, 404: DENY}[response.status_code]
    if action == "import a Uruguayan software":
        response = client.post(
            "/api/v1/software/import?country=URY", NEW_SOFTWARE.encode(), content_type="application/yaml"
        )
        return {201: ALLOW, 401: LOGIN, 403: DENY}[response.status_code]
    if action in OFFERS:
        person = records[OFFERS[action]]
        response = client.post(
            "/api/v1/cooperation/experts",
            {
                "country": "BRA",
                "name": "Someone",
                "email": person.email,
                "areas": ["open-data"],
                "languages": ["pt"],
                "original_language": "pt",
                "consent_public": True,
            },
            content_type="application/json",
        )
        return {202: ALLOW, 401: LOGIN, 403: DENY, 422: REFUSED}[response.status_code]
    if action in PAGE_WRITES:
        url, form = PAGE_WRITES[action]
        where = {
            "brazil": records["brazil_account"].pk,
            "software": records["software"].slug,
            "group": records["group"].slug,
            "spain": records["spain_person"].pk,
        }
        response = client.post(
            url.format(**where), {key: value.format(**where) for key, value in form.items()}
        )
        if response.status_code == 403:
            return DENY
        assert response.status_code == 302, (action, response.status_code)
        return LOGIN if response["Location"].startswith("/accounts/login/") else ALLOW
    if action.startswith("patch"):
        target = {
            "patch an Uruguayan institution": records["ury"],
            "patch a Brazilian institution": records["bra"],
            "patch an international organisation": records["oas"],
        }[action]
        response = client.patch(
            f"/api/v1/institutions/{target.pk}", {"acronym": "NEW"}, content_type="application/json"
        )
        target.refresh_from_db()
        changed = target.acronym == "NEW"
        if response.status_code == 200:
            assert changed
            return ALLOW
        assert not changed
        return {401: LOGIN, 403: DENY}[response.status_code]
    url = {
        "open the admin": "/admin/",
        "read the decision log in the admin": "/admin/core/decisionevent/",
        "open a record's history": f"/history/members/institution/{records['ury'].pk}/",
        "open one's account page": "/accounts/me/",
        "download one's data": "/accounts/me/data.json",
        "open one's workspace": "/workspace/",
        "read one's notifications": "/accounts/me/notifications/",
        "list people and roles": "/people/",
        "open a person's page": f"/people/{records['brazil_account'].pk}/",
        "open the solutions to review": "/solutions/review/",
        "open the import of solutions": "/solutions/import/",
        "open one's country's solutions": "/solutions/mine/",
        "open one's award evaluations": "/solutions/awards/evaluations/",
        "open a Uruguayan software's edit page": f"/software/{records['software'].slug}/edit/",
        "open the import of software": "/software/import/",
        "open the set-up of a new award edition": "/solutions/awards/new/",
        "open an award edition's set-up": f"/solutions/awards/{records['edition'].pk}/edit/",
        "open an award edition's screening": f"/solutions/awards/{records['edition'].pk}/screening/",
        "open an award edition's jury": f"/solutions/awards/{records['edition'].pk}/jury/",
        "open an award edition's ranking": f"/solutions/awards/{records['edition'].pk}/ranking/",
        "open the new working group page": "/groups/new/",
        "open a working group's edit page": f"/groups/{records['group'].slug}/edit/",
        "open the members of a group Chile's expert coordinates": f"/groups/{records['group'].slug}/members/",
        "open the end of a membership of a group Chile's expert coordinates": (
            f"/groups/{records['group'].slug}/members/{records['group_member'].pk}/end/"
        ),
        "open the new deliverable of a group Chile's expert coordinates": (
            f"/groups/{records['group'].slug}/deliverables/new/"
        ),
        "open the edit of a deliverable of a group Chile's expert coordinates": (
            f"/groups/{records['group'].slug}/deliverables/{records['deliverable'].pk}/edit/"
        ),
    }[action]
    response = client.get(url, follow=True)
    final = response.request["PATH_INFO"]
    if response.status_code == 200 and final == url:
        return ALLOW
    if response.status_code == 200 and final == "/accounts/login/":
        return LOGIN
    if response.status_code == 403:
        return DENY
    raise AssertionError(f"{action}: unexpected {response.status_code} at {final}")


@pytest.fixture
def records(cast) -> dict[str, Any]:
    meeting = Meeting.objects.create(
        title_en="XX Annual Meeting",
        start_date=datetime.date(2026, 10, 20),
        end_date=datetime.date(2026, 10, 21),
        host_country=country("DOM"),
        city_en="Santo Domingo",
        ordinal=20,
    )
    Delegation.objects.create(meeting=meeting, country=country("URY"))
    listed = cooperation.expert_offer(
        actor=cast.secretariat,
        country=country("URY"),
        name="Ulises Experto",
        email="ulises@agesic.gub.uy",
        areas=["open-data"],
        languages=["es"],
        original_language="es",
    )
    solution_draft = solution_services.solution_draft(
        actor=cast.uruguay_delegate,
        country=country("URY"),
        name={"es": "Borrador"},
        description={"es": "Algo."},
        original_language="es",
        theme="open-data",
    )
    solution_in_review = solution_services.solution_draft(
        actor=cast.uruguay_delegate,
        country=country("URY"),
        name={"es": "En revisión"},
        description={"es": "Algo."},
        original_language="es",
        theme="open-data",
    )
    software = software_services.software_import(
        actor=cast.secretariat, text=publiccode("Matrix"), country=country("URY")
    ).software
    edition = award_services.edition_create(
        actor=cast.secretariat,
        year=2027,
        title={"en": "Excellence Award 2027"},
        original_language="en",
        categories=[award_services.Part("value", {"en": "Government value"})],
        criteria=[award_services.Part("impact", {"en": "Impact"}, weight=100)],
    )
    group = group_services.group_create(actor=cast.secretariat, name={"en": "Interoperability"})
    group_services.membership_add(
        actor=cast.secretariat,
        group=group,
        person=Person.objects.get(user=cast.chile_expert),
        role="coordinator",
        country=country("CHL"),
    )
    return {
        "group": group,
        "group_member": group_services.membership_add(
            actor=cast.secretariat, group=group, person=Person.objects.get(user=cast.brazil_delegate)
        ),
        "deliverable": group_services.deliverable_add(
            actor=cast.secretariat,
            group=group,
            title={"en": "Guide"},
            original_language="en",
            kind="guide",
            status="planned",
        ),
        "spain_person": Person.objects.get(user=cast.spain_delegate),
        "edition": edition,
        "software": software,
        "solution_draft": solution_draft,
        "solution_in_review": solution_in_review,
        "foreign": Person.objects.create(
            name="Olga Oficial", email="olga@agesic.gub.uy", country=country("URY")
        ),
        "stateless": Person.objects.get(user=cast.uruguay_head),
        "listed": listed.person,
        "ury": Institution.objects.get(acronym="AGESIC"),
        "bra": InstitutionFactory(name="Ministério da Gestão", acronym="MGI", country=country("BRA")),
        "oas": Institution.objects.get(acronym="OAS"),
        "meeting": meeting,
        "brazil_account": cast.brazil_delegate,
        "election": election_create(actor=cast.secretariat, meeting=meeting, title="Authorities"),
        "motion": motion_create(
            actor=cast.secretariat,
            meeting=meeting,
            title={"en": "A motion"},
            original_language="en",
            rule="consensus",
        ),
    }


def shared_records() -> dict[str, list[dict[str, Any]]]:
    return {
        "people": [dict(row) for row in Person.objects.order_by("pk").values()],
        "institutions": [dict(row) for row in Institution.objects.order_by("pk").values()],
    }


@pytest.mark.parametrize("action", list(MATRIX))
def test_each_role_gets_exactly_what_the_matrix_says(cast, records, action: str):
    outcomes = {}
    for role, expected in zip(ROLES, MATRIX[action], strict=True):
        User.objects.filter(pk=cast.brazil_delegate.pk).update(is_active=True)
        cast.brazil_delegate.refresh_from_db()  # disabling it moved its session generation on
        client = Client()
        if role != "anonymous":
            client.force_login(cast.all()[role])
        for key in ("ury", "bra", "oas"):
            Institution.objects.filter(pk=records[key].pk).update(acronym=f"X{records[key].pk}")
        # Each role starts from the same state: no vote, no candidacy, the motion open.
        Vote.objects.all().delete()
        Candidacy.objects.all().delete()
        Motion.objects.filter(pk=records["motion"].pk).update(status="open", result="")
        ExpertProposal.objects.all().delete()
        Solution.objects.exclude(
            pk__in=[records["solution_draft"].pk, records["solution_in_review"].pk]
        ).delete()
        Solution.objects.filter(pk=records["solution_draft"].pk).update(state="draft", year_started=None)
        Solution.objects.filter(pk=records["solution_in_review"].pk).update(
            state="in_review", review_comment="", published_at=None
        )
        Software.objects.filter(name="Matrix import").delete()
        Software.objects.filter(pk=records["software"].pk).update(country=country("URY"))
        Adoption.objects.filter(software=records["software"]).delete()
        Contribution.objects.filter(software=records["software"]).delete()
        User.objects.filter(email="new.person@example.org").delete()
        Expert.objects.filter(person__in=[records["foreign"], records["stateless"]]).delete()
        WorkingGroup.objects.filter(slug__startswith="matrix-group").delete()
        GroupMembership.objects.filter(person=records["spain_person"]).delete()
        before = shared_records()
        outcomes[role] = (attempt(client, action, records), expected)
        after = shared_records()
        if action.startswith("patch") and outcomes[role][0] == ALLOW:
            for row in before["institutions"] + after["institutions"]:
                row.pop("acronym")
        assert after["institutions"] == before["institutions"], f"{action} as {role} changed an institution"
        assert after["people"][: len(before["people"])] == before["people"], (
            f"{action} as {role} changed a person"
        )
    wrong = {role: got for role, (got, expected) in outcomes.items() if got != expected}
    assert wrong == {}, f"{action}: {wrong} (expected {dict(zip(ROLES, MATRIX[action], strict=True))})"
