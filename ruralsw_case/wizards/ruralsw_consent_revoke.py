# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models


class RuralswConsentRevoke(models.TransientModel):
    """Revoke a consent from today, with the person's reason."""

    _name = "ruralsw.consent.revoke"
    _description = "Revoke a Consent"

    consent_id = fields.Many2one("ruralsw.consent", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.consent_id._ruralsw_revoke(self.reason)
        return {"type": "ir.actions.act_window_close"}
