# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.tools import SQL


class RuralswPlatformBuyer(models.Model):
    """The link between a platform's opaque buyer id and a registered
    beneficiary. Orders of the buyer are linked to the person and household
    only while the person's consent to sharing with a platform is valid."""

    _name = "ruralsw.platform.buyer"
    _description = "Platform Buyer Link"
    _check_company_auto = True
    _rec_name = "buyer_key"

    platform_id = fields.Many2one(
        "ruralsw.platform", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="platform_id.company_id", store=True)
    buyer_key = fields.Char(required=True)
    beneficiary_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_beneficiary", "=", True)],
        check_company=True,
    )
    household_id = fields.Many2one(related="beneficiary_id.household_id", store=True)
    area_id = fields.Many2one(
        related="beneficiary_id.village_id", store=True, string="Village"
    )
    has_valid_consent = fields.Boolean(compute="_compute_has_valid_consent")

    _sql_constraints = [
        (
            "buyer_unique",
            "unique(platform_id, buyer_key)",
            "A buyer of a platform is linked to one person.",
        ),
    ]

    @api.depends("beneficiary_id")
    def _compute_has_valid_consent(self):
        # sudo: only the existence of the consent is disclosed
        valid = (
            self.beneficiary_id.sudo()._ruralsw_valid_consents("platform_sharing")
        ).beneficiary_id
        for link in self:
            link.has_valid_consent = link.beneficiary_id in valid

    @api.model_create_multi
    def create(self, vals_list):
        links = super().create(vals_list)
        links._ruralsw_relink_orders()
        return links

    def write(self, vals):
        res = super().write(vals)
        self._ruralsw_relink_orders()
        return res

    def _ruralsw_relink_orders(self):
        """Link (or unlink) the orders of these buyers, in one statement."""
        if self:
            self.env["ruralsw.order"]._ruralsw_relink(self.platform_id.ids)

    @api.model
    def _ruralsw_consent_sql(self, beneficiary_column):
        """SQL condition: the beneficiary has a valid platform-sharing consent
        today."""
        return SQL(
            "EXISTS (SELECT 1 FROM ruralsw_consent c WHERE c.beneficiary_id = %s "
            "AND c.purpose = 'platform_sharing' AND c.revoked_date IS NULL "
            "AND c.date_given <= CURRENT_DATE "
            "AND (c.valid_until IS NULL OR c.valid_until >= CURRENT_DATE))",
            beneficiary_column,
        )

    @api.model
    def _ruralsw_link(self, platform, buyer_key, beneficiary):
        """Link a buyer id to a person (replacing an earlier link)."""
        link = self.search(
            [("platform_id", "=", platform.id), ("buyer_key", "=", buyer_key)], limit=1
        )
        if link:
            link.beneficiary_id = beneficiary
            return link
        return self.create(
            {
                "platform_id": platform.id,
                "buyer_key": buyer_key,
                "beneficiary_id": beneficiary.id,
            }
        )
