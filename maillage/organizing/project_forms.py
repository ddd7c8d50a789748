from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.organizations.models import Organization
from maillage.tables.models import Table, TableKind

from .projects import Determinant, Funding, Project, ProjectPartner, Stage


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
