"""The catalogue's panels on the workspace: a delegate's country's software and its adoptions."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gealc.accounts.roles import countries_for
from gealc.core.workspace import Item, Panel, Visit, panel
from gealc.members.models import Role
from gealc.software.models import Adoption, Software


def panels(visit: Visit) -> Sequence[Panel]:
    codes = sorted(countries_for(visit.user, Role.DELEGATE, Role.HEAD_OF_DELEGATION))
    if not codes:
        return []
    role = Role.DELEGATE.value
    own = (
        Software.objects.filter(country__iso3__in=codes)
        .select_related("country")
        .order_by("-updated_at", "pk")
    )
    adoptions = (
        Adoption.objects.filter(country__iso3__in=codes)
        .select_related("software", "country")
        .order_by("-recorded_at", "pk")
    )
    return [
        panel(
            "country-software",
            _("Your country's public software"),
            [
                Item(
                    label=f"{software.name} — {software.country.name}",
                    url=reverse("software:detail", args=[software.slug]),
                    date=software.updated_at,
                    status=software.get_development_status_display(),
                )
                for software in own[:10]
            ],
            count=own.count(),
            role=role,
            url=reverse("software:import"),
            empty=_("No software of your country in the catalogue yet: import its publiccode.yml."),
        ),
        panel(
            "country-adoptions",
            _("Software your country uses"),
            [
                Item(
                    label=f"{adoption.software.name} — {adoption.country.name}",
                    url=reverse("software:detail", args=[adoption.software.slug]),
                    date=adoption.since,
                    status=adoption.get_status_display(),
                )
                for adoption in adoptions[:10]
            ],
            count=adoptions.count(),
            role=role,
            url=reverse("software:catalogue"),
            empty=_("No adoption recorded for your country yet."),
        ),
    ]
