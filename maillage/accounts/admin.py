"""The admin's view of accounts. What decides who may see identifying data — being active, a
privacy officer, a superuser — is read-only on the form and changed only by the actions below,
which go through the same audited methods as the rest of Maillage; every other change is audited
too."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from maillage.core.audit import log_action
from maillage.core.http import AuthenticatedHttpRequest

from .audit import USER_CREATE, USER_EDIT, USER_PASSWORD
from .models import User

ACCESS_FIELDS = ("is_active", "is_staff", "is_superuser", "is_privacy_officer", "groups")
RECORDED_FIELDS = ("user_permissions", "last_login", "date_joined", "deactivated_at")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Maillage", {"fields": ("language", "is_privacy_officer", "deactivated_at")}),
    )
    list_display = ["username", "first_name", "last_name", "is_active", "is_privacy_officer"]
    actions = ["deactivate", "reactivate", "name_privacy_officer", "withdraw_privacy_officer"]

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        if obj is None:  # the add form asks only for a user name and a password
            return ()
        return (*ACCESS_FIELDS, *RECORDED_FIELDS, "anonymised_at")

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        action = USER_EDIT if change else USER_CREATE
        fields = [name for name in form.changed_data if not name.startswith("password")]
        log_action(action, user=request.user, obj=obj, fields=fields, request=request)

    def user_change_password(self, request: HttpRequest, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            person = self.get_object(request, id)
            log_action(
                USER_PASSWORD,
                user=request.user,
                obj=person,
                fields=["password"],
                request=request,
            )
        return response

    @admin.action(description=_("Deactivate the selected accounts (ends their sessions)"))
    def deactivate(self, request: AuthenticatedHttpRequest, queryset: QuerySet[User]) -> None:
        people = [person for person in queryset if person.is_active]
        for person in people:
            person.deactivate(by=request.user, request=request)
        self.message_user(request, _("Accounts deactivated: %(count)d.") % {"count": len(people)})

    @admin.action(description=_("Reactivate the selected accounts"))
    def reactivate(self, request: AuthenticatedHttpRequest, queryset: QuerySet[User]) -> None:
        people = [p for p in queryset if not p.is_active and p.anonymised_at is None]
        for person in people:
            person.reactivate(by=request.user, request=request)
        self.message_user(request, _("Accounts reactivated: %(count)d.") % {"count": len(people)})

    @admin.action(description=_("Name the selected people privacy officers"))
    def name_privacy_officer(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet[User]
    ) -> None:
        self._set_privacy_officer(request, queryset, True)

    @admin.action(description=_("Withdraw the privacy officer role from the selected people"))
    def withdraw_privacy_officer(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet[User]
    ) -> None:
        self._set_privacy_officer(request, queryset, False)

    def _set_privacy_officer(
        self, request: AuthenticatedHttpRequest, queryset, value: bool
    ) -> None:
        people = [person for person in queryset if person.is_privacy_officer != value]
        for person in people:
            person.set_privacy_officer(value, by=request.user, request=request)
        self.message_user(
            request,
            _("Privacy officer role changed: %(count)d.") % {"count": len(people)},
            messages.SUCCESS,
        )
