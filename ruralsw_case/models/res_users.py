# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    ruralsw_area_ids = fields.Many2many(
        "ruralsw.area",
        "ruralsw_area_res_users_rel",
        "user_id",
        "area_id",
        string="Social Work Areas",
        help="Areas this person serves; record rules give access to the cases "
        "and beneficiaries of these areas and of every area below them.",
    )
    ruralsw_supervisor_id = fields.Many2one(
        "res.users",
        string="Social Work Supervisor",
        domain=[("share", "=", False)],
        help="Supervisor who approves this social worker's plans and is "
        "alerted about overdue cases.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        if any("ruralsw_area_ids" in vals for vals in vals_list):
            # record rules read the areas: their cached domains must go
            self.env.registry.clear_cache()
        return users

    def write(self, vals):
        res = super().write(vals)
        if "ruralsw_area_ids" in vals:
            self.env.registry.clear_cache()
        return res

    def _ruralsw_open_caseloads(self):
        """Return ``{user_id: number of open cases}`` for these users, in one
        grouped query."""
        groups = (
            self.env["ruralsw.case"]
            .sudo()
            ._read_group(
                [("user_id", "in", self.ids), ("phase", "!=", "closed")],
                ["user_id"],
                ["__count"],
            )
        )
        counts = dict.fromkeys(self.ids, 0)
        counts.update({user.id: count for user, count in groups})
        return counts
