"""Reads of the public-software catalogue: the filtered catalogue and its facets, a software with what
its page shows, its lineage, and the reuse figures per software and per country."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gealc.awards.models import Solution
from gealc.core.errors import ServiceError
from gealc.core.figures import figures
from gealc.core.i18n import localized_column
from gealc.core.pages import reads_parts
from gealc.members.models import Country
from gealc.members.tilemap import TileMap, marked_map
from gealc.software.labels import category_label
from gealc.software.models import (
    DEVELOPMENT_STATUS_LABELS,
    Adoption,
    AdoptionStatus,
    Contribution,
    Software,
    SoftwareBase,
    SoftwareCategory,
    SoftwareDescription,
    SoftwareRevision,
    adoptions_by,
    adoptions_from,
    adoptions_of,
)
from gealc.software.publiccode import CATEGORIES, DEVELOPMENT_STATUSES
from gealc.software.services import FIGURES

# An adoption that was abandoned no longer counts as reuse.
IN_USE = ~Q(status=AdoptionStatus.ABANDONED)


def with_related(queryset: QuerySet[Software]) -> list[Software]:
    """What a list or a page shows of each software, in a fixed number of queries."""
    latest = SoftwareRevision.objects.filter(software=OuterRef("pk")).order_by("-number").values("number")[:1]
    found: list[Software] = list(
        queryset.select_related("country", "institution", "working_group")
        .annotate(revision=Subquery(latest))
        .prefetch_related(
            Prefetch("descriptions", queryset=SoftwareDescription.objects.order_by("position")),
            Prefetch("category_rows", queryset=SoftwareCategory.objects.order_by("code")),
            Prefetch(
                "contributions",
                queryset=Contribution.objects.select_related("country", "institution").order_by(
                    "contributed_on", "pk"
                ),
            ),
            Prefetch(
                "solutions",
                queryset=Solution.objects.published().select_related("country").order_by("name_key", "pk"),
                to_attr="published_solutions",
            ),
        )
    )
    # Only these software's adoptions: a kept page stays as it is when another software is adopted.
    with reads_parts(Adoption, parts=[adoptions_of(software.pk) for software in found]):
        prefetch_related_objects(
            found,
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("country", "institution").order_by(
                    localized_column("country__name", "en"), "pk"
                ),
            ),
        )
    return found


@dataclass(frozen=True)
class Filters:
    q: str = ""
    country: Country | None = None
    category: str = ""
    status: str = ""


def check_filters(*, q: str | None, country: str | None, category: str | None, status: str | None) -> Filters:
    """The catalogue's filters, or ServiceError naming the parameter that is not one."""
    found = None
    if country:
        found = Country.objects.filter(iso3=country.strip().upper()).first()
        if found is None:
            raise ServiceError(_("No country with code %(code)r.") % {"code": country}, field="country")
    category = (category or "").strip()
    if category and category not in CATEGORIES:
        raise ServiceError(
            _("No category %(code)r in the standard's list.") % {"code": category}, field="category"
        )
    status = (status or "").strip()
    if status and status not in DEVELOPMENT_STATUSES:
        raise ServiceError(
            _("The status must be one of %(codes)s.") % {"codes": ", ".join(DEVELOPMENT_STATUSES)},
            field="status",
        )
    q = (q or "").strip()
    if len(q) > 200:
        raise ServiceError(_("The search is longer than 200 characters."), field="q")
    return Filters(q=q, country=found, category=category, status=status)


def catalogue(filters: Filters) -> QuerySet[Software]:
    """The software matching ``filters``, by name (without the related rows: see ``with_related``)."""
    found = Software.objects.all()
    if filters.country is not None:
        found = found.filter(country=filters.country)
    if filters.status:
        found = found.filter(development_status=filters.status)
    if filters.category:
        found = found.filter(
            Exists(SoftwareCategory.objects.filter(software=OuterRef("pk"), code=filters.category))
        )
    if filters.q:
        found = found.filter(
            Q(name__icontains=filters.q)
            | Exists(
                SoftwareDescription.objects.filter(software=OuterRef("pk")).filter(
                    Q(short_description__icontains=filters.q)
                    | Q(long_description__icontains=filters.q)
                    | Q(localised_name__icontains=filters.q)
                )
            )
        )
    return found.order_by("name", "pk")


@dataclass(frozen=True)
class Facet:
    value: str
    label: str
    count: int


@dataclass
class Facets:
    countries: list[Facet] = field(default_factory=list)
    categories: list[Facet] = field(default_factory=list)
    statuses: list[Facet] = field(default_factory=list)


def facets(filters: Filters) -> Facets:
    """For each facet, how many software match each of its values with the other filters applied."""
    name = localized_column("country__name")
    by_country = (
        catalogue(replace(filters, country=None))
        .order_by()
        .values("country__iso3", name)
        .annotate(n=Count("pk"))
    )
    by_status = (
        catalogue(replace(filters, status="")).order_by().values("development_status").annotate(n=Count("pk"))
    )
    # A software has each category once (software_category_unique), so counting rows counts software;
    # with no other filter every software is in, and the subquery would only cost a scan.
    others = replace(filters, category="")
    categorised = SoftwareCategory.objects.all()
    if others != Filters():
        categorised = categorised.filter(software__in=catalogue(others).values("pk"))
    by_category = categorised.order_by().values("code").annotate(n=Count("pk"))
    return Facets(
        countries=sorted(
            (Facet(row["country__iso3"], row[name], row["n"]) for row in by_country), key=lambda f: f.label
        ),
        statuses=[
            Facet(code, str(DEVELOPMENT_STATUS_LABELS[code]), counts[code])
            for counts in [{row["development_status"]: row["n"] for row in by_status}]
            for code in DEVELOPMENT_STATUSES
            if counts.get(code)
        ],
        categories=sorted(
            (Facet(row["code"], category_label(row["code"]), row["n"]) for row in by_category),
            key=lambda f: (-f.count, f.label),
        ),
    )


def software_by_slug(slug: str) -> Software | None:
    return next(iter(with_related(Software.objects.filter(slug=slug))), None)


def published_solutions(software: Software) -> list[Solution]:
    """The published solutions that use ``software``: prefetched by ``with_related``, else read now."""
    found = getattr(software, "published_solutions", None)
    if found is None:
        found = list(software.solutions.published().select_related("country").order_by("name_key", "pk"))
    return list(found)


def related_software(solution: Solution) -> list[Software]:
    """The software of the catalogue that ``solution`` uses, by name, with their owning country."""
    return list(solution.software.select_related("country").order_by("name", "pk"))


def adopting_countries(software: Software) -> list[Country]:
    """The countries that use it (not abandoned), from the prefetched adoptions."""
    found = {
        a.country.pk: a.country for a in software.adoptions.all() if a.status != AdoptionStatus.ABANDONED
    }
    return sorted(found.values(), key=lambda country: country.name)


def contributing_countries(software: Software) -> list[Country]:
    found = {c.country.pk: c.country for c in software.contributions.all()}
    return sorted(found.values(), key=lambda country: country.name)


# Lineage -------------------------------------------------------------------------------------------------

MAX_DEPTH = 20


@dataclass
class Node:
    slug: str
    name: str
    country: str
    current: bool = False
    children: list[Node] = field(default_factory=list)


def lineage(software: Software) -> tuple[Node | None, list[str]]:
    """The family tree of ``software`` through ``isBasedOn``: from its oldest known ancestor in the
    catalogue down to every variant, and the addresses of origins outside the catalogue. One query per
    generation, at most ``MAX_DEPTH``; a loop in the data ends the walk."""
    rows = Software.objects.select_related("country").only("pk", "slug", "name", "url", "country__iso3")
    # Up: follow the first origin found in the catalogue.
    root = software
    seen = {software.pk}
    outside: list[str] = []
    for depth in range(MAX_DEPTH):
        bases = (
            [row.url for row in root.base_rows.all()]
            if depth == 0
            else list(SoftwareBase.objects.filter(software=root).values_list("url", flat=True))
        )
        if not bases:
            break
        parents = {row.url: row for row in rows.filter(url__in=bases)}
        if depth == 0:
            outside = [url for url in bases if url not in parents]
        parent = next((parents[url] for url in bases if url in parents), None)
        if parent is None or parent.pk in seen:
            break
        seen.add(parent.pk)
        root = parent
    if root.pk == software.pk and not SoftwareBase.objects.filter(url=software.url).exists():
        return None, outside
    # Down: every variant of each generation.
    top = Node(root.slug, root.name, root.country.iso3, current=root.pk == software.pk)
    level = {root.url: top}
    placed = {root.pk}
    for _depth in range(MAX_DEPTH):
        if not level:
            break
        children = (
            SoftwareBase.objects.filter(url__in=list(level))
            .select_related("software__country")
            .order_by("software__name", "software__pk")
        )
        following: dict[str, Node] = {}
        for base in children:
            child = base.software
            if child.pk in placed:
                continue
            placed.add(child.pk)
            node = Node(child.slug, child.name, child.country.iso3, current=child.pk == software.pk)
            level[base.url].children.append(node)
            following[child.url] = node
        level = following
    return top, outside


# Reuse figures -------------------------------------------------------------------------------------------


@dataclass
class CountryReuse:
    country: Country
    shared: int = 0  # software it owns
    reused: int = 0  # software of other countries it uses
    contributed: int = 0  # software it contributed to
    adopters: int = 0  # other countries using its software


def _reuse() -> list[CountryReuse]:
    table: dict[int, CountryReuse] = {}
    countries = {country.pk: country for country in Country.objects.all()}

    def row(pk: int) -> CountryReuse:
        if pk not in table:
            table[pk] = CountryReuse(countries[pk])
        return table[pk]

    for item in Software.objects.order_by().values("country").annotate(n=Count("pk")):
        row(item["country"]).shared = item["n"]
    others = Adoption.objects.filter(IN_USE).exclude(country=F("software__country")).order_by()
    for item in others.values("country").annotate(n=Count("software", distinct=True)):
        row(item["country"]).reused = item["n"]
    for item in (
        Contribution.objects.order_by().values("country").annotate(n=Count("software", distinct=True))
    ):
        row(item["country"]).contributed = item["n"]
    for owner in others.values("software__country").annotate(n=Count("country", distinct=True)):
        row(owner["software__country"]).adopters = owner["n"]
    return sorted(table.values(), key=lambda r: (-(r.shared + r.reused + r.contributed), r.country.name))


def reuse_per_country() -> list[CountryReuse]:
    """Per country with any software activity: what it shares, reuses and contributed to. Cached until
    the catalogue changes; the country names are read in the active language."""
    return figures(FIGURES, "reuse", _reuse)


@dataclass
class SoftwareReuse:
    software: Software  # with its owning country
    adopting: int  # other countries using it in production or piloting
    contributing: int  # countries that contributed to it


MOST_REUSED = 20
# Reuse proper: past evaluating, not abandoned.
REUSE_STATUSES = (AdoptionStatus.IN_PRODUCTION, AdoptionStatus.PILOTING)


def _most_reused() -> list[SoftwareReuse]:
    reusing = Q(adoptions__status__in=REUSE_STATUSES) & ~Q(adoptions__country=F("country"))
    found = (
        Software.objects.select_related("country")
        .annotate(
            adopting=Count("adoptions__country", filter=reusing, distinct=True),
            contributing=Count("contributions__country", distinct=True),
        )
        .filter(adopting__gt=0)
        .order_by("-adopting", "-contributing", "name", "pk")[:MOST_REUSED]
    )
    return [SoftwareReuse(row, row.adopting, row.contributing) for row in found]


def most_reused() -> list[SoftwareReuse]:
    """The software that most other countries use in production or piloting, with how many countries
    contributed to it; at most ``MOST_REUSED``, in one query, cached until the catalogue changes."""
    return figures(FIGURES, "most-reused", _most_reused)


def country_reuse(country: Country) -> dict[str, Any]:
    """The country page's section: its software, what it uses of others, what it contributed to."""
    own = list(Software.objects.filter(country=country).order_by("name", "pk")[:20])
    contributed = list(
        Contribution.objects.filter(country=country)
        .select_related("software")
        .order_by("software__name", "pk")[:20]
    )
    others = Adoption.objects.filter(IN_USE).exclude(country=F("software__country"))
    # The adoptions read here are the country's own and those of its software, nobody else's.
    with reads_parts(Adoption, parts=[adoptions_by(country.pk), adoptions_from(country.pk)]):
        used = list(
            Adoption.objects.filter(country=country)
            .select_related("software", "software__country", "institution")
            .order_by("software__name", "pk")[:20]
        )
        reused = others.filter(country=country).values("software").distinct().count()
        adopters = others.filter(software__country=country).values("country").distinct().count()
    figures_row = CountryReuse(
        country,
        shared=Software.objects.filter(country=country).count(),
        reused=reused,
        contributed=Contribution.objects.filter(country=country).values("software").distinct().count(),
        adopters=adopters,
    )
    return {"own": own, "used": used, "contributed": contributed, "figures": figures_row, "country": country}


# Maps of the adopters ------------------------------------------------------------------------------------

OWNER, ADOPTER = 0, 1
# The colours of the reuse chart's series (``views.reuse_chart``): blue shares, orange reuses.
SHARING, REUSING = 0, 1


def adopters_map(software: Software) -> TileMap:
    """The member countries, the owner and those using ``software`` (not abandoned) marked, from the
    prefetched adoptions."""
    marks = {country.iso3: ADOPTER for country in adopting_countries(software)}
    marks[software.country.iso3] = OWNER
    return marked_map(
        Country.objects.members().by_name(),
        marks,
        [gettext_lazy("Owning country"), gettext_lazy("Uses it")],
        others=gettext_lazy("Other member countries"),
    )


def reuse_map(rows: list[CountryReuse]) -> TileMap:
    """The member countries that only share their own software, and those that reuse software of others,
    in the colours of the reuse chart's Shared and Reused."""
    marks = {row.country.iso3: REUSING for row in rows if row.reused}
    marks.update({row.country.iso3: SHARING for row in rows if row.shared and not row.reused})
    return marked_map(
        Country.objects.members().by_name(),
        marks,
        [gettext_lazy("Shares its own software only"), gettext_lazy("Reuses software of other countries")],
        others=gettext_lazy("Other member countries"),
    )


def per_country_adoptions(adoptions: list[Adoption]) -> dict[str, list[Adoption]]:
    grouped: dict[str, list[Adoption]] = defaultdict(list)
    for adoption in adoptions:
        grouped[adoption.country.iso3].append(adoption)
    return grouped
