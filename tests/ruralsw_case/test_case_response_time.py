# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Response time (ruralsw_case.services.response_time)."""

from datetime import datetime, timedelta, timezone

import pytest

from ruralsw_case.services import response_time
from ruralsw_case.services.errors import ServiceValidationError

INTAKE = datetime(2026, 3, 2, 9, 30)
SECOND = timedelta(seconds=1)


def assert_error(excinfo, code, field, /, **params):
    """Assert the code, field and (some) params of a raised error."""
    error = excinfo.value
    assert (error.code, error.field) == (code, field)
    for key, value in params.items():
        assert error.params[key] == value or error.params[key] is value, key
    assert not str(error).startswith(code), "message template did not format"


def test_constants():
    assert response_time.DEFAULT_HOURS == {"urgent": 24, "high": 72, "normal": 168}
    assert response_time.PRIORITY_KEYS == {"0": "normal", "1": "high", "2": "urgent"}


# --- deadline --------------------------------------------------------------


@pytest.mark.parametrize(
    "priority, expected",
    [
        ("urgent", datetime(2026, 3, 3, 9, 30)),
        ("2", datetime(2026, 3, 3, 9, 30)),
        (2, datetime(2026, 3, 3, 9, 30)),
        ("high", datetime(2026, 3, 5, 9, 30)),
        ("1", datetime(2026, 3, 5, 9, 30)),
        ("normal", datetime(2026, 3, 9, 9, 30)),
        ("0", datetime(2026, 3, 9, 9, 30)),
    ],
)
def test_deadline_default_hours(priority, expected):
    assert response_time.deadline(INTAKE, priority) == expected


def test_deadline_custom_hours_override_only_what_they_give():
    hours = {"urgent": 4, "high": 36.5}
    assert response_time.deadline(INTAKE, "2", hours) == INTAKE + timedelta(hours=4)
    assert response_time.deadline(INTAKE, "high", hours) == datetime(2026, 3, 3, 22, 0)
    assert response_time.deadline(INTAKE, "0", hours) == INTAKE + timedelta(days=7)


def test_deadline_custom_priority_key():
    assert response_time.deadline(INTAKE, "emergency", {"emergency": 2}) == datetime(
        2026, 3, 2, 11, 30
    )


def test_deadline_keeps_the_timezone_of_an_aware_datetime():
    china = timezone(timedelta(hours=8))
    intake = datetime(2026, 3, 2, 23, 0, tzinfo=china)
    assert response_time.deadline(intake, "urgent") == datetime(
        2026, 3, 3, 23, 0, tzinfo=china
    )


@pytest.mark.parametrize("priority", ["3", "", "URGENT", "low", None, False, True, 5])
def test_deadline_unknown_priority(priority):
    with pytest.raises(ServiceValidationError) as excinfo:
        response_time.deadline(INTAKE, priority)
    assert_error(excinfo, "response.priority", "priority", priority=priority)


@pytest.mark.parametrize("hours", [0, -1, "24", None, True, float("inf"), float("nan")])
def test_deadline_invalid_hours(hours):
    with pytest.raises(ServiceValidationError) as excinfo:
        response_time.deadline(INTAKE, "2", {"urgent": hours})
    assert_error(
        excinfo, "response.hours", "hours_by_priority", priority="urgent", hours=hours
    )


# --- is_overdue / was_late -------------------------------------------------

DEADLINE = datetime(2026, 3, 3, 9, 30)


@pytest.mark.parametrize(
    "first_contact_at, now, overdue",
    [
        (None, DEADLINE - SECOND, False),
        (None, DEADLINE, False),  # exactly at the deadline: not overdue
        (None, DEADLINE + SECOND, True),
        (None, DEADLINE + timedelta(microseconds=1), True),
        (False, DEADLINE + SECOND, True),  # Odoo's empty datetime
        (DEADLINE + timedelta(days=1), DEADLINE + timedelta(days=2), False),
        (DEADLINE - SECOND, DEADLINE + SECOND, False),
    ],
)
def test_is_overdue(first_contact_at, now, overdue):
    assert response_time.is_overdue(DEADLINE, first_contact_at, now) is overdue


@pytest.mark.parametrize("deadline", [None, False])
def test_without_deadline_nothing_is_overdue_or_late(deadline):
    assert response_time.is_overdue(deadline, None, DEADLINE) is False
    assert response_time.was_late(deadline, DEADLINE) is False


@pytest.mark.parametrize(
    "first_contact_at, late",
    [
        (DEADLINE - SECOND, False),
        (DEADLINE, False),  # exactly at the deadline is on time
        (DEADLINE + timedelta(microseconds=1), True),
        (DEADLINE + timedelta(days=3), True),
        (None, False),  # not contacted yet: see is_overdue
        (False, False),
    ],
)
def test_was_late(first_contact_at, late):
    assert response_time.was_late(DEADLINE, first_contact_at) is late


# --- response_hours --------------------------------------------------------


@pytest.mark.parametrize(
    "delay, hours",
    [
        (timedelta(0), 0.0),
        (timedelta(seconds=1), 0.0),
        (timedelta(minutes=20), 0.33),  # 0.3333...
        (timedelta(minutes=40), 0.67),  # 0.6666...
        (timedelta(minutes=90), 1.5),
        (timedelta(hours=25, minutes=10), 25.17),  # 25.1666...
        (timedelta(days=7), 168.0),
    ],
)
def test_response_hours(delay, hours):
    assert response_time.response_hours(INTAKE, INTAKE + delay) == hours


@pytest.mark.parametrize(
    "intake_at, first_contact_at",
    [(INTAKE, None), (None, INTAKE), (INTAKE, False), (False, False)],
)
def test_response_hours_without_contact_or_intake(intake_at, first_contact_at):
    assert response_time.response_hours(intake_at, first_contact_at) is None


def test_response_hours_contact_before_intake():
    contact = INTAKE - SECOND
    with pytest.raises(ServiceValidationError) as excinfo:
        response_time.response_hours(INTAKE, contact)
    assert_error(
        excinfo,
        "response.before_intake",
        "first_contact_date",
        intake_at=INTAKE,
        first_contact_at=contact,
    )


# --- percentile / median ---------------------------------------------------
# Expected values computed by hand with percentile_cont's rule
# (position q * (n - 1) in the sorted list, linear interpolation) and checked
# against PostgreSQL 15, e.g.
#   SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY x)
#   FROM (VALUES (4), (1), (3), (2)) v(x);  -- 1.75


@pytest.mark.parametrize(
    "values, q, expected",
    [
        ([4, 1, 3, 2], 0.25, 1.75),  # position 0.75: 1 + 0.75 * (2 - 1)
        ([4, 1, 3, 2], 0.5, 2.5),  # position 1.5: 2 + 0.5 * (3 - 2)
        ([4, 1, 3, 2], 0.9, 3.7),  # position 2.7: 3 + 0.7 * (4 - 3)
        ([4, 1, 3, 2], 0, 1.0),
        ([4, 1, 3, 2], 1, 4.0),
        ([10, 20, 30, 40, 50], 0.9, 46.0),  # position 3.6: 40 + 0.6 * 10
        ([10, 20, 30, 40, 50], 0.5, 30.0),  # position 2: exactly 30
        ([1.0, 3.0, None], 0.1, 1.2),  # NULLs are ignored, as in SQL
        ([7], 0.3, 7.0),
        # position 5.7: 48.25 + 0.7 * (72 - 48.25); PostgreSQL prints the
        # same float: 64.87499999999999
        ([2.5, 24.0, 0.33, 72.0, 1.5, 6.0, 48.25], 0.95, 64.87499999999999),
    ],
)
def test_percentile_matches_postgresql_percentile_cont(values, q, expected):
    result = response_time.percentile(values, q)
    assert result == expected
    assert isinstance(result, float)


def test_percentile_accepts_any_iterable_and_does_not_sort_in_place():
    values = [3, 1, 2]
    assert response_time.percentile(iter(values), 0.5) == 2.0
    assert response_time.percentile((v for v in values), 1) == 3.0
    assert values == [3, 1, 2]


@pytest.mark.parametrize("values", [[], [None], [None, None], ()])
def test_percentile_of_nothing_is_none(values):
    assert response_time.percentile(values, 0.5) is None


@pytest.mark.parametrize("q", [-0.01, 1.01, 50, None, "0.5", True, float("nan")])
def test_percentile_out_of_range(q):
    with pytest.raises(ServiceValidationError) as excinfo:
        response_time.percentile([1, 2], q)
    assert_error(excinfo, "response.quantile", "q")


@pytest.mark.parametrize(
    "values, expected",
    [([5, 1, 3], 3.0), ([5, 1, 3, 2], 2.5), ([0.5], 0.5), ([], None), ([None], None)],
)
def test_median(values, expected):
    assert response_time.median(values) == expected
