from collections.abc import Iterator

import pytest
from django.test import Client

from gealc.core import opendata


@pytest.fixture
def a_new_dataset() -> Iterator[opendata.Dataset]:
    dataset = opendata.Dataset.at(
        "Award editions and their winners",
        "/api/v1/awards/editions",
        "/api/v1/awards/editions/{id}",
        order=95,
    )
    opendata.register(dataset)
    yield dataset
    opendata.unregister(dataset)


def test_the_page_lists_the_datasets_each_app_registers(db):
    html = Client().get("/open-data/").content.decode()

    assert '<a href="/api/v1/countries"><code>/api/v1/countries</code></a>' in html
    assert '<a href="/api/v1/committee"><code>/api/v1/committee?date=YYYY-MM-DD</code></a>' in html
    assert "<td>Horizontal Cooperation Fund: calls and their budgets</td>" in html


def test_a_dataset_an_app_registers_appears_on_the_page_in_its_place(db, a_new_dataset):
    html = Client().get("/open-data/").content.decode()

    row = html[html.index("<td>Award editions and their winners</td>") :].split("</tr>")[0]
    assert (
        '<a href="/api/v1/awards/editions"><code>/api/v1/awards/editions</code></a>, '
        "<code>/api/v1/awards/editions/{id}</code>"
    ) in row
    # Between the fund's calls (order 90) and its requests (order 100).
    assert html.index("calls and their budgets") < html.index("Award editions") < html.index("flows between")


def test_a_dataset_is_listed_once_however_often_it_is_registered(db, a_new_dataset):
    opendata.register(a_new_dataset)

    assert opendata.datasets().count(a_new_dataset) == 1
    assert Client().get("/open-data/").content.decode().count("Award editions and their winners") == 1
