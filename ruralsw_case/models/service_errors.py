# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Translated messages for the error codes raised by the pure services.

The services raise :class:`ServiceValidationError` with a stable ``code``;
this table turns each code into a zh_CN-translatable sentence for the UI.
"""

_MESSAGES = {
    "id_number.empty": lambda env, p: env._("The resident ID number is empty."),
    "id_number.length": lambda env, p: env._(
        "The resident ID number must have 18 characters; 15-digit "
        "first-generation numbers are no longer valid."
    ),
    "id_number.characters": lambda env, p: env._(
        "The resident ID number must be 17 digits followed by a digit or X."
    ),
    "id_number.region": lambda env, p: env._(
        "The resident ID number does not start with a valid province code."
    ),
    "id_number.birth_date": lambda env, p: env._(
        "The birth date inside the resident ID number is not a valid past date."
    ),
    "id_number.check_character": lambda env, p: env._(
        "The check character of the resident ID number is wrong "
        "(expected %(expected)s, got %(given)s).",
        expected=p.get("expected", "?"),
        given=p.get("given", "?"),
    ),
    "id_number.sequence": lambda env, p: env._(
        "The sequence part of a resident ID number goes from 0 to 999."
    ),
    "division_code.unknown_level": lambda env, p: env._("Unknown area level."),
    "division_code.empty": lambda env, p: env._("The division code is empty."),
    "division_code.format": lambda env, p: env._(
        "The division code must be exactly 12 digits."
    ),
    "division_code.province": lambda env, p: env._(
        "The division code does not start with a valid province code."
    ),
    "division_code.level": lambda env, p: env._(
        "The division code does not match the level of the area."
    ),
    "division_code.parent_level": lambda env, p: env._(
        "The parent area must be exactly one level above."
    ),
    "division_code.parent_prefix": lambda env, p: env._(
        "The division code must start with the parent's prefix %(prefix)s.",
        prefix=p.get("prefix", ""),
    ),
    "assessment.missing_dimension": lambda env, p: env._(
        "Every assessment dimension needs a score."
    ),
    "assessment.range": lambda env, p: env._(
        "Assessment scores go from 0 (no difficulty) to 4 (severe)."
    ),
    "assessment.weights": lambda env, p: env._(
        "The assessment weights must add up to 1."
    ),
    "assessment.unknown_dimension": lambda env, p: env._(
        "Unknown assessment dimension."
    ),
    "assessment.thresholds": lambda env, p: env._(
        "The risk-level thresholds must increase from medium to critical."
    ),
    "response.hours": lambda env, p: env._(
        "First-response deadlines must be positive hours."
    ),
    "response.quantile": lambda env, p: env._("A percentile must be between 0 and 1."),
    "response.priority": lambda env, p: env._("Unknown priority."),
    "response.before_intake": lambda env, p: env._(
        "The first contact cannot precede the intake."
    ),
}


def service_error_message(env, error):
    """Return the translated message for a :class:`ServiceValidationError`.

    Unknown codes fall back to the service's own English message so that a
    new service error is never swallowed.
    """
    builder = _MESSAGES.get(error.code)
    if builder is None:
        return str(error)
    return builder(env, error.params or {})
