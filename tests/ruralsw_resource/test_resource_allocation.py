# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Allocation of aid request lines (ruralsw_resource.services.allocation)."""

import random

import pytest

from ruralsw_resource.services import allocation as alloc
from ruralsw_resource.services.allocation import Demand, Source

# three warehouses on a line of longitude 106.0: north (0 km), middle
# (~11 km south), south (~22 km south); villages next to each
NORTH = Source("north", "a_north", 26.2, 106.0)
MIDDLE = Source("middle", "a_middle", 26.1, 106.0)
SOUTH = Source("south", "a_south", 26.0, 106.0)
SOURCES = [NORTH, MIDDLE, SOUTH]


def demand(key, qty, lat=26.2, area="v_north", product="rice", **kw):
    return Demand(key, product, qty, area, lat, 106.0, **kw)


def test_great_circle_distance():
    # one degree of latitude is about 111.2 km
    assert alloc.great_circle_km(26.0, 106.0, 27.0, 106.0) == pytest.approx(
        111.2, abs=0.1
    )
    assert alloc.great_circle_km(26.0, 106.0, 26.0, 106.0) == 0.0


def test_nearest_warehouse_first():
    stock = {("north", "rice"): 10, ("middle", "rice"): 10, ("south", "rice"): 10}
    result = alloc.plan([demand("d1", 5, lat=26.01, area="v_south")], SOURCES, stock)
    assert [(r.source, r.quantity) for r in result.rows] == [("south", 5)]
    assert result.shortfalls == {}
    assert result.rows[0].distance_km == pytest.approx(1.1, abs=0.05)


def test_split_across_warehouses_when_nearest_is_short():
    stock = {("north", "rice"): 3, ("middle", "rice"): 4, ("south", "rice"): 10}
    result = alloc.plan([demand("d1", 9)], SOURCES, stock)
    assert [(r.source, r.quantity) for r in result.rows] == [
        ("north", 3),
        ("middle", 4),
        ("south", 2),
    ]
    assert result.allocated("d1") == 9
    assert result.remaining[("south", "rice")] == 8


def test_shortfall_reported():
    stock = {("north", "rice"): 3, ("middle", "rice"): 1}
    result = alloc.plan([demand("d1", 10)], SOURCES, stock)
    assert result.allocated("d1") == 4
    assert result.shortfalls == {"d1": 6}


def test_input_stock_is_not_modified():
    stock = {("north", "rice"): 3}
    alloc.plan([demand("d1", 10)], SOURCES, stock)
    assert stock == {("north", "rice"): 3}


def test_priority_order_life_threatening_then_priority_then_age():
    stock = {("north", "rice"): 3}
    demands = [
        demand("old_normal", 1, age=1),
        demand("new_urgent", 1, priority=2, age=5),
        demand("newest_life", 1, life_threatening=True, age=9),
        demand("older_urgent", 1, priority=2, age=2),
    ]
    result = alloc.plan(demands, SOURCES, stock)
    served = [row.demand for row in result.rows]
    assert served == ["newest_life", "older_urgent", "new_urgent"]
    assert result.shortfalls == {"old_normal": 1}


def test_road_distance_overrides_great_circle():
    stock = {("north", "rice"): 10, ("middle", "rice"): 10}
    # the village is nearest to north as the crow flies, but the road from
    # north winds around a mountain
    road = {("a_north", "v_x"): 80.0}
    result = alloc.plan(
        [demand("d1", 2, lat=26.19, area="v_x")], SOURCES, stock, road_distances=road
    )
    assert [(r.source, r.distance_km) for r in result.rows] == [
        ("middle", pytest.approx(10.0, abs=0.2))
    ]
    assert result.alternatives["d1"][0][0] == "north"
    assert result.alternatives["d1"][0][2] == 80.0


def test_alternatives_are_next_warehouses_with_stock_left():
    stock = {("north", "rice"): 10, ("middle", "rice"): 0, ("south", "rice"): 4}
    result = alloc.plan([demand("d1", 2)], SOURCES, stock)
    assert result.alternatives["d1"] == [("south", 4, pytest.approx(22.2, abs=0.1))]


def test_products_are_independent():
    stock = {("north", "rice"): 1, ("middle", "quilt"): 5}
    result = alloc.plan(
        [demand("r", 1), demand("q", 2, product="quilt")], SOURCES, stock
    )
    assert {(r.demand, r.source) for r in result.rows} == {
        ("r", "north"),
        ("q", "middle"),
    }


@pytest.mark.parametrize("qty", [0, -1])
def test_non_positive_quantity_is_refused(qty):
    with pytest.raises(alloc.AllocationError) as excinfo:
        alloc.plan([demand("bad", qty)], SOURCES, {})
    assert excinfo.value.field_name == "quantity"
    assert excinfo.value.key == "bad"


def test_destination_without_coordinates_is_refused():
    bad = Demand("d", "rice", 1, "v_nowhere", 0.0, 0.0)
    with pytest.raises(alloc.AllocationError) as excinfo:
        alloc.plan([bad], SOURCES, {("north", "rice"): 1})
    assert excinfo.value.field_name == "area_id"


def test_warehouse_without_coordinates_is_skipped_unless_road_distance():
    lost = Source("lost", "a_lost", 0.0, 0.0)
    stock = {("lost", "rice"): 5}
    assert alloc.plan([demand("d", 1)], [lost], stock).shortfalls == {"d": 1}
    road = {("a_lost", "v_north"): 3.0}
    result = alloc.plan([demand("d", 1)], [lost], stock, road_distances=road)
    assert [(r.source, r.distance_km) for r in result.rows] == [("lost", 3.0)]


def test_check_reservable():
    rows = [("north", "rice", 3), ("north", "rice", 2), ("south", "rice", 1)]
    assert (
        alloc.check_reservable(rows, {("north", "rice"): 5, ("south", "rice"): 1}) == []
    )
    assert alloc.check_reservable(rows, {("north", "rice"): 4}) == [
        ("north", "rice", 5, 4),
        ("south", "rice", 1, 0.0),
    ]


def test_refill_suggestions_take_from_the_richest_outside_the_township():
    suggestions = alloc.refill_suggestions(
        {("t1", "rice"): 7},
        {("w_t1", "rice"): 0, ("w_t2", "rice"): 5, ("w_t3", "rice"): 9},
        {"w_t1": "t1", "w_t2": "t2", "w_t3": "t3"},
        {"t1": "w_t1"},
    )
    assert suggestions == [("w_t3", "w_t1", "rice", 7)]


def test_conservation_on_random_plans():
    rng = random.Random(7)
    sources = [
        Source(f"w{i}", f"a{i}", 26 + rng.random(), 106 + rng.random())
        for i in range(20)
    ]
    stock = {(s.key, p): rng.randint(0, 20) for s in sources for p in range(5)}
    demands = [
        Demand(
            i,
            rng.randrange(5),
            rng.randint(1, 10),
            f"v{i % 30}",
            26 + rng.random(),
            106 + rng.random(),
            priority=rng.randrange(3),
        )
        for i in range(300)
    ]
    result = alloc.plan(demands, sources, stock)
    for d in demands:
        assert result.allocated(d.key) + result.shortfalls.get(
            d.key, 0
        ) == pytest.approx(d.quantity)
    used = {}
    for row in result.rows:
        used[(row.source, row.product)] = (
            used.get((row.source, row.product), 0) + row.quantity
        )
    for key, qty in used.items():
        assert qty <= stock[key] + 1e-9
        assert result.remaining.get(key, 0) == pytest.approx(stock[key] - qty)
    # nobody is short of a product while some warehouse still holds it
    for d in demands:
        if d.key in result.shortfalls:
            assert all(
                result.remaining.get((s.key, d.product), 0) <= 1e-9 for s in sources
            )


def test_benchmark_sized_plan_serves_every_line_it_can():
    """10,000 lines over 200 warehouses and 50 products (the benchmark's
    size; tools/bench_resource.py times it)."""
    rng = random.Random(1)
    sources = [
        Source(f"w{i}", f"a{i}", 25.5 + rng.random(), 106 + rng.random())
        for i in range(200)
    ]
    stock = {(s.key, p): rng.randint(0, 60) for s in sources for p in range(50)}
    demands = [
        Demand(
            i,
            rng.randrange(50),
            rng.randint(1, 5),
            f"v{i % 170}",
            25.5 + rng.random(),
            106 + rng.random(),
        )
        for i in range(10_000)
    ]
    result = alloc.plan(demands, sources, stock)
    assert len(result.rows) >= 10_000 - len(result.shortfalls)
