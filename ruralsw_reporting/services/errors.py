# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Errors of the reporting services, with a code the Odoo layer translates."""


class ReportingError(ValueError):
    """Bad input to a reporting service.

    ``code`` names the problem (``baseline.empty``, ``period.future``...),
    ``field`` the input concerned and ``params`` the values the message needs.
    """

    def __init__(self, code, field, message, **params):
        super().__init__(message)
        self.code = code
        self.field = field
        self.params = params
