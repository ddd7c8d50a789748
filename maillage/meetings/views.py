"""Meetings of a table and their agenda."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from maillage.core.http import parse_id
from maillage.core.permissions import can, get_meeting_for_user, get_table_for_user
from maillage.situations.models import Situation, Status

from . import agenda, rows, services
from .forms import AddItemForm, MeetingForm, ScheduleForm
from .htmx import is_htmx
from .models import AgendaItem, Meeting, MeetingStatus

PAST_SHOWN = 30


def meeting_list(request: HttpRequest, table_pk: int) -> HttpResponse:
    table = get_table_for_user(request.user, table_pk, "meeting.view")
    meetings = Meeting.objects.of_table(table)
    context = {
        "table": table,
        "upcoming": meetings.exclude(status=MeetingStatus.CLOSED).order_by("starts_at"),
        "past": meetings.filter(status=MeetingStatus.CLOSED)[:PAST_SHOWN],
        "may_manage": can(request.user, "meeting.manage", table),
        "schedule_form": ScheduleForm(),
        "meeting_form": MeetingForm(),
    }
    return render(request, "meetings/list.html", context)


@require_POST
def schedule(request: HttpRequest, table_pk: int) -> HttpResponse:
    """The next meetings from the table's cadence, in one click."""
    table = get_table_for_user(request.user, table_pk, "meeting.manage")
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose between 1 and 12 meetings."))
        return redirect("meetings:list", table_pk=table.pk)
    try:
        created = services.schedule_next(
            table=table, count=form.cleaned_data["count"], by=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s meeting was scheduled.",
                "%(count)s meetings were scheduled.",
                len(created),
            )
            % {"count": len(created)},
        )
    return redirect("meetings:list", table_pk=table.pk)


def create(request: HttpRequest, table_pk: int) -> HttpResponse:
    """One meeting at a given time: an emergency meeting, or a scheduled one out of cadence."""
    table = get_table_for_user(request.user, table_pk, "meeting.manage")
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.create_meeting(
            table=table,
            starts_at=form.cleaned_data["starts_at"],
            kind=form.cleaned_data["kind"],
            by=request.user,
            request=request,
        )
        messages.success(request, _("The meeting was created and its agenda proposed."))
        return redirect("meetings:agenda", table_pk=table.pk, pk=meeting.pk)
    status = 422 if form.errors else 200
    return render(request, "meetings/create.html", {"table": table, "form": form}, status=status)


def agenda_items(meeting: Meeting, user):
    """The listed items this person may see, with what the page shows of each situation."""
    visible = Situation.objects.visible_to(user, meeting.table)
    return (
        meeting.items.listed()
        .filter(situation__in=visible)
        .select_related(
            "situation__table__situation_settings",
            "situation__age_group",
            "situation__gender",
            "situation__lead_organization",
        )
        .prefetch_related(
            "situation__risk_categories",
            Prefetch("situation__assisting_organizations"),
        )
        .order_by("position", "pk")
    )


def _addable_choices(meeting: Meeting) -> list[tuple[int, str]]:
    """(id, label) of the situations the coordinator may add, as ``AddItemForm`` labels them."""
    statuses = rows.labels(Status.choices)
    found = []
    for situation in agenda.addable(meeting).select_related(None).only("number", "status"):
        situation.table = meeting.table
        found.append((situation.pk, f"{situation.reference} — {statuses[situation.status]}"))
    return found


def _with_actions(found: list[rows.Row]) -> list[rows.Row]:
    """The labels of each item's buttons, translated here: quicker than a template tag per row."""
    for row in found:
        reference = {"reference": row["reference"]}
        row["actions"] = {
            "up": _("Move %(reference)s up") % reference,
            "down": _("Move %(reference)s down") % reference,
            "remove": _("Remove %(reference)s") % reference,
        }
    return found


def _agenda_context(request: HttpRequest, meeting: Meeting, add_form=None) -> dict:
    """The page's context; the add form is drawn by hand from ``addable``, a plain list."""
    may_manage = can(request.user, "meeting.manage", meeting.table)
    editable = may_manage and meeting.agenda_editable
    found = rows.agenda_rows(meeting, request.user)
    return {
        "table": meeting.table,
        "meeting": meeting,
        "rows": _with_actions(found) if editable else found,
        "may_manage": may_manage,
        "editable": editable,
        "add_form": add_form
        or (AddItemForm(queryset=Situation.objects.none()) if editable else None),
        "addable": _addable_choices(meeting) if editable else [],
    }


def agenda_page(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, table_pk, pk)
    return render(request, "meetings/agenda.html", _agenda_context(request, meeting))


def _agenda_response(
    request: HttpRequest, meeting: Meeting, add_form=None, status: int = 200
) -> HttpResponse:
    if not is_htmx(request):
        return redirect("meetings:agenda", table_pk=meeting.table_id, pk=meeting.pk)
    meeting.refresh_from_db()
    context = _agenda_context(request, meeting, add_form)
    return render(request, "meetings/agenda.html#agenda", context, status=status)


def _run(request: HttpRequest, action, done: str) -> bool:
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, done)
    return True


@require_POST
def refresh(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.manage")
    _run(
        request,
        lambda: agenda.refresh_agenda(meeting=meeting, by=request.user, request=request),
        _("The agenda was brought up to date."),
    )
    return _agenda_response(request, meeting)


@require_POST
def add_item(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.manage")
    form = AddItemForm(request.POST, queryset=agenda.addable(meeting))
    if not form.is_valid():
        return _agenda_response(request, meeting, form, status=422)
    situation = form.cleaned_data["situation"]
    _run(
        request,
        lambda: agenda.add_item(
            meeting=meeting, situation=situation, by=request.user, request=request
        ),
        _("%(reference)s was added to the agenda.") % {"reference": situation.reference},
    )
    return _agenda_response(request, meeting)


def _item(meeting: Meeting, item_pk: int) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.listed(), pk=item_pk, meeting=meeting)
    item.meeting = meeting
    return item


@require_POST
def edit_items(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    """Move an item up or down, or take it off: ``op`` is "up-", "down-" or "remove-" + its id."""
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.manage")
    verb, _sep, item_pk = request.POST.get("op", "").partition("-")
    if verb not in ("up", "down", "remove") or parse_id(item_pk) is None:
        messages.error(request, _("Choose what to do with the item."))
        return _agenda_response(request, meeting, status=422)
    item = _item(meeting, int(item_pk))
    if verb == "remove":
        _run(
            request,
            lambda: agenda.remove_item(item=item, by=request.user, request=request),
            _("%(reference)s was removed from the agenda.")
            % {"reference": item.situation.reference},
        )
    else:
        offset = -1 if verb == "up" else 1
        _run(
            request,
            lambda: agenda.move_item(item=item, offset=offset, by=request.user, request=request),
            _("The agenda order was changed."),
        )
    return _agenda_response(request, meeting)


@require_POST
def publish(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.manage")
    _run(
        request,
        lambda: services.publish_agenda(meeting=meeting, by=request.user, request=request),
        _("The agenda was published; the members were notified."),
    )
    return redirect("meetings:agenda", table_pk=table_pk, pk=pk)


@require_POST
def start(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.manage")
    if _run(
        request,
        lambda: services.start_meeting(meeting=meeting, by=request.user, request=request),
        _("The meeting has started."),
    ):
        return redirect("meetings:live", table_pk=table_pk, pk=pk)
    return redirect("meetings:agenda", table_pk=table_pk, pk=pk)
