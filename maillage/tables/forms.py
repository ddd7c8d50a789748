from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from maillage.organizations.models import Organization

from .models import Role, Table, TableOrganization


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


def people_of(organization_ids):
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organization_id__in=organization_ids,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


class TableForm(forms.ModelForm):
    class Meta:
        model = Table
        fields = ["name_fr", "name_en", "cadence", "terms_of_reference", "publishes_figures"]
        widgets = {"terms_of_reference": forms.Textarea(attrs={"rows": 6})}


class AddOrganizationForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organization.objects.none()
    )
    representative = PersonChoiceField(
        label=_("Representative"), queryset=people_of([]), required=False
    )
    substitute = PersonChoiceField(label=_("Substitute"), queryset=people_of([]), required=False)

    def __init__(self, *args, table: Table, **kwargs) -> None:
        kwargs.setdefault("prefix", "org")  # shares a page with AddSeatForm
        super().__init__(*args, **kwargs)
        available = Organization.objects.active().exclude(table_seats__table=table)
        cast(
            forms.ModelChoiceField, self.fields["organization"]
        ).queryset = available.select_related("sector")
        people = people_of(available.values("pk"))
        cast(forms.ModelChoiceField, self.fields["representative"]).queryset = people
        cast(forms.ModelChoiceField, self.fields["substitute"]).queryset = people


class DesignateForm(forms.ModelForm):
    representative = PersonChoiceField(
        label=_("Representative"), queryset=people_of([]), required=False
    )
    substitute = PersonChoiceField(label=_("Substitute"), queryset=people_of([]), required=False)

    class Meta:
        model = TableOrganization
        fields = ["representative", "substitute"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = people_of([self.instance.organization_id])
        cast(forms.ModelChoiceField, self.fields["representative"]).queryset = people
        cast(forms.ModelChoiceField, self.fields["substitute"]).queryset = people


class AddSeatForm(forms.Form):
    user = PersonChoiceField(label=_("Person"), queryset=people_of([]))
    organization = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organization.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)

    def __init__(self, *args, table: Table, **kwargs) -> None:
        kwargs.setdefault("prefix", "seat")
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.filter(table_seats__table=table)
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = organizations
        cast(forms.ModelChoiceField, self.fields["user"]).queryset = people_of(
            organizations.values("pk")
        ).exclude(seats__table=table)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
