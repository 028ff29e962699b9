from django import template
from django.utils.safestring import SafeString

from gealc.core.text import render_rich_text

register = template.Library()


@register.filter
def rich_text(value: str) -> SafeString:
    """Show user-written rich text: sanitised HTML, never raw."""
    return render_rich_text(value)
