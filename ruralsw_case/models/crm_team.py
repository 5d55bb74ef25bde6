# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    ruralsw_intake = fields.Boolean(
        string="Social Work Intake Desk",
        help="Leads of this team are applications and referrals for social work.",
    )
