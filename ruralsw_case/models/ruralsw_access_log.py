# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError


class RuralswAccessLog(models.Model):
    """Who revealed which personal value of whom, and when (audit trail).

    Written only by the reveal action (as superuser); read by privacy
    officers; never edited nor deleted from the UI.
    """

    _name = "ruralsw.access.log"
    _description = "Personal Data Access Log"
    _order = "create_date desc, id desc"
    _log_access = True

    user_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    field_name = fields.Selection(
        [
            ("id_number", "Resident ID Number"),
            ("private_phone", "Private Phone"),
            ("health_notes", "Health Notes"),
        ],
        string="Field",
        required=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company", readonly=True, default=lambda self: self.env.company
    )

    def write(self, vals):
        if vals:
            raise UserError(self.env._("The access log cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The access log cannot be deleted."))
