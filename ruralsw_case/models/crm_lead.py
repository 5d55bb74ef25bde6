# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from .ruralsw_case import CASE_CHANNELS
from .ruralsw_case_need import NEED_CATEGORIES


class CrmLead(models.Model):
    """Applications and referrals arrive on the intake desk as CRM leads;
    "Open case" turns a qualified one into a case."""

    _name = "crm.lead"
    _inherit = ["crm.lead", "ruralsw.visibility.mixin"]

    ruralsw_intake = fields.Boolean(
        related="team_id.ruralsw_intake", store=True, string="Social Work Intake"
    )
    ruralsw_channel = fields.Selection(CASE_CHANNELS, string="Intake Channel")
    ruralsw_village_id = fields.Many2one(
        "ruralsw.area",
        string="Village",
        domain=[("level", "=", "village")],
        index="btree_not_null",
    )
    ruralsw_need_category = fields.Selection(NEED_CATEGORIES, string="Need")
    ruralsw_beneficiary_id = fields.Many2one(
        "res.partner",
        string="Beneficiary",
        domain=[("is_beneficiary", "=", True)],
        help="The registered person this application is about, when known.",
    )
    ruralsw_proxy_name = fields.Char(string="Applied By (Proxy)")
    ruralsw_proxy_relation = fields.Selection(
        [
            ("relative", "Relative"),
            ("volunteer", "Volunteer"),
            ("station_clerk", "Station Clerk"),
            ("other", "Other"),
        ],
        string="Relation of the Proxy",
    )
    ruralsw_case_ids = fields.One2many("ruralsw.case", "lead_id", string="Cases")
    ruralsw_case_count = fields.Integer(compute="_compute_ruralsw_case_count")

    @api.model
    def _ruralsw_visible_domain(self):
        """Every ordinary lead, and the intake applications of the user's
        areas, or that they handle or recorded (CRM's own rules would
        otherwise show every unassigned application to every salesperson)."""
        scope = self._ruralsw_user_scope()
        if scope == "all":
            return expression.TRUE_DOMAIN
        allowed = expression.FALSE_DOMAIN
        if scope == "area":
            user = self.env.user
            allowed = [
                "|",
                "|",
                ("user_id", "=", user.id),
                ("create_uid", "=", user.id),
                ("ruralsw_village_id", "child_of", user.ruralsw_area_ids.ids),
            ]
        return expression.OR([[("ruralsw_intake", "=", False)], allowed])

    def _compute_ruralsw_case_count(self):
        groups = dict(
            self.env["ruralsw.case"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.ruralsw_case_count = groups.get(lead, 0)

    @api.onchange("ruralsw_beneficiary_id")
    def _onchange_ruralsw_beneficiary_id(self):
        if self.ruralsw_beneficiary_id.village_id:
            self.ruralsw_village_id = self.ruralsw_beneficiary_id.village_id

    def action_ruralsw_open_case(self):
        """Create the case of this application, linking the registered
        beneficiary or registering a new one, and mark the lead won."""
        self.ensure_one()
        if not self.ruralsw_intake:
            raise UserError(
                self.env._("Only leads of a social-work intake desk become cases.")
            )
        if self.ruralsw_case_ids:
            raise UserError(
                self.env._("A case is already open for %(lead)s.", lead=self.name)
            )
        if not self.ruralsw_village_id:
            raise UserError(
                self.env._("Village: say in which village the person lives.")
            )
        beneficiary = self.ruralsw_beneficiary_id
        if not beneficiary:
            name = self.contact_name or self.partner_name
            if not name:
                raise UserError(
                    self.env._("Contact Name: give the name of the person to help.")
                )
            beneficiary = self.env["res.partner"].create(
                {
                    "name": name,
                    "is_beneficiary": True,
                    "village_id": self.ruralsw_village_id.id,
                    "private_phone": self.phone or self.mobile or False,
                    "needs_proxy": bool(self.ruralsw_proxy_name),
                }
            )
            self.ruralsw_beneficiary_id = beneficiary
        priority = {"0": "0", "1": "0", "2": "1", "3": "2"}.get(self.priority, "0")
        case = self.env["ruralsw.case"].create(
            {
                "beneficiary_id": beneficiary.id,
                "area_id": self.ruralsw_village_id.id,
                "channel": self.ruralsw_channel or "walk_in",
                "priority": priority,
                "lead_id": self.id,
                # Odoo writes datetimes to the second: a first contact recorded
                # within the lead's first second must not count as before it.
                "intake_date": self.create_date.replace(microsecond=0),
                "description": self.description,
                "need_ids": [
                    fields.Command.create(
                        {"category": self.ruralsw_need_category or "other"}
                    )
                ],
            }
        )
        self.action_set_won()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ruralsw.case",
            "view_mode": "form",
            "res_id": case.id,
        }

    def action_ruralsw_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ruralsw_case.ruralsw_case_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        return action
