"""Who sees which figures.

A table's own members read its figures with small counts (after a second factor, each look
audited): they discussed those situations. Suppression applies to what leaves the table: other
viewers, published figures, downloads and exports. The provincial export is one row per
discussion: de-identified, but still the table's own records.
A table may publish its suppressed figures to every signed-in person (regional decision makers):
that widens ``report_tables_for_user`` only, never the rules below.
"""

from django.db.models import Q

from maillage.core.access import is_signed_in, rules
from maillage.tables.access import EVERY_ROLE, MANAGERS, seated
from maillage.tables.models import Seat

rules.register("reports.view", who=seated(EVERY_ROLE, privacy_officer=True))
rules.register("reports.view_unsuppressed", who=seated(EVERY_ROLE))
rules.register("reports.write_narrative", who=seated(MANAGERS))
rules.register("reports.export_provincial", who=seated(MANAGERS))


def report_tables_for_user(user, tables):
    """The tables among ``tables`` whose figures this person may see (suppressed).

    Their own tables, and the tables that chose to publish their suppressed figures to every
    signed-in person (``Table.publishes_figures``). Publishing opens only these figures:
    unsuppressed counts, the narrative and the provincial export keep their own rules above.
    """
    if not is_signed_in(user):
        return tables.none()
    if user.is_privacy_officer:
        return tables
    seated_at = Seat.objects.in_force().filter(user=user).values("table_id")
    return tables.filter(Q(pk__in=seated_at) | Q(publishes_figures=True))
