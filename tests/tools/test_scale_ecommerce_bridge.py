# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The pure drawing of the bridge's scale step
(tools/scale/ecommerce_bridge_orders.py). No Odoo needed."""

import random
from collections import Counter
from datetime import datetime, timedelta

from ruralsw_ecommerce_bridge.services import payload
from tools.scale import ecommerce_bridge_orders as draw

NOW = datetime(2026, 11, 22, 12, 0)


def _buyers(count=2_000, people=((101, 1), (102, 2))):
    return draw.draw_buyers(random.Random(3), 1, count, list(people), [1, 2, 3])


def test_buyers_link_people_first_and_keys_are_opaque_and_unique():
    buyers = _buyers()
    assert [(b.beneficiary_id, b.village_id) for b in buyers[:2]] == [
        (101, 1),
        (102, 2),
    ]
    assert all(b.beneficiary_id is None for b in buyers[2:])
    assert {b.village_id for b in buyers[2:]} == {1, 2, 3}
    keys = [b.key for b in buyers]
    assert len(set(keys)) == len(keys)
    for key in keys[:50]:
        assert payload.buyer_key(key, "buyer_key") == key
    assert buyers[0].weight >= draw.LINKED_WEIGHT
    assert draw.buyer_key(1, 5) == draw.buyer_key(1, 5) != draw.buyer_key(2, 5)


def test_orders_are_valid_payloads_over_the_last_year():
    buyers = _buyers()
    orders = list(draw.draw_orders(random.Random(4), buyers, 20_000, NOW))
    assert len(orders) == 20_000
    assert len({order[0] for order in orders}) == 20_000
    for ref, key, _village, category, amount, direction, moment in orders[:500]:
        payload.validate_order(
            {
                "order_id": ref,
                "buyer_key": key,
                "village_code": "522690101201",
                "category": category,
                "amount": amount,
                "direction": direction,
                "ordered_at": (moment + timedelta(hours=8)).isoformat(),
            },
            "orders.0",
            NOW,
        )
    assert all(NOW - timedelta(days=460) <= o[6] <= NOW for o in orders)
    directions = Counter(o[5] for o in orders)
    assert 0.1 < directions["sale"] / len(orders) < 0.35
    assert {o[3] for o in orders if o[5] == "sale"} == {"produce"}


def test_declining_sellers_sell_less_in_the_last_three_months():
    buyers = [
        draw.Buyer(key=f"k{n}", village_id=1, seller=True, declining=n % 2 == 0)
        for n in range(400)
    ]
    orders = list(draw.draw_orders(random.Random(5), buyers, 40_000, NOW))
    recent = NOW - timedelta(days=draw.RECENT_DAYS)
    before = recent - timedelta(days=draw.RECENT_DAYS)

    def share_recent(declining):
        keys = {b.key for b in buyers if b.declining == declining}
        sales = [o for o in orders if o[1] in keys and o[5] == "sale"]
        last = sum(o[4] for o in sales if o[6] >= recent)
        previous = sum(o[4] for o in sales if before <= o[6] < recent)
        return last / previous

    assert share_recent(True) < 0.4 < 0.8 < share_recent(False)


def test_drawing_is_reproducible():
    first = list(draw.draw_orders(random.Random(9), _buyers(), 1_000, NOW))
    again = list(draw.draw_orders(random.Random(9), _buyers(), 1_000, NOW))
    assert first == again
