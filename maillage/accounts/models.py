from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.audit import log_action

from .audit import USER_DEACTIVATE, USER_LANGUAGE


class Language(models.TextChoices):
    FRENCH = "fr-ca", _("French")
    ENGLISH = "en-ca", _("English")


class User(AbstractUser):
    """A person who signs in: belongs to one or more organisations and sits at tables."""

    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.FRENCH
    )
    is_privacy_officer = models.BooleanField(
        _("privacy officer"),
        default=False,
        help_text=_("Audits access, keeps the incident register and runs retention."),
    )

    deactivated_at = models.DateTimeField(_("deactivated on"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised on"), null=True, blank=True)

    objects: ClassVar[UserManager["User"]] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @transaction.atomic
    def deactivate(self, *, by: "User", request=None) -> None:
        """Stop this person from signing in and end every session they have open now."""
        self.is_active = False
        self.deactivated_at = timezone.now()
        self.save(update_fields=["is_active", "deactivated_at"])
        self.end_sessions()
        log_action(USER_DEACTIVATE, user=by, obj=self, fields=["is_active"], request=request)

    def anonymise(self) -> None:
        """Forget who held this deactivated account once its retention period is over.

        The row stays so that the audit trail, seats history and records keep pointing at
        something; the name, e-mail and password go, and the user name becomes a neutral label.
        """
        self.username = f"former-user-{self.pk}"
        self.first_name = self.last_name = self.email = ""
        self.set_unusable_password()
        self.anonymised_at = timezone.now()
        self.save(
            update_fields=[
                "username",
                "first_name",
                "last_name",
                "email",
                "password",
                "anonymised_at",
            ]
        )
        from allauth.account.models import EmailAddress
        from allauth.mfa.models import Authenticator

        EmailAddress.objects.filter(user=self).delete()
        Authenticator.objects.filter(user=self).delete()

    def end_sessions(self) -> int:
        """Delete the stored sessions of this user; returns how many were ended."""
        ended = 0
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
            if session.get_decoded().get("_auth_user_id") == str(self.pk):
                session.delete()
                ended += 1
        return ended

    @transaction.atomic
    def set_language(self, language: str, *, request=None) -> None:
        self.language = language
        self.save(update_fields=["language"])
        log_action(USER_LANGUAGE, user=self, obj=self, fields=["language"], request=request)
