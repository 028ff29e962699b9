"""The catalogue's forms: importing a publiccode.yml, the network's data of a software, recording an
adoption and a contribution."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gealc.awards.models import Solution, SolutionState
from gealc.core.forms import DateInput
from gealc.core.i18n import current_language
from gealc.groups.models import WorkingGroup
from gealc.members.models import Country, Institution
from gealc.software.models import AdoptionStatus
from gealc.software.publiccode import MAX_BYTES


class CountryChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class InstitutionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Institutions of several countries: each named with its country."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} — {obj.country.name}"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("publiccode.yml file"),
        required=False,
        help_text=_("Upload the file, or paste its text below."),
    )
    text = forms.CharField(
        label=_("Or paste the file"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false", "class": "font-monospace"}),
    )
    country = CountryChoiceField(
        label=_("Owning country"),
        queryset=Country.objects.none(),
        required=False,
        help_text=_("For a software new to the catalogue; an existing one keeps its country."),
    )
    institution = InstitutionChoiceField(
        label=_("Owning institution"),
        queryset=Institution.objects.none(),
        required=False,
        help_text=_(
            "Optional, for a software new to the catalogue: an institution of the owning country; leave "
            "empty for the country as a whole."
        ),
    )

    def __init__(self, *args: Any, countries: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = countries if countries is not None else Country.objects.none()
        cast("forms.ModelChoiceField[Any]", self.fields["country"]).queryset = choices
        if len(choices) == 1:  # a delegate of one country: the software is theirs
            self.fields["country"].initial = choices[0].pk
        cast("forms.ModelChoiceField[Any]", self.fields["institution"]).queryset = (
            Institution.objects.filter(country__in=choices).select_related("country").order_by("name", "pk")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None and (data.get("text") or "").strip():
            self.add_error(
                "text", _("Give either the file or its pasted text, not both: clear the text or the file.")
            )
            return data
        if upload is not None:
            if upload.size > MAX_BYTES:
                self.add_error("file", _("The file is larger than 1 MiB."))
                return data
            raw = upload.read()
            try:
                data["content"] = raw.decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("file", _("The file is not UTF-8 text."))
        elif (data.get("text") or "").strip():
            data["content"] = data["text"].replace("\r\n", "\n")
        else:
            self.add_error("text", _("Upload a publiccode.yml or paste its text."))
        return data


class SolutionChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} — {obj.country.name}"


class WorkingGroupChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class SoftwareForm(forms.Form):
    """What the network adds to a software's publiccode.yml: its owning institution, the solutions of
    the catalogue that use it and the working group it belongs to."""

    institution = forms.ModelChoiceField(
        label=_("Owning institution"),
        queryset=Institution.objects.none(),
        required=False,
        help_text=_("An institution of the owning country; leave empty for the country as a whole."),
    )
    solutions = SolutionChoiceField(
        label=_("Solutions that use it"),
        queryset=Solution.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Published solutions of the catalogue built on this software, of any country."),
    )
    working_group = WorkingGroupChoiceField(
        label=_("Working group"),
        queryset=WorkingGroup.objects.none(),
        required=False,
        to_field_name="slug",
        help_text=_("The network's working group the software belongs to; leave empty for none."),
    )

    def __init__(self, *args: Any, software: Any, **kwargs: Any) -> None:
        linked = list(software.solutions.values_list("pk", flat=True))
        kwargs.setdefault(
            "initial",
            {
                "institution": software.institution_id,
                "solutions": linked,
                "working_group": software.working_group.slug if software.working_group else None,
            },
        )
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Any]", self.fields["institution"]).queryset = Institution.objects.filter(
            country=software.country_id
        ).order_by("name")
        # The published ones, and those linked before that are no longer published (they keep their link).
        cast("forms.ModelMultipleChoiceField[Any]", self.fields["solutions"]).queryset = (
            Solution.objects.filter(Q(state=SolutionState.PUBLISHED) | Q(pk__in=linked))
            .select_related("country")
            .order_by("name_key", "pk")
        )
        # The active groups, and the one it belongs to even once that one has ended.
        cast(
            "forms.ModelChoiceField[Any]", self.fields["working_group"]
        ).queryset = WorkingGroup.objects.filter(
            Q(pk__in=WorkingGroup.objects.active()) | Q(pk=software.working_group_id)
        ).by_name()


class AdoptionForm(forms.Form):
    country = CountryChoiceField(label=_("Country"), queryset=Country.objects.none())
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.none(),
        required=False,
        help_text=_("Leave empty when the country as a whole uses it."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=AdoptionStatus.choices)
    since = forms.DateField(label=_("In use since"), required=False, widget=DateInput)
    version = forms.CharField(label=_("Version in use"), required=False, max_length=100)
    evidence_url = forms.URLField(
        label=_("Evidence link"), required=False, max_length=500, assume_scheme="https",
        help_text=_("A public page that shows the software in use."),
    )  # fmt: skip

    def __init__(self, *args: Any, countries: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Any]", self.fields["country"]).queryset = countries
        if len(countries) == 1:  # a delegate of one country: nothing to choose
            self.fields["country"].initial = countries[0].pk
        cast("forms.ModelChoiceField[Any]", self.fields["institution"]).queryset = Institution.objects.filter(
            country__in=countries
        ).order_by("name")


class ContributionForm(forms.Form):
    country = CountryChoiceField(label=_("Country"), queryset=Country.objects.none())
    institution = forms.ModelChoiceField(
        label=_("Institution"), queryset=Institution.objects.none(), required=False
    )
    what = forms.CharField(
        label=_("What was contributed"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=settings.LANGUAGES)
    contributed_on = forms.DateField(label=_("When"), required=False, widget=DateInput)

    def __init__(self, *args: Any, countries: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Any]", self.fields["country"]).queryset = countries
        if len(countries) == 1:  # a delegate of one country: nothing to choose
            self.fields["country"].initial = countries[0].pk
        cast("forms.ModelChoiceField[Any]", self.fields["institution"]).queryset = Institution.objects.filter(
            country__in=countries
        ).order_by("name")
        self.fields["language"].initial = current_language()
