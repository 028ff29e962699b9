"""How every form of the platform renders: django-bootstrap5, with the habits of public-service forms.

``{% bootstrap_form form %}`` (or ``{% bootstrap_field field %}``) renders through the two classes below,
which the ``BOOTSTRAP5`` setting names:

- a summary of every error opens the form, each entry linking to its field, and each error is repeated
  next to the field it concerns; a refused form shows what was typed;
- a group of checkboxes or radio buttons is a fieldset whose legend names the group, with one
  ``form-check`` per option;
- no placeholders (they disappear while one types and are taken for values) and no green "valid" marks
  on the fields that were right.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django_bootstrap5 import renderers

from gealc.core.errors import ServiceError
from gealc.core.i18n import localized_column

# Translated texts: one field per network language ----------------------------------------------------


def _language_label(label: str | Promise, code: str) -> str:
    return f"{label} ({dict(settings.LANGUAGES)[code]})"


def add_text_fields(
    form: forms.Form, name: str, label: str | Promise, *, max_length: int | None, textarea: bool = False
) -> None:
    """One field per network language for the translated text ``name`` (``title_en``, ``title_es``...).

    The service says which one is required (the original language's), so none is required here."""
    for code in settings.LANGUAGE_CODES:
        form.fields[f"{name}_{code}"] = forms.CharField(
            label=_language_label(label, code),
            max_length=max_length,
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}) if textarea else forms.TextInput(),
        )


def text_fields_initial(obj: Any, *names: str) -> dict[str, str]:
    return {
        f"{name}_{code}": getattr(obj, localized_column(name, code), "")
        for name in names
        for code in settings.LANGUAGE_CODES
    }


def texts_from(data: dict[str, Any], name: str) -> dict[str, str]:
    """The texts of ``name`` by language, as the services take them."""
    return {code: data.get(f"{name}_{code}") or "" for code in settings.LANGUAGE_CODES}


def add_service_error(form: forms.BaseForm, exc: ServiceError) -> None:
    """The service's refusal next to the field it names (``title.es`` is the field ``title_es``), or at the
    top of the form when it names none of its fields."""
    field = (exc.field or "").replace(".", "_")
    form.add_error(field if field in form.fields else None, exc.message)


class DateInput(forms.DateInput):
    """A date picker: the browser's own control, given the ISO date it expects whatever the language."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


# Classes that style one control; never the class of a group of options.
CONTROL_CLASSES = frozenset({"form-check-input", "form-control", "form-select", "form-range", "btn-check"})


class FormRenderer(renderers.FormRenderer):
    form_errors_template = "core/form_errors.html"

    def __init__(self, form: forms.BaseForm, **kwargs: Any) -> None:
        kwargs.setdefault("alert_error_type", "all")
        kwargs.setdefault("set_placeholder", False)
        super().__init__(form, **kwargs)


class FieldRenderer(renderers.FieldRenderer):
    def __init__(self, field: forms.BoundField, **kwargs: Any) -> None:
        kwargs.setdefault("set_placeholder", False)
        super().__init__(field, **kwargs)

    def get_server_side_validation_classes(self) -> str:
        return "is-invalid" if self.field_errors else ""

    def add_widget_class_attrs(self, widget: forms.Widget | None = None) -> None:
        super().add_widget_class_attrs(widget)
        widget = widget or self.widget
        if isinstance(widget, forms.RadioSelect):
            # The widget's class goes on the container of the options, not on each option (the template
            # gives every input its own form-check-input). A control's class there, such as a single
            # checkbox's form-check-input, would squeeze the whole list into one 1em box drawn over the
            # fields after it.
            kept = [name for name in widget.attrs.get("class", "").split() if name not in CONTROL_CLASSES]
            if kept:
                widget.attrs["class"] = " ".join(kept)
            else:
                widget.attrs.pop("class", None)

    def render(self) -> SafeString:
        excluded = self.field.name in self.exclude.replace(" ", "").split(",")
        if excluded or self.field.is_hidden or not isinstance(self.widget, forms.RadioSelect):
            return super().render()
        # RadioSelect and its subclass CheckboxSelectMultiple: a group of options.
        options = self.get_field_html()
        help_html = self.get_help_html()
        errors = self.get_errors_html()
        described_by = " ".join(
            name
            for name, present in (
                (f"{self.field.auto_id}_helptext", help_html),
                (f"{self.field.auto_id}_error", errors),
            )
            if present
        )
        legend = (
            SafeString()
            if self.show_label == "skip"
            else format_html('<legend class="{} fs-6">{}</legend>', self.get_label_class(), self.label)
        )
        return format_html(
            '<fieldset class="{}"{}>{}{}{}{}</fieldset>',
            self.get_wrapper_classes(),
            format_html_join("", ' aria-describedby="{}"', [(described_by,)] if described_by else []),
            legend,
            help_html,
            options,
            errors,
        )
