"""Calendar arithmetic on TIMEX3-style values: shifting, weeks, quarters, ranges, midpoints."""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, timedelta

# TIMEX3 season codes → (first month, last month); winter runs into the next year.
SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 2),
}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")

MIN_YEAR = 1
MAX_YEAR = 9999


def safe_date(year: int, month: int, day: int) -> date | None:
    """``date(year, month, day)`` or None when it does not exist (February 30)."""
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def shift_days(d: date, days: int) -> date | None:
    """``d + days``, or None when that falls outside the calendar."""
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return None


def shift_date(value: str, days: int) -> str:
    """Shift a ``YYYY-MM-DD`` value (a time suffix is dropped) by ``days``; other values unchanged.

    Values without a day (``2024-W49``, ``2024-11``) are returned as they are: a day offset
    from a week or a month is not a day.
    """
    m = _DAY.match(value)
    if not m:
        return value
    d = safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if d is None:
        return value
    shifted = shift_days(d, days)
    return shifted.isoformat() if shifted else value


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by ``delta`` months."""
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


def iso_week(d: date) -> str:
    """TIMEX3 week value of a date, ``2024-W49`` (ISO weeks)."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def week_monday(d: date) -> date:
    """The Monday of the ISO week of ``d``."""
    return d - timedelta(days=d.isoweekday() - 1)


def quarter_of(d: date) -> int:
    """Calendar quarter (1-4) of a date."""
    return (d.month - 1) // 3 + 1


def value_range(value: str | None) -> tuple[date, date] | None:
    """First and last day a TIMEX3 date value covers, or None (durations, refs, X patterns)."""
    if not value:
        return None
    return _cached_range(value)


@functools.lru_cache(maxsize=4096)
def _cached_range(value: str) -> tuple[date, date] | None:
    # Events ask for the same few values thousands of times in a long text.
    try:
        return _value_range(value)
    except (ValueError, OverflowError):
        return None


def _value_range(value: str) -> tuple[date, date] | None:
    if m := _DAY.match(value):
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return d, d
    if m := _WEEK.match(value):
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        if m.group(3):
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    if m := _MONTH.match(value):
        y, mo = int(m.group(1)), int(m.group(2))
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    if m := _QUARTER.match(value):
        y, q = int(m.group(1)), int(m.group(2))
        last = q * 3
        return date(y, last - 2, 1), date(y, last, calendar.monthrange(y, last)[1])
    if m := _HALF.match(value):
        y, h = int(m.group(1)), int(m.group(2))
        return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))
    if m := _SEASON.match(value):
        y = int(m.group(1))
        first, last = SEASON_MONTHS[m.group(2)]
        end_year = y + 1 if last < first else y
        return date(y, first, 1), date(end_year, last, calendar.monthrange(end_year, last)[1])
    if m := _YEAR.match(value):
        y = int(m.group(1))
        return date(y, 1, 1), date(y, 12, 31)
    if m := _DECADE.match(value):
        y = int(m.group(1)) * 10
        return date(max(y, 1), 1, 1), date(y + 9, 12, 31)
    if m := _CENTURY.match(value):
        y = int(m.group(1)) * 100
        return date(max(y, 1), 1, 1), date(y + 99, 12, 31)
    return None


def midpoint(first: date, last: date) -> date:
    """The middle day of a span (the earlier of two middles)."""
    return first + timedelta(days=(last - first).days // 2)


def acled_precision(first: date, last: date) -> int:
    """ACLED time_precision of a span: 1 one day, 2 up to a week or so, 3 longer."""
    days = (last - first).days + 1
    if days <= 1:
        return 1
    if days <= 10:
        return 2
    return 3
