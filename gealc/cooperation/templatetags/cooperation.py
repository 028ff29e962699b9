from django import template

from gealc.core.languages import language_list

register = template.Library()


@register.filter
def language_names(codes: list[str]) -> str:
    """``["es", "pt"]`` → "Spanish, Portuguese" in the reader's language."""
    return language_list(list(codes or []))
