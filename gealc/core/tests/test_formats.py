import datetime

import pytest
from django.template import Context, Template
from django.utils import translation


def shown(template: str, language: str, **context: object) -> str:
    with translation.override(language):
        return Template(template).render(Context(context))


@pytest.mark.parametrize(
    ("language", "date", "short", "moment"),
    [
        ("en", "26 Oct 2015", "1 Mar 2027", "1 Mar 2027, 14:30"),
        ("es", "26 oct 2015", "1 mar 2027", "1 mar 2027, 14:30"),
        ("pt", "26 out 2015", "1 mar 2027", "1 mar 2027, 14:30"),
        ("fr", "26 oct. 2015", "1 mars 2027", "1 mars 2027, 14:30"),
    ],
)
def test_a_date_reads_the_same_way_on_every_page_of_a_language(language, date, short, moment):
    meeting = datetime.date(2015, 10, 26)
    mission = datetime.date(2027, 3, 1)
    at = datetime.datetime(2027, 3, 1, 14, 30)

    assert shown("{{ day }}", language, day=meeting) == date
    assert shown("{{ day|date }}", language, day=meeting) == date
    # SHORT_DATE_FORMAT no longer reads "03/01/2027", which a Uruguayan reads as 3 January.
    assert shown('{{ day|date:"SHORT_DATE_FORMAT" }}', language, day=mission) == short
    assert shown('{{ at|date:"SHORT_DATETIME_FORMAT" }}', language, at=at) == moment
    assert shown('{{ at|date:"DATETIME_FORMAT" }}', language, at=at) == moment


def test_french_tells_june_from_july():
    june = shown("{{ day }}", "fr", day=datetime.date(2027, 6, 1))
    july = shown("{{ day }}", "fr", day=datetime.date(2027, 7, 1))

    assert (june, july) == ("1 juin 2027", "1 juil. 2027")


@pytest.mark.parametrize(
    ("language", "amount"), [("en", "100,000"), ("es", "100.000"), ("fr", "100\u202f000")]
)
def test_amounts_are_grouped_in_the_language_but_years_never_are(language, amount):
    from django.utils.formats import number_format

    with translation.override(language):
        assert number_format(100000, 0, force_grouping=True) == amount
    assert shown("{{ year }}", language, year=2026) == "2026"


@pytest.mark.parametrize(
    ("language", "half", "two_thirds"),
    [
        ("en", "50%", "66.7%"),
        ("es", "50\u00a0%", "66,7\u00a0%"),
        ("pt", "50%", "66,7%"),
        ("fr", "50\u202f%", "66,7\u202f%"),
    ],
)
def test_a_fraction_of_the_rules_reads_as_a_percentage(language, half, two_thirds):
    from decimal import Decimal

    assert shown("{% load gealc %}{{ value|percent }}", language, value=Decimal("0.500")) == half
    assert shown("{% load gealc %}{{ value|percent }}", language, value=Decimal("0.667")) == two_thirds
