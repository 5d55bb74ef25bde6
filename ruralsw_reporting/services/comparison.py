# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Periods and the change of a figure against a baseline period.

The research behind the project sets its targets as changes against a
baseline chosen by the organisation: response time down at least 30 %,
satisfaction up at least 10 %. A baseline without data or a period in the
future is an error with a clear code, never a division by zero.
"""

from .errors import ReportingError


def check_period(date_from, date_to, today, field="date_from"):
    """Check that a period is well formed and not in the future.

    Raises ReportingError ``period.missing``, ``period.order`` or
    ``period.future`` (its start is after ``today``).
    """
    if not date_from or not date_to:
        raise ReportingError("period.missing", field, "The period needs two dates.")
    if date_to < date_from:
        raise ReportingError(
            "period.order",
            field,
            "The period ends before it starts.",
            date_from=date_from,
            date_to=date_to,
        )
    if date_from > today:
        raise ReportingError(
            "period.future",
            field,
            "The period starts in the future.",
            date_from=date_from,
            today=today,
        )


def percent_change(current, baseline, field="baseline"):
    """Return the change from ``baseline`` to ``current`` in percent.

    Raises ReportingError ``baseline.empty`` when the baseline has no value
    (None: no data in the period) and ``baseline.zero`` when it is 0 (a
    change in percent of nothing is meaningless). A current value of None
    (no data yet) gives None.
    """
    if baseline is None:
        raise ReportingError("baseline.empty", field, "The baseline has no data.")
    if baseline == 0:
        raise ReportingError("baseline.zero", field, "The baseline is zero.")
    if current is None:
        return None
    return 100.0 * (current - baseline) / abs(baseline)
