# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models


class RuralswApplicationItem(models.Model):
    """An aid item asked for in an online application (SKU and quantity);
    it becomes an aid-request line (``ruralsw_resource``) when the case is
    opened."""

    _name = "ruralsw.application.item"
    _description = "Applied-for Aid Item"
    _order = "lead_id, id"

    lead_id = fields.Many2one(
        "crm.lead", string="Application", required=True, index=True, ondelete="cascade"
    )
    sku = fields.Char(string="SKU", required=True)
    product_id = fields.Many2one(
        "product.product",
        string="Aid Item",
        domain=[("ruralsw_is_aid", "=", True)],
        ondelete="restrict",
    )
    quantity = fields.Integer(required=True, default=1)

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity must be positive."),
    ]
