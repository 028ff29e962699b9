"""A small, curated demo of the network for a newcomer's local copy: accounts for every role and records
in the states a person meets in practice, all written through the platform's own services.

Everything it writes is synthetic and says so: names, titles and e-mail addresses carry "(demo)" or the
reserved ``.example`` domain. It runs only with DEBUG on and only on a database where nobody has
worked yet (the reference data may be there; it is loaded when it is not).
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

DEMO = "(demo)"
DOMAIN = "demo.example"


class DemoRefused(Exception):
    """The demo would not be safe here; the message says why and what to do instead."""


@dataclass
class Account:
    role: str
    email: str
    name: str
    country: str = ""
    totp_secret: str = ""
    totp_url: str = ""


@dataclass
class Demo:
    password: str
    accounts: list[Account] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)

    def account(self, email: str) -> Account:
        return next(account for account in self.accounts if account.email == email)


def _today() -> datetime.date:
    return timezone.localdate()


def _days(n: int) -> datetime.date:
    return _today() + datetime.timedelta(days=n)


def refusal() -> str | None:
    """Why the demo may not be loaded here, or None when it may."""
    if not settings.DEBUG:
        return (
            "The demo is only for a local copy with DEBUG on: its accounts have passwords printed on the "
            "screen. Run it as `DEBUG=true .venv/bin/gealc demo`, never on a production database."
        )
    from gealc.accounts.models import User
    from gealc.cooperation.models import Call, CooperationRequest, Expert
    from gealc.governance.models import Election, WorkPlan
    from gealc.groups.models import WorkingGroup

    found = {
        "user accounts": User.objects.count(),
        "fund calls": Call.objects.count(),
        "cooperation requests": CooperationRequest.objects.count(),
        "experts": Expert.objects.count(),
        "elections": Election.objects.count(),
        "work plans": WorkPlan.objects.count(),
        "working groups": WorkingGroup.objects.filter(historical=False).count(),
    }
    present = [f"{count} {what}" for what, count in found.items() if count]
    if present:
        return (
            "The demo loads only into an empty database, and this one already holds "
            f"{', '.join(present)}. Point DATABASE_URL at a new database (or remove var/gealc.sqlite3 and "
            "run `make run` once) and run `gealc demo` again."
        )
    return None


def load(*, password: str | None = None, progress: Callable[[str], None] = lambda _line: None) -> Demo:
    """Load the demo in one transaction (nothing is written when a step fails); DemoRefused when it may
    not be loaded here."""
    reason = refusal()
    if reason:
        raise DemoRefused(reason)
    from gealc.members.models import Country

    if not Country.objects.exists():
        from gealc.core.refdata import load_reference

        progress("Loading the reference data…")
        load_reference(settings.REFERENCE_DATA_DIR)
    demo = Demo(password=password or secrets.token_urlsafe(12))
    # The announcements of what the demo does go to synthetic addresses: they are kept in the outbox as
    # sent, not printed between the progress lines.
    quiet = override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    with quiet, transaction.atomic():
        people = _accounts(demo, progress)
        _governance(demo, people, progress)
        _cooperation(demo, people, progress)
        _groups(demo, people, progress)
    return demo


# Accounts ----------------------------------------------------------------------------------------------


def _accounts(demo: Demo, progress: Callable[[str], None]) -> dict[str, Any]:
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from gealc.accounts.services import role_grant, user_create
    from gealc.members.models import Country, Person, Role

    progress("Creating the demo accounts…")
    wanted = [
        ("secretariat", "officer", "Olivia Officer", Role.SECRETARIAT, ""),
        ("uruguay_head", "head.uruguay", "Hugo Head", Role.HEAD_OF_DELEGATION, "URY"),
        ("brazil_head", "head.brazil", "Beatriz Head", Role.HEAD_OF_DELEGATION, "BRA"),
        ("chile_head", "head.chile", "Camilo Head", Role.HEAD_OF_DELEGATION, "CHL"),
        ("mexico_head", "head.mexico", "María Head", Role.HEAD_OF_DELEGATION, "MEX"),
        ("uruguay_delegate", "delegate.uruguay", "Ursula Delegate", Role.DELEGATE, "URY"),
        ("peru_delegate", "delegate.peru", "Pedro Delegate", Role.DELEGATE, "PER"),
        ("chile_expert", "expert.chile", "Carla Expert", Role.EXPERT, "CHL"),
    ]
    people: dict[str, Any] = {}
    for key, local, name, role, iso3 in wanted:
        email = f"{local}@{DOMAIN}"
        user = user_create(email=email, name=f"{name} {DEMO}", password=demo.password, verified=True).user
        # Each writes and reads in their country's language: the e-mails and notifications the demo's
        # records announce are written in it (each may switch language, which their account remembers).
        user.language = {"": "en", "BRA": "pt"}.get(iso3, "es")
        user.save(update_fields=["language"])
        country = Country.objects.get(iso3=iso3) if iso3 else None
        role_grant(actor=None, user=user, role=role, country=country)
        account = Account(role=str(Role(role).label), email=email, name=user.name, country=iso3)
        if role == Role.SECRETARIAT:
            # The officer's authenticator is set up already, so that the newcomer can add the same
            # secret to an app and sign in as the Secretariat at once.
            secret = generate_totp_secret()
            TOTP.activate(user, secret)
            account.totp_secret = secret
            account.totp_url = get_adapter().build_totp_url(user, secret)
        demo.accounts.append(account)
        people[key] = user
    # The expert's own record says what she speaks and where she is from (an offer never writes it).
    Person.objects.filter(user=people["chile_expert"]).update(
        languages=["es", "en"], country=Country.objects.get(iso3="CHL")
    )
    demo.records["accounts"] = len(demo.accounts)
    return people


# Governance --------------------------------------------------------------------------------------------


def _governance(demo: Demo, people: dict[str, Any], progress: Callable[[str], None]) -> None:
    from gealc.governance import services
    from gealc.governance.models import Meeting
    from gealc.members.models import Country

    officer = people["secretariat"]
    progress("Recording meetings, a motion, an election and a work plan…")
    attending = ["URY", "BRA", "CHL", "MEX", "PER", "ARG", "COL", "ECU", "PRY", "BOL", "CRI", "PAN", "GTM"]
    attending += ["DOM", "SLV", "HND", "JAM", "TTO", "BRB"]
    past = services.meeting_create(
        actor=officer,
        title={
            "en": f"Executive Committee meeting {DEMO}",
            "es": f"Reunión del Comité Ejecutivo {DEMO}",
            "pt": f"Reunião do Comitê Executivo {DEMO}",
            "fr": f"Réunion du Comité exécutif {DEMO}",
        },
        original_language="en",
        start_date=_days(-60),
        end_date=_days(-60),
        host_country=Country.objects.get(iso3="CHL"),
        city="Santiago",
        kind=Meeting.Kind.EXECUTIVE_COMMITTEE,
    )
    services.participants_set(actor=officer, meeting=past, names=attending)
    motion = services.motion_create(
        actor=officer,
        meeting=past,
        rule="simple_majority",
        title={
            "en": f"Approval of the work plan {DEMO}",
            "es": f"Aprobación del plan de trabajo {DEMO}",
            "pt": f"Aprovação do plano de trabalho {DEMO}",
            "fr": f"Approbation du plan de travail {DEMO}",
        },
        original_language="en",
    )
    for head in ("uruguay_head", "brazil_head", "chile_head"):
        services.vote_cast(actor=people[head], motion=motion, option="yes")
    services.vote_cast(actor=people["mexico_head"], motion=motion, option="abstain")
    motion = services.motion_close(actor=officer, motion=motion)
    plan = services.workplan_create(actor=officer, year=_today().year)
    if motion.result == "pass":
        services.workplan_approve(actor=officer, plan=plan, motion=motion)

    meeting = services.meeting_create(
        actor=officer,
        title={
            "en": f"Extraordinary meeting of RED GEALC {DEMO}",
            "es": f"Reunión extraordinaria de la Red GEALC {DEMO}",
            "pt": f"Reunião extraordinária da Rede GEALC {DEMO}",
            "fr": f"Réunion extraordinaire du RED GEALC {DEMO}",
        },
        original_language="en",
        start_date=_today(),
        end_date=_days(1),
        host_country=Country.objects.get(iso3="URY"),
        city="Montevideo",
        kind=Meeting.Kind.EXTRAORDINARY,
    )
    services.participants_set(actor=officer, meeting=meeting, names=attending)
    year = _today().year
    election = services.election_create(
        actor=officer,
        meeting=meeting,
        title={
            "en": f"Presidency and Executive Committee {year} {DEMO}",
            "es": f"Presidencia y Comité Ejecutivo {year} {DEMO}",
            "pt": f"Presidência e Comitê Executivo {year} {DEMO}",
            "fr": f"Présidence et Comité exécutif {year} {DEMO}",
        },
        original_language="en",
    )
    candidates = {
        "presidency": ["URY", "MEX"],
        "committee-mercosur": ["BRA", "CHL", "PRY"],
        "committee-andean": ["PER", "COL"],
        "committee-mesoamerica": ["MEX", "CRI", "PAN"],
        "committee-caribbean": ["JAM", "TTO"],
    }
    for key, codes in candidates.items():
        for code in codes:
            services.candidacy_add(actor=officer, election=election, contest_key=key, country_code=code)
    services.election_open(actor=officer, election=election)
    services.ballot_cast(
        actor=people["uruguay_head"],
        election=election,
        choices={"presidency": ["URY"], "committee-mercosur": ["BRA", "CHL"], "committee-andean": ["PER"]},
    )
    services.ballot_cast(
        actor=people["brazil_head"],
        election=election,
        choices={"presidency": ["MEX"], "committee-mercosur": ["BRA", "PRY"]},
    )
    demo.records.update({"meetings": 2, "motions": 1, "elections": 1, "ballots cast": 2, "work plans": 1})


# The Horizontal Cooperation Fund -----------------------------------------------------------------------


def _cooperation(demo: Demo, people: dict[str, Any], progress: Callable[[str], None]) -> None:
    from gealc.cooperation import services
    from gealc.cooperation.models import CooperationRequest, Expert
    from gealc.members.models import Country

    officer = people["secretariat"]
    progress("Opening a fund call, offering experts and walking requests through the procedure…")
    call = services.call_create(
        actor=officer,
        year=_today().year,
        title=f"Horizontal Cooperation Fund call {_today().year} {DEMO}",
        budget=Decimal("60000.00"),
        opens_on=_days(-90),
        closes_on=_days(90),
        max_days_per_mission=10,
        max_cost_per_mission=Decimal("6000.00"),
        default_per_diem=Decimal("200.00"),
        per_diem_rates={"URY": Decimal("250.00"), "PER": Decimal("220.00")},
    )

    def offer(actor: Any, iso3: str, name: str, email: str, areas: list[str], languages: list[str]) -> Any:
        return services.expert_offer(
            actor=actor,
            country=Country.objects.get(iso3=iso3),
            name=name,
            email=email,
            areas=areas,
            languages=languages,
            original_language="en",
            bio={"en": f"Synthetic expert profile for the demo {DEMO}."},
            consent_public=True,
        )

    chile = offer(
        officer,
        "CHL",
        people["chile_expert"].name,
        people["chile_expert"].email,
        ["interoperability", "digital-identity"],
        ["es", "en"],
    )
    brazil = offer(
        officer,
        "BRA",
        f"Bruno Especialista {DEMO}",
        f"bruno.especialista@{DOMAIN}",
        ["open-data", "data-governance"],
        ["pt", "en", "es"],
    )
    offer(
        people["peru_delegate"],
        "PER",
        f"Paula Pendiente {DEMO}",
        f"paula.pendiente@{DOMAIN}",
        ["digital-services"],
        ["es"],
    )
    chile = services.expert_validate(actor=officer, expert=chile)
    brazil = services.expert_validate(actor=officer, expert=brazil)
    assert isinstance(chile, Expert) and isinstance(brazil, Expert)

    uruguay, peru = Country.objects.get(iso3="URY"), Country.objects.get(iso3="PER")

    def draft(actor: Any, country: Country, title: str, areas: list[str], start: int, end: int) -> Any:
        return services.request_draft(
            actor=actor,
            country=country,
            title={"en": f"{title} {DEMO}"},
            problem={"en": f"A synthetic need described for the demo {DEMO}."},
            outputs={"en": f"A synthetic deliverable for the demo {DEMO}."},
            original_language="en",
            areas=areas,
            languages=["es"],
            modality="on_site",
            window_start=_days(start),
            window_end=_days(end),
            call=call,
        )

    delegate, head = people["uruguay_delegate"], people["uruguay_head"]
    states: dict[str, int] = {}

    def done(request: Any) -> None:
        state = CooperationRequest.objects.get(pk=request.pk).state
        states[state] = states.get(state, 0) + 1

    done(draft(delegate, uruguay, "Digital signature for municipalities", ["digital-signature"], 20, 80))
    submitted = draft(people["peru_delegate"], peru, "Open data portal for regions", ["open-data"], 20, 80)
    done(services.request_submit(actor=people["peru_delegate"], request=submitted))
    rejected = draft(delegate, uruguay, "Customs single window", ["customs-modernisation"], 20, 80)
    rejected = services.request_submit(actor=delegate, request=rejected)
    done(services.request_reject(actor=officer, request=rejected, reason=f"Outside this call {DEMO}."))
    approved = draft(delegate, uruguay, "Cybersecurity incident response", ["cybersecurity"], 20, 80)
    approved = services.request_submit(actor=delegate, request=approved)
    done(services.request_approve(actor=officer, request=approved))

    def walked(title: str, areas: list[str], expert: Expert, start: int, end: int) -> Any:
        request = draft(delegate, uruguay, title, areas, start - 10, end + 60)
        request = services.request_submit(actor=delegate, request=request)
        request = services.request_approve(actor=officer, request=request)
        services.request_match(actor=officer, request=request, experts=[expert.pk])
        return services.mission_plan(
            actor=officer,
            request=CooperationRequest.objects.get(pk=request.pk),
            expert=expert,
            start_date=_days(start),
            end_date=_days(end),
            travel_cost=Decimal("1200.00"),
        )

    # A past mission, reported by the expert and the host and closed with its actual costs.
    closed = walked("Interoperability of the civil registry", ["interoperability"], chile, -40, -36)
    closed = services.mission_approve(actor=officer, mission=closed)
    closed = services.mission_start(actor=people["chile_expert"], mission=closed)
    closed = services.mission_complete(actor=people["chile_expert"], mission=closed)
    _reports(services, closed, expert=people["chile_expert"], host=head)
    closed = services.mission_close(
        actor=officer,
        mission=closed,
        actual_travel_cost=Decimal("1100.00"),
        actual_days=5,
        actual_other_cost=Decimal("0"),
    )
    done(closed.request)
    # A past mission with both reports in, waiting for the Secretariat to close it.
    reported = walked("Digital identity for public services", ["digital-identity"], chile, -25, -21)
    reported = services.mission_approve(actor=officer, mission=reported)
    reported = services.mission_start(actor=people["chile_expert"], mission=reported)
    reported = services.mission_complete(actor=people["chile_expert"], mission=reported)
    _reports(services, reported, expert=people["chile_expert"], host=head)
    done(reported.request)
    # A mission planned for the coming weeks, not yet approved.
    done(walked("Open data for budget transparency", ["open-data"], brazil, 15, 19).request)
    demo.records.update(
        {
            "fund calls": 1,
            "experts on the roster": 2,
            "expert offers to validate": 1,
            **{f"requests {state.replace('_', ' ')}": count for state, count in sorted(states.items())},
        }
    )


# Working groups ----------------------------------------------------------------------------------------


def _groups(demo: Demo, people: dict[str, Any], progress: Callable[[str], None]) -> None:
    from gealc.groups import services
    from gealc.members.models import Country, Person

    officer = people["secretariat"]
    progress("Starting a working group with a coordinator and members…")
    uruguay, chile, peru = (Country.objects.get(iso3=code) for code in ("URY", "CHL", "PER"))
    group = services.group_create(
        actor=officer,
        name={
            "en": f"Cross-border interoperability {DEMO}",
            "es": f"Interoperabilidad transfronteriza {DEMO}",
            "pt": f"Interoperabilidade transfronteiriça {DEMO}",
            "fr": f"Interopérabilité transfrontalière {DEMO}",
        },
        mandate={
            "en": f"Agree on how the member countries' services exchange data across borders {DEMO}.",
            "es": f"Acordar cómo los servicios de los países miembros intercambian datos {DEMO}.",
        },
        lead_country=uruguay,
        start_date=_days(-120),
    )

    def person(key: str) -> Any:
        return Person.objects.get(user=people[key])

    services.membership_add(
        actor=officer,
        group=group,
        person=person("uruguay_delegate"),
        role="coordinator",
        country=uruguay,
        start_date=_days(-120),
    )
    coordinator = people["uruguay_delegate"]
    services.membership_add(
        actor=coordinator, group=group, person=person("chile_expert"), country=chile, start_date=_days(-90)
    )
    services.membership_add(
        actor=coordinator, group=group, person=person("peru_delegate"), country=peru, start_date=_days(-60)
    )
    services.deliverable_add(
        actor=coordinator,
        group=group,
        title={
            "en": f"Guide to cross-border data exchange {DEMO}",
            "es": f"Guía de intercambio transfronterizo de datos {DEMO}",
        },
        original_language="en",
        kind="guide",
        status="in_progress",
        date=_days(90),
    )
    demo.records.update({"working groups": 1, "working-group members": 3, "deliverables": 1})


def _reports(services: Any, mission: Any, *, expert: Any, host: Any) -> None:
    services.mission_report(
        actor=expert,
        mission=mission,
        kind="expert",
        outputs=f"A roadmap agreed with the host institution {DEMO}.",
        recommendations=f"Adopt a shared data catalogue {DEMO}.",
    )
    services.mission_report(
        actor=host, mission=mission, kind="host", results=f"The roadmap was adopted {DEMO}.", rating=5
    )


# The command -------------------------------------------------------------------------------------------


def summary(demo: Demo) -> str:
    """What the newcomer reads: how to sign in as each role, and what was created."""
    site = settings.SITE_URL.rstrip("/")
    lines = [
        "The demo data is loaded. Everything in it is synthetic: its names end with (demo).",
        "",
        f"Sign in at {site}/accounts/login/ with one of these accounts (password for all: {demo.password}):",
        "",
    ]
    width = max(len(account.email) for account in demo.accounts)
    for account in demo.accounts:
        where = f" ({account.country})" if account.country else ""
        lines.append(f"  {account.email.ljust(width)}  {account.role}{where}")
    officer = next(account for account in demo.accounts if account.totp_secret)
    lines += [
        "",
        f"{officer.email} has two-factor authentication set up. Add this secret to an authenticator app",
        "(or scan the otpauth:// address as a QR code) and give its 6-digit code after the password:",
        f"  secret: {officer.totp_secret}",
        f"  {officer.totp_url}",
        "Heads of delegation are asked to set up their own authenticator the first time they sign in.",
        "",
        "Created:",
    ]
    lines += [f"  {what}: {count}" for what, count in demo.records.items()]
    return "\n".join(lines)


def how_to_sign_in() -> str:
    """What ``make run`` prints before serving: where to sign in, and how to get a first account."""
    from gealc.accounts.models import User

    site = settings.SITE_URL.rstrip("/")
    if User.objects.exists():
        return f"Sign in at {site}/accounts/login/ with your account."
    return "\n".join(
        [
            "Nobody has an account on this database yet. Either load demo accounts for every role:",
            "    DEBUG=true .venv/bin/gealc demo",
            "or create the first Secretariat account (use your own address and passphrase):",
            "    echo 'a long passphrase' | .venv/bin/gealc user create you@example.org --name 'Your Name'",
            "    .venv/bin/gealc user grant you@example.org secretariat",
            f"then sign in at {site}/accounts/login/ (an officer sets up an authenticator app first).",
        ]
    )


def main(argv: list[str]) -> int:
    """``gealc demo``: load the demo and print how to sign in. Exit code 2 when refused."""
    import sys

    if argv and argv[0] in {"-h", "--help"}:
        print(
            "usage: gealc demo [--how-to-sign-in]\n\nLoad a small synthetic dataset with an account for "
            "every role into an empty local database (DEBUG on) and print how to sign in.\n"
            "--how-to-sign-in only says how to sign in to this database, and writes nothing."
        )
        return 0
    if argv == ["--how-to-sign-in"]:
        print(how_to_sign_in())
        return 0
    if argv:
        print(f"gealc demo takes no arguments (got: {' '.join(argv)})", file=sys.stderr)
        return 2
    try:
        demo = load(progress=print)
    except DemoRefused as refused:
        print(f"Not loaded: {refused}", file=sys.stderr)
        return 2
    print(summary(demo))
    return 0
