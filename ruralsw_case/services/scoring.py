# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Needs assessment (需求评估): a suggested risk level with its reasons.

The algorithm suggests and explains; the social worker decides. Each of the
:data:`DIMENSIONS` is scored from 0 (no difficulty) to 4 (severe). The score
is the weighted mean of ``score / 4`` on a 0–100 scale, rounded half up to one
decimal; the band of the rounded score gives the level (by default below 30
low, below 55 medium, below 75 high, else critical). Escalation: one severe
dimension (4) raises the level to at least high, two or more to critical.

Reasons are tuples whose first item names the rule:

- ``("score_band", score, band_level)``
- ``("dimension_severe", dimension, 4)``, one per severe dimension, in the
  order of :data:`DIMENSIONS`
- ``("escalation_severe_dimension", dimension, "high")``
- ``("escalation_multiple_severe", count, "critical")``

Error codes (:class:`~.errors.ServiceValidationError`):

- ``assessment.missing_dimension`` (field: the dimension; params
  ``dimension``).
- ``assessment.range`` (field: the dimension; params ``dimension``,
  ``value``): not an integer from 0 to 4 (booleans are refused).
- ``assessment.unknown_dimension`` (field: the key; params ``dimension``): a
  score for a dimension not in :data:`DIMENSIONS`.
- ``assessment.weights`` (field ``weights``; params ``reason``): weights not
  given for exactly the dimensions, negative or not numbers, or not summing
  to 1 (±1e-6).
- ``assessment.thresholds`` (field ``thresholds``; params ``reason``):
  thresholds not given for exactly medium, high and critical, or not
  increasing within 0..100.
"""

import math
from dataclasses import dataclass

from .errors import ServiceValidationError

DIMENSIONS = ("economic", "health", "family_support", "housing", "digital_access")
MAX_SCORE = 4
DEFAULT_WEIGHTS = {
    "economic": 0.30,
    "health": 0.25,
    "family_support": 0.20,
    "housing": 0.15,
    "digital_access": 0.10,
}
RISK_LEVELS = ("low", "medium", "high", "critical")
# lowest score of each level above "low"
DEFAULT_THRESHOLDS = {"medium": 30.0, "high": 55.0, "critical": 75.0}
WEIGHT_TOLERANCE = 1e-6

_DIMENSION_SET = frozenset(DIMENSIONS)
_RANK = {level: rank for rank, level in enumerate(RISK_LEVELS)}
_THRESHOLD_LEVELS = RISK_LEVELS[1:]
# absorbs float noise such as 61.24999999999999 before rounding half up
_ROUNDING_EPSILON = 1e-6


@dataclass(frozen=True)
class Assessment:
    """The suggested ``level`` for a ``score`` (0–100), with its ``reasons``."""

    score: float
    level: str
    reasons: tuple


def _is_number(value):
    """Return whether ``value`` is an int or float (booleans excluded)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_weights(weights):
    """Return the weights to use, or raise ``assessment.weights``."""
    if weights is None:
        return DEFAULT_WEIGHTS
    if set(weights) != _DIMENSION_SET:
        raise ServiceValidationError(
            "assessment.weights",
            "weights",
            {"reason": "weights must be given for exactly " + ", ".join(DIMENSIONS)},
        )
    for dimension in DIMENSIONS:
        weight = weights[dimension]
        if not _is_number(weight) or not weight >= 0:
            raise ServiceValidationError(
                "assessment.weights",
                "weights",
                {"reason": f"the weight of {dimension} is {weight!r}"},
            )
    total = math.fsum(weights.values())
    if abs(total - 1) > WEIGHT_TOLERANCE:
        raise ServiceValidationError(
            "assessment.weights", "weights", {"reason": f"they sum to {total!r}, not 1"}
        )
    return weights


def _check_thresholds(thresholds):
    """Return the thresholds to use, or raise ``assessment.thresholds``."""
    if thresholds is None:
        return DEFAULT_THRESHOLDS
    if set(thresholds) != set(_THRESHOLD_LEVELS):
        raise ServiceValidationError(
            "assessment.thresholds",
            "thresholds",
            {"reason": "thresholds must be given for medium, high and critical"},
        )
    bounds = [thresholds[level] for level in _THRESHOLD_LEVELS]
    if not all(_is_number(bound) for bound in bounds) or not (
        0 <= bounds[0] < bounds[1] < bounds[2] <= 100
    ):
        raise ServiceValidationError(
            "assessment.thresholds",
            "thresholds",
            {"reason": f"{bounds!r} is not increasing within 0..100"},
        )
    return thresholds


def _check_scores(scores):
    """Raise the first missing, out-of-range or unknown dimension score."""
    for dimension in DIMENSIONS:
        if dimension not in scores:
            raise ServiceValidationError(
                "assessment.missing_dimension", dimension, {"dimension": dimension}
            )
        value = scores[dimension]
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not 0 <= value <= MAX_SCORE
        ):
            raise ServiceValidationError(
                "assessment.range", dimension, {"dimension": dimension, "value": value}
            )
    if len(scores) != len(DIMENSIONS):
        unknown = sorted(str(key) for key in scores if key not in _DIMENSION_SET)
        raise ServiceValidationError(
            "assessment.unknown_dimension", unknown[0], {"dimension": unknown[0]}
        )


def _round_half_up(value):
    """Round a non-negative score half up to one decimal: 61.25 gives 61.3."""
    return math.floor(value * 10 + 0.5 + _ROUNDING_EPSILON) / 10


def _band(score, thresholds):
    """Return the risk level of ``score`` for checked ``thresholds``."""
    level = RISK_LEVELS[0]
    for candidate in _THRESHOLD_LEVELS:
        if score >= thresholds[candidate]:
            level = candidate
    return level


def band(score: float, thresholds: dict[str, float] | None = None) -> str:
    """Return the risk level of a 0–100 ``score`` from the thresholds alone."""
    return _band(score, _check_thresholds(thresholds))


def assess(
    scores: dict[str, int],
    weights: dict[str, float] | None = None,
    thresholds: dict[str, float] | None = None,
) -> Assessment:
    """Return the :class:`Assessment` suggested for ``scores``
    (``{dimension: 0..4}``), with optional ``weights`` (``{dimension: weight}``
    summing to 1) and ``thresholds`` (``{"medium": 30, "high": 55,
    "critical": 75}``, the lowest score of each level)."""
    _check_scores(scores)
    weights = _check_weights(weights)
    thresholds = _check_thresholds(thresholds)
    weighted = math.fsum(weights[d] * scores[d] for d in DIMENSIONS)
    score = min(100.0, _round_half_up(weighted * 100 / MAX_SCORE))
    band_level = _band(score, thresholds)
    severe = [d for d in DIMENSIONS if scores[d] == MAX_SCORE]
    reasons = [("score_band", score, band_level)]
    reasons.extend(("dimension_severe", d, MAX_SCORE) for d in severe)
    level = band_level
    if len(severe) >= 2 and _RANK[level] < _RANK["critical"]:
        level = "critical"
        reasons.append(("escalation_multiple_severe", len(severe), level))
    elif len(severe) == 1 and _RANK[level] < _RANK["high"]:
        level = "high"
        reasons.append(("escalation_severe_dimension", severe[0], level))
    return Assessment(score=score, level=level, reasons=tuple(reasons))


_SENTENCES = {
    "score_band": "The weighted score is {0} out of 100, in the {1} band.",
    "dimension_severe": "{0} is rated {1} (severe difficulty).",
    "escalation_severe_dimension": (
        "A severe difficulty in {0} raises the level to at least {1}."
    ),
    "escalation_multiple_severe": "{0} severe difficulties raise the level to {1}.",
}


def _label(value):
    """Return a dimension name as words (``family_support``: ``family support``)."""
    return value.replace("_", " ") if isinstance(value, str) else value


def explain(assessment: Assessment) -> list[str]:
    """Return one English sentence per reason of ``assessment``, in order (for
    logs and tests; the Odoo layer translates its own)."""
    sentences = []
    for kind, *args in assessment.reasons:
        template = _SENTENCES.get(kind)
        if template is None:
            sentences.append(f"{kind}: {', '.join(map(str, args))}.")
            continue
        sentence = template.format(*map(_label, args))
        sentences.append(sentence[0].upper() + sentence[1:])
    return sentences
