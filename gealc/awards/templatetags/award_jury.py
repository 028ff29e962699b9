"""The edition page's links to the jurors' and the delegations' pages, for the people they concern."""

from __future__ import annotations

from typing import Any

from django import template

from gealc.awards import jury_selectors
from gealc.awards.models import Assignment, Edition

register = template.Library()


@register.inclusion_tag("awards/editions/jury/_edition_links.html", takes_context=True)
def jury_links(context: dict[str, Any], edition: Edition) -> dict[str, Any]:
    """ "Your evaluations" for a juror assigned in the edition, "Vote" for a head of delegation while the
    delegations vote."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or edition.historical:
        return {"edition": edition, "evaluations": False, "vote": False}
    assigned = Assignment.objects.filter(juror=user, submission__edition=edition).exists()
    voting = jury_selectors.is_voting(edition) and bool(jury_selectors.voting_countries(user))
    return {"edition": edition, "evaluations": assigned, "vote": voting}
