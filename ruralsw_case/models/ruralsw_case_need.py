# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models

NEED_CATEGORIES = [
    ("material_aid", "Material Aid"),
    ("equipment", "Equipment"),
    ("training", "Training"),
    ("consultation", "Consultation"),
    ("medical", "Medical"),
    ("elderly_care", "Elderly Care"),
    ("child_care", "Child Care"),
    ("livelihood", "Livelihood"),
    ("psychosocial", "Psychosocial Support"),
    ("other", "Other"),
]


class RuralswCaseNeed(models.Model):
    """One need of a case: what, how urgent, and where it stands."""

    _name = "ruralsw.case.need"
    _description = "Case Need"
    _order = "case_id, sequence, id"

    case_id = fields.Many2one(
        "ruralsw.case", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    category = fields.Selection(NEED_CATEGORIES, required=True, default="other")
    description = fields.Text()
    urgency = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")],
        required=True,
        default="medium",
    )
    status = fields.Selection(
        [
            ("open", "Open"),
            ("in_progress", "In Progress"),
            ("met", "Met"),
            ("not_met", "Not Met"),
            ("referred", "Referred"),
        ],
        required=True,
        default="open",
    )
