# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Response time (需求响应时效): deadlines, lateness and percentiles.

The deadline of a need is its intake time plus the hours allowed for its
priority (:data:`DEFAULT_HOURS`). A need is overdue while it has no first
contact after its deadline; it was late when the first contact came after
the deadline. Exactly at the deadline is on time. Datetimes may be naive
(Odoo stores naive UTC) or aware, but not mixed.

Error codes (:class:`~.errors.ServiceValidationError`):

- ``response.priority`` (field ``priority``; params ``priority``): neither a
  priority key (``urgent``, ``high``, ``normal`` or a key of the custom
  hours) nor an Odoo code of :data:`PRIORITY_KEYS`.
- ``response.hours`` (field ``hours_by_priority``; params ``priority``,
  ``hours``): hours that are not a positive number.
- ``response.before_intake`` (field ``first_contact_date``; params
  ``intake_at``, ``first_contact_at``): the first contact precedes the intake.
- ``response.quantile`` (field ``q``; params ``q``): a percentile outside
  [0, 1].
"""

import math
from collections.abc import Iterable
from datetime import datetime, timedelta

from .errors import ServiceValidationError

DEFAULT_HOURS = {"urgent": 24, "high": 72, "normal": 168}
# values of the Odoo selection field ``priority``
PRIORITY_KEYS = {"0": "normal", "1": "high", "2": "urgent"}

_SECONDS_PER_HOUR = 3600


def _priority_key(priority, hours):
    """Return the key of ``priority`` (a key of ``hours`` or an Odoo code)."""
    text = priority
    if isinstance(priority, int) and not isinstance(priority, bool):
        text = str(priority)
    if isinstance(text, str):
        if text in hours:
            return text
        if text in PRIORITY_KEYS:
            return PRIORITY_KEYS[text]
    raise ServiceValidationError(
        "response.priority", "priority", {"priority": priority}
    )


def deadline(
    intake_at: datetime,
    priority: str,
    hours_by_priority: dict[str, float] | None = None,
) -> datetime:
    """Return ``intake_at`` plus the hours allowed for ``priority``.

    ``priority`` is a key (``"urgent"``, ``"high"``, ``"normal"``) or the
    Odoo code (``"2"``, ``"1"``, ``"0"``). ``hours_by_priority`` overrides
    some or all of :data:`DEFAULT_HOURS`.
    """
    hours = DEFAULT_HOURS
    if hours_by_priority:
        hours = {**DEFAULT_HOURS, **hours_by_priority}
    key = _priority_key(priority, hours)
    allowed = hours[key]
    if (
        isinstance(allowed, bool)
        or not isinstance(allowed, (int, float))
        or not 0 < allowed < math.inf
    ):
        raise ServiceValidationError(
            "response.hours", "hours_by_priority", {"priority": key, "hours": allowed}
        )
    return intake_at + timedelta(hours=allowed)


def is_overdue(
    deadline: datetime | None, first_contact_at: datetime | None, now: datetime
) -> bool:
    """Return whether a need without first contact is past its ``deadline`` at
    ``now`` (strictly: exactly at the deadline is not overdue). Empty values
    (``None``/``False``) mean no deadline or no contact yet."""
    return bool(deadline) and not first_contact_at and now > deadline


def was_late(deadline: datetime | None, first_contact_at: datetime | None) -> bool:
    """Return whether the first contact came strictly after the ``deadline``;
    ``False`` while there is no contact yet (see :func:`is_overdue`)."""
    return bool(deadline) and bool(first_contact_at) and first_contact_at > deadline


def response_hours(
    intake_at: datetime | None, first_contact_at: datetime | None
) -> float | None:
    """Return the hours from intake to first contact, rounded to 2 decimals,
    or ``None`` when either is empty; raise ``response.before_intake`` when
    the contact precedes the intake."""
    if not intake_at or not first_contact_at:
        return None
    if first_contact_at < intake_at:
        raise ServiceValidationError(
            "response.before_intake",
            "first_contact_date",
            {"intake_at": intake_at, "first_contact_at": first_contact_at},
        )
    return round((first_contact_at - intake_at).total_seconds() / _SECONDS_PER_HOUR, 2)


def percentile(values: Iterable[float | None], q: float) -> float | None:
    """Return the continuous percentile ``q`` (0..1) of ``values`` with linear
    interpolation, as PostgreSQL's ``percentile_cont(q)``: ``None`` values
    are ignored and no values give ``None``."""
    if isinstance(q, bool) or not isinstance(q, (int, float)) or not 0 <= q <= 1:
        raise ServiceValidationError("response.quantile", "q", {"q": q})
    ordered = sorted(value for value in values if value is not None)
    if not ordered:
        return None
    # same arithmetic as PostgreSQL's percentile_cont_float8_final
    position = q * (len(ordered) - 1)
    first = math.floor(position)
    second = math.ceil(position)
    low = float(ordered[first])
    if first == second:
        return low
    return low + (position - first) * (float(ordered[second]) - low)


def median(values: Iterable[float | None]) -> float | None:
    """Return the median of ``values`` (``percentile(values, 0.5)``)."""
    return percentile(values, 0.5)
