# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Volunteer suggestions and conflict checks, without Odoo.

A volunteer is scored for a task by four parts, each between 0 and 1:
skill match (share of the task's required skills the volunteer has),
dialect match (speaks one of the beneficiary's dialects), distance (1 at
home, falling to 0 at ``max_km``) and load (share of the weekly maximum
still free). The score is their weighted sum. Volunteers without any
required skill, farther than ``max_km`` or with no free hours are not
suggested.

Conflicts refuse an assignment: an overlap with another assignment of the
volunteer, a time outside the weekly availability, or more hours in the
ISO week than the volunteer's maximum.
"""

import heapq
import math
from dataclasses import dataclass, field
from datetime import timedelta

DEFAULT_WEIGHTS = {"skill": 0.4, "dialect": 0.25, "distance": 0.2, "load": 0.15}


@dataclass(frozen=True)
class Volunteer:
    """What the ranking and the checks need to know about a volunteer.

    ``availability``: ``[(weekday 0=Monday, hour_from, hour_to)]``; empty
    means available at any time. ``load_hours``: hours already planned in
    the week considered.
    """

    key: object
    skills: frozenset = frozenset()
    dialects: frozenset = frozenset()
    latitude: float | None = None
    longitude: float | None = None
    max_hours_week: float = 0.0
    load_hours: float = 0.0
    availability: tuple = ()


@dataclass(frozen=True)
class Task:
    """A field visit or distribution to staff."""

    key: object
    skills: frozenset = frozenset()
    dialects: frozenset = frozenset()
    latitude: float | None = None
    longitude: float | None = None
    start: object = None
    stop: object = None
    hours: float = 1.0


@dataclass(frozen=True)
class Conflict:
    """Why an assignment is refused: ``code`` is ``overlap``,
    ``availability`` or ``weekly_max``; ``other`` the overlapping assignment
    key; ``hours`` the week's total with this assignment."""

    code: str
    other: object = None
    hours: float = 0.0
    limit: float = 0.0


@dataclass
class Suggestion:
    """A ranked volunteer with the parts of their score."""

    volunteer: object
    score: float
    parts: dict = field(default_factory=dict)


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km, or None when a point is missing."""
    if not (lat1 or lon1) or not (lat2 or lon2) or None in (lat1, lon1, lat2, lon2):
        return None
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def score(task, volunteer, weights=None, max_km=30.0):
    """Score one volunteer for one task; None when not eligible."""
    weights = weights or DEFAULT_WEIGHTS
    if task.skills:
        matched = len(task.skills & volunteer.skills)
        if not matched:
            return None
        skill = matched / len(task.skills)
    else:
        skill = 1.0
    dialect = 1.0 if not task.dialects or task.dialects & volunteer.dialects else 0.0
    km = distance_km(
        task.latitude, task.longitude, volunteer.latitude, volunteer.longitude
    )
    if km is None:
        near = 0.5
    elif km > max_km:
        return None
    else:
        near = 1.0 - km / max_km
    if volunteer.max_hours_week:
        free = volunteer.max_hours_week - volunteer.load_hours
        if free < task.hours:
            return None
        load = free / volunteer.max_hours_week
    else:
        load = 1.0
    parts = {"skill": skill, "dialect": dialect, "distance": near, "load": load}
    return Suggestion(
        volunteer.key,
        sum(weights[name] * value for name, value in parts.items()),
        parts,
    )


def rank(task, volunteers, limit=5, weights=None, max_km=30.0):
    """Return the ``limit`` best :class:`Suggestion` for ``task``, best first
    (ties broken by volunteer key)."""
    scored = []
    for volunteer in volunteers:
        suggestion = score(task, volunteer, weights, max_km)
        if suggestion is not None:
            scored.append(suggestion)
    return heapq.nsmallest(limit, scored, key=lambda s: (-s.score, str(s.volunteer)))


class _SkillIndex:
    """Volunteers by skill, so a task only looks at those who have one of
    its skills."""

    def __init__(self, volunteers):
        self.all = list(volunteers)
        self.by_skill = {}
        for volunteer in self.all:
            for skill in volunteer.skills:
                self.by_skill.setdefault(skill, []).append(volunteer)

    def candidates(self, task):
        if not task.skills:
            return self.all
        seen = {}
        for skill in task.skills:
            for volunteer in self.by_skill.get(skill, ()):
                seen[volunteer.key] = volunteer
        return seen.values()


def suggest_bulk(tasks, volunteers, limit=3, weights=None, max_km=30.0):
    """Suggest volunteers for many tasks (a week of visits).

    Tasks are taken in start order; the best suggestion of each is counted
    in that volunteer's load and busy time, so that later tasks of the week
    see it (no volunteer is suggested first for two overlapping tasks, nor
    over their weekly maximum).

    :return: ``{task key: [Suggestion]}``; the first one is the proposed
        assignee
    """
    index = _SkillIndex(volunteers)
    load = {volunteer.key: volunteer.load_hours for volunteer in index.all}
    busy = {}
    result = {}
    ordered = sorted(tasks, key=lambda t: (t.start is None, t.start, str(t.key)))
    for task in ordered:
        scored = []
        for volunteer in index.candidates(task):
            if load[volunteer.key] != volunteer.load_hours:
                volunteer = Volunteer(
                    volunteer.key,
                    volunteer.skills,
                    volunteer.dialects,
                    volunteer.latitude,
                    volunteer.longitude,
                    volunteer.max_hours_week,
                    load[volunteer.key],
                    volunteer.availability,
                )
            suggestion = score(task, volunteer, weights, max_km)
            if suggestion is None:
                continue
            if task.start is not None and any(
                overlaps(task.start, task.stop, start, stop)
                for start, stop in busy.get(volunteer.key, ())
            ):
                continue
            if not within_availability(volunteer.availability, task.start, task.stop):
                continue
            scored.append(suggestion)
        best = heapq.nsmallest(
            limit, scored, key=lambda s: (-s.score, str(s.volunteer))
        )
        result[task.key] = best
        if best:
            chosen = best[0].volunteer
            load[chosen] += task.hours
            if task.start is not None:
                busy.setdefault(chosen, []).append((task.start, task.stop))
    return result


def overlaps(start1, stop1, start2, stop2):
    """Whether two half-open intervals [start, stop) overlap."""
    return start1 < stop2 and start2 < stop1


def within_availability(availability, start, stop):
    """Whether [start, stop) lies inside one weekly availability slot.

    ``availability`` is ``[(weekday, hour_from, hour_to)]`` in the same
    (local) time as ``start``/``stop``; empty means always available. An
    interval spanning several days must fit each day's slots.
    """
    if not availability or start is None or stop is None:
        return True
    day = start
    while day < stop:
        day_end = min(
            stop,
            (day + timedelta(days=1)).replace(
                hour=0, minute=0, second=0, microsecond=0
            ),
        )
        hour_from = day.hour + day.minute / 60 + day.second / 3600
        span = (day_end - day).total_seconds() / 3600
        hour_to = hour_from + span
        if not any(
            weekday == day.weekday()
            and slot_from <= hour_from + 1e-6
            and hour_to <= slot_to + 1e-6
            for weekday, slot_from, slot_to in availability
        ):
            return False
        day = day_end
    return True


def shift_slots(slots, offset_hours):
    """Weekly slots in local time → the same slots in UTC.

    :param slots: ``[(weekday, hour_from, hour_to)]`` local
    :param offset_hours: local time minus UTC (8 for China)
    :return: the slots in UTC, a slot crossing midnight split in two
    """
    shifted = []
    for weekday, hour_from, hour_to in slots:
        start = weekday * 24 + hour_from - offset_hours
        stop = weekday * 24 + hour_to - offset_hours
        while start < stop:
            day = int(start // 24)
            day_end = (day + 1) * 24
            end = min(stop, day_end)
            shifted.append((day % 7, start - day * 24, end - day * 24))
            start = end
    return tuple(sorted(shifted))


def week_bounds(moment):
    """Monday 00:00 and the next Monday 00:00 around ``moment``."""
    monday = (moment - timedelta(days=moment.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return monday, monday + timedelta(days=7)


def conflicts(
    start,
    stop,
    hours,
    others,
    availability=(),
    max_hours_week=0.0,
    local_start=None,
    local_stop=None,
):
    """Conflicts of a new assignment [start, stop) of ``hours``.

    :param others: ``[(key, start, stop, hours)]`` the volunteer's other
        live assignments
    :param availability: weekly slots (see :func:`within_availability`),
        compared with ``local_start``/``local_stop`` (default start/stop)
    :param max_hours_week: 0 for no maximum
    :return: list of :class:`Conflict` (empty when the assignment is fine)
    """
    found = []
    for key, other_start, other_stop, _hours in others:
        if overlaps(start, stop, other_start, other_stop):
            found.append(Conflict("overlap", other=key))
    if not within_availability(availability, local_start or start, local_stop or stop):
        found.append(Conflict("availability"))
    if max_hours_week:
        week_start, week_stop = week_bounds(start)
        total = hours + sum(
            other_hours
            for _key, other_start, _stop, other_hours in others
            if week_start <= other_start < week_stop
        )
        if total > max_hours_week + 1e-6:
            found.append(Conflict("weekly_max", hours=total, limit=max_hours_week))
    return found
