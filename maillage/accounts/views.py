from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.audit import log_action

from .audit import USER_EDIT
from .forms import LanguageForm, ProfileForm
from .models import User


class LoginView(allauth_views.LoginView):
    """allauth's sign-in (lockout, second factor) under Maillage's URL and template.

    Attempts, lockouts and sign-ins are written to the audit trail by ``AccountAdapter``.
    """

    template_name = "accounts/login.html"


class LogoutView(allauth_views.LogoutView):
    pass


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered on the account of a signed-in person."""
    form = LanguageForm(request.POST)
    response = HttpResponseRedirect(_safe_next(request))
    if not form.is_valid():
        messages.error(request, _("This language is not available."))
        return response
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        request.user.set_language(language, request=request)
    translation.activate(language)
    response.set_cookie(
        "maillage_language", language, max_age=365 * 24 * 3600, samesite="Lax", httponly=True
    )
    return response


def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # LoginRequiredMiddleware: never anonymous here
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        log_action(
            USER_EDIT,
            user=user,
            obj=user,
            fields=form.changed_data,
            request=request,
        )
        translation.activate(user.language)
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    memberships = user.memberships.filter(is_active=True).select_related("organization__sector")
    return render(request, "accounts/profile.html", {"form": form, "memberships": memberships})
