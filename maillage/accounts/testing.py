"""Signing a test client in with the session state a real sign-in leaves behind."""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret


def enrol_totp(user) -> Authenticator:
    """Give ``user`` an authenticator app (TOTP) unless they already have one."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return existing or TOTP.activate(user, generate_totp_secret()).instance


def sign_in(client, user, *, mfa: bool = True) -> None:
    client.force_login(user)
    now = time.time()
    # "reauthenticated" as allauth's own pages (second-factor settings) ask for a fresh proof.
    records = [
        {"method": "password", "at": now, "username": user.username, "reauthenticated": True}
    ]
    if mfa:
        authenticator = enrol_totp(user)
        records.append(
            {
                "method": "mfa",
                "at": now,
                "id": authenticator.pk,
                "type": "totp",
                "reauthenticated": True,
            }
        )
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


def admin_form_data(response) -> dict:
    """What the admin's change page would post back unchanged: its form and inline formsets."""
    data: dict = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data
