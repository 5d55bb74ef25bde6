# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models

RELINK_FIELDS = {
    "purpose",
    "date_given",
    "valid_until",
    "revoked_date",
    "beneficiary_id",
}


class RuralswConsent(models.Model):
    _inherit = "ruralsw.consent"

    method = fields.Selection(
        selection_add=[("online", "Online (Platform or Web Page)")],
        ondelete={"online": "set default"},
    )

    @api.model_create_multi
    def create(self, vals_list):
        consents = super().create(vals_list)
        consents._ruralsw_relink_orders()
        return consents

    def write(self, vals):
        res = super().write(vals)
        if RELINK_FIELDS.intersection(vals):
            self._ruralsw_relink_orders()
        return res

    def _ruralsw_relink_orders(self):
        """Orders follow the sharing consent: linked while it is valid,
        unlinked from the moment it is revoked."""
        sharing = self.filtered(lambda c: c.purpose == "platform_sharing")
        if not sharing:
            return
        # sudo: the links are kept consistent whoever records the consent
        links = (
            self.env["ruralsw.platform.buyer"]
            .sudo()
            .search([("beneficiary_id", "in", sharing.beneficiary_id.ids)])
        )
        if links:
            self.env["ruralsw.order"].sudo()._ruralsw_relink(links.platform_id.ids)
