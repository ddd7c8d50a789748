from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action begins with"), required=False, max_length=80)
    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The end date comes before the start date."))
        return data

    def apply(self, entries):
        data = self.cleaned_data
        if data.get("action"):
            entries = entries.filter(action__startswith=data["action"])
        if data.get("user"):
            entries = entries.filter(actor_label__iexact=data["user"])
        if data.get("start"):
            entries = entries.filter(at__date__gte=data["start"])
        if data.get("end"):
            entries = entries.filter(at__date__lte=data["end"])
        return entries
