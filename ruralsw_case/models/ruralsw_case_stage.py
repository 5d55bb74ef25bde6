# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models

# The social-work process: 接案 → 预估 → 计划 → 介入 → 评估 → 结案
CASE_PHASES = [
    ("intake", "Intake"),
    ("assessment", "Assessment"),
    ("plan", "Plan"),
    ("intervention", "Intervention"),
    ("evaluation", "Evaluation"),
    ("closed", "Closed"),
]
PHASE_ORDER = {phase: index for index, (phase, _label) in enumerate(CASE_PHASES)}


class RuralswCaseStage(models.Model):
    """A kanban column of the case pipeline; each belongs to a phase, and the
    phase, not the stage, carries the gates."""

    _name = "ruralsw.case.stage"
    _description = "Case Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    phase = fields.Selection(CASE_PHASES, required=True, default="intake")
    fold = fields.Boolean(string="Folded in Kanban")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
