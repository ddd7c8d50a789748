from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from .crypto import parse_master_key


@register()
def vault_keys_are_valid(app_configs, **kwargs) -> list[Error]:
    errors = []
    for name in ("MAILLAGE_VAULT_KEY", "MAILLAGE_VAULT_KEY_OLD"):
        value = getattr(settings, name, "")
        if not value and name.endswith("_OLD"):
            continue
        try:
            parse_master_key(value, name)
        except ImproperlyConfigured as error:
            errors.append(Error(str(error), id="vault.E001"))
    return errors
