"""Reporting periods: days, months and quarters of the reporting time zone.

Every date of a report (a dashboard's from and to, the months of the summaries, the periods a
figure is grouped by) is a calendar date in one time zone, the site's (``TIME_ZONE``), whatever
the time zone a person's browser or session uses: the same dashboard gives the same figures to
everyone, and the summaries built at night agree with the counts made live during the day.
"""

from datetime import date, datetime, time, timedelta, tzinfo

from django.utils import timezone


def reporting_timezone() -> tzinfo:
    """The time zone whose calendar days, months and quarters the reports count in."""
    return timezone.get_default_timezone()


def today() -> date:
    return timezone.localdate(timezone=reporting_timezone())


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """From the first moment of ``start`` to the first moment after ``end``."""
    zone = reporting_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    return day_bounds(month, next_month(month) - timedelta(days=1))


def month_of(moment: datetime) -> date:
    return timezone.localtime(moment, reporting_timezone()).date().replace(day=1)


def period_start(month: date, period: str) -> date:
    """The first day of the quarter or year holding ``month`` (the month itself otherwise)."""
    if period == "quarter":
        return month.replace(month=3 * ((month.month - 1) // 3) + 1)
    if period == "year":
        return month.replace(month=1)
    return month


def default_start() -> date:
    """A dashboard's first day when none is chosen: the first of the month a year ago."""
    now = today()
    return date(now.year - 1, now.month, 1)


def quarter_of(day: date) -> tuple[date, date]:
    """The first and last days of the calendar quarter holding ``day``."""
    first = period_start(day.replace(day=1), "quarter")
    return first, next_month(next_month(next_month(first))) - timedelta(days=1)


def last_whole_quarter() -> tuple[date, date]:
    """The latest calendar quarter that has ended: what people outside a table see first."""
    first, _last = quarter_of(today())
    return quarter_of(first - timedelta(days=1))
