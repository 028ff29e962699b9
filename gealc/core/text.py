"""User-written rich text: sanitised with nh3 before it is stored, and again when it is shown."""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


def sanitize_html(text: str) -> str:
    """Only harmless tags and attributes survive; links get rel=noopener and only safe schemes."""
    return nh3.clean(
        text or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def render_rich_text(text: str) -> SafeString:
    """For templates: cleaned again at output, so a row written around the services is still safe."""
    return mark_safe(sanitize_html(text))  # noqa: S308 - nh3 has just removed everything unsafe
