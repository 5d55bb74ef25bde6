# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure services of ruralsw_reporting: statistics, baseline comparison,
small-cell suppression and the PTO scorecard."""

from datetime import date, datetime

import pytest

from ruralsw_reporting.services import comparison, scorecard, stats, suppression
from ruralsw_reporting.services.errors import ReportingError


# --- percentiles, like PostgreSQL's percentile_cont --------------------------
def test_median_odd_and_even():
    assert stats.median([30, 10, 20]) == 20
    assert stats.median([5, 10, 20, 30]) == 15


def test_percentile_interpolates():
    # [10, 20, 30, 40, 200]: position 0.9 * 4 = 3.6 -> 40 + 0.6 * 160
    assert stats.percentile([10, 20, 30, 40, 200], 0.9) == pytest.approx(136.0)
    assert stats.percentile([7], 0.9) == 7.0


def test_percentile_empty_and_none_values():
    assert stats.median([]) is None
    assert stats.median([None, 4, None]) == 4


@pytest.mark.parametrize("q", [-0.1, 1.5, float("nan")])
def test_percentile_bad_q(q):
    with pytest.raises(ReportingError) as error:
        stats.percentile([1, 2], q)
    assert error.value.code == "percentile.q"
    assert error.value.field == "q"


def test_mean_and_share():
    assert stats.mean([1, 2, None, 3]) == 2
    assert stats.mean([]) is None
    assert stats.share(1, 4) == 25.0
    assert stats.share(3, 0) is None


# --- buckets -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("closed", "bucket"),
    [
        (datetime(2026, 1, 31, 8), "le_1"),
        (datetime(2026, 2, 28, 8), "le_1"),  # exactly one calendar month
        (datetime(2026, 2, 28, 9), "m1_3"),
        (datetime(2026, 4, 28, 8), "m1_3"),
        (datetime(2026, 7, 28, 8), "m3_6"),
        (datetime(2026, 7, 29, 8), "gt_6"),
    ],
)
def test_close_bucket(closed, bucket):
    assert stats.close_bucket(datetime(2026, 1, 28, 8), closed) == bucket


def test_close_bucket_before_intake():
    with pytest.raises(ReportingError) as error:
        stats.close_bucket(datetime(2026, 2, 1), datetime(2026, 1, 1))
    assert error.value.field == "closed_date"


def test_month_start():
    assert stats.month_start(datetime(2026, 3, 17, 23, 0)) == date(2026, 3, 1)
    assert stats.month_start(date(2026, 3, 1)) == date(2026, 3, 1)
    with pytest.raises(ReportingError):
        stats.month_start("2026-03-17")


# --- baseline comparison -------------------------------------------------------
def test_percent_change():
    assert comparison.percent_change(70.0, 100.0) == pytest.approx(-30.0)
    assert comparison.percent_change(4.4, 4.0) == pytest.approx(10.0)
    assert comparison.percent_change(None, 4.0) is None


@pytest.mark.parametrize(
    ("baseline", "code"), [(None, "baseline.empty"), (0, "baseline.zero")]
)
def test_percent_change_bad_baseline(baseline, code):
    with pytest.raises(ReportingError) as error:
        comparison.percent_change(3.0, baseline)
    assert error.value.code == code


def test_check_period():
    today = date(2026, 6, 15)
    comparison.check_period(date(2026, 1, 1), date(2026, 12, 31), today)
    cases = [
        ((None, date(2026, 1, 1)), "period.missing"),
        ((date(2026, 3, 1), date(2026, 2, 1)), "period.order"),
        ((date(2026, 7, 1), date(2026, 7, 31)), "period.future"),
    ]
    for (start, end), code in cases:
        with pytest.raises(ReportingError) as error:
            comparison.check_period(start, end, today, field="baseline_date_from")
        assert error.value.code == code
        assert error.value.field == "baseline_date_from"


# --- suppression ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("count", "small"), [(0, False), (1, True), (4, True), (5, False), (None, False)]
)
def test_is_small(count, small):
    assert suppression.is_small(count) is small


def test_suppress():
    assert suppression.suppress(3.6, 4) is None
    assert suppression.suppress(3.6, 5) == 3.6


def test_suppress_row_whole_and_single_cells():
    row = {"people_count": 3, "sat_4_count": 3, "satisfaction_avg": 4.0}
    assert suppression.suppress_row(row, "people_count", ["sat_4_count"]) == {
        "people_count": None,
        "sat_4_count": None,
        "satisfaction_avg": 4.0,
    }
    row = {"people_count": 9, "sat_4_count": 2, "sat_5_count": 7}
    masked = suppression.suppress_row(
        row, "people_count", ["sat_4_count", "sat_5_count"]
    )
    assert masked == {"people_count": 9, "sat_4_count": None, "sat_5_count": 7}
    assert row["sat_4_count"] == 2  # the input is not changed


# --- scorecard ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "target", "direction", "light"),
    [
        (85.0, 80.0, "higher", "green"),
        (80.0, 80.0, "higher", "green"),
        (75.0, 80.0, "higher", "amber"),  # within 10 % of 80 = 8 points
        (71.0, 80.0, "higher", "red"),
        (-35.0, -30.0, "lower", "green"),
        (-28.0, -30.0, "lower", "amber"),
        (-10.0, -30.0, "lower", "red"),
        (None, 80.0, "higher", "none"),
        (0.5, 0.0, "lower", "amber"),
        (2.0, 0.0, "lower", "red"),
    ],
)
def test_traffic_light(value, target, direction, light):
    assert scorecard.traffic_light(value, target, direction) == light


def test_traffic_light_bad_direction():
    with pytest.raises(ReportingError) as error:
        scorecard.traffic_light(1, 1, "sideways")
    assert error.value.field == "direction"


def test_fund_mix_drift():
    inflows = {"government": 300.0, "social_capital": 500.0, "profit_feedback": 100.0}
    # shares 33.3 / 55.6 / 11.1 against 30 / 50 / 20: the largest gap is 8.9
    assert scorecard.fund_mix_drift(inflows) == pytest.approx(20 - 100 * 100 / 900)
    assert scorecard.fund_mix_drift({}) is None
    assert scorecard.fund_mix_drift(
        {"government": 30, "social_capital": 50, "profit_feedback": 20}
    ) == pytest.approx(0.0)


def test_needs_evidence():
    assert scorecard.needs_evidence("entered", 1.0, "", 0)
    assert not scorecard.needs_evidence("entered", 1.0, "Board minutes 2026-03", 0)
    assert not scorecard.needs_evidence("entered", 1.0, "  ", 1)
    assert not scorecard.needs_evidence("measured", 1.0, "", 0)
    assert not scorecard.needs_evidence("entered", None, "", 0)


def test_indicator_catalogue_covers_the_three_dimensions():
    dimensions = {spec[0] for spec in scorecard.INDICATORS.values()}
    assert dimensions == set(scorecard.DIMENSIONS)
    targets = {code: spec[2] for code, spec in scorecard.INDICATORS.items()}
    assert targets["t_response_change"] == -30.0
    assert targets["t_satisfaction_change"] == 10.0
    assert targets["o_certified"] == 80.0
    assert targets["p_digital_budget"] == 30.0


def test_add_months_clamps_the_day():
    assert stats.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert stats.add_months(datetime(2026, 11, 30, 8), 3) == datetime(2027, 2, 28, 8)
    assert stats.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


# --- secondary suppression ----------------------------------------------------
# a county C with townships TA (village VA) and TB (villages VB, VC); keys
# are (area, month, channel)
PARENT = {"VA": "TA", "VB": "TB", "VC": "TB", "TA": "C", "TB": "C"}
CHANNEL = {2: "all"}


def _cells(**people):
    return {(area, "M", "all"): count for area, count in people.items()}


def test_equations_by_area_and_by_channel():
    cells = {
        ("C", "M", "all"): 9,
        ("TA", "M", "all"): 9,
        ("VA", "M", "all"): 9,
        ("VA", "M", "online"): 4,
        ("VA", "M", "offline"): 5,
        ("VA", "N", "all"): 3,  # its township has no row that month
    }
    relations = suppression.equations(list(cells), PARENT, CHANNEL)
    assert sorted(relations) == [
        (("C", "M", "all"), [("TA", "M", "all")]),
        (("TA", "M", "all"), [("VA", "M", "all")]),
        (("VA", "M", "all"), [("VA", "M", "online"), ("VA", "M", "offline")]),
    ]


def test_a_lone_small_township_hides_its_sibling_and_down_the_line():
    # C 8 = TA 6 + TB 2: TB (2 people) hidden, so C - TA would tell it;
    # TA hidden in turn, so VA (= TA) too
    cells = _cells(C=8, TA=6, TB=2, VA=6, VB=2)
    relations = suppression.equations(list(cells), PARENT, CHANNEL)
    assert suppression.complements(cells, relations) == {
        ("TA", "M", "all"),
        ("VA", "M", "all"),
    }


def test_the_smallest_visible_part_is_hidden_with_a_small_one():
    # TB 20 = VB 3 + VC 17, and TA has villages enough to stay visible
    cells = _cells(C=60, TA=40, TB=20, VA=40, VB=3, VC=17)
    cells[("VD", "M", "all")] = 0
    relations = suppression.equations(list(cells), {**PARENT, "VD": "TB"}, CHANNEL)
    assert suppression.complements(cells, relations) == {("VC", "M", "all")}


def test_two_small_cells_protect_each_other():
    cells = _cells(C=30, TA=26, TB=4, VA=26, VB=2, VC=2)
    relations = suppression.equations(list(cells), PARENT, CHANNEL)
    # TB (4) is alone hidden at the county level: TA goes, then VA
    assert suppression.complements(cells, relations) == {
        ("TA", "M", "all"),
        ("VA", "M", "all"),
    }
    # with a second small township nothing more is needed
    cells = _cells(C=7, TA=3, TB=4, VA=3, VB=2, VC=2)
    relations = suppression.equations(list(cells), PARENT, CHANNEL)
    assert suppression.complements(cells, relations) == set()


def test_nothing_small_nothing_hidden_and_zero_is_not_small():
    cells = _cells(C=10, TA=10, TB=0, VA=10, VB=0)
    relations = suppression.equations(list(cells), PARENT, CHANNEL)
    assert suppression.complements(cells, relations) == set()


def test_a_lone_channel_is_protected_by_the_smallest_other_channel():
    cells = {
        ("VA", "M", "all"): 30,
        ("VA", "M", "online"): 2,
        ("VA", "M", "offline"): 20,
        ("VA", "M", "proxy"): 8,
    }
    relations = suppression.equations(list(cells), {}, CHANNEL)
    assert suppression.complements(cells, relations) == {("VA", "M", "proxy")}


def test_a_count_hidden_in_one_row_is_protected_in_its_siblings():
    # one count of the rows (the overdue cases, say): C 12 = TA 5 + TB 7,
    # TB 7 = VB 2 + VC 5; VB's 2 is blanked, so VC's 5 must be too, or
    # 7 - 5 tells it
    overdue = _cells(C=12, TA=5, TB=7, VA=5, VB=2, VC=5)
    relations = suppression.equations(list(overdue), PARENT, CHANNEL)
    assert suppression.complements(overdue, relations) == {("VC", "M", "all")}
    # VA's row hidden already (for its few people) counts as hidden: TA
    # (= VA) goes, then TB (C - TA), and it is not returned itself
    assert suppression.complements(
        overdue, relations, already={("VA", "M", "all")}
    ) == {("VC", "M", "all"), ("TA", "M", "all"), ("TB", "M", "all")}
