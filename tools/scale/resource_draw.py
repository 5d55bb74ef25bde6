# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Drawing the history of ``ruralsw_resource`` for the scale-data county:
delivered aid requests, distribution events with their volunteers, and the
inflows and spending of the funds. Pure Python (no Odoo): the step
(:mod:`tools.scale.resource`) gives the ids it read and writes the rows.

Every figure a stored computed field would hold is computed here as the
ORM computes it (a line's allocated and delivered quantities and state, a
request's totals and deadline, an assignment's planned hours), so that the
ORM verification of the step finds nothing to correct.
"""

import dataclasses
from datetime import timedelta

from .synth import Picker, minutes, working_time

# aid requests of cases over the history, at --scale 1
HISTORY_REQUESTS = 20_000
LINES_PER_REQUEST = Picker({1: 40, 2: 35, 3: 18, 4: 7})
LINE_QUANTITY = Picker({1: 30, 2: 30, 3: 20, 4: 10, 5: 10})
# what became of a request: delivered at once; delivered in two goes (the
# stock fell short, the rest came with a backorder); partly delivered and
# the rest given up (the request is cancelled); cancelled before delivery
OUTCOMES = Picker({"delivered": 84, "split": 9, "short": 4, "cancelled": 3})
# requests created in the last weeks whose backorder still waits for stock
PENDING_DAYS = 30
PENDING_SHARE = 0.5
# approval -> delivery, in hours, on time; late ones take 1.5 to 3 times
LEAD_HOURS = {"0": (24, 10 * 24), "1": (6, 4 * 24), "2": (2, 36)}
LATE_SHARE = 0.12
# requests asked for material needs (cases with such a need are drawn)
LIFE_THREATENING_SHARE = 0.01

# distribution events in the villages over the history, at --scale 1
EVENTS = 2_500
VOLUNTEERS_PER_EVENT = Picker({2: 20, 3: 30, 4: 25, 5: 15, 6: 10})
EVENT_HOURS = Picker({2: 40, 3: 40, 4: 20})
ASSIGNMENT_STATES = Picker({"done": 90, "cancel": 10})
# planned volunteers for the open field visits (one each, 1.5 hours)
VISIT_ASSIGNMENT_SHARE = 0.4

# fund mix per year of the history, drifting towards 30/50/20
YEAR_SHARES = (
    {"government": 42, "social_capital": 42, "profit_feedback": 16},
    {"government": 36, "social_capital": 46, "profit_feedback": 18},
    {"government": 31, "social_capital": 49, "profit_feedback": 20},
    {"government": 30, "social_capital": 50, "profit_feedback": 20},
)
MONTHLY_INFLOW = (140_000, 220_000)
SOCIAL_DONATIONS_PER_MONTH = 20  # at --scale 1
SPENDING_SHARE = (0.75, 1.0)  # of a month's inflows, per fund
SPENDING_LINES_PER_MONTH = (6, 18)  # per fund
PURPOSES = Picker(
    {"aid": 40, "delivery": 12, "volunteer": 10, "staff": 28, "admin": 10}
)


@dataclasses.dataclass
class CaseRef:
    """What the history needs of one case."""

    id: int
    intake: object
    end: object
    village_id: int
    township_id: int
    beneficiary_id: int
    household_id: int
    user_id: int
    supervisor_id: int
    priority: str


@dataclasses.dataclass
class Request:
    """An aid request with its lines, deliveries and moves (keys are list
    positions; ``case`` is a :class:`CaseRef`)."""

    key: int
    case: CaseRef
    created: object
    approved: object
    approved_by: int
    state: str = "approved"
    write_date: object = None
    deadline: object = None
    life_threatening: bool = False
    lines: list = dataclasses.field(default_factory=list)
    pickings: list = dataclasses.field(default_factory=list)

    @property
    def quantity_total(self):
        """Sum of the lines' quantities (``quantity_total``)."""
        return sum(line.quantity for line in self.lines)

    @property
    def qty_allocated_total(self):
        """Sum of the lines' allocated quantities."""
        return sum(line.qty_allocated for line in self.lines)


@dataclasses.dataclass
class Line:
    """One aid request line and what its moves make of it."""

    key: int
    product_id: int
    quantity: int
    qty_allocated: float = 0.0
    qty_delivered: float = 0.0
    date_delivered: object = None
    state: str = "open"


@dataclasses.dataclass
class Picking:
    """One delivery from a warehouse to the village; ``moves`` are
    ``(line, quantity)``."""

    key: int
    warehouse: int
    created: object
    state: str
    date_done: object = None
    backorder_of: int = None
    moves: list = dataclasses.field(default_factory=list)


def _lead(rng, priority):
    """Hours from the approval to the delivery."""
    low, high = LEAD_HOURS[priority]
    if rng.random() < LATE_SHARE:
        low, high = high * 1.5, high * 3
    return minutes(rng, low, high)


def line_state(line, request_state):
    """The state the ORM computes for a line (``_compute_state``, whole
    units: rounding 1)."""
    if request_state == "cancel":
        return "cancel"
    if line.qty_delivered >= line.quantity - 0.5:
        return "done"
    if line.qty_allocated >= line.quantity - 0.5:
        return "allocated"
    if line.qty_allocated > 0:
        return "partial"
    return "open"


def request_state(request):
    """The state ``_ruralsw_update_state`` leaves an approved request in."""
    lines = [line for line in request.lines if line.state != "cancel"]
    if lines and all(line.state == "done" for line in lines):
        return "done"
    if lines and all(line.state in ("allocated", "done") for line in lines):
        return "allocated"
    return "approved"


def draw_requests(rng, cases, count, products, now, sources, policy):
    """Draw ``count`` aid requests of ``cases`` (:class:`CaseRef`) with their
    lines and deliveries; return the :class:`Request` list in creation order.

    ``sources(case)`` gives the warehouses that can serve a case's village,
    nearest first; ``policy`` holds ``threshold`` (total quantity above which
    a supervisor approves; 0: never) and ``deadline_days`` ({priority:
    days}). Every moment is before ``now`` minus one hour.
    """
    latest = now - timedelta(days=3)
    usable = [case for case in cases if case.intake < latest - timedelta(days=1)]
    if not usable:
        return []
    drawn = [rng.choice(usable) for _index in range(count)]
    moments = []
    for case in drawn:
        end = min(case.end, latest)
        span = max((end - case.intake).total_seconds(), 3600.0)
        created = case.intake + timedelta(seconds=rng.uniform(3600.0, span))
        moments.append((created.replace(microsecond=0), case))
    moments.sort(key=lambda item: item[0])
    requests, picking_key, line_key = [], 0, 0
    for key, (created, case) in enumerate(moments):
        approved = created + minutes(rng, 0.2, 48)
        request = Request(key, case, created, approved, case.user_id)
        request.life_threatening = rng.random() < LIFE_THREATENING_SHARE
        for product in rng.sample(products, LINES_PER_REQUEST(rng)):
            request.lines.append(Line(line_key, product, LINE_QUANTITY(rng)))
            line_key += 1
        if policy["threshold"] and request.quantity_total > policy["threshold"]:
            request.approved_by = case.supervisor_id or case.user_id
        request.deadline = created.date() + timedelta(
            days=policy["deadline_days"].get(case.priority, 7)
        )
        picking_key = _deliver(rng, request, now, sources(case), picking_key)
        requests.append(request)
    return requests


def _deliver(rng, request, now, warehouses, picking_key):
    """Draw what became of ``request``; fill its pickings, line figures,
    states and last change; return the next picking key."""
    outcome = OUTCOMES(rng)
    short = [line for line in request.lines if line.quantity >= 2]
    if outcome in ("split", "short") and not short:
        outcome = "delivered"
    limit = now - timedelta(hours=1)
    last = request.approved
    if outcome == "cancelled":
        request.state = "cancel"
        last = min(request.approved + minutes(rng, 1, 72), limit)
    else:
        allocated = min(request.approved + minutes(rng, 0.2, 24), limit)
        done = min(allocated + _lead(rng, request.case.priority), limit)
        warehouse = warehouses[0] if rng.random() < 0.7 else rng.choice(warehouses)
        first = Picking(picking_key, warehouse, allocated, "done", done)
        picking_key += 1
        request.pickings.append(first)
        rest = []
        for line in request.lines:
            quantity = line.quantity
            if outcome != "delivered" and line in short and rng.random() < 0.7:
                quantity = rng.randint(1, line.quantity - 1)
                rest.append((line, line.quantity - quantity))
            first.moves.append((line, quantity))
        if outcome != "delivered" and not rest:
            line = short[0]
            first.moves[request.lines.index(line)] = (line, line.quantity - 1)
            rest.append((line, 1))
        last = done
        if outcome == "split":
            later = done + minutes(rng, 2 * 24, 20 * 24)
            recent = request.created > now - timedelta(days=PENDING_DAYS)
            pending = later > limit or (recent and rng.random() < PENDING_SHARE)
            second = Picking(
                picking_key,
                warehouse,
                done,
                "confirmed" if pending else "done",
                None if pending else later,
                backorder_of=first.key,
                moves=rest,
            )
            picking_key += 1
            request.pickings.append(second)
            last = done if pending else later
        elif outcome == "short":
            request.state = "cancel"
            last = min(done + minutes(rng, 1, 14 * 24), limit)
    for picking in request.pickings:
        for line, quantity in picking.moves:
            line.qty_allocated += quantity
            if picking.state == "done":
                line.qty_delivered += quantity
                line.date_delivered = max(
                    filter(None, (line.date_delivered, picking.date_done))
                )
    for line in request.lines:
        line.state = line_state(line, request.state)
    if request.state != "cancel":
        request.state = request_state(request)
    request.write_date = last
    return picking_key


@dataclasses.dataclass
class Event:
    """A distribution event in a village and its volunteers:
    ``assignments`` are ``(volunteer id, state, hours logged)``."""

    village_id: int
    township_id: int
    user_id: int
    start: object
    stop: object
    assignments: list = dataclasses.field(default_factory=list)


def draw_events(rng, count, villages, volunteers_by_township, organiser, now, days):
    """Draw ``count`` past distribution events over the last ``days`` days.

    ``villages`` are ``(village id, township id)``; ``volunteers_by_township``
    maps a township to the ids of the volunteers living there (the others
    come from the whole county); ``organiser(village id)`` is the social
    worker who organises it. No volunteer is at two events at once.
    """
    everyone = sorted({v for ids in volunteers_by_township.values() for v in ids})
    events, busy = [], {}
    for _index in range(count):
        village, township = rng.choice(villages)
        day = (now - timedelta(days=rng.uniform(1, days))).date()
        start = working_time(rng, day).replace(minute=0)
        if start > now - timedelta(hours=6):
            start = (now - timedelta(days=1)).replace(minute=0, second=0)
        stop = start + timedelta(hours=EVENT_HOURS(rng))
        event = Event(village, township, organiser(village), start, stop)
        local = volunteers_by_township.get(township) or everyone
        wanted = min(VOLUNTEERS_PER_EVENT(rng), len(local))
        for volunteer in rng.sample(local, wanted):
            if any(s < stop and start < e for s, e in busy.get(volunteer, ())):
                continue
            busy.setdefault(volunteer, []).append((start, stop))
            state = ASSIGNMENT_STATES(rng)
            hours = (stop - start).total_seconds() / 3600
            logged = 0.0
            if state == "done":
                logged = max(0.5, hours + rng.choice((-1.0, -0.5, 0.0, 0.0, 0.5)))
            event.assignments.append((volunteer, state, logged))
        events.append(event)
    events.sort(key=lambda event: event.start)
    return events


def month_starts(first, last):
    """Return the first day of every month from ``first`` to ``last``."""
    months = []
    day = first.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return months


@dataclasses.dataclass
class Gift:
    """A cash donation to be made through the ORM."""

    date: object
    source: str
    fund: int
    donor: int
    amount: int


def draw_inflows(rng, months, funds, donors, social_per_month):
    """Draw the month-by-month inflows: a grant per quarter to a government
    fund, one or two transfers a month of the e-commerce profit to a
    profit-feedback fund, and ``social_per_month`` gifts of people and
    companies to the social-capital funds, the year's shares following
    :data:`YEAR_SHARES`. ``funds`` and ``donors`` map a source to ids.
    Return the :class:`Gift` list by date."""
    gifts = []
    first_year = months[0].year
    for month in months:
        shares = YEAR_SHARES[min(month.year - first_year, len(YEAR_SHARES) - 1)]
        total = rng.uniform(*MONTHLY_INFLOW)
        if month.month % 3 == 1:
            gifts.append(
                Gift(
                    month + timedelta(days=rng.randint(4, 20)),
                    "government",
                    rng.choice(funds["government"]),
                    rng.choice(donors["government"]),
                    round(3 * total * shares["government"] / 100, -2),
                )
            )
        feedback = total * shares["profit_feedback"] / 100
        parts = rng.choice((1, 2))
        for part in range(parts):
            gifts.append(
                Gift(
                    month + timedelta(days=rng.randint(part * 14, part * 14 + 13)),
                    "profit_feedback",
                    rng.choice(funds["profit_feedback"]),
                    rng.choice(donors["profit_feedback"]),
                    round(feedback / parts),
                )
            )
        social = total * shares["social_capital"] / 100
        weights = [rng.lognormvariate(0, 1.2) for _index in range(social_per_month)]
        scale = social / sum(weights)
        for weight in weights:
            gifts.append(
                Gift(
                    month + timedelta(days=rng.randint(0, 27)),
                    "social_capital",
                    rng.choice(funds["social_capital"]),
                    rng.choice(donors["social_capital"]),
                    max(10, round(weight * scale, -1)),
                )
            )
    gifts.sort(key=lambda gift: (gift.date, gift.source))
    return gifts


def draw_spending(rng, gifts, funds, areas, today):
    """Draw the spending of each fund month by month: 75 to 100 % of what
    came in that month, in 6 to 18 lines with a purpose and an area, within
    the fund's restrictions. ``funds`` maps a fund id to ``{"purpose",
    "areas", "date_from", "date_to"}`` (restrictions, ``None`` when free;
    ``areas`` the area ids allowed); ``areas`` are the area ids of the
    county (townships and villages). Return ``(fund, date, amount <= 0,
    purpose, area)`` rows."""
    inflow = {}
    for gift in gifts:
        month = gift.date.replace(day=1)
        inflow[(gift.fund, month)] = inflow.get((gift.fund, month), 0) + gift.amount
    rows = []
    for (fund, month), amount in sorted(inflow.items()):
        rule = funds[fund]
        spent = amount * rng.uniform(*SPENDING_SHARE)
        count = rng.randint(*SPENDING_LINES_PER_MONTH)
        weights = [rng.random() + 0.2 for _index in range(count)]
        for weight in weights:
            day = month + timedelta(days=rng.randint(0, 27))
            if day > today:
                day = today
            if rule["date_from"] and day < rule["date_from"]:
                continue
            if rule["date_to"] and day > rule["date_to"]:
                continue
            purpose = rule["purpose"] or PURPOSES(rng)
            area = rng.choice(rule["areas"] or areas)
            value = round(spent * weight / sum(weights), 2)
            if value > 0:
                rows.append((fund, day, -value, purpose, area))
    return rows
