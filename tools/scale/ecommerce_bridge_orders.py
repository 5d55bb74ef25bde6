# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Drawing the platform buyers and orders of :mod:`tools.scale.ecommerce_bridge`
(pure: no Odoo).

A buyer is an opaque key in a village; some are linked to a registered
beneficiary. Buyers get a profile: about a third sell produce (and one
seller in eight sells much less in the last three months than before, so
that the income-drop rule has something to find), one buyer in twenty buys
medical or assistive goods often and dearly; the others buy food, daily
goods and farm inputs. Orders are spread over the buyers unevenly (a
Pareto weight per buyer) and over the year before ``now``.
"""

import dataclasses
import hashlib
import math
from datetime import timedelta

HISTORY_DAYS = 365
RECENT_DAYS = 91  # the income-drop rule compares 3 months with the 3 before
SELLER_SHARE = 0.33
DECLINING_SHARE = 0.125
SICK_SHARE = 0.05
# registered villagers who consented to sharing are regular customers
LINKED_WEIGHT = 3.0
PURCHASE_CATEGORIES = (
    ("food", 0.32),
    ("daily", 0.30),
    ("agricultural_input", 0.16),
    ("medical", 0.10),
    ("assistive", 0.02),
    ("produce", 0.04),
    ("other", 0.06),
)
# (median amount in yuan, spread of its logarithm) per category
AMOUNTS = {
    "produce": (120.0, 0.9),
    "food": (45.0, 0.7),
    "daily": (35.0, 0.8),
    "agricultural_input": (150.0, 0.8),
    "medical": (90.0, 1.0),
    "assistive": (380.0, 0.7),
    "other": (60.0, 0.9),
}


@dataclasses.dataclass
class Buyer:
    """A platform buyer: its key, village, linked person (or ``None``) and
    profile."""

    key: str
    village_id: int
    beneficiary_id: int = None
    seller: bool = False
    declining: bool = False
    sick: bool = False
    weight: float = 1.0


def buyer_key(seed, index):
    """Return an opaque, stable buyer key (16 hex digits), never a phone
    number."""
    digest = hashlib.blake2b(f"{seed}/buyer/{index}".encode(), digest_size=8)
    return "u" + digest.hexdigest()


def draw_buyers(rng, seed, count, people, villages):
    """Return ``count`` buyers: one per ``(beneficiary_id, village_id)`` of
    ``people`` first (linked buyers, at most ``count``), the others unlinked
    in a village of ``villages`` drawn at random."""
    buyers = []
    for index in range(count):
        if index < len(people):
            beneficiary_id, village_id = people[index]
        else:
            beneficiary_id, village_id = None, rng.choice(villages)
        seller = rng.random() < SELLER_SHARE
        buyers.append(
            Buyer(
                key=buyer_key(seed, index),
                village_id=village_id,
                beneficiary_id=beneficiary_id,
                seller=seller,
                declining=seller and rng.random() < DECLINING_SHARE,
                sick=rng.random() < SICK_SHARE,
                weight=min(rng.paretovariate(1.6), 40.0)
                * (LINKED_WEIGHT if beneficiary_id else 1.0),
            )
        )
    return buyers


def _amount(rng, category, factor=1.0):
    """Return a log-normal amount for ``category`` in yuan, to the cent."""
    median, spread = AMOUNTS[category]
    return round(median * factor * math.exp(rng.gauss(0.0, spread)), 2)


def draw_orders(rng, buyers, count, now, prefix="QS"):
    """Yield ``count`` orders ``(order_ref, buyer_key, village_id, category,
    amount, direction, ordered_at)`` of ``buyers`` before ``now`` (naive
    UTC), in chunks drawn with one ``choices`` call each."""
    cumulative = []
    total = 0.0
    for buyer in buyers:
        total += buyer.weight
        cumulative.append(total)
    categories = [name for name, _weight in PURCHASE_CATEGORIES]
    weights = [weight for _name, weight in PURCHASE_CATEGORIES]
    seconds = HISTORY_DAYS * 86400
    recent = RECENT_DAYS * 86400
    number = 0
    while number < count:
        size = min(50_000, count - number)
        chosen = rng.choices(buyers, cum_weights=cumulative, k=size)
        for buyer in chosen:
            number += 1
            age = rng.random() * seconds
            if buyer.seller and rng.random() < 0.6:
                if buyer.declining and age < recent and rng.random() < 0.8:
                    age += recent  # most of its recent sales never happened
                category, direction = "produce", "sale"
                amount = _amount(rng, category)
            else:
                if buyer.sick and rng.random() < 0.5:
                    category = "medical" if rng.random() < 0.8 else "assistive"
                    amount = _amount(rng, category, 2.5)
                else:
                    category = rng.choices(categories, weights)[0]
                    amount = _amount(rng, category)
                direction = "purchase"
            yield (
                f"{prefix}{number:09d}",
                buyer.key,
                buyer.village_id,
                category,
                amount,
                direction,
                (now - timedelta(seconds=int(age))).replace(microsecond=0),
            )
