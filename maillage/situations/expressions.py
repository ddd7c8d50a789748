"""Database expressions over situations, shared by the indexes that serve them and their readers."""

from django.db.models import F, FloatField, Func, Q


class Hours(Func):
    """Hours between two timestamps, as a number (the later one first)."""

    output_field = FloatField()

    def as_postgresql(self, compiler, conn, **extra):
        return self.as_sql(
            compiler, conn, template="EXTRACT(EPOCH FROM (%(expressions)s)) / 3600.0", **extra
        )

    def as_sqlite(self, compiler, conn, **extra):
        return self.as_sql(
            compiler,
            conn,
            template="(julianday(%(expressions)s)) * 24.0",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_sql(self, compiler, conn, **extra):
        extra.setdefault("arg_joiner", " - ")
        return super().as_sql(compiler, conn, **extra)


# The two response times: from agencies named to the first contact with the person, and from
# the table's decision to the conclusion. Indexed on ``Situation`` for the reports' reads.
MOBILIZE_HOURS = Hours(F("first_contact_at"), F("agencies_named_at"))
MOBILIZE_MEASURED = Q(agencies_named_at__isnull=False, first_contact_at__isnull=False)
CONCLUSION_HOURS = Hours(F("concluded_at"), F("decided_at"))
CONCLUSION_MEASURED = Q(status="concluded", decided_at__isnull=False, concluded_at__isnull=False)
