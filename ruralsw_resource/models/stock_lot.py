# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"

    ruralsw_donation_id = fields.Many2one(
        "ruralsw.donation",
        string="Donation",
        index="btree_not_null",
        ondelete="restrict",
        help="The in-kind donation this batch came from.",
    )
