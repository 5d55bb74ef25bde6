# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    ruralsw_response_hours_urgent = fields.Integer(
        string="First Response: Urgent (hours)", default=24
    )
    ruralsw_response_hours_high = fields.Integer(
        string="First Response: High (hours)", default=72
    )
    ruralsw_response_hours_normal = fields.Integer(
        string="First Response: Normal (hours)", default=168
    )
    ruralsw_retention_years = fields.Integer(
        string="Retention of Closed Cases (years)",
        default=5,
        help="Closed cases older than this are anonymised by the scheduled job; "
        "statistics are kept.",
    )

    @api.constrains(
        "ruralsw_response_hours_urgent",
        "ruralsw_response_hours_high",
        "ruralsw_response_hours_normal",
        "ruralsw_retention_years",
    )
    def _check_ruralsw_settings(self):
        for company in self:
            hours = (
                company.ruralsw_response_hours_urgent,
                company.ruralsw_response_hours_high,
                company.ruralsw_response_hours_normal,
            )
            if min(hours) <= 0:
                raise ValidationError(
                    self.env._("First-response deadlines must be positive hours.")
                )
            if company.ruralsw_retention_years < 1:
                raise ValidationError(
                    self.env._("The retention period must be at least one year.")
                )

    def _ruralsw_response_hours(self):
        """Return the first-response hours per priority key for the service."""
        self.ensure_one()
        return {
            "urgent": self.ruralsw_response_hours_urgent,
            "high": self.ruralsw_response_hours_high,
            "normal": self.ruralsw_response_hours_normal,
        }
