# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Needs assessment scoring (ruralsw_case.services.scoring)."""

import dataclasses

import pytest

from ruralsw_case.services import scoring
from ruralsw_case.services.errors import ServiceValidationError

DIMENSIONS = ("economic", "health", "family_support", "housing", "digital_access")


def scores(economic=0, health=0, family_support=0, housing=0, digital_access=0):
    """Return a complete score dict (0 for the dimensions not given)."""
    return {
        "economic": economic,
        "health": health,
        "family_support": family_support,
        "housing": housing,
        "digital_access": digital_access,
    }


def assert_error(excinfo, code, field, /, **params):
    """Assert the code, field and (some) params of a raised error."""
    error = excinfo.value
    assert (error.code, error.field) == (code, field)
    for key, value in params.items():
        assert error.params[key] == value or error.params[key] is value, key
    assert not str(error).startswith(code), "message template did not format"


def test_constants():
    assert scoring.DIMENSIONS == DIMENSIONS
    assert scoring.DEFAULT_WEIGHTS == {
        "economic": 0.30,
        "health": 0.25,
        "family_support": 0.20,
        "housing": 0.15,
        "digital_access": 0.10,
    }
    assert sum(scoring.DEFAULT_WEIGHTS.values()) == pytest.approx(1)
    assert scoring.RISK_LEVELS == ("low", "medium", "high", "critical")
    assert scoring.DEFAULT_THRESHOLDS == {"medium": 30, "high": 55, "critical": 75}


# Hand-computed: score = 100 * sum(weight * value) / 4 with the default
# weights 0.30, 0.25, 0.20, 0.15, 0.10.
@pytest.mark.parametrize(
    "values, score, level",
    [
        # 0 -> 0.0
        (scores(), 0.0, "low"),
        # 0.6 + 0.5 = 1.1 -> 27.5
        (scores(economic=2, health=2), 27.5, "low"),
        # 0.6 + 0.5 + 0.1 = 1.2 -> 30.0, lowest medium score
        (scores(economic=2, health=2, digital_access=1), 30.0, "medium"),
        # 2 everywhere -> 2 -> 50.0
        (scores(2, 2, 2, 2, 2), 50.0, "medium"),
        # 0.9 + 0.5 + 0.4 + 0.3 = 2.1 -> 52.5
        (scores(3, 2, 2, 2, 0), 52.5, "medium"),
        # 0.9 + 0.5 + 0.4 + 0.3 + 0.1 = 2.2 -> 55.0, lowest high score
        (scores(3, 2, 2, 2, 1), 55.0, "high"),
        # 0.9 + 0.5 + 0.4 + 0.45 + 0.1 = 2.35 -> 58.75 -> 58.8 (half up)
        (scores(3, 2, 2, 3, 1), 58.8, "high"),
        # 3 everywhere but digital access 2: 2.9 -> 72.5
        (scores(3, 3, 3, 3, 2), 72.5, "high"),
        # 3 everywhere -> 3 -> 75.0, lowest critical score
        (scores(3, 3, 3, 3, 3), 75.0, "critical"),
    ],
)
def test_score_and_band_without_severe_dimension(values, score, level):
    result = scoring.assess(values)
    assert result.score == score
    assert result.level == level
    assert result.reasons == (("score_band", score, level),)


def test_score_is_rounded_half_up():
    # 0.90 + 1.00 + 0.40 + 0.15 + 0 = 2.45 -> 61.25 -> 61.3 (round() gives 61.2)
    result = scoring.assess(scores(3, 4, 2, 1, 0))
    assert result.score == 61.3
    assert result.level == "high"
    assert result.reasons == (
        ("score_band", 61.3, "high"),
        ("dimension_severe", "health", 4),
    )


def test_one_severe_dimension_raises_a_low_score_to_high():
    # health 4 alone: 1.0 -> 25.0, low band
    result = scoring.assess(scores(health=4))
    assert (result.score, result.level) == (25.0, "high")
    assert result.reasons == (
        ("score_band", 25.0, "low"),
        ("dimension_severe", "health", 4),
        ("escalation_severe_dimension", "health", "high"),
    )


def test_one_severe_dimension_raises_a_medium_score_to_high():
    # 0.3*2 + 0.25*2 + 0.2*4 = 1.9 -> 47.5, medium band
    result = scoring.assess(scores(economic=2, health=2, family_support=4))
    assert (result.score, result.level) == (47.5, "high")
    assert result.reasons[-1] == (
        "escalation_severe_dimension",
        "family_support",
        "high",
    )


def test_one_severe_dimension_does_not_lower_a_critical_score():
    # 1.2 + 0.75 + 0.6 + 0.45 + 0.3 = 3.3 -> 82.5
    result = scoring.assess(scores(4, 3, 3, 3, 3))
    assert (result.score, result.level) == (82.5, "critical")
    assert result.reasons == (
        ("score_band", 82.5, "critical"),
        ("dimension_severe", "economic", 4),
    )


def test_the_published_reason_example():
    # 1.2 + 1.0 + 0.2 + 0 + 0.1 = 2.5 -> 62.5, high band, two severe: critical
    result = scoring.assess(scores(4, 4, 1, 0, 1))
    assert (result.score, result.level) == (62.5, "critical")
    assert result.reasons == (
        ("score_band", 62.5, "high"),
        ("dimension_severe", "economic", 4),
        ("dimension_severe", "health", 4),
        ("escalation_multiple_severe", 2, "critical"),
    )


def test_two_severe_dimensions_raise_a_low_score_to_critical():
    # housing 4 and digital access 4: 0.6 + 0.4 = 1.0 -> 25.0
    result = scoring.assess(scores(housing=4, digital_access=4))
    assert (result.score, result.level) == (25.0, "critical")
    assert result.reasons[-1] == ("escalation_multiple_severe", 2, "critical")


def test_all_severe():
    result = scoring.assess(scores(4, 4, 4, 4, 4))
    assert (result.score, result.level) == (100.0, "critical")
    assert [reason[0] for reason in result.reasons] == ["score_band"] + [
        "dimension_severe"
    ] * 5


def test_three_severe_dimensions_count_in_the_reason():
    result = scoring.assess(scores(0, 4, 4, 4, 0))  # 1.0+0.8+0.6 = 2.4 -> 60.0
    assert result.reasons[-1] == ("escalation_multiple_severe", 3, "critical")


def test_custom_weights():
    equal = dict.fromkeys(DIMENSIONS, 0.2)
    # 0.2 * (1 + 2 + 3 + 2 + 1) = 1.8 -> 45.0
    result = scoring.assess(scores(1, 2, 3, 2, 1), weights=equal)
    assert (result.score, result.level) == (45.0, "medium")


def test_weights_within_tolerance_are_accepted():
    weights = dict(scoring.DEFAULT_WEIGHTS, economic=0.30 + 5e-7)
    assert scoring.assess(scores(2, 2, 2, 2, 2), weights=weights).score == 50.0


def test_custom_thresholds():
    thresholds = {"medium": 20, "high": 40, "critical": 60}
    assert scoring.assess(scores(2, 2, 2, 2, 2), thresholds=thresholds).level == "high"
    assert scoring.assess(scores(), thresholds=thresholds).level == "low"


@pytest.mark.parametrize(
    "score, level",
    [
        (0, "low"),
        (29.9, "low"),
        (30, "medium"),
        (54.9, "medium"),
        (55, "high"),
        (74.9, "high"),
        (75, "critical"),
        (100, "critical"),
    ],
)
def test_band(score, level):
    assert scoring.band(score) == level


def test_assessment_is_frozen():
    result = scoring.assess(scores())
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.level = "critical"


def test_inputs_are_not_modified():
    values = scores(4, 4, 1, 0, 1)
    weights = dict(scoring.DEFAULT_WEIGHTS)
    scoring.assess(values, weights=weights)
    assert values == scores(4, 4, 1, 0, 1)
    assert weights == scoring.DEFAULT_WEIGHTS


# --- errors ----------------------------------------------------------------


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_missing_dimension(dimension):
    values = scores()
    del values[dimension]
    with pytest.raises(ServiceValidationError) as excinfo:
        scoring.assess(values)
    assert_error(
        excinfo, "assessment.missing_dimension", dimension, dimension=dimension
    )


@pytest.mark.parametrize("value", [-1, 5, 2.0, True, False, "3", None])
@pytest.mark.parametrize("dimension", ["economic", "digital_access"])
def test_range(dimension, value):
    values = dict(scores(), **{dimension: value})
    with pytest.raises(ServiceValidationError) as excinfo:
        scoring.assess(values)
    assert_error(
        excinfo, "assessment.range", dimension, dimension=dimension, value=value
    )


def test_unknown_dimension():
    with pytest.raises(ServiceValidationError) as excinfo:
        scoring.assess(dict(scores(), income=2))
    assert_error(excinfo, "assessment.unknown_dimension", "income", dimension="income")


@pytest.mark.parametrize(
    "weights",
    [
        dict(scoring.DEFAULT_WEIGHTS, economic=0.31),  # sums to 1.01
        dict(scoring.DEFAULT_WEIGHTS, economic=0.29),  # sums to 0.99
        dict(scoring.DEFAULT_WEIGHTS, economic=0.30 + 2e-6),
        {d: w for d, w in scoring.DEFAULT_WEIGHTS.items() if d != "housing"},
        dict(scoring.DEFAULT_WEIGHTS, income=0.0),
        dict(scoring.DEFAULT_WEIGHTS, economic=0.6, health=-0.05),
        dict(scoring.DEFAULT_WEIGHTS, economic="0.30"),
        dict.fromkeys(DIMENSIONS, True),
        dict(scoring.DEFAULT_WEIGHTS, economic=float("nan")),
        {},
    ],
)
def test_weights(weights):
    with pytest.raises(ServiceValidationError) as excinfo:
        scoring.assess(scores(), weights=weights)
    assert_error(excinfo, "assessment.weights", "weights")


@pytest.mark.parametrize(
    "thresholds",
    [
        {"medium": 30, "high": 55},
        {"medium": 55, "high": 30, "critical": 75},
        {"medium": 30, "high": 30, "critical": 75},
        {"medium": -1, "high": 55, "critical": 75},
        {"medium": 30, "high": 55, "critical": 101},
        {"medium": "30", "high": 55, "critical": 75},
        {"low": 0, "medium": 30, "high": 55, "critical": 75},
    ],
)
def test_thresholds(thresholds):
    with pytest.raises(ServiceValidationError) as excinfo:
        scoring.assess(scores(), thresholds=thresholds)
    assert_error(excinfo, "assessment.thresholds", "thresholds")


def test_scores_are_checked_before_weights():
    with pytest.raises(ServiceValidationError) as excinfo:
        scoring.assess(dict(scores(), health=9), weights={})
    assert excinfo.value.code == "assessment.range"


# --- explain ---------------------------------------------------------------


def test_explain_every_reason():
    assert scoring.explain(scoring.assess(scores(4, 4, 1, 0, 1))) == [
        "The weighted score is 62.5 out of 100, in the high band.",
        "Economic is rated 4 (severe difficulty).",
        "Health is rated 4 (severe difficulty).",
        "2 severe difficulties raise the level to critical.",
    ]
    assert scoring.explain(scoring.assess(scores(family_support=4))) == [
        "The weighted score is 20.0 out of 100, in the low band.",
        "Family support is rated 4 (severe difficulty).",
        "A severe difficulty in family support raises the level to at least high.",
    ]


def test_explain_unknown_reason_still_gives_a_sentence():
    assessment = scoring.Assessment(
        score=10.0, level="low", reasons=(("new_rule", "x", 1),)
    )
    assert scoring.explain(assessment) == ["new_rule: x, 1."]
