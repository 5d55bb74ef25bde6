# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    ruralsw_request_line_id = fields.Many2one(
        "ruralsw.aid.request.line",
        string="Aid Request Line",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
    )

    def _prepare_move_split_vals(self, qty):
        # a backorder's remainder still serves the same aid request line
        # (copy=False keeps duplicated pickings from claiming it)
        vals = super()._prepare_move_split_vals(qty)
        if self.ruralsw_request_line_id:
            vals["ruralsw_request_line_id"] = self.ruralsw_request_line_id.id
        return vals

    def _prepare_merge_moves_distinct_fields(self):
        # one move per request line: deliveries are traced to each household
        return [
            *super()._prepare_merge_moves_distinct_fields(),
            "ruralsw_request_line_id",
        ]
