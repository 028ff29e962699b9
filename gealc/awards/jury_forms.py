"""Forms of the jury's and the delegations' pages; each hands its cleaned data to the service of its step
(``scores_save``, ``conflict_declare``, ``final_vote_cast``), which checks the rules again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gealc.awards import ranking
from gealc.awards.models import Criterion, Submission


def score_field_name(criterion: Criterion) -> str:
    return f"score_{criterion.code}"


class ScoresForm(forms.Form):
    """One whole-number score from 0 to 10 per criterion of the edition, and the juror's comment."""

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[score_field_name(criterion)] = forms.IntegerField(
                label=criterion.name,
                min_value=0,
                max_value=ranking.MAX_SCORE,
                help_text=_("Weight %(weight)d of 100. A whole number from 0 to 10.")
                % {"weight": criterion.weight},
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1, "class": "w-auto"}),
            )
        self.fields["comment"] = forms.CharField(
            label=_("Comment"),
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text=_("What you saw in the submission: the Secretariat reads it with your scores."),
        )

    def scores(self) -> dict[str, int]:
        return {c.code: self.cleaned_data[score_field_name(c)] for c in self.criteria}


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you cannot judge this submission impartially"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The Secretariat reads it and assigns the submission to another juror."),
    )


class FinalistSelect(forms.RadioSelect):
    """Radio buttons whose options listed in ``disabled`` are shown but cannot be chosen."""

    def __init__(self, *args: Any, disabled: set[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.disabled = disabled or set()

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        if str(value) in self.disabled:
            option["attrs"]["disabled"] = True
        return option


class VoteForm(forms.Form):
    """The country's vote in one category: one of its finalists. The country's own submissions are
    listed, disabled; the service refuses them if they are sent all the same."""

    def __init__(self, *args: Any, finalists: list[Submission], own: list[Submission], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        disabled = {str(finalist.pk) for finalist in own}
        self.fields["submission"] = forms.TypedChoiceField(
            label=_("Finalist"),
            coerce=int,
            choices=[
                (
                    finalist.pk,
                    f"{finalist.solution.name} — {finalist.country.name}"
                    + (f" ({_('your country: not selectable')})" if str(finalist.pk) in disabled else ""),
                )
                for finalist in finalists
            ],
            widget=FinalistSelect(disabled=disabled),
        )
