# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The signal rules: when order data (or its absence) deserves a look.

Each rule takes the figures of one household and returns ``None`` (nothing
to see) or a dict of the values that made it fire, which the signal shows
to the social worker next to the rule's explanation. No rule decides
anything: a person accepts or dismisses every signal.

- :func:`income_drop`: produce-sale income of the last ``months`` months
  fell by at least ``ratio`` against the ``months`` before.
- :func:`medical_purchases`: purchases of medical or assistive goods over
  the last ``months`` months reached ``threshold``.
- :func:`invisible_household`: a vulnerable household (someone over
  ``min_age``, or an elderly person living alone) with neither orders nor
  any contact for ``months`` months: the people platforms cannot see.

Codes (:class:`~.errors.BridgeError`, field ``parameters``):
``rule.parameter`` (params ``name``, ``value``).
"""

import calendar
from datetime import datetime

from .errors import BridgeError

RULE_TYPES = ("income_drop", "medical_purchases", "invisible_household")
DEFAULTS = {
    "income_drop": {"months": 3, "ratio": 0.5, "min_previous": 300.0},
    "medical_purchases": {"months": 3, "threshold": 2000.0},
    "invisible_household": {"months": 6, "min_age": 70},
}
EXPLANATIONS = {
    "income_drop": (
        "Produce sales fell from {previous_income:.2f} to {recent_income:.2f} "
        "({drop_percent:.0f} % less) between the {months} months before "
        "{recent_start} and the {months} months since."
    ),
    "medical_purchases": (
        "Purchases of medical or assistive goods reached {total:.2f} "
        "({count} orders) in the {months} months since {since}; the threshold "
        "is {threshold:.2f}."
    ),
    "invisible_household": (
        "{reason}: no order and no contact since {since} ({months} months)."
    ),
}


def check_parameters(rule_type, parameters):
    """Return the rule's parameters completed with the defaults, refusing
    values out of range."""
    if rule_type not in RULE_TYPES:
        raise BridgeError("rule.parameter", "rule_type", {"name": "rule_type"})
    values = {**DEFAULTS[rule_type], **(parameters or {})}
    checks = {
        "months": lambda v: isinstance(v, int) and 1 <= v <= 24,
        "ratio": lambda v: isinstance(v, int | float) and 0 < v < 1,
        "min_previous": lambda v: isinstance(v, int | float) and v >= 0,
        "threshold": lambda v: isinstance(v, int | float) and v > 0,
        "min_age": lambda v: isinstance(v, int) and 18 <= v <= 120,
    }
    for name, value in values.items():
        check = checks.get(name)
        if check is None or isinstance(value, bool) or not check(value):
            raise BridgeError(
                "rule.parameter", "parameters", {"name": name, "value": value}
            )
    return values


def months_before(moment, months):
    """Return ``moment`` moved back ``months`` calendar months (the day is
    clamped to the end of a shorter month, as ``relativedelta`` does)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def windows(now, months):
    """Return ``(previous_start, recent_start)``: the recent window is
    ``[recent_start, now)``, the previous one ``[previous_start,
    recent_start)``, both ``months`` months long."""
    recent_start = months_before(now, months)
    return months_before(recent_start, months), recent_start


def income_drop(
    recent_income, previous_income, months=3, ratio=0.5, min_previous=300.0
):
    """Fire when the recent produce income is at most ``(1 - ratio)`` times
    the previous one, which was at least ``min_previous`` (a household that
    sold almost nothing before tells nothing by selling less)."""
    recent = float(recent_income or 0.0)
    previous = float(previous_income or 0.0)
    if previous <= 0 or previous < min_previous:
        return None
    if recent > previous * (1 - ratio):
        return None
    return {
        "previous_income": round(previous, 2),
        "recent_income": round(recent, 2),
        "drop_percent": round((previous - recent) / previous * 100, 1),
        "months": months,
    }


def medical_purchases(total, count, months=3, threshold=2000.0):
    """Fire when medical or assistive purchases reached ``threshold``."""
    total = float(total or 0.0)
    if total < threshold:
        return None
    return {
        "total": round(total, 2),
        "count": int(count or 0),
        "threshold": float(threshold),
        "months": months,
    }


def invisible_household(
    oldest_age,
    elderly_alone,
    last_order_at,
    last_contact_at,
    now,
    months=6,
    min_age=70,
):
    """Fire for a vulnerable household with no order and no contact since
    ``now - months``."""
    if not elderly_alone and (oldest_age is None or oldest_age < min_age):
        return None
    since = months_before(now, months)
    for moment in (last_order_at, last_contact_at):
        if moment is not None and moment >= since:
            return None
    return {
        "oldest_age": oldest_age,
        "elderly_alone": bool(elderly_alone),
        "last_order_at": _iso(last_order_at),
        "last_contact_at": _iso(last_contact_at),
        "months": months,
        "min_age": min_age,
    }


def _iso(moment):
    """Return a datetime as ``YYYY-MM-DD`` text, ``None`` unchanged."""
    if moment is None:
        return None
    return moment.date().isoformat() if isinstance(moment, datetime) else str(moment)


def explain(rule_type, values, now):
    """Return the English sentence that explains a fired rule's values."""
    months = values.get("months", DEFAULTS[rule_type]["months"])
    since = (months_before(now, months)).date().isoformat()
    if rule_type == "invisible_household":
        reason = (
            "An elderly person living alone"
            if values.get("elderly_alone")
            else f"A member aged {values.get('oldest_age')}"
        )
        return EXPLANATIONS[rule_type].format(reason=reason, since=since, months=months)
    if rule_type == "income_drop":
        return EXPLANATIONS[rule_type].format(recent_start=since, **values)
    return EXPLANATIONS[rule_type].format(since=since, **values)
