# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models

from .account_analytic_account import SPENDING_PURPOSES


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    ruralsw_purpose = fields.Selection(SPENDING_PURPOSES, string="Spending Purpose")
    ruralsw_area_id = fields.Many2one(
        "ruralsw.area", string="Spent for Area", index="btree_not_null"
    )

    def _prepare_analytic_distribution_line(
        self, distribution, account_ids, distribution_on_each_plan
    ):
        vals = super()._prepare_analytic_distribution_line(
            distribution, account_ids, distribution_on_each_plan
        )
        vals["ruralsw_purpose"] = self.ruralsw_purpose
        vals["ruralsw_area_id"] = self.ruralsw_area_id.id
        return vals
