"""Pages of community organising: the public request form, triage, accompaniment, closing."""

from collections.abc import Callable
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.db.models.functions import TruncWeek
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.access import rules
from maillage.core.audit import client_ip
from maillage.core.http import AuthenticatedHttpRequest
from maillage.organizations.models import Organization

from . import services
from .access import get_request_for_user, get_team_for_user
from .forms import (
    ActivityForm,
    AssignForm,
    CloseForm,
    RequestForm,
    SatisfactionForm,
    StatusFilterForm,
    TriageForm,
)
from .models import Activity, Axis, OrganizingTeam, Source, SupportRequest, TeamMember

# The public form is the only page without an account: a few requests per address and hour.
PUBLIC_REQUESTS_PER_HOUR = 5


def submitted(request: HttpRequest, form, action: Callable[[dict], object], done: str) -> bool:
    """Run ``action`` on a valid form's data; a refusal goes on the form, in the page."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, done)
    return True


def _public_allowance_left(request: HttpRequest) -> bool:
    key = f"organizing-public:{client_ip(request)}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) <= PUBLIC_REQUESTS_PER_HOUR


@login_not_required
def public_request(request: HttpRequest, team_pk: int) -> HttpResponse:
    """An organisation asks the team for support, without an account."""
    team = get_object_or_404(OrganizingTeam, pk=team_pk)
    form = RequestForm(request.POST or None, team=team)
    if request.method == "POST":
        if not _public_allowance_left(request):
            form.add_error(None, _("Too many requests were sent from here. Try again in an hour."))
            return render(
                request, "organizing/public_request.html", {"team": team, "form": form}, status=429
            )
        if form.is_valid():
            if not form.is_robot:
                data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
                services.receive_request(
                    form_data=data, team=team, source=Source.PUBLIC_FORM, request=request
                )
            return render(request, "organizing/public_thanks.html", {"team": team})
        return render(
            request, "organizing/public_request.html", {"team": team, "form": form}, status=422
        )
    return render(request, "organizing/public_request.html", {"team": team, "form": form})


def file_request(request: AuthenticatedHttpRequest, team_pk: int) -> HttpResponse:
    """A signed-in representative files a request for one of their own organisations."""
    team = get_object_or_404(OrganizingTeam, pk=team_pk)
    own = request.user.memberships.filter(is_active=True).values("organization")
    organizations = Organization.objects.filter(pk__in=own, is_active=True)
    form = RequestForm(request.POST or None, team=team, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        found = services.receive_request(
            form_data=data, team=team, source=Source.IN_APP, by=request.user, request=request
        )
        messages.success(request, _("Your request was sent to the team."))
        return redirect("organizing:follow", pk=found.pk)
    status = 422 if form.errors else 200
    return render(
        request, "organizing/file_request.html", {"team": team, "form": form}, status=status
    )


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """An organiser's own view: her open requests, her hours by axis and week, her teams."""
    seats = TeamMember.objects.filter(user=request.user).select_related("team")
    mine = SupportRequest.objects.for_lists().open().filter(organiser=request.user)
    since = timezone.localdate() - timedelta(weeks=12)
    weekly = (
        Activity.objects.filter(organiser=request.user, on__gte=since)
        .annotate(week=TruncWeek("on"))
        .values("week", "request__axis")
        .annotate(minutes=Sum("minutes"))
        .order_by("-week", "request__axis")
    )
    labels = dict(Axis.choices)
    hours = [
        {
            "week": row["week"],
            "axis": labels.get(row["request__axis"], ""),
            "hours": round(row["minutes"] / 60, 1),
        }
        for row in weekly
    ]
    own = request.user.memberships.filter(is_active=True).values("organization")
    followed = SupportRequest.objects.for_lists().filter(organization__in=own)[:50]
    context = {"seats": seats, "mine": mine, "hours": hours, "followed": followed}
    return render(request, "organizing/home.html", context)


def team_requests(request: HttpRequest, team_pk: int) -> HttpResponse:
    team = get_team_for_user(request.user, team_pk)
    filters = StatusFilterForm(request.GET or None)
    found = SupportRequest.objects.for_lists().of_team(team)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    found = found.filter(status=status) if status else found.open()
    context = {"team": team, "requests": found[:200], "filters": filters}
    return render(request, "organizing/team_requests.html", context)


def _detail(
    request: HttpRequest, found: SupportRequest, status: int = 200, **forms
) -> HttpResponse:
    may = rules.permissions(request.user, found, "support_request")
    team = found.team
    context = {
        "found": found,
        "may": may,
        "activities": found.activities.select_related("organiser"),
        "hours": found.hours(),
        "triage_form": forms.get("triage_form") or (TriageForm(team=team) if may.triage else None),
        "assign_form": forms.get("assign_form")
        or (
            AssignForm(
                team=team,
                initial={
                    "organiser": found.organiser,
                    "axis": found.axis,
                    "intensity": found.intensity,
                },
            )
            if may.assign
            else None
        ),
        "activity_form": forms.get("activity_form")
        or (ActivityForm(initial={"on": timezone.localdate()}) if may.log_activity else None),
        "close_form": forms.get("close_form") or (CloseForm() if may.close else None),
    }
    return render(request, "organizing/request_detail.html", context, status=status)


def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_request_for_user(request.user, pk))


def follow(request: HttpRequest, pk: int) -> HttpResponse:
    """What the requesting organisation sees: where its request stands, nothing of the work."""
    found = get_request_for_user(request.user, pk, "support_request.follow")
    return render(request, "organizing/follow.html", {"found": found})


def triage(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_request_for_user(request.user, pk, "support_request.triage")
    form = TriageForm(request.POST, team=found.team)

    def act(data: dict) -> object:
        return services.triage_request(
            support_request=found, by=request.user, request=request, **data
        )

    if submitted(request, form, act, _("The triage was recorded and the organisation was told.")):
        return redirect("organizing:request", pk=pk)
    return _detail(request, found, 422, triage_form=form)


def assign(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_request_for_user(request.user, pk, "support_request.assign")
    form = AssignForm(request.POST, team=found.team)

    def act(data: dict) -> object:
        return services.assign_request(
            support_request=found, by=request.user, request=request, **data
        )

    if submitted(request, form, act, _("The request's organiser, axis and intensity were saved.")):
        return redirect("organizing:request", pk=pk)
    return _detail(request, found, 422, assign_form=form)


def add_activity(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_request_for_user(request.user, pk, "support_request.log_activity")
    form = ActivityForm(request.POST)

    def act(data: dict) -> object:
        return services.log_activity(
            support_request=found, by=request.user, request=request, **data
        )

    if submitted(request, form, act, _("The activity was logged.")):
        return redirect("organizing:request", pk=pk)
    return _detail(request, found, 422, activity_form=form)


def close(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_request_for_user(request.user, pk, "support_request.close")
    form = CloseForm(request.POST)

    def act(data: dict) -> object:
        return services.close_request(
            support_request=found, by=request.user, request=request, **data
        )

    if submitted(
        request, form, act, _("The request is closed; the organisation is asked for its opinion.")
    ):
        return redirect("organizing:request", pk=pk)
    return _detail(request, found, 422, close_form=form)


@login_not_required
def satisfaction(request: HttpRequest, token: str) -> HttpResponse:
    """The questionnaire the organisation answers once, through its signed link."""
    try:
        found = services.request_for_token(token)
    except services.LinkProblem as problem:
        return render(
            request, "organizing/link_problem.html", {"problem": str(problem)}, status=410
        )
    form = SatisfactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_satisfaction(token=token, answers=form.cleaned_data, request=request)
        except services.LinkProblem as problem:
            return render(
                request, "organizing/link_problem.html", {"problem": str(problem)}, status=410
            )
        return render(request, "organizing/satisfaction_thanks.html", {"found": found})
    status = 422 if form.errors else 200
    return render(
        request, "organizing/satisfaction.html", {"found": found, "form": form}, status=status
    )
