from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gealc.governance.models import VoteOption


class VoteForm(forms.Form):
    option = forms.ChoiceField(
        label=_("Your country's vote"), choices=VoteOption.choices, widget=forms.RadioSelect
    )
    confirm = forms.BooleanField(label=_("I confirm this vote; it cannot be changed."), required=True)


class BallotForm(forms.Form):
    """One group of checkboxes per contest, at most as many ticks as the contest has seats."""

    def __init__(self, *args: Any, contests: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.contests = contests
        for contest in contests:
            self.fields[f"contest_{contest['key']}"] = forms.MultipleChoiceField(
                label=contest["label"],
                choices=[(country.iso3, country.name) for country in contest["candidate_countries"]],
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=_("Choose up to %(seats)d.") % {"seats": contest["seats"]},
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for contest in self.contests:
            name = f"contest_{contest['key']}"
            if len(cleaned.get(name, [])) > contest["seats"]:
                self.add_error(name, _("Choose at most %(seats)d.") % {"seats": contest["seats"]})
        return cleaned

    def choices(self) -> dict[str, list[str]]:
        return {
            contest["key"]: list(self.cleaned_data.get(f"contest_{contest['key']}", []))
            for contest in self.contests
        }


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    evidence = forms.URLField(label=_("Evidence (link)"), required=False, assume_scheme="https")
