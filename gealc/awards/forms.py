"""The catalogue's forms. They only read input: the services check and write, and their refusals come
back next to the field they name."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gealc.awards.models import Goal, SolutionStatus, Theme
from gealc.core.forms import add_text_fields, texts_from
from gealc.core.languages import language_name
from gealc.members.models import Country, Institution

SPOKEN = ("es", "en", "pt", "fr", "nl")
TEXT_FIELDS = (
    ("name", _("Name"), 200, False),
    ("problem", _("Problem addressed"), 5000, True),
    ("description", _("What it does"), 5000, True),
    ("results", _("Results and impact"), 5000, True),
)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the country"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


def _figures_text(figures: list[dict[str, Any]]) -> str:
    return "\n".join(
        " | ".join(part for part in (figure["label"], figure["value"], figure.get("unit", "")) if part)
        for figure in figures
    )


class SolutionForm(forms.Form):
    """Every field of a solution, its texts in each of the network's languages."""

    def __init__(self, *args: Any, countries: list[Country], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            chosen = Country.objects.filter(pk__in=[each.pk for each in countries]).by_name()
            self.fields["country"] = forms.ModelChoiceField(
                label=_("Country"),
                queryset=chosen,
                to_field_name="iso3",
                initial=countries[0].iso3 if len(countries) == 1 else None,
            )
        self.fields["original_language"] = forms.ChoiceField(
            label=_("Original language"),
            choices=settings.LANGUAGES,
            help_text=_(
                "The language the texts were first written in: its name and description are required."
            ),
        )
        for name, label, max_length, textarea in TEXT_FIELDS:
            add_text_fields(self, name, label, max_length=max_length, textarea=textarea)
        self.fields["figures"] = forms.CharField(
            label=_("Results in figures"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_(
                "One figure a line: label | number | unit, e.g. “Procedures online | 1200 | procedures”."
            ),
        )
        self.fields["theme"] = forms.ModelChoiceField(
            label=_("Theme"), queryset=Theme.objects.all(), to_field_name="code"
        )
        self.fields["goals"] = forms.ModelMultipleChoiceField(
            label=_("Sustainable Development Goals"),
            queryset=Goal.objects.all(),
            to_field_name="number",
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields["institution"] = forms.ModelChoiceField(
            label=_("Institution"),
            queryset=Institution.objects.filter(country__in=countries).order_by("name"),
            required=False,
        )
        self.fields["url"] = forms.URLField(label=_("Web address"), required=False, assume_scheme="https")
        self.fields["year_started"] = forms.IntegerField(
            label=_("Year started"), required=False, min_value=1990, max_value=2100
        )
        self.fields["status"] = forms.ChoiceField(
            label=_("Status"), choices=SolutionStatus.choices, initial=SolutionStatus.OPERATION
        )
        self.fields["tags"] = forms.CharField(
            label=_("Tags"), required=False, max_length=900, help_text=_("Separated by commas.")
        )
        self.fields["languages"] = forms.MultipleChoiceField(
            label=_("Languages of the solution"),
            choices=[(code, language_name(code)) for code in SPOKEN],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields["contact_name"] = forms.CharField(
            label=_("Contact name"), required=False, max_length=200, help_text=_("Never shown to the public.")
        )
        self.fields["contact_email"] = forms.EmailField(
            label=_("Contact e-mail"), required=False, help_text=_("Never shown to the public.")
        )

    def clean_figures(self) -> list[dict[str, str]]:
        figures = []
        for number, line in enumerate((self.cleaned_data.get("figures") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) < 2 or len(parts) > 3:
                raise forms.ValidationError(
                    _("Line %(line)d: write label | number | unit.") % {"line": number}
                )
            try:
                Decimal(parts[1].replace(",", ""))
            except InvalidOperation:
                raise forms.ValidationError(
                    _("Line %(line)d: %(value)r is not a number.") % {"line": number, "value": parts[1]}
                ) from None
            figures.append(
                {"label": parts[0], "value": parts[1], "unit": parts[2] if len(parts) == 3 else ""}
            )
        return figures

    def service_input(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **{name: texts_from(data, name) for name, *_rest in TEXT_FIELDS},
            "original_language": data["original_language"],
            "theme": data["theme"].code,
            "figures": data["figures"],
            "goals": [goal.number for goal in data["goals"]],
            "institution": data["institution"],
            "url": data["url"],
            "year_started": data["year_started"],
            "status": data["status"],
            "tags": [tag for tag in (data["tags"] or "").split(",") if tag.strip()],
            "languages": data["languages"],
            "contact_name": data["contact_name"],
            "contact_email": data["contact_email"],
        }

    @staticmethod
    def initial_from(solution: Any) -> dict[str, Any]:
        from gealc.core.forms import text_fields_initial

        return {
            **text_fields_initial(solution, *(name for name, *_rest in TEXT_FIELDS)),
            "original_language": solution.original_language,
            "figures": _figures_text(solution.figures),
            "theme": solution.theme.code,
            "goals": [goal.number for goal in solution.goals.all()],
            "institution": solution.institution_id,
            "url": solution.url,
            "year_started": solution.year_started,
            "status": solution.status,
            "tags": ", ".join(solution.tags),
            "languages": solution.languages,
            "contact_name": solution.contact_name,
            "contact_email": solution.contact_email,
        }


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file of the catalogue"), help_text=_("UTF-8, with a header line."))
