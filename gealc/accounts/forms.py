from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(label=_("What the token is for"), max_length=100, required=False)
    days = forms.IntegerField(
        label=_("Expires after (days)"), min_value=1, max_value=3650, required=False, initial=90
    )


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account will be closed and my name, e-mail and phone removed."),
        required=True,
    )
