"""Forms of the Excellence Award's pages; each hands its cleaned data to the service of its step."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gealc.awards.models import Edition, Solution
from gealc.core.forms import DateInput


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(each, initial) for each in data if each]
        return [single(data, initial)] if data else []


class SubmissionForm(forms.Form):
    """A country's candidacy: which of its published solutions, in which category, since when it is in
    operation, the answers to the edition's questions and the attachments."""

    def __init__(self, *args: Any, edition: Edition, solutions: list[Solution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["solution"] = forms.TypedChoiceField(
            label=_("Solution"),
            coerce=int,
            choices=[(s.pk, f"{s.name} — {s.country.name}") for s in solutions],
            help_text=_("One of your country's solutions published in the catalogue."),
        )
        self.fields["category"] = forms.ChoiceField(
            label=_("Category"), choices=[(c.code, c.name) for c in edition.categories.all()]
        )
        self.fields["in_operation_since"] = forms.DateField(
            label=_("In operation since"), widget=DateInput(), help_text=_("The day the solution went live.")
        )
        for question in edition.questions.all():
            self.fields[f"answers_{question.code}"] = forms.CharField(
                label=question.name, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
            )
        self.fields["files"] = MultipleFileField(
            label=_("Attachments"),
            required=False,
            help_text=_("Up to 5 files (PDF, images, office documents), 10 MB each."),
        )

    def service_input(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "in_operation_since": data["in_operation_since"],
            "answers": {q.code: data.get(f"answers_{q.code}", "") for q in self.edition.questions.all()},
            "files": data.get("files") or [],
        }
