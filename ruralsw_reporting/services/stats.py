# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Percentiles, medians and the time-to-close buckets.

``percentile`` interpolates linearly between the closest ranks, like
PostgreSQL's ``percentile_cont``, so that the figures rebuilt in SQL and the
ones computed here agree.
"""

import calendar
import math
from datetime import date, datetime

from .errors import ReportingError

# (key, months): a case closed within ``months`` of its intake is in ``key``
CLOSE_BUCKETS = (("le_1", 1), ("m1_3", 3), ("m3_6", 6))
OVER_BUCKET = "gt_6"
BUCKET_KEYS = tuple(key for key, _months in CLOSE_BUCKETS) + (OVER_BUCKET,)


def percentile(values, q):
    """Return the ``q``-quantile (0 <= q <= 1) of ``values``, interpolated
    linearly between the closest ranks; None when there are no values."""
    if not 0 <= q <= 1 or (isinstance(q, float) and math.isnan(q)):
        raise ReportingError("percentile.q", "q", f"q must be within [0, 1]: {q}", q=q)
    data = sorted(v for v in values if v is not None)
    if not data:
        return None
    position = (len(data) - 1) * q
    low = math.floor(position)
    high = math.ceil(position)
    if low == high:
        return float(data[low])
    return data[low] + (data[high] - data[low]) * (position - low)


def median(values):
    """Return the median of ``values`` (None when empty)."""
    return percentile(values, 0.5)


def mean(values):
    """Return the arithmetic mean of ``values`` (None when empty)."""
    data = [v for v in values if v is not None]
    return sum(data) / len(data) if data else None


def share(part, whole):
    """Return ``part`` as a percentage of ``whole`` (None when ``whole`` is 0)."""
    return 100.0 * part / whole if whole else None


def add_months(moment, months):
    """Return ``moment`` plus ``months`` calendar months, the day clamped to
    the end of a shorter month (as PostgreSQL adds ``interval 'N months'``)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def close_bucket(opened, closed):
    """Return the bucket key of a case opened at ``opened`` and closed at
    ``closed``: within 1 month, 1-3, 3-6 or more than 6 months (calendar
    months, as PostgreSQL adds ``interval 'N months'``)."""
    if closed < opened:
        raise ReportingError(
            "bucket.order",
            "closed_date",
            "A case cannot close before its intake.",
            opened=opened,
            closed=closed,
        )
    for key, months in CLOSE_BUCKETS:
        if closed <= add_months(opened, months):
            return key
    return OVER_BUCKET


def month_start(moment):
    """Return the first day of the month of ``moment`` (a date or datetime)."""
    if isinstance(moment, datetime):
        moment = moment.date()
    if not isinstance(moment, date):
        raise ReportingError("month.type", "month", f"Not a date: {moment!r}")
    return moment.replace(day=1)
