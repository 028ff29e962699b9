from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import pgettext

from gealc.core.text import render_rich_text

register = template.Library()


@register.filter
def rich_text(value: str) -> SafeString:
    """Show user-written rich text: sanitised HTML, never raw."""
    return render_rich_text(value)


@register.filter
def host(url: str) -> str:
    """The site of an address, as a link's short text: "https://www.gub.uy/agesic" reads "gub.uy"."""
    from urllib.parse import urlsplit

    name = urlsplit(url or "").hostname or url or ""
    return name.removeprefix("www.")


@register.filter
def percent(value: object) -> str:
    """A fraction (0.5) as a percentage in the active language's number format ("50 %" in French)."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value)) * 100
    shown = number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
    return pgettext("a percentage", "%(number)s%%") % {"number": number_format(shown)}
