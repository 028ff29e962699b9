from django import template
from django.utils.safestring import SafeString

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
