# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ruralsw_aid_approval_quantity = fields.Float(
        related="company_id.ruralsw_aid_approval_quantity", readonly=False
    )
    ruralsw_aid_days_urgent = fields.Integer(
        related="company_id.ruralsw_aid_days_urgent", readonly=False
    )
    ruralsw_aid_days_high = fields.Integer(
        related="company_id.ruralsw_aid_days_high", readonly=False
    )
    ruralsw_aid_days_normal = fields.Integer(
        related="company_id.ruralsw_aid_days_normal", readonly=False
    )
    ruralsw_donation_journal_id = fields.Many2one(
        related="company_id.ruralsw_donation_journal_id", readonly=False
    )
    ruralsw_donation_account_id = fields.Many2one(
        related="company_id.ruralsw_donation_account_id", readonly=False
    )
