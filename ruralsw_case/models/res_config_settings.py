# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ruralsw_response_hours_urgent = fields.Integer(
        related="company_id.ruralsw_response_hours_urgent", readonly=False
    )
    ruralsw_response_hours_high = fields.Integer(
        related="company_id.ruralsw_response_hours_high", readonly=False
    )
    ruralsw_response_hours_normal = fields.Integer(
        related="company_id.ruralsw_response_hours_normal", readonly=False
    )
    ruralsw_retention_years = fields.Integer(
        related="company_id.ruralsw_retention_years", readonly=False
    )
