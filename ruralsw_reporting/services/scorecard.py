# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The PTO scorecard: indicators of the paper's table 1 and traffic lights.

Policy (政策), technology (技术) and organisation (组织) indicators; some are
measured by the system, the others are entered with evidence. Each has a
target and a direction: ``higher`` (at least the target) or ``lower`` (at
most the target).
"""

from .errors import ReportingError

DIMENSIONS = ("policy", "technology", "organisation")
LIGHTS = ("green", "amber", "red", "none")

# code: (dimension, kind, default target, direction, unit)
INDICATORS = {
    "p_special_fund": ("policy", "entered", 1.0, "higher", "yes_no"),
    "p_data_security": ("policy", "entered", 1.0, "higher", "yes_no"),
    "p_digital_budget": ("policy", "entered", 30.0, "higher", "percent"),
    "p_fund_mix": ("policy", "measured", 5.0, "lower", "points"),
    "t_response_change": ("technology", "measured", -30.0, "lower", "percent"),
    "t_satisfaction_change": ("technology", "measured", 10.0, "higher", "percent"),
    "t_coverage": ("technology", "measured", 80.0, "higher", "percent"),
    "o_digital_post": ("organisation", "entered", 1.0, "higher", "yes_no"),
    "o_certified": ("organisation", "measured", 80.0, "higher", "percent"),
    "o_partners": ("organisation", "entered", 3.0, "higher", "number"),
}

# the paper's fund mix: government 30 %, social capital 50 %, profit feedback 20 %
FUND_TARGETS = {"government": 30.0, "social_capital": 50.0, "profit_feedback": 20.0}


def traffic_light(value, target, direction="higher", tolerance=10.0):
    """Return ``green`` when ``value`` meets ``target``, ``amber`` when it
    misses by at most ``tolerance`` percent of the target's size (at least
    one point for a target of 0), ``red`` otherwise and ``none`` without a
    value."""
    if direction not in ("higher", "lower"):
        raise ReportingError(
            "light.direction", "direction", f"Unknown direction {direction!r}."
        )
    if value is None or target is None:
        return "none"
    gap = (target - value) if direction == "higher" else (value - target)
    if gap <= 0:
        return "green"
    margin = max(abs(target) * tolerance / 100.0, 1.0 if target == 0 else 0.0)
    return "amber" if gap <= margin else "red"


def fund_mix_drift(inflows, targets=None):
    """Return the largest distance, in percentage points, between the share
    of each fund source in ``inflows`` ({source: amount}) and its target;
    None when there are no inflows."""
    targets = targets or FUND_TARGETS
    total = sum(amount for amount in inflows.values() if amount)
    if not total:
        return None
    return max(
        abs(100.0 * (inflows.get(source) or 0.0) / total - target)
        for source, target in targets.items()
    )


def needs_evidence(kind, value, evidence_text, attachment_count):
    """Return whether an entered indicator with a value lacks evidence."""
    if kind != "entered" or value is None:
        return False
    return not ((evidence_text or "").strip() or attachment_count)
