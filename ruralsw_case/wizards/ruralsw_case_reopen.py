# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models


class RuralswCaseReopen(models.TransientModel):
    """Reopen a closed case, with the reason recorded in its chatter."""

    _name = "ruralsw.case.reopen"
    _description = "Reopen a Case"

    case_id = fields.Many2one("ruralsw.case", required=True, ondelete="cascade")
    reason = fields.Text(required=True)
    stage_id = fields.Many2one(
        "ruralsw.case.stage",
        string="Reopen In",
        required=True,
        domain=[("phase", "!=", "closed")],
        default=lambda self: self.env["ruralsw.case.stage"].search(
            [("phase", "=", "intervention")], limit=1
        ),
    )

    def action_confirm(self):
        self.ensure_one()
        self.case_id._reopen(self.reason, self.stage_id)
        return {"type": "ir.actions.act_window_close"}
