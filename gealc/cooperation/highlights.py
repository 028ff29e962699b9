"""What the home page and the country pages show of the Horizontal Cooperation Fund: experts and
missions counted, a call that is open now (``gealc.core.highlights``), and each country's missions
given and received (``gealc.members.activity``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gealc.cooperation.models import Call, Expert, Mission
from gealc.cooperation.workflow import PUBLIC_REQUEST_STATES
from gealc.core.highlights import Entry, Figure, Highlights
from gealc.members.models import Country


def money(amount: Any, currency: str) -> str:
    """A whole amount with the language's grouping, e.g. "USD 100,000" or "USD 100.000"."""
    return f"{currency} {formats.number_format(amount, 0, use_l10n=True, force_grouping=True)}"


def _public_missions() -> Any:
    return Mission.objects.carried_out().filter(request__state__in=PUBLIC_REQUEST_STATES)


def highlights(request: HttpRequest) -> Highlights:
    today = timezone.localdate()
    experts = Expert.objects.filter(status=Expert.Status.VALIDATED).count()
    missions = _public_missions().count()
    open_now = [
        Entry(
            title=str(call),
            url=reverse("cooperation:home"),
            detail=_("%(amount)s available") % {"amount": money(call.available, call.currency)},
            tag=_("Fund call open"),
            date=call.closes_on,
            date_label=_("Closes on"),
        )
        for call in Call.objects.open_on(today).order_by("closes_on")[:3]
    ]
    return Highlights(
        figures=[
            Figure(
                label=ngettext("expert on the roster", "experts on the roster", experts),
                value=experts,
                url=reverse("cooperation:expert_list"),
                order=30,
            ),
            Figure(
                label=ngettext("cooperation mission", "cooperation missions", missions),
                value=missions,
                url=reverse("cooperation:dashboards"),
                order=40,
            ),
        ],
        open_now=open_now,
    )


def country_cooperation(country: Country) -> dict[str, Any]:
    """The country's missions through the fund: experts it sent and experts it received."""
    missions = _public_missions().filter(Q(provider=country) | Q(recipient=country))
    counts = missions.aggregate(
        given=Count("pk", filter=Q(provider=country)), received=Count("pk", filter=Q(recipient=country))
    )
    latest = list(
        missions.select_related("request", "provider", "recipient").order_by("-start_date", "-pk")[:10]
    )
    experts = Expert.objects.filter(country=country, status=Expert.Status.VALIDATED).count()
    return {
        "given": counts["given"],
        "received": counts["received"],
        "experts": experts,
        "missions": latest,
        "country": country,
    }


def register() -> None:
    """Plug the fund into the home page and the country pages (called from the AppConfig)."""
    from gealc.core.highlights import register as register_highlights
    from gealc.members.activity import CountrySection
    from gealc.members.activity import register as register_section

    register_highlights("cooperation", highlights, order=30)
    register_section(
        CountrySection(
            key="cooperation",
            title=_("In the Horizontal Cooperation Fund"),
            template="cooperation/_country_section.html",
            context=country_cooperation,
            order=20,
        )
    )
