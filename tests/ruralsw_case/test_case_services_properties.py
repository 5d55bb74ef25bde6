# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Property-based tests of the services (skipped without hypothesis)."""

import math
from datetime import date, datetime, timedelta

import pytest

from ruralsw_case.services import (
    division_code,
    id_number,
    masking,
    response_time,
    scoring,
)
from ruralsw_case.services.errors import ServiceValidationError

hypothesis = pytest.importorskip("hypothesis")
st = pytest.importorskip("hypothesis.strategies")
given = hypothesis.given
settings = hypothesis.settings

TODAY = date(2026, 1, 15)
PROVINCES = sorted(id_number.PROVINCE_CODES)

regions = st.builds(
    lambda province, rest: province + rest,
    st.sampled_from(PROVINCES),
    st.text("0123456789", min_size=4, max_size=4),
)
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)
valid_numbers = st.builds(id_number.generate, regions, births, sequences)

# no example database: nothing written into the repository between runs
PROPERTY = settings(deadline=None, database=None)
THOROUGH = settings(PROPERTY, max_examples=300)


@THOROUGH
@given(regions, births, sequences)
def test_generated_numbers_round_trip(region6, birth, sequence):
    number = id_number.generate(region6, birth, sequence)
    assert id_number.validate(number, TODAY) == number
    assert id_number.birth_date(number) == birth
    assert id_number.region_code(number) == region6
    assert id_number.gender(number) == ("male" if sequence % 2 else "female")


@THOROUGH
@given(valid_numbers, st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_change_is_refused(number, position, shift):
    digit = (int(number[position]) + shift) % 10
    changed = number[:position] + str(digit) + number[position + 1 :]
    with pytest.raises(ServiceValidationError):
        id_number.validate(changed, TODAY)


@THOROUGH
@given(valid_numbers, st.integers(0, 15))
def test_any_adjacent_transposition_is_refused(number, position):
    a, b = number[position], number[position + 1]
    hypothesis.assume(a != b)
    swapped = number[:position] + b + a + number[position + 2 :]
    with pytest.raises(ServiceValidationError):
        id_number.validate(swapped, TODAY)


@PROPERTY
@given(valid_numbers)
def test_full_width_and_spaced_input_normalises(number):
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in number.lower())
    spaced = f"\u3000{full_width[:6]} {full_width[6:14]}\u3000{full_width[14:]} "
    assert id_number.validate(spaced, TODAY) == number


@PROPERTY
@given(st.text(max_size=40))
def test_validate_returns_a_valid_number_or_a_service_error(text):
    try:
        number = id_number.validate(text, TODAY)
    except ServiceValidationError as error:
        assert error.field == "id_number"
        assert error.code.startswith("id_number.")
    else:
        assert len(number) == 18
        assert id_number.check_character(number[:17]) == number[17]


@PROPERTY
@given(st.one_of(st.none(), st.text(max_size=30)))
def test_id_mask_keeps_the_length_and_never_shows_the_middle(text):
    masked = masking.mask_id_number(text)
    stripped = (text or "").strip()
    assert len(masked) == len(stripped)
    if len(stripped) > 8:
        assert masked[4:-4] == "*" * (len(stripped) - 8)
    else:
        assert masked == "*" * len(stripped)


@PROPERTY
@given(st.text("0123456789", min_size=11, max_size=11))
def test_phone_mask_hides_at_least_four_digits(digits):
    masked = masking.mask_phone(digits)
    assert len(masked) == 11
    assert masked.count("*") >= 4
    assert masked[-4:] == digits[-4:]


@PROPERTY
@given(st.text(max_size=20))
def test_name_mask_never_returns_a_name_unmasked(text):
    masked = masking.mask_name(text)
    assert len(masked) == len(text.strip())
    if any(char.isalnum() for char in text):
        assert "*" in masked


dimension_scores = st.fixed_dictionaries(
    {dimension: st.integers(0, 4) for dimension in scoring.DIMENSIONS}
)


@PROPERTY
@given(dimension_scores)
def test_assessment_invariants(values):
    result = scoring.assess(values)
    assert 0 <= result.score <= 100
    assert result.score == round(result.score, 1)
    assert result.reasons[0] == ("score_band", result.score, scoring.band(result.score))
    severe = sum(1 for value in values.values() if value == 4)
    rank = scoring.RISK_LEVELS.index(result.level)
    if severe >= 2:
        assert result.level == "critical"
    elif severe == 1:
        assert rank >= scoring.RISK_LEVELS.index("high")
    else:
        assert result.level == scoring.band(result.score)
    assert len(scoring.explain(result)) == len(result.reasons)


@PROPERTY
@given(dimension_scores, st.sampled_from(scoring.DIMENSIONS))
def test_a_worse_dimension_never_lowers_score_or_level(values, dimension):
    hypothesis.assume(values[dimension] < 4)
    worse = dict(values, **{dimension: values[dimension] + 1})
    before, after = scoring.assess(values), scoring.assess(worse)
    assert after.score >= before.score
    levels = scoring.RISK_LEVELS
    assert levels.index(after.level) >= levels.index(before.level)


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@PROPERTY
@given(st.lists(finite, min_size=1, max_size=30), st.floats(0, 1), st.floats(0, 1))
def test_percentile_is_bounded_and_monotone(values, q1, q2):
    low, high = sorted((q1, q2))
    p_low = response_time.percentile(values, low)
    p_high = response_time.percentile(values, high)
    assert min(values) <= p_low <= max(values) or math.isclose(p_low, min(values))
    assert p_low <= p_high or math.isclose(p_low, p_high, abs_tol=1e-9)
    assert response_time.percentile(values, 0) == min(values)
    assert response_time.percentile(values, 1) == max(values)


@PROPERTY
@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1)),
    st.sampled_from(["0", "1", "2", "normal", "high", "urgent"]),
    st.integers(0, 400 * 3600),
)
def test_overdue_and_late_agree(intake, priority, seconds):
    deadline = response_time.deadline(intake, priority)
    moment = intake + timedelta(seconds=seconds)
    assert response_time.is_overdue(deadline, None, moment) == (moment > deadline)
    assert response_time.was_late(deadline, moment) == (moment > deadline)
    assert response_time.response_hours(intake, moment) == round(seconds / 3600, 2)


village_codes = st.builds(
    lambda province, rest: province + rest,
    st.sampled_from(PROVINCES),
    st.text("0123456789", min_size=10, max_size=10),
)


@PROPERTY
@given(village_codes)
def test_every_ancestor_is_a_valid_parent_chain(code):
    level = division_code.level_of(code)
    ancestors = division_code.ancestor_codes(code)
    for ancestor_level, ancestor in ancestors.items():
        assert division_code.level_of(ancestor) == ancestor_level
        assert code.startswith(division_code.prefix(ancestor, ancestor_level))
    levels = division_code.LEVELS
    assert list(ancestors) == [
        lvl for lvl in levels[: levels.index(level)] if lvl in ancestors
    ]
    parent = division_code.parent_level(level)
    if parent in ancestors:
        division_code.check_parent(code, level, ancestors[parent], parent)
