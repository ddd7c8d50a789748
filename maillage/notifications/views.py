from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from .models import Notification

PER_PAGE = 30


def notification_list(request: HttpRequest) -> HttpResponse:
    """This person's own notices, newest first. Nobody sees anyone else's."""
    notices = Notification.objects.of(request.user).select_related("table")
    page = Paginator(notices, PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "unread": notices.unread().count()}
    return render(request, "notifications/list.html", context)


@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(Notification, pk=pk, recipient=request.user)
    notice.mark_read()
    if notice.url and request.POST.get("open"):
        return redirect(notice.url)
    return redirect("notifications:list")


@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    Notification.objects.of(request.user).unread().update(read_at=timezone.now())
    return redirect("notifications:list")
