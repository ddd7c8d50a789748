from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import RegexValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from maillage.core.audit import actions
from maillage.organizations.models import Organization
from maillage.tables.models import Table

from .models import Incident, RetentionRule
from .retention import NEVER_PURGED


class RetentionForm(forms.Form):
    """Every data class of the schedule on one page, each with its legal minimum enforced."""

    def __init__(self, *args, rules: list[RetentionRule], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Classes kept on purpose have no period to set: the page says so beside them.
        self.rules = [rule for rule in rules if rule.data_class not in NEVER_PURGED]
        for rule in self.rules:
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
            "regulator",
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
        validators=[
            RegexValidator(
                r"^\s*[A-Za-z0-9-]*\s*$", _("A reference holds only letters, digits and hyphens.")
            )
        ],
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


class AuditTrailForm(forms.Form):
    category = forms.ChoiceField(label=_("Kind of action"), required=False)
    person = forms.CharField(label=_("Person"), required=False, max_length=150)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        categories = [(c.key, c.label) for c in actions.categories()]
        category = cast(forms.ChoiceField, self.fields["category"])
        category.choices = [("", _("All actions")), *categories]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The end date comes before the start date."))
        return data

    def apply(self, entries):
        data = self.cleaned_data
        if data.get("category"):
            entries = entries.filter(action__in=actions.codes_of(data["category"]))
        if data.get("person"):
            people = get_user_model().objects.all()
            for word in data["person"].split():
                people = people.filter(
                    Q(username__iexact=word)
                    | Q(first_name__icontains=word)
                    | Q(last_name__icontains=word)
                )
            entries = entries.filter(actor__in=people)
        if data.get("start"):
            entries = entries.filter(at__date__gte=data["start"])
        if data.get("end"):
            entries = entries.filter(at__date__lte=data["end"])
        return entries
