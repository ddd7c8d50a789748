"""Optimistic locking: refuse a change based on a copy of a row that someone else changed since.

A form carries the ``version`` of the row it was opened on. Saving locks the row, compares the
stored version with the form's, and reloads the caller's instance from the locked row, so that
what is checked and then bumped is the stored state, never a stale copy held in memory.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Conflict(ValidationError):
    """Somebody else changed the row since this person opened it."""

    message = _(
        "Someone else changed this record while you were working on it. "
        "Your input is shown below; review the current record and save again."
    )

    def __init__(self) -> None:
        super().__init__(self.message, code="stale")


def refresh_for_update[M: models.Model](
    obj: M, expected_version: int | None = None, *, conflict: type[Conflict] = Conflict
) -> M:
    """Lock ``obj``'s row until the transaction ends and reload ``obj`` from it.

    With ``expected_version``, raise ``conflict`` when the stored ``version`` differs: nothing is
    changed. Call it inside ``transaction.atomic`` before changing anything on ``obj``: values set
    on the instance beforehand are replaced by the stored ones.
    """
    obj.refresh_from_db(from_queryset=type(obj)._default_manager.select_for_update())
    if expected_version is not None and obj.version != expected_version:  # type: ignore[attr-defined]
        raise conflict()
    return obj
