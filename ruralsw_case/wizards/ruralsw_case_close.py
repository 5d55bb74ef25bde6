# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models

from ..models.ruralsw_case import CLOSURE_REASONS


class RuralswCaseClose(models.TransientModel):
    """Close a case with its reason (结案)."""

    _name = "ruralsw.case.close"
    _description = "Close a Case"

    case_id = fields.Many2one("ruralsw.case", required=True, ondelete="cascade")
    closure_reason = fields.Selection(CLOSURE_REASONS, required=True)
    closure_note = fields.Text()

    def action_confirm(self):
        self.ensure_one()
        self.case_id._close(self.closure_reason, self.closure_note)
        return {"type": "ir.actions.act_window_close"}
