# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Allocation of aid request lines to warehouses, nearest stock first.

Plain Python, no Odoo import: the Odoo layer reads requests, warehouses and
available quantities into the small value types below, calls :func:`plan`,
and turns the result into a preview and then reserved pickings.

Rules:

* lines are served in order: life-threatening first, then higher priority,
  then older (``age`` is a sortable value: the request date), then by key;
* each line takes from the warehouses ranked by distance to its destination:
  the road distance of the override table between the two areas when there
  is one, else the great-circle distance between their coordinates;
* a warehouse gives what it has available (on hand minus reserved, minus
  what earlier lines of the plan took); a line is split across warehouses
  when the nearest is short, and what no warehouse has is a shortfall;
* alternatives of a line are the next warehouses, by distance, that still
  have the product after the plan.
"""

import math
from dataclasses import dataclass, field

EARTH_RADIUS_KM = 6371.0088


class AllocationError(ValueError):
    """Bad input to the allocation: ``field`` names what is wrong."""

    def __init__(self, message, field_name=None, key=None):
        super().__init__(message)
        self.field_name = field_name
        self.key = key


@dataclass(frozen=True)
class Demand:
    """One request line: ``quantity`` of ``product`` for ``area``."""

    key: object
    product: object
    quantity: float
    area: object
    latitude: float | None
    longitude: float | None
    life_threatening: bool = False
    priority: int = 0
    age: object = 0


@dataclass(frozen=True)
class Source:
    """A warehouse at ``area`` with its coordinates."""

    key: object
    area: object
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class Row:
    """``quantity`` of ``product`` from ``source`` for ``demand``."""

    demand: object
    source: object
    product: object
    quantity: float
    distance_km: float


@dataclass
class Plan:
    """The result of :func:`plan`."""

    rows: list = field(default_factory=list)
    shortfalls: dict = field(default_factory=dict)
    alternatives: dict = field(default_factory=dict)
    remaining: dict = field(default_factory=dict)

    def allocated(self, demand_key):
        """Total quantity planned for one demand."""
        return sum(row.quantity for row in self.rows if row.demand == demand_key)


def great_circle_km(lat1, lon1, lat2, lon2):
    """Great-circle (haversine) distance in km between two points in degrees."""
    phi1 = math.radians(lat1)
    phi2 = math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = (
        math.sin(dphi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def has_coordinates(latitude, longitude):
    """Whether a point is set (Odoo stores unset floats as 0.0)."""
    return latitude is not None and longitude is not None and (latitude or longitude)


def sort_key(demand):
    """Serving order: life-threatening, then priority, then age, then key."""
    return (not demand.life_threatening, -demand.priority, demand.age, str(demand.key))


def rank_sources(demand, sources, road_distances=None):
    """Return ``[(distance_km, source)]`` sorted nearest first for the
    destination of ``demand`` (only its area and coordinates matter)."""
    road_distances = road_distances or {}
    if not has_coordinates(demand.latitude, demand.longitude):
        raise AllocationError(
            f"Destination {demand.area} of line {demand.key} has no coordinates.",
            field_name="area_id",
            key=demand.key,
        )
    ranked = []
    for source in sources:
        km = road_distances.get((source.area, demand.area))
        if km is None:
            if not has_coordinates(source.latitude, source.longitude):
                continue
            km = great_circle_km(
                source.latitude, source.longitude, demand.latitude, demand.longitude
            )
        ranked.append((km, str(source.key), source))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [(km, source) for km, _name, source in ranked]


def validate(demands):
    """Raise :class:`AllocationError` on a non-positive quantity."""
    for demand in demands:
        if not demand.quantity or demand.quantity <= 0:
            raise AllocationError(
                f"Quantity of line {demand.key} must be positive "
                f"(got {demand.quantity}).",
                field_name="quantity",
                key=demand.key,
            )


def _serve(demand, cursor, remaining, result, epsilon):
    """Take ``demand`` from the ranked holders of ``cursor``; return what
    is still missing. ``cursor`` is ``[first index worth looking at,
    [(km, source)]]``: a warehouse the plan emptied is skipped for good
    (stock only goes down during a plan)."""
    needed = demand.quantity
    candidates = cursor[1]
    index = cursor[0]
    while needed > epsilon and index < len(candidates):
        km, source = candidates[index]
        stock_key = (source.key, demand.product)
        available = remaining.get(stock_key, 0.0)
        if available > epsilon:
            take = min(available, needed)
            result.rows.append(Row(demand.key, source.key, demand.product, take, km))
            remaining[stock_key] = available - take
            needed -= take
        if remaining.get(stock_key, 0.0) <= epsilon and index == cursor[0]:
            cursor[0] += 1
        index += 1
    return needed


def _alternatives(demands, cursors, result, remaining, max_alternatives, epsilon):
    """Fill ``result.alternatives``: per demand, the nearest warehouses not
    used for it that still hold its product after the plan."""
    used = {}
    for row in result.rows:
        used.setdefault(row.demand, set()).add(row.source)
    for demand in demands:
        cursor = cursors[(demand.area, demand.product)]
        taken = used.get(demand.key, set())
        found = []
        for km, source in cursor[1][cursor[0] :]:
            left = remaining.get((source.key, demand.product), 0.0)
            if source.key not in taken and left > epsilon:
                found.append((source.key, left, km))
                if len(found) >= max_alternatives:
                    break
        if found:
            result.alternatives[demand.key] = found


def plan(
    demands, sources, stock, road_distances=None, max_alternatives=3, epsilon=1e-9
):
    """Allocate ``demands`` from ``sources``.

    :param demands: iterable of :class:`Demand`
    :param sources: iterable of :class:`Source`
    :param stock: ``{(source_key, product): available quantity}``; not modified
    :param road_distances: ``{(source_area, destination_area): km}`` overrides
    :param max_alternatives: alternatives listed per demand
    :return: a :class:`Plan`; ``remaining`` is the stock left after it
    """
    demands = list(demands)
    validate(demands)
    sources = list(sources)
    remaining = {key: qty for key, qty in stock.items() if qty > epsilon}
    ranking = {}
    cursors = {}
    result = Plan()
    for demand in sorted(demands, key=sort_key):
        ranked = ranking.get(demand.area)
        if ranked is None:
            ranked = ranking[demand.area] = rank_sources(
                demand, sources, road_distances
            )
        cursor = cursors.get((demand.area, demand.product))
        if cursor is None:
            cursor = cursors[(demand.area, demand.product)] = [0, ranked]
        missing = _serve(demand, cursor, remaining, result, epsilon)
        if missing > epsilon:
            result.shortfalls[demand.key] = missing
    if max_alternatives:
        _alternatives(demands, cursors, result, remaining, max_alternatives, epsilon)
    result.remaining = remaining
    return result


def check_reservable(rows, available, epsilon=1e-9):
    """Compare planned quantities with what is available now.

    :param rows: iterable of ``(source_key, product, quantity)``
    :param available: ``{(source_key, product): quantity}`` read under lock
    :return: ``[(source_key, product, planned, available)]`` of the pairs
        where the plan asks for more than is available (empty when fine)
    """
    wanted = {}
    for source_key, product, quantity in rows:
        wanted[(source_key, product)] = (
            wanted.get((source_key, product), 0.0) + quantity
        )
    short = []
    for key, quantity in sorted(wanted.items(), key=lambda item: str(item[0])):
        have = available.get(key, 0.0)
        if quantity > have + epsilon:
            short.append((key[0], key[1], quantity, have))
    return short


def refill_suggestions(shortfalls, stock, township_of, township_sources, epsilon=1e-9):
    """Suggest internal transfers to refill townships that ran short.

    :param shortfalls: ``{(township, product): quantity short}`` (what the
        township lacks to cover what it was asked for)
    :param stock: ``{(source_key, product): quantity left}``
    :param township_of: ``{source_key: township}`` of every warehouse
    :param township_sources: ``{township: source_key}``, the township's
        centre warehouse that receives the transfer
    :return: ``[(from_source, to_source, product, quantity)]``, taking from
        the warehouses with the most of the product outside the township
    """
    suggestions = []
    left = dict(stock)
    for (township, product), short in sorted(
        shortfalls.items(), key=lambda item: str(item[0])
    ):
        target = township_sources.get(township)
        if target is None:
            continue
        donors = sorted(
            (
                (qty, str(source), source)
                for (source, prod), qty in left.items()
                if prod == product
                and qty > epsilon
                and township_of.get(source) != township
            ),
            reverse=True,
        )
        for qty, _name, source in donors:
            if short <= epsilon:
                break
            take = min(qty, short)
            suggestions.append((source, target, product, take))
            left[(source, product)] = qty - take
            short -= take
    return suggestions
