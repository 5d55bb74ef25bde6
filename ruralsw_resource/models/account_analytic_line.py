# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .account_analytic_account import SPENDING_PURPOSES


class AccountAnalyticLine(models.Model):
    _inherit = "account.analytic.line"

    ruralsw_purpose = fields.Selection(SPENDING_PURPOSES, string="Spending Purpose")
    ruralsw_area_id = fields.Many2one(
        "ruralsw.area", string="Spent for Area", index="btree_not_null"
    )

    @api.model
    def _ruralsw_fund_fname(self):
        """Column of the Funds plan on analytic lines, or None."""
        plan = self.env.ref(
            "ruralsw_resource.analytic_plan_funds", raise_if_not_found=False
        )
        return plan._column_name() if plan else None

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._ruralsw_check_fund_restrictions()
        return lines

    def write(self, vals):
        res = super().write(vals)
        self._ruralsw_check_fund_restrictions()
        return res

    def _ruralsw_check_fund_restrictions(self):
        """Refuse spending (negative amounts) of a restricted fund outside
        its purpose, area or period."""
        fname = self._ruralsw_fund_fname()
        if not fname or fname not in self._fields:
            return
        errors = []
        for line in self:
            fund = line[fname]
            if not fund.ruralsw_is_restricted or line.amount >= 0:
                continue
            errors += fund._ruralsw_restriction_errors(
                line.ruralsw_purpose, line.ruralsw_area_id, line.date
            )
        if errors:
            raise ValidationError(
                self.env._("Spending refused: %(errors)s.", errors="; ".join(errors))
            )
