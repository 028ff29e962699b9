"""The catalogue's and the award's panels on the workspace: a country's drafts and returned solutions,
its award submissions and the calls open; a juror's evaluations to complete; a head of delegation's
award votes open; the Secretariat's solutions to review and the award editions under way with the work
outstanding in each."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gealc.accounts.roles import countries_for, has_role
from gealc.awards import jury_selectors, selectors
from gealc.awards.models import (
    Edition,
    Eligibility,
    FinalVote,
    Phase,
    Solution,
    SolutionState,
    Submission,
)
from gealc.awards.rules import ACTING_ROLES
from gealc.core.workspace import Item, Panel, Visit, panel
from gealc.members.models import Country, Role


def _item(solution: Solution) -> Item:
    return Item(
        label=f"{solution.name} — {solution.country.name}",
        url=reverse("awards:detail", args=[solution.pk]),
        date=solution.created_at,
        status=solution.review_comment
        if solution.state == SolutionState.RETURNED
        else solution.get_state_display(),
    )


def _award_editions() -> Panel:
    """The editions not announced yet, each with its phase and the work outstanding in it."""
    editions = list(
        Edition.objects.filter(historical=False)
        .exclude(phase=Phase.ANNOUNCED)
        .annotate(
            unscreened=Count(
                "submissions", filter=Q(submissions__eligibility=Eligibility.PENDING), distinct=True
            ),
            incomplete=Count(
                "submissions__assignments",
                filter=Q(submissions__assignments__scored_at__isnull=True),
                distinct=True,
            ),
        )
        .order_by("-year")
    )
    items = []
    for edition in editions:
        unscreened, incomplete = getattr(edition, "unscreened", 0), getattr(edition, "incomplete", 0)
        status = [str(edition.get_phase_display())]
        if unscreened:
            status.append(
                ngettext("%(count)d submission to screen", "%(count)d submissions to screen", unscreened)
                % {"count": unscreened}
            )
        if incomplete:
            status.append(
                ngettext("%(count)d evaluation incomplete", "%(count)d evaluations incomplete", incomplete)
                % {"count": incomplete}
            )
        items.append(
            Item(
                label=edition.title,
                url=reverse("awards:edition", args=[edition.pk]),
                date=edition.created_at,
                status=" · ".join(status),
            )
        )
    return panel(
        "award-editions",
        _("Award editions"),
        items,
        role=Role.SECRETARIAT.value,
        url=reverse("awards:editions"),
        empty=_("No award edition is under way."),
    )


def _evaluations(visit: Visit) -> Panel:
    """The juror's assignments without their scores, in the editions where they are scored."""
    outstanding = list(
        jury_selectors.juror_assignments(visit.user).filter(
            scored_at__isnull=True, submission__edition__phase__in=[Phase.SCREENING, Phase.EVALUATION]
        )
    )
    return panel(
        "award-evaluations",
        _("Evaluations to complete"),
        [
            Item(
                label=f"{assignment.submission.solution.name} — {assignment.submission.country.name}",
                url=reverse("awards:evaluation", args=[assignment.pk]),
                date=assignment.assigned_at,
                status=f"{assignment.submission.edition.year} · {assignment.submission.category.name}"
                f" · {assignment.submission.edition.get_phase_display()}",
            )
            for assignment in outstanding
        ],
        role=Role.JUROR.value,
        url=reverse("awards:evaluations"),
        empty=_("No evaluation waits for you."),
    )


def _votes_open(countries: list[Country]) -> Panel:
    """The editions in their vote where one of the head's member countries has not voted every category."""
    editions = list(
        Edition.objects.filter(phase=Phase.VOTING, historical=False)
        .annotate(categories_count=Count("categories", distinct=True))
        .order_by("-year")
    )
    cast = {
        (row["category__edition"], row["country"]): row["n"]
        for row in FinalVote.objects.filter(
            category__edition__in=[edition.pk for edition in editions], country__in=countries
        )
        .values("category__edition", "country")
        .annotate(n=Count("pk"))
    }
    items = []
    for edition in editions:
        for country in countries:
            voted = cast.get((edition.pk, country.pk), 0)
            total = getattr(edition, "categories_count", 0)
            if voted >= total:
                continue
            url = reverse("awards:final_vote", args=[edition.pk])
            items.append(
                Item(
                    label=f"{edition.title} — {country.name}" if len(countries) > 1 else edition.title,
                    url=f"{url}?country={country.iso3}" if len(countries) > 1 else url,
                    status=ngettext(
                        "%(voted)d of %(total)d category voted",
                        "%(voted)d of %(total)d categories voted",
                        total,
                    )
                    % {"voted": voted, "total": total},
                )
            )
    return panel(
        "award-votes-open",
        _("Award votes open"),
        items,
        role=Role.HEAD_OF_DELEGATION.value,
        empty=_("No award vote waits for your country."),
    )


def _country_award(codes: set[str], role: str) -> list[Panel]:
    """The country's submissions to the editions under way, and the calls open to it."""
    submissions = list(
        Submission.objects.filter(country__iso3__in=codes, edition__historical=False)
        .exclude(edition__phase=Phase.ANNOUNCED)
        .select_related("edition", "category", "solution", "country")
        .order_by("-edition__year", "pk")
    )
    calls = list(Edition.objects.filter(phase=Phase.CALL_OPEN, historical=False).order_by("-year"))

    def status(submission: Submission) -> str:
        found = " · ".join(
            [str(submission.edition.year), submission.category.name, submission.get_eligibility_display()]
        )
        if submission.eligibility == Eligibility.INELIGIBLE and submission.screening_reason:
            found += f": {submission.screening_reason}"
        if submission.finalist:
            found += f" · {gettext_now('Finalist')}"
        return found

    return [
        panel(
            "award-country-submissions",
            _("Your country's award submissions"),
            [
                Item(
                    label=f"{submission.solution.name} — {submission.country.name}",
                    url=reverse("awards:edition", args=[submission.edition_id]),
                    date=submission.submitted_at,
                    status=status(submission),
                )
                for submission in submissions
            ],
            role=role,
            empty=_("Your country has no submission to an award edition under way."),
        ),
        panel(
            "award-calls-open",
            _("Calls for candidacies open"),
            [
                Item(
                    label=edition.title,
                    url=reverse("awards:submission_new", args=[edition.pk]),
                    date=edition.created_at,
                    status=edition.get_phase_display(),
                )
                for edition in calls
            ],
            role=role,
            url=reverse("awards:editions"),
            empty=_("No award edition has its call open."),
        ),
    ]


def panels(visit: Visit) -> Sequence[Panel]:
    found: list[Panel] = []
    if has_role(visit.user, Role.SECRETARIAT):
        found.append(_award_editions())
    if has_role(visit.user, Role.JUROR):
        found.append(_evaluations(visit))
    heads = jury_selectors.voting_countries(visit.user)
    if heads:
        found.append(_votes_open(heads))
    codes = countries_for(visit.user, *ACTING_ROLES)
    if codes:
        role = (
            Role.HEAD_OF_DELEGATION.value
            if has_role(visit.user, Role.HEAD_OF_DELEGATION)
            else Role.DELEGATE.value
        )
        found += _country_award(codes, role)
    if has_role(visit.user, Role.SECRETARIAT):
        found.append(
            panel(
                "solutions-to-review",
                _("Solutions to review"),
                [_item(solution) for solution in selectors.review_queue()[:20]],
                count=selectors.review_queue().count(),
                role=Role.SECRETARIAT.value,
                url=reverse("awards:review"),
                empty=_("No solution waits for review."),
            )
        )
    if countries_for(visit.user, *ACTING_ROLES):
        own = list(
            selectors.country_solutions(visit.user).filter(
                state__in=[SolutionState.RETURNED, SolutionState.DRAFT]
            )
        )
        url = reverse("awards:mine")
        found += [
            panel(
                "solutions-returned",
                _("Solutions returned with a comment"),
                [_item(solution) for solution in own if solution.state == SolutionState.RETURNED],
                role=Role.DELEGATE.value,
                url=url,
                empty=_("No solution is returned."),
            ),
            panel(
                "solution-drafts",
                _("Draft solutions"),
                [_item(solution) for solution in own if solution.state == SolutionState.DRAFT],
                role=Role.DELEGATE.value,
                url=url,
                empty=_("No draft solution."),
            ),
        ]
    return found
