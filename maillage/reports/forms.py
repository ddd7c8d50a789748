"""The dashboard's filters, and the coordinator's narrative."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maillage.organizations.models import Territory
from maillage.situations.models import DiscussionType
from maillage.tables.models import Seat, Table

from .access import report_tables_for_user
from .models import Narrative
from .periods import default_start, last_whole_quarter, quarter_of, today
from .scope import Scope, descendants

PERIOD_CHOICES = [
    ("week", _("Week")),
    ("month", _("Month")),
    ("quarter", _("Quarter")),
    ("year", _("Year")),
]
DEFAULT_PERIOD = "month"
LONGEST = timedelta(days=366 * 10)


# Figures of a table seen from outside it (published figures, every table of a region) cover
# whole calendar quarters that have ended, grouped by month or quarter: two overlapping
# periods could otherwise be subtracted to isolate a few days, a week or a month, and the
# quarter still in progress would change day by day. Quarters do not overlap, and a quarter's
# dashboard grouped by month or by quarter adds nothing the other does not show, so each
# quarter is one published set, suppressed as a whole (``panels.Shown``).
OUTSIDE_PERIODS = ("month", "quarter")


class FilterForm(forms.Form):
    table = forms.ModelChoiceField(
        Table.objects.none(),
        label=_("Table"),
        required=False,
        help_text=_(
            "Your tables, and the tables that publish their figures to every signed-in person."
        ),
    )
    territory = forms.ModelChoiceField(
        Territory.objects.all(),
        label=_("Territory"),
        required=False,
        help_text=_("Includes the areas inside it."),
    )
    start = forms.DateField(
        label=pgettext_lazy("first day of a period", "From"),
        required=False,
        widget=forms.DateInput({"type": "date"}),
    )
    end = forms.DateField(
        label=pgettext_lazy("last day of a period", "To"),
        required=False,
        widget=forms.DateInput({"type": "date"}),
    )
    discussion_type = forms.ChoiceField(
        label=_("Discussion type"),
        choices=[("", _("All types")), *DiscussionType.choices],
        required=False,
    )
    period = forms.ChoiceField(label=_("Per"), choices=PERIOD_CHOICES, required=False)

    def __init__(self, data, *, user):
        super().__init__(data)
        self.user = user
        self.outside = False  # whether the figures leave a table: see ``OUTSIDE_PERIODS``
        visible = report_tables_for_user(user, Table.objects.filter(is_active=True))
        self.fields["table"].queryset = visible.order_by("name_fr")
        self.fields["table"].empty_label = _("All my tables")
        self.fields["territory"].empty_label = _("All territories")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        data["table_ids"] = self._table_ids(data)
        seats = Seat.objects.in_force().filter(user=self.user)
        seated = set(seats.values_list("table_id", flat=True))
        self.outside = not set(data["table_ids"]) <= seated
        if self.outside and not (data.get("start") or data.get("end")):
            data["start"], data["end"] = last_whole_quarter()
        data["start"] = data.get("start") or default_start()
        data["end"] = data.get("end") or today()
        data["period"] = data.get("period") or DEFAULT_PERIOD
        if data["end"] < data["start"]:
            raise ValidationError(_("The end date is before the start date."), code="order")
        if data["end"] - data["start"] > LONGEST:
            raise ValidationError(_("Choose a period of ten years or less."), code="too_long")
        if self.outside:
            self._check_whole_quarter(data)
        return data

    def _table_ids(self, data) -> tuple:
        table, territory = data.get("table"), data.get("territory")
        field = self.fields["table"]
        assert isinstance(field, forms.ModelChoiceField) and field.queryset is not None
        tables = field.queryset
        if table is not None:
            tables = tables.filter(pk=table.pk)
        if territory is not None:
            tables = tables.filter(territory_id__in=descendants(territory))
        return tuple(tables.values_list("pk", flat=True))

    def _check_whole_quarter(self, data) -> None:
        start, end = data["start"], data["end"]
        if (start, end) != quarter_of(start) or end >= today():
            first, last = last_whole_quarter()
            raise ValidationError(
                _(
                    "Figures of tables where you have no seat cover one whole calendar quarter "
                    "that has ended, for example from %(first)s to %(last)s: periods cut "
                    "anywhere else could be subtracted from one another to reveal small counts."
                )
                % {"first": first.isoformat(), "last": last.isoformat()},
                code="whole_quarter",
            )
        if data["period"] not in OUTSIDE_PERIODS:
            raise ValidationError(
                _(
                    "Figures of tables where you have no seat are grouped by month or by "
                    "quarter: weeks straddle the months."
                ),
                code="outside_period",
            )


def scope_from(form: FilterForm) -> Scope:
    data = form.cleaned_data
    table, territory = data.get("table"), data.get("territory")
    return Scope(
        table_ids=data["table_ids"],
        table=table,
        territory=territory,
        start=data["start"],
        end=data["end"],
        discussion_type=data.get("discussion_type") or "",
        period=data["period"],
    )


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = Narrative
        fields = ["text"]
        widgets = {"text": forms.Textarea({"rows": 10})}
        help_texts = {
            "text": _(
                "What changed over the period and why, for decision makers. Never describe a "
                "person or a situation: the report is public."
            )
        }

    def clean_text(self) -> str:
        from maillage.privacy.pii import detect  # loads the language model: only when saving

        text = self.cleaned_data["text"]
        found = detect(text) if text.strip() else []
        if found:
            kinds = ", ".join(sorted({span.label for span in found}))
            raise ValidationError(
                _("Remove what could identify someone before saving (found: %(kinds)s).")
                % {"kinds": kinds},
                code="pii",
            )
        return text
