"""Meeting mode: one page the coordinator drives; everyone else follows it on their own screen.

The coordinator works on one item at a time (a situation or a topic): only its forms are built,
the others offer a button that opens theirs. Actions post through htmx and get the refreshed
panel back. Followers poll ``state`` with the version they show; an unchanged meeting answers
204 (nothing to swap) after three small queries, so polling every few seconds stays light.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.http import parse_id
from maillage.organizations.models import Organization
from maillage.situations.access import get_situation_for_user
from maillage.situations.forms import DecideForm, posted_version
from maillage.situations.models import StaleEdit
from maillage.situations.services import record_guard_override

from . import access, services
from .access import get_meeting_for_user
from .forms import (
    ActionItemForm,
    AgenciesChoiceForm,
    AttendanceForm,
    CloseForm,
    FollowUpForm,
    NextStepForm,
    NotesForm,
    SummaryForm,
)
from .htmx import is_htmx
from .models import ActionItem, ActionStatus, AgendaItem, AttendanceStatus, ItemKind, Meeting
from .views import seated_choices, with_buttons, with_summaries

PANEL = "meetings/live.html#live"


def _situation_forms(request: HttpRequest, item: AgendaItem) -> dict:
    """The forms the situation's rules offer now: deciding, naming agencies, a next step."""
    situation, prefix = item.situation, f"s{item.situation_id}"
    assert situation is not None  # a situation's item
    table = item.meeting.table
    steps = access.situation_steps(request.user, item.meeting, situation)
    forms: dict = {"notes": NotesForm(prefix=f"n{item.pk}", initial={"notes": item.notes})}
    if steps["decide"]:
        forms["decide"] = DecideForm(prefix=prefix)
    if steps["name_agencies"]:
        forms["agencies"] = AgenciesChoiceForm(prefix=prefix, choices=seated_choices(table))
    if steps["next_step"]:
        involved = situation.involved_organization_ids()
        owners = [(pk, name) for pk, name in seated_choices(table) if pk in involved]
        forms["next_step"] = NextStepForm(prefix=prefix, choices=owners)
    return forms


def _topic_forms(item: AgendaItem) -> dict:
    prefix = f"t{item.pk}"
    return {
        "summary": SummaryForm(prefix=prefix, initial={"summary": item.summary}),
        "action": ActionItemForm(prefix=f"{prefix}a", choices=seated_choices(item.meeting.table)),
    }


def _current(request: HttpRequest, items: list[AgendaItem], open_pk: int | None):
    """The item whose forms are shown: the one asked for (``?open=<item id>``), else the first."""
    if open_pk is None and parse_id(request.GET.get("open")) is not None:
        open_pk = int(request.GET["open"])
    for item in items:
        if item.pk == open_pk:
            return item
    return items[0] if items else None


def _translated(choices) -> list[tuple[str, str]]:
    """Choices with their labels translated once for the page, not once per row."""
    return [(value, str(label)) for value, label in choices]


def live_context(
    request: HttpRequest, meeting: Meeting, bound: dict | None = None, open_pk=None
) -> dict:
    """Everything meeting mode shows; ``bound`` holds refused forms to show with their errors."""
    may = access.permissions(request.user, meeting)
    items = with_summaries(meeting.agenda_with_decisions(request.user))
    if may.drive:
        with_buttons(items, ("discuss",))
    current, forms = None, {}
    if may.drive:
        current = _current(request, items, open_pk)
        if current is not None and current.kind == ItemKind.TOPIC:
            forms = _topic_forms(current)
        elif current is not None:
            forms = _situation_forms(request, current)
        forms.update(bound or {})
    attendance = meeting.attendance.select_related("organization").order_by(
        "organization__name_fr", "pk"
    )
    return {
        "table": meeting.table,
        "meeting": meeting,
        "may": may,
        "items": items,
        "current": current,
        "forms": forms,
        "attendance": attendance,
        "attendance_choices": _translated(AttendanceStatus.choices),
        "follow_up": ActionItem.objects.to_follow_up(meeting).for_lists(),
        "action_statuses": _translated(ActionStatus.choices),
        "close_form": (bound or {}).get("close")
        or (CloseForm(initial={"notes": meeting.minutes_notes}) if may.close else None),
    }


def live(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, table_pk, pk)
    template = PANEL if is_htmx(request) else "meetings/live.html"
    return render(request, template, live_context(request, meeting))


def state(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    """The followers' poll: 204 while the meeting is unchanged, else the refreshed panel."""
    meeting = get_meeting_for_user(request.user, table_pk, pk)
    if str(meeting.version) == request.GET.get("v"):
        return HttpResponse(status=204)
    return render(request, PANEL, live_context(request, meeting))


def _panel(
    request: HttpRequest, meeting: Meeting, bound=None, status: int = 200, open_pk=None
) -> HttpResponse:
    if not is_htmx(request) and status == 200:
        response = redirect("meetings:live", table_pk=meeting.table_id, pk=meeting.pk)
        if open_pk:
            response["Location"] += f"?open={open_pk}"
        return response
    meeting.refresh_from_db()
    context = live_context(request, meeting, bound, open_pk)
    template = PANEL if is_htmx(request) else "meetings/live.html"
    return render(request, template, context, status=status)


def _attempt(request: HttpRequest, form, action, done: str) -> int:
    """Run ``action``; on refusal put the reason on ``form``. Returns the HTTP status."""
    try:
        action()
    except StaleEdit as error:
        form.add_error(None, error.messages[0])
        return 409
    except ValidationError as error:
        form.add_error(None, " ".join(error.messages))
        return 422
    messages.success(request, done)
    return 200


def _driven(request: HttpRequest, table_pk: int, pk: int) -> Meeting:
    return get_meeting_for_user(request.user, table_pk, pk, "meeting.drive")


@require_POST
def attendance(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = _driven(request, table_pk, pk)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose present, substitute present or absent."))
        return _panel(request, meeting, status=422)
    line = get_object_or_404(meeting.attendance, organization_id=form.cleaned_data["organization"])
    try:
        services.set_attendance(
            meeting=meeting,
            organization_id=line.organization_id,
            status=form.cleaned_data["status"],
            by=request.user,
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _panel(request, meeting, status=422)
    return _panel(request, meeting)


def _situation_item(meeting: Meeting, situation_pk: int, request: HttpRequest, action: str):
    """The situation (through its own loader) and its item on this meeting's agenda."""
    situation = get_situation_for_user(
        request.user, situation_pk, action, table_pk=meeting.table_id
    )
    item = get_object_or_404(AgendaItem.objects.listed(), meeting=meeting, situation=situation)
    return situation, item


@require_POST
def decide(request: HttpRequest, table_pk: int, pk: int, situation_pk: int) -> HttpResponse:
    """Filter 2 in meeting mode: AER met or not, by consensus or vote."""
    meeting = _driven(request, table_pk, pk)
    situation, item = _situation_item(meeting, situation_pk, request, "situation.decide")
    form = DecideForm(request.POST, prefix=f"s{situation.pk}")
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        status = _attempt(
            request,
            form,
            lambda: services.record_decision(
                meeting=meeting,
                situation=situation,
                decision={
                    "aer_met": data["aer_met"],
                    "method": data["method"],
                    "votes_for": data["votes_for"],
                    "votes_against": data["votes_against"],
                    "recommendation": data["recommendation"],
                },
                version=posted_version(request.POST),
                by=request.user,
                request=request,
            ),
            _("%(reference)s: the decision was recorded.") % {"reference": situation.reference},
        )
        if status == 200 and form.guard_overridden:
            record_guard_override(
                situation=situation,
                table=meeting.table,
                labels=form.guard_labels,
                by=request.user,
                request=request,
            )
    bound = {} if status == 200 else {"decide": form}
    return _panel(request, meeting, bound, status, open_pk=item.pk)


@require_POST
def name_agencies(request: HttpRequest, table_pk: int, pk: int, situation_pk: int):
    """Filter 3 in meeting mode: the lead agency and the assisting agencies."""
    meeting = _driven(request, table_pk, pk)
    situation, item = _situation_item(meeting, situation_pk, request, "situation.name_agencies")
    seated = {org.pk: org for org in Organization.objects.filter(table_seats__table=meeting.table)}
    choices = [(org_pk, org.name) for org_pk, org in seated.items()]
    form = AgenciesChoiceForm(request.POST, prefix=f"s{situation.pk}", choices=choices)
    status = 422
    if form.is_valid():
        status = _attempt(
            request,
            form,
            lambda: services.record_agencies(
                meeting=meeting,
                situation=situation,
                lead=seated[form.cleaned_data["lead"]],
                assisting=[seated[org_pk] for org_pk in form.cleaned_data["assisting"]],
                version=posted_version(request.POST),
                by=request.user,
                request=request,
            ),
            _("%(reference)s: the agencies were named.") % {"reference": situation.reference},
        )
    bound = {} if status == 200 else {"agencies": form}
    return _panel(request, meeting, bound, status, open_pk=item.pk)


@require_POST
def next_step(request: HttpRequest, table_pk: int, pk: int, situation_pk: int):
    """Filter 4 in meeting mode: a task for one of the agencies named (the table's decision,
    so the coordinator driving the meeting adds it for any of them)."""
    meeting = _driven(request, table_pk, pk)
    situation, item = _situation_item(meeting, situation_pk, request, "situation.view")
    involved = Organization.objects.filter(pk__in=situation.involved_organization_ids())
    owners = {org.pk: org for org in involved}
    form = NextStepForm(
        request.POST,
        prefix=f"s{situation.pk}",
        choices=[(org_pk, org.name) for org_pk, org in owners.items()],
    )
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        status = _attempt(
            request,
            form,
            lambda: services.add_next_step(
                meeting=meeting,
                situation=situation,
                title=data["title"],
                owner=owners[data["owner"]],
                due_on=data["due_on"],
                by=request.user,
                request=request,
            ),
            _("%(reference)s: the next step was added.") % {"reference": situation.reference},
        )
        if status == 200 and form.guard_overridden:
            record_guard_override(
                situation=situation,
                table=meeting.table,
                labels=form.guard_labels,
                by=request.user,
                request=request,
            )
    bound = {} if status == 200 else {"next_step": form}
    return _panel(request, meeting, bound, status, open_pk=item.pk)


def _listed(meeting: Meeting, item_pk: int, kind: str | None = None) -> AgendaItem:
    found = AgendaItem.objects.listed().filter(meeting=meeting)
    item = get_object_or_404(found if kind is None else found.filter(kind=kind), pk=item_pk)
    item.meeting = meeting
    return item


@require_POST
def notes(request: HttpRequest, table_pk: int, pk: int, item_pk: int) -> HttpResponse:
    meeting = _driven(request, table_pk, pk)
    item = _listed(meeting, item_pk, ItemKind.SITUATION)
    form = NotesForm(request.POST, prefix=f"n{item.pk}")
    if not form.is_valid():
        return _panel(request, meeting, {"notes": form}, 422, open_pk=item.pk)
    try:
        services.save_notes(
            item=item, notes=form.cleaned_data["notes"], by=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _panel(request, meeting, status=422, open_pk=item.pk)
    if form.guard_overridden:
        record_guard_override(
            situation=item.situation,
            table=meeting.table,
            labels=form.guard_labels,
            by=request.user,
            request=request,
        )
    messages.success(request, _("The notes were saved."))
    return _panel(request, meeting, open_pk=item.pk)


@require_POST
def summary(request: HttpRequest, table_pk: int, pk: int, item_pk: int) -> HttpResponse:
    """A topic's decision or summary, checked for identifiers before it is saved."""
    meeting = _driven(request, table_pk, pk)
    item = _listed(meeting, item_pk, ItemKind.TOPIC)
    form = SummaryForm(request.POST, prefix=f"t{item.pk}")
    status = 422
    if form.is_valid():
        status = _attempt(
            request,
            form,
            lambda: services.save_summary(
                item=item, summary=form.cleaned_data["summary"], by=request.user, request=request
            ),
            _("%(title)s: the summary was saved.") % {"title": item.title},
        )
        if status == 200 and form.guard_overridden:
            services.record_topic_guard_override(
                item=item, labels=form.guard_labels, by=request.user, request=request
            )
    bound = {} if status == 200 else {"summary": form}
    return _panel(request, meeting, bound, status, open_pk=item.pk)


@require_POST
def add_action(request: HttpRequest, table_pk: int, pk: int, item_pk: int) -> HttpResponse:
    """An action item agreed on a topic: what, by which organisation, by when."""
    meeting = _driven(request, table_pk, pk)
    item = _listed(meeting, item_pk, ItemKind.TOPIC)
    seated = {o.pk: o for o in Organization.objects.filter(table_seats__table=meeting.table)}
    choices = [(org_pk, org.name) for org_pk, org in seated.items()]
    form = ActionItemForm(request.POST, prefix=f"t{item.pk}a", choices=choices)
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        status = _attempt(
            request,
            form,
            lambda: services.add_action_item(
                item=item,
                what=data["what"],
                owner=seated[data["owner"]],
                due_on=data["due_on"],
                by=request.user,
                request=request,
            ),
            _("%(title)s: the action item was added.") % {"title": item.title},
        )
        if status == 200 and form.guard_overridden:
            services.record_topic_guard_override(
                item=item, labels=form.guard_labels, by=request.user, request=request
            )
    bound = {} if status == 200 else {"action": form}
    return _panel(request, meeting, bound, status, open_pk=item.pk)


@require_POST
def follow_up(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    """An earlier meeting's action item, done, dropped or open again: ``action`` names it, and
    ``status-<its id>`` gives its status (one form holds every item to follow up)."""
    meeting = _driven(request, table_pk, pk)
    action_pk = parse_id(request.POST.get("action"))
    if action_pk is None:
        messages.error(request, _("Choose the action item to follow up."))
        return _panel(request, meeting, status=422)
    action = get_object_or_404(
        ActionItem.objects.to_follow_up(meeting).select_related(None), pk=action_pk
    )
    form = FollowUpForm({"status": request.POST.get(f"status-{action.pk}", "")})
    if not form.is_valid():
        messages.error(request, _("Choose open, done or dropped."))
        return _panel(request, meeting, status=422)
    try:
        services.follow_up_action(
            meeting=meeting,
            action=action,
            status=form.cleaned_data["status"],
            by=request.user,
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _panel(request, meeting, status=422)
    messages.success(request, _("The action item was followed up."))
    return _panel(request, meeting)


@require_POST
def close(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.close")
    form = CloseForm(request.POST)
    if not form.is_valid():
        context = live_context(request, meeting, {"close": form}, None)
        return render(request, "meetings/live.html", context, status=422)
    try:
        services.close_meeting(
            meeting=meeting,
            notes=form.cleaned_data.get("notes", ""),
            by=request.user,
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:live", table_pk=table_pk, pk=pk)
    services.record_guard_override_at_close(
        meeting=meeting, labels=form.confirmed_labels, by=request.user, request=request
    )
    messages.success(request, _("The meeting was closed. Review the minutes, then publish them."))
    target = reverse("meetings:minutes", args=[table_pk, pk])
    if is_htmx(request):
        return HttpResponse(status=204, headers={"HX-Redirect": target})
    return redirect(target)
