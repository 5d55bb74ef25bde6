# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models


class ProjectTask(models.Model):
    _inherit = "project.task"

    ruralsw_lead_id = fields.Many2one(
        "crm.lead",
        string="Application",
        index="btree_not_null",
        ondelete="set null",
        help="The online application this offline follow-up is for.",
    )
