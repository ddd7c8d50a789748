"""Meetings of a table and their agenda."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from maillage.core.access import rules
from maillage.core.http import parse_id
from maillage.core.i18n import pick
from maillage.organizations.models import Organization
from maillage.situations.models import Situation

from . import access, agenda, services
from .access import get_meeting_for_user, get_meetings_table_for_user
from .forms import AddItemForm, MeetingForm, ScheduleForm, TopicForm
from .htmx import is_htmx
from .models import ActionItem, AgendaItem, Meeting, MeetingStatus

PAST_SHOWN = 30
NAMES = ("name_fr", "name_en")


def seated_choices(table) -> list[tuple[int, str]]:
    """(id, name) of the organisations seated at the table, in the list's order."""
    found = Organization.objects.filter(table_seats__table=table).order_by("name_fr", "pk")
    return [(o["pk"], pick(o["name_fr"], o["name_en"])) for o in found.values("pk", *NAMES)]


def with_summaries(items: list[AgendaItem]) -> list[AgendaItem]:
    """Set ``summary_html`` on each item, drawn by the agenda's ``summary`` partial once per
    distinct summary: a long agenda shares a handful of them, and drawing each of forty rows
    costs more than the rest of the page (``bench/pages.py``)."""
    partial = get_template("meetings/agenda.html#summary")
    drawn: dict[tuple, str] = {}
    for item in items:
        key = item.summary_key
        if key not in drawn:
            drawn[key] = partial.render({"item": item})
        item.summary_html = drawn[key]
    return items


def with_buttons(items: list[AgendaItem], verbs: tuple[str, ...]) -> list[AgendaItem]:
    """Set ``buttons``: the labels of each row's buttons, translated here, one call per label,
    rather than by a template tag per button (three per row of a long agenda)."""
    labels = {
        "up": _("Move %(reference)s up"),
        "down": _("Move %(reference)s down"),
        "remove": _("Remove %(reference)s"),
        "discuss": _("Discuss %(reference)s"),
    }
    for item in items:
        reference = {"reference": item.label}
        item.buttons = {verb: labels[verb] % reference for verb in verbs}
    return items


def meeting_list(request: HttpRequest, table_pk: int) -> HttpResponse:
    table = get_meetings_table_for_user(request.user, table_pk)
    meetings = Meeting.objects.of_table(table)
    context = {
        "table": table,
        "upcoming": meetings.exclude(status=MeetingStatus.CLOSED).order_by("starts_at"),
        "past": meetings.filter(status=MeetingStatus.CLOSED)[:PAST_SHOWN],
        "may_create": rules.permits(request.user, "meeting.create", table),
        "may_review": rules.permits(request.user, "meeting.review_minutes", table),
        "open_actions": ActionItem.objects.of_table(table).open().for_lists(),
        "schedule_form": ScheduleForm(),
        "meeting_form": MeetingForm(),
    }
    return render(request, "meetings/list.html", context)


@require_POST
def schedule(request: HttpRequest, table_pk: int) -> HttpResponse:
    """The next meetings from the table's cadence, in one click."""
    table = get_meetings_table_for_user(request.user, table_pk, "meeting.create")
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
    table = get_meetings_table_for_user(request.user, table_pk, "meeting.create")
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


def _addable_choices(meeting: Meeting) -> list[tuple[int, str]]:
    """(id, label) of the situations the coordinator may add, as ``AddItemForm`` labels them."""
    found = []
    for situation in agenda.addable(meeting).select_related(None).only("number", "status"):
        situation.table = meeting.table
        found.append((situation.pk, f"{situation.reference} — {situation.get_status_display()}"))
    return found


def _agenda_context(request: HttpRequest, meeting: Meeting, **forms) -> dict:
    may = access.permissions(request.user, meeting)
    editable = may.edit_agenda
    situations = editable and agenda.takes_situations(meeting.table)
    items = with_summaries(meeting.agenda_for(request.user))
    context = {
        "table": meeting.table,
        "meeting": meeting,
        "may": may,
        "items": with_buttons(items, ("up", "down", "remove")) if editable else items,
        "takes_situations": situations,
        "addable": _addable_choices(meeting) if situations else [],
        "add_form": forms.get("add_form"),
        "topic_form": forms.get("topic_form"),
    }
    if situations and context["add_form"] is None:
        context["add_form"] = AddItemForm(queryset=Situation.objects.none())
    if editable and context["topic_form"] is None:
        context["topic_form"] = TopicForm(choices=seated_choices(meeting.table))
    return context


def agenda_page(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, table_pk, pk)
    return render(request, "meetings/agenda.html", _agenda_context(request, meeting))


def _agenda_response(
    request: HttpRequest, meeting: Meeting, status: int = 200, **forms
) -> HttpResponse:
    if not is_htmx(request) and status == 200:
        return redirect("meetings:agenda", table_pk=meeting.table_id, pk=meeting.pk)
    meeting.refresh_from_db()
    context = _agenda_context(request, meeting, **forms)
    template = "meetings/agenda.html#agenda" if is_htmx(request) else "meetings/agenda.html"
    return render(request, template, context, status=status)


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
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.edit_agenda")
    _run(
        request,
        lambda: agenda.refresh_agenda(meeting=meeting, by=request.user, request=request),
        _("The agenda was brought up to date."),
    )
    return _agenda_response(request, meeting)


@require_POST
def add_item(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.edit_agenda")
    form = AddItemForm(request.POST, queryset=agenda.addable(meeting))
    if not form.is_valid():
        return _agenda_response(request, meeting, 422, add_form=form)
    situation = form.cleaned_data["situation"]
    _run(
        request,
        lambda: agenda.add_item(
            meeting=meeting, situation=situation, by=request.user, request=request
        ),
        _("%(reference)s was added to the agenda.") % {"reference": situation.reference},
    )
    return _agenda_response(request, meeting)


@require_POST
def add_topic(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    """A topic for the agenda: title, presenter, links to documents, time allotted."""
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.edit_agenda")
    seated = dict(seated_choices(meeting.table))
    form = TopicForm(request.POST, choices=list(seated.items()))
    if form.is_valid():
        data = form.cleaned_data
        presenter = Organization.objects.filter(pk=data["presenter"]).first()
        try:
            agenda.add_topic(
                meeting=meeting,
                title=data["title"],
                presenter=presenter,
                documents=data["documents"],
                minutes_allotted=data["minutes_allotted"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(title)s was added to the agenda.") % {"title": data["title"]}
            )
            return _agenda_response(request, meeting)
    return _agenda_response(request, meeting, 422, topic_form=form)


def _item(meeting: Meeting, item_pk: int) -> AgendaItem:
    item = get_object_or_404(
        AgendaItem.objects.listed().select_related("situation"), pk=item_pk, meeting=meeting
    )
    item.meeting = meeting
    if item.situation is not None:
        item.situation.table = meeting.table
    return item


@require_POST
def edit_items(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    """Move an item up or down, or take it off: ``op`` is "up-", "down-" or "remove-" + its id."""
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.edit_agenda")
    verb, _sep, item_pk = request.POST.get("op", "").partition("-")
    if verb not in ("up", "down", "remove") or parse_id(item_pk) is None:
        messages.error(request, _("Choose what to do with the item."))
        return _agenda_response(request, meeting, 422)
    item = _item(meeting, int(item_pk))
    if verb == "remove":
        _run(
            request,
            lambda: agenda.remove_item(item=item, by=request.user, request=request),
            _("%(reference)s was removed from the agenda.") % {"reference": item.label},
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
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.publish_agenda")
    _run(
        request,
        lambda: services.publish_agenda(meeting=meeting, by=request.user, request=request),
        _("The agenda was published; the members were notified."),
    )
    return redirect("meetings:agenda", table_pk=table_pk, pk=pk)


@require_POST
def start(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.start")
    if _run(
        request,
        lambda: services.start_meeting(meeting=meeting, by=request.user, request=request),
        _("The meeting has started."),
    ):
        return redirect("meetings:live", table_pk=table_pk, pk=pk)
    return redirect("meetings:agenda", table_pk=table_pk, pk=pk)
