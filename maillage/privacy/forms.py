from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from maillage.organizations.models import Organization
from maillage.tables.models import Table

from .models import Incident, RetentionRule


class RetentionForm(forms.Form):
    """Every data class of the schedule on one page, each with its legal minimum enforced."""

    def __init__(self, *args, rules: list[RetentionRule], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rules = rules
        for rule in rules:
            self.fields[rule.data_class] = forms.IntegerField(
                label=rule.get_data_class_display(),
                initial=rule.keep_days,
                min_value=rule.minimum_days,
                max_value=100 * 365,
                help_text=ngettext(
                    "Days. At least %(count)d day.",
                    "Days. At least %(count)d days.",
                    rule.minimum_days,
                )
                % {"count": rule.minimum_days},
            )

    def changes(self) -> dict[str, int]:
        return {
            rule.data_class: self.cleaned_data[rule.data_class]
            for rule in self.rules
            if rule.pk is None or self.cleaned_data[rule.data_class] != rule.keep_days
        }


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IncidentForm(forms.ModelForm):
    class Meta:
        model = Incident
        fields = [
            "occurred_on",
            "discovered_on",
            "description",
            "information_concerned",
            "people_affected",
            "people_affected_count",
            "risk",
            "risk_reasons",
            "regulator_notified_on",
            "people_notified_on",
            "measures_taken",
        ]
        widgets = {
            "occurred_on": DATE,
            "discovered_on": DATE,
            "regulator_notified_on": DATE,
            "people_notified_on": DATE,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in [
                    "description",
                    "information_concerned",
                    "people_affected",
                    "risk_reasons",
                    "measures_taken",
                ]
            },
        }

    def clean(self) -> dict:
        data = super().clean() or {}
        occurred, discovered = data.get("occurred_on"), data.get("discovered_on")
        if occurred and discovered and discovered < occurred:
            self.add_error(
                "discovered_on", _("An incident cannot be discovered before it happened.")
            )
        for name in ("regulator_notified_on", "people_notified_on"):
            if data.get(name) and occurred and data[name] < occurred:
                self.add_error(name, _("A notification cannot come before the incident."))
        return data


class AccessReportForm(forms.Form):
    reference = forms.CharField(
        label=_("Person or situation reference"),
        max_length=64,
        required=False,
        help_text=_("For example RMT-0042 (every person of the situation) or RMT-0042-P1."),
    )
    object_id = forms.IntegerField(
        label=_("Vault record number"), required=False, min_value=1, max_value=2**62
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if not data.get("reference") and not data.get("object_id"):
            raise forms.ValidationError(_("Give a reference or a record number."))
        return data


class AuditSampleForm(forms.Form):
    user = forms.CharField(label=_("User name"), max_length=150, required=False)
    organization = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organization.objects.all(), required=False
    )
    table = forms.ModelChoiceField(label=_("Table"), queryset=Table.objects.all(), required=False)
    days = forms.IntegerField(
        label=_("Over the last (days)"), initial=30, min_value=1, max_value=3660, required=False
    )
