# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models


class RuralswSignalDismiss(models.TransientModel):
    _name = "ruralsw.signal.dismiss"
    _description = "Dismiss Signals"

    signal_ids = fields.Many2many("ruralsw.signal", string="Signals", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.signal_ids._ruralsw_dismiss(self.reason)
        return {"type": "ir.actions.act_window_close"}
