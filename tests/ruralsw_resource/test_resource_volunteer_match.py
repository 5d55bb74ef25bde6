# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Volunteer suggestions and conflicts (ruralsw_resource.services.volunteer_match)."""

import random
from datetime import datetime, timedelta

import pytest

from ruralsw_resource.services import volunteer_match as vm
from ruralsw_resource.services.volunteer_match import Task, Volunteer

HOME = (26.10, 106.00)
NEAR = (26.12, 106.00)  # ~2 km
FAR = (26.35, 106.00)  # ~28 km
MONDAY_9 = datetime(2026, 12, 7, 9, 0)


def volunteer(key, skills=(), dialects=(), where=NEAR, **kw):
    return Volunteer(key, frozenset(skills), frozenset(dialects), *where, **kw)


def task(key="t", skills=(), dialects=(), where=HOME, start=None, hours=2.0):
    stop = start + timedelta(hours=hours) if start else None
    return Task(key, frozenset(skills), frozenset(dialects), *where, start, stop, hours)


def test_skill_then_dialect_then_distance_rank():
    t = task(skills={"care"}, dialects={"buyi"})
    ranked = vm.rank(
        t,
        [
            volunteer("no_skill", skills={"driving"}),
            volunteer("far_match", skills={"care"}, dialects={"buyi"}, where=FAR),
            volunteer("near_no_dialect", skills={"care"}),
            volunteer("near_match", skills={"care"}, dialects={"buyi"}),
        ],
    )
    assert [s.volunteer for s in ranked] == [
        "near_match",
        "far_match",
        "near_no_dialect",
    ]
    assert ranked[0].parts["skill"] == 1.0 and ranked[0].parts["dialect"] == 1.0


def test_partial_skill_match_scores_lower():
    t = task(skills={"care", "repair"})
    full, half = vm.rank(
        t,
        [
            volunteer("half", skills={"care"}),
            volunteer("full", skills={"care", "repair"}),
        ],
    )
    assert (full.volunteer, half.volunteer) == ("full", "half")
    assert half.parts["skill"] == 0.5


def test_beyond_max_km_and_full_load_are_not_suggested():
    t = task(hours=3)
    ranked = vm.rank(
        t,
        [
            volunteer("too_far", where=(27.5, 106.0)),
            volunteer("full", max_hours_week=8, load_hours=6),
            volunteer("free", max_hours_week=8, load_hours=1),
        ],
    )
    assert [s.volunteer for s in ranked] == ["free"]


def test_load_breaks_ties():
    ranked = vm.rank(
        task(),
        [
            volunteer("busy", max_hours_week=10, load_hours=6),
            volunteer("idle", max_hours_week=10, load_hours=0),
        ],
    )
    assert [s.volunteer for s in ranked] == ["idle", "busy"]


def test_bulk_suggestions_spread_overlapping_tasks_and_respect_max():
    same_time = [task(f"t{i}", start=MONDAY_9) for i in range(3)]
    vols = [volunteer("a"), volunteer("b", where=(26.13, 106.0))]
    result = vm.suggest_bulk(same_time, vols)
    firsts = [
        result[f"t{i}"][0].volunteer if result[f"t{i}"] else None for i in range(3)
    ]
    assert firsts == ["a", "b", None]

    week = [task(f"w{i}", start=MONDAY_9 + timedelta(days=i)) for i in range(5)]
    result = vm.suggest_bulk(week, [volunteer("only", max_hours_week=5)])
    assert [bool(result[f"w{i}"]) for i in range(5)] == [
        True,
        True,
        False,
        False,
        False,
    ]


def test_availability_slots():
    weekday_mornings = tuple((day, 8.0, 12.0) for day in range(5))
    assert vm.within_availability(
        weekday_mornings, MONDAY_9, MONDAY_9 + timedelta(hours=2)
    )
    assert not vm.within_availability(
        weekday_mornings, MONDAY_9, MONDAY_9 + timedelta(hours=4)
    )
    saturday = MONDAY_9 + timedelta(days=5)
    assert not vm.within_availability(
        weekday_mornings, saturday, saturday + timedelta(hours=1)
    )
    assert vm.within_availability((), saturday, saturday + timedelta(hours=1))


def test_conflicts_overlap_availability_and_weekly_max():
    others = [("x", MONDAY_9, MONDAY_9 + timedelta(hours=2), 2.0)]
    found = vm.conflicts(
        MONDAY_9 + timedelta(hours=1), MONDAY_9 + timedelta(hours=3), 2.0, others
    )
    assert [(c.code, c.other) for c in found] == [("overlap", "x")]
    # back to back is no overlap
    assert (
        vm.conflicts(
            MONDAY_9 + timedelta(hours=2), MONDAY_9 + timedelta(hours=3), 1.0, others
        )
        == []
    )
    found = vm.conflicts(
        MONDAY_9 + timedelta(days=1),
        MONDAY_9 + timedelta(days=1, hours=5),
        5.0,
        others,
        availability=((1, 8.0, 12.0),),
        max_hours_week=6.0,
    )
    assert [c.code for c in found] == ["availability", "weekly_max"]
    assert found[1].hours == 7.0 and found[1].limit == 6.0


def test_weekly_max_counts_only_the_same_week():
    last_week = MONDAY_9 - timedelta(days=7)
    others = [("old", last_week, last_week + timedelta(hours=6), 6.0)]
    assert (
        vm.conflicts(
            MONDAY_9, MONDAY_9 + timedelta(hours=2), 2.0, others, max_hours_week=6
        )
        == []
    )


def test_distance_missing_point_is_neutral():
    ranked = vm.rank(task(), [volunteer("unknown", where=(0.0, 0.0))])
    assert ranked[0].parts["distance"] == 0.5


def test_bulk_at_benchmark_size_gives_each_task_distinct_simultaneous_volunteers():
    rng = random.Random(3)
    skills = [f"s{i}" for i in range(8)]
    vols = [
        volunteer(
            f"v{i}",
            skills=set(rng.sample(skills, rng.randint(1, 3))),
            where=(25.8 + rng.random() * 0.6, 105.8 + rng.random() * 0.6),
            max_hours_week=8,
        )
        for i in range(2000)
    ]
    tasks = [
        task(
            f"t{i}",
            skills={rng.choice(skills)},
            where=(25.8 + rng.random() * 0.6, 105.8 + rng.random() * 0.6),
            start=MONDAY_9 + timedelta(hours=2 * (i % 40)),
        )
        for i in range(1000)
    ]
    result = vm.suggest_bulk(tasks, vols)
    hours = {}
    slots = {}
    for t in tasks:
        if result[t.key]:
            chosen = result[t.key][0].volunteer
            hours[chosen] = hours.get(chosen, 0) + t.hours
            assert (chosen, t.start) not in slots
            slots[(chosen, t.start)] = t.key
    assert max(hours.values()) <= 8
    assert len(slots) > 900


@pytest.mark.parametrize(
    "weights", [None, {"skill": 1, "dialect": 0, "distance": 0, "load": 0}]
)
def test_scores_are_between_0_and_1(weights):
    s = vm.score(task(skills={"a"}), volunteer("v", skills={"a"}), weights=weights)
    assert 0 <= s.score <= 1


def test_shift_slots_to_utc():
    # 08:00-12:00 in China (UTC+8) is 00:00-04:00 UTC the same day; 06:00-10:00
    # on a Monday is Sunday 22:00-24:00 and Monday 00:00-02:00 UTC
    assert vm.shift_slots(((0, 8.0, 12.0),), 8) == ((0, 0.0, 4.0),)
    assert vm.shift_slots(((0, 6.0, 10.0),), 8) == ((0, 0.0, 2.0), (6, 22.0, 24.0))
    utc_monday_1am = datetime(2026, 12, 7, 1, 0)
    assert vm.within_availability(
        vm.shift_slots(((0, 8.0, 12.0),), 8),
        utc_monday_1am,
        utc_monday_1am + timedelta(hours=2),
    )
