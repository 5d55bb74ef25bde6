# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The one error type raised by the pure-Python services of ruralsw_case.

A :class:`ServiceValidationError` carries a stable machine ``code``, the
``field`` at fault and a ``params`` dict. The Odoo layer maps ``code`` to a
translated sentence (``models/service_errors.py``); the English message built
here from :data:`MESSAGES` is for logs, batch reports and tests.

Codes never change once released. Each service module lists its own codes in
its docstring; :data:`MESSAGES` holds all of them:

- ``id_number.*``: :mod:`.id_number`
- ``division_code.*``: :mod:`.division_code`
- ``assessment.*``: :mod:`.scoring`
- ``response.*``: :mod:`.response_time`
"""

MESSAGES = {
    "id_number.empty": "The resident identity card number is empty.",
    "id_number.length": (
        "A resident identity card number has 18 characters, not {length}; "
        "15-digit first-generation numbers are no longer valid."
    ),
    "id_number.characters": (
        "A resident identity card number is 17 digits followed by a digit or X; "
        "character {position} is {character!r}."
    ),
    "id_number.region": (
        "The resident identity card number starts with {province}, "
        "which is not a province code."
    ),
    "id_number.birth_date": (
        "The birth date {birth_date} in the resident identity card number is not "
        "a date between 1900-01-01 and today ({reason})."
    ),
    "id_number.check_character": (
        "The check character of the resident identity card number is {given}; "
        "expected {expected}."
    ),
    "id_number.sequence": (
        "The sequence number must be an integer from 0 to 999, not {sequence!r}."
    ),
    "division_code.empty": "The division code is empty.",
    "division_code.format": "A division code is exactly 12 digits, not {code!r}.",
    "division_code.province": (
        "The division code starts with {province}, which is not a province code."
    ),
    "division_code.level": (
        "The division code {code} is a {actual} code, not a {level} code."
    ),
    "division_code.unknown_level": "Unknown division level {level!r}.",
    "division_code.parent_level": (
        "Wrong parent level for a {level}: expected {expected}, got {given}."
    ),
    "division_code.parent_prefix": (
        "The division code {code} must start with its parent's prefix {prefix}."
    ),
    "assessment.missing_dimension": (
        "The assessment dimension {dimension} has no score."
    ),
    "assessment.range": (
        "The score of {dimension} must be an integer from 0 to 4, not {value!r}."
    ),
    "assessment.unknown_dimension": "Unknown assessment dimension {dimension!r}.",
    "assessment.weights": "Invalid assessment weights: {reason}.",
    "assessment.thresholds": "Invalid risk thresholds: {reason}.",
    "response.priority": "Unknown priority {priority!r}.",
    "response.hours": (
        "The response time for priority {priority} must be a positive number of "
        "hours, not {hours!r}."
    ),
    "response.before_intake": (
        "The first contact ({first_contact_at}) precedes the intake ({intake_at})."
    ),
    "response.quantile": "The percentile {q!r} is not between 0 and 1.",
}


class ServiceValidationError(ValueError):
    """Invalid input detected by a service.

    ``code`` is the stable machine string (a key of :data:`MESSAGES`),
    ``field`` the name of the field at fault and ``params`` the values the
    message is built from.
    """

    def __init__(self, code: str, field: str, params: dict | None = None):
        """Build the error and its English message from ``code`` and ``params``."""
        self.code = code
        self.field = field
        self.params = dict(params or {})
        super().__init__(self._build_message())

    def _build_message(self):
        """Return the English message; never fails, even on a bad template."""
        template = MESSAGES.get(self.code)
        fallback = f"{self.code} ({self.field}): {self.params!r}"
        if template is None:
            return fallback
        try:
            return template.format(field=self.field, **self.params)
        except (KeyError, IndexError, ValueError):
            return fallback

    @property
    def message(self):
        """The English message (same as ``str(error)``)."""
        return self.args[0]

    def __reduce__(self):
        """Pickle by constructor arguments, so errors survive job queues."""
        return (type(self), (self.code, self.field, self.params))

    def __repr__(self):
        """Show the code, field and params, which tests and logs compare on."""
        return f"{type(self).__name__}({self.code!r}, {self.field!r}, {self.params!r})"
