# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Signal rules (ruralsw_ecommerce_bridge.services.signal_rules)."""

from datetime import datetime

import pytest

from ruralsw_ecommerce_bridge.services import signal_rules as rules
from ruralsw_ecommerce_bridge.services.errors import BridgeError

NOW = datetime(2026, 12, 3, 9, 0)


def test_windows_are_calendar_months():
    previous, recent = rules.windows(datetime(2026, 5, 31), 3)
    assert recent == datetime(2026, 2, 28)
    assert previous == datetime(2025, 11, 28)
    assert rules.months_before(datetime(2026, 1, 15), 1) == datetime(2025, 12, 15)


@pytest.mark.parametrize(
    ("recent", "previous", "fires"),
    [
        (500, 1000, True),
        (501, 1000, False),
        (0, 1000, True),
        (0, 200, False),
        (0, 0, False),
    ],
)
def test_income_drop(recent, previous, fires):
    values = rules.income_drop(recent, previous, months=3, ratio=0.5, min_previous=300)
    assert (values is not None) == fires
    if fires:
        assert values["previous_income"] == previous
        assert values["drop_percent"] == round((previous - recent) / previous * 100, 1)
        text = rules.explain("income_drop", values, NOW)
        assert f"{previous:.2f}" in text and "2026-09-03" in text


def test_medical_purchases():
    assert rules.medical_purchases(1999.99, 3) is None
    values = rules.medical_purchases(2400, 4, months=3, threshold=2000)
    assert values == {"total": 2400.0, "count": 4, "threshold": 2000.0, "months": 3}
    assert "2400.00" in rules.explain("medical_purchases", values, NOW)


def test_invisible_household_fires_only_for_the_unseen_vulnerable():
    old = datetime(2026, 1, 1)
    recent = datetime(2026, 11, 1)
    fire = rules.invisible_household(78, False, None, old, NOW)
    assert fire["oldest_age"] == 78 and fire["last_contact_at"] == "2026-01-01"
    assert "aged 78" in rules.explain("invisible_household", fire, NOW)
    alone = rules.invisible_household(66, True, None, None, NOW)
    assert "living alone" in rules.explain("invisible_household", alone, NOW)
    assert rules.invisible_household(65, False, None, None, NOW) is None
    assert rules.invisible_household(80, False, recent, None, NOW) is None
    assert rules.invisible_household(80, False, None, recent, NOW) is None
    assert rules.invisible_household(None, False, None, None, NOW) is None


def test_parameters_defaults_and_checks():
    assert rules.check_parameters("income_drop", {"ratio": 0.3})["months"] == 3
    for rule_type, bad in [
        ("income_drop", {"ratio": 1.5}),
        ("income_drop", {"months": 0}),
        ("medical_purchases", {"threshold": -1}),
        ("invisible_household", {"min_age": True}),
        ("invisible_household", {"colour": 1}),
    ]:
        with pytest.raises(BridgeError) as caught:
            rules.check_parameters(rule_type, bad)
        assert caught.value.code == "rule.parameter"
    with pytest.raises(BridgeError):
        rules.check_parameters("astrology", {})
