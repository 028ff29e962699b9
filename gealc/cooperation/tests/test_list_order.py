"""The API's lists of experts and requests read one page in the order of an index: the database never
sorts the whole roster or every request to find it (PostgreSQL's plan shows no sort; on every database an
index holds the ordering columns in order)."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.db.models import QuerySet

from gealc.cooperation import selectors
from gealc.cooperation.models import CooperationRequest
from gealc.members.models import Person


def _sorts(queryset: QuerySet) -> bool:
    """Whether PostgreSQL, told to avoid sorting if it can, still sorts to read the first page."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_sort = off")
        return "Sort" in queryset[:20].explain()


def _indexed(table: str, columns: list[str]) -> bool:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return any(found["index"] and found["columns"] == columns for found in constraints.values())


def test_a_page_of_the_public_roster_is_read_in_the_order_of_an_index(fund):
    roster = selectors.experts(AnonymousUser()).prefetch_related(None)

    assert roster.query.order_by == ("person__name", "person_id")
    assert _indexed(Person._meta.db_table, ["name", "id"])
    if connection.vendor == "postgresql":
        assert not _sorts(roster)


def test_a_page_of_the_requests_is_read_in_the_order_of_an_index(fund):
    fund.request_in("approved")
    requests = selectors.request_list(AnonymousUser()).prefetch_related(None)

    assert requests.query.order_by == ("-created_at", "-pk")
    assert _indexed(CooperationRequest._meta.db_table, ["created_at", "id"])
    if connection.vendor == "postgresql":
        assert not _sorts(requests)
