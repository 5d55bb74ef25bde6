# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    ruralsw_is_aid = fields.Boolean(
        string="Aid Material",
        compute="_compute_ruralsw_is_aid",
        store=True,
        index=True,
        help="Products of the Aid materials category (or below) can be requested "
        "and dispatched as aid.",
    )
    ruralsw_needs_guidance = fields.Boolean(
        string="Needs Guidance",
        help="Delivering this equipment creates a follow-up field visit for the "
        "social worker of the case (online application + offline follow-up).",
    )

    @api.depends("categ_id", "categ_id.parent_path")
    def _compute_ruralsw_is_aid(self):
        aid = self.env.ref(
            "ruralsw_resource.product_category_aid", raise_if_not_found=False
        )
        prefix = aid.parent_path if aid else None
        for template in self:
            template.ruralsw_is_aid = bool(
                prefix
                and template.categ_id.parent_path
                and template.categ_id.parent_path.startswith(prefix)
            )
