from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.organizations.models import Organization
from maillage.tables.models import Table, TableKind

from .projects import (
    Determinant,
    Funding,
    Indicator,
    IndicatorValue,
    LogicRow,
    Project,
    ProjectPartner,
    Stage,
)


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "summary",
            "populations",
            "territories",
            "determinants",
            "tables",
            "started_on",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "determinants": forms.CheckboxSelectMultiple,
            "started_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        cast(
            forms.ModelMultipleChoiceField, fields["determinants"]
        ).queryset = Determinant.objects.active()
        cast(forms.ModelMultipleChoiceField, fields["tables"]).queryset = Table.objects.filter(
            kind=TableKind.CONCERTATION
        )


class StageForm(forms.Form):
    stage = forms.TypedChoiceField(label=_("New stage"), choices=Stage.choices, coerce=int)
    reason = forms.CharField(
        label=_("Reason (needed to go back or skip a stage)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AnswersForm(forms.Form):
    """One text per guiding question of the project's current stage."""

    def __init__(self, *args, questions, answers: dict[int, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.CharField(
                label=question.text,
                required=False,
                max_length=4000,
                initial=answers.get(question.pk, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def answers(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class PartnerForm(forms.ModelForm):
    class Meta:
        model = ProjectPartner
        fields = ["organization", "role"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["organization"]
        ).queryset = Organization.objects.filter(is_active=True)


class FundingForm(forms.ModelForm):
    class Meta:
        model = Funding
        fields = ["funder", "program", "amount", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The funding ends before it starts."))
        return cleaned


class LogicRowForm(forms.ModelForm):
    class Meta:
        model = LogicRow
        fields = ["level", "text"]


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "group",
            "unit",
            "polarity",
            "minimum",
            "maximum",
            "baseline",
            "baseline_on",
            "target",
            "target_on",
            "story",
        ]
        widgets = {
            "baseline_on": forms.DateInput(attrs={"type": "date"}),
            "target_on": forms.DateInput(attrs={"type": "date"}),
            "story": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("minimum"), cleaned.get("maximum")
        if low is not None and high is not None and high <= low:
            self.add_error("maximum", _("The highest value must be above the lowest."))
        start, end = cleaned.get("baseline_on"), cleaned.get("target_on")
        if start and end and end <= start:
            self.add_error("target_on", _("The target date comes after the baseline."))
        return cleaned


class ValueForm(forms.ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["on", "value"]
        widgets = {"on": forms.DateInput(attrs={"type": "date"})}


class ValuesFileForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file (columns: date,value)"),
        help_text=_("UTF-8, one value per line, dates written YYYY-MM-DD."),
    )

    MAX_BYTES = 1_000_000

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None
