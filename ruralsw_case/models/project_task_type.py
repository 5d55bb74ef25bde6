# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models


class ProjectTaskType(models.Model):
    _inherit = "project.task.type"

    ruralsw_field_visit = fields.Boolean(
        string="Field-visit Stage",
        help="Used by the field-visit projects created for townships.",
    )
