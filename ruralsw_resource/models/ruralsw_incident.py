# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

HOUSEHOLD_TYPES = [
    ("all", "Every Household"),
    ("elderly_alone", "Elderly Living Alone"),
    ("disability", "With a Person with Disability"),
    ("left_behind", "With a Left-behind Child"),
    ("low_income", "Low Income or Dibao"),
]


class RuralswIncident(models.Model):
    """A disaster (flood, cold snap...) hitting villages: one aid request per
    eligible household, with the kit of its household type."""

    _name = "ruralsw.incident"
    _description = "Incident"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    area_ids = fields.Many2many(
        "ruralsw.area",
        string="Affected Villages",
        domain=[("level", "=", "village")],
    )
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Responding"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
    )
    priority = fields.Selection(
        [("0", "Normal"), ("1", "High"), ("2", "Urgent")], default="2", required=True
    )
    life_threatening = fields.Boolean(
        help="The incident's requests are served before every other request."
    )
    kit_ids = fields.One2many("ruralsw.incident.kit", "incident_id", string="Kits")
    request_ids = fields.One2many(
        "ruralsw.aid.request", "incident_id", string="Requests"
    )
    request_count = fields.Integer(compute="_compute_request_count")
    description = fields.Html()

    def _compute_request_count(self):
        counts = dict(
            self.env["ruralsw.aid.request"]._read_group(
                [("incident_id", "in", self.ids)], ["incident_id"], ["__count"]
            )
        )
        for incident in self:
            incident.request_count = counts.get(incident, 0)

    def action_open(self):
        self.write({"state": "open"})
        return True

    def action_close(self):
        self.write({"state": "closed"})
        return True

    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ruralsw_resource.ruralsw_aid_request_action"
        )
        action["domain"] = [("incident_id", "=", self.id)]
        action["context"] = {"default_incident_id": self.id}
        return action

    def action_allocate(self):
        self.ensure_one()
        requests = self.request_ids.filtered(lambda r: r.state == "approved")
        if not requests:
            raise UserError(
                self.env._(
                    "Incident %(name)s has no approved request to allocate.",
                    name=self.name,
                )
            )
        return requests.action_allocate()

    def action_generate_requests(self):
        """Create and submit one aid request per eligible household of the
        affected villages that has none for this incident yet."""
        self.ensure_one()
        if not self.area_ids:
            raise UserError(
                self.env._(
                    "Incident %(name)s: choose the affected villages.", name=self.name
                )
            )
        if not self.kit_ids:
            raise UserError(
                self.env._(
                    "Incident %(name)s: define at least one kit.", name=self.name
                )
            )
        # sudo: the dispatcher creating the incident's requests reads the
        # households' vulnerability flags, not their personal data
        households = (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("is_household", "=", True),
                    ("village_id", "in", self.area_ids.ids),
                    ("id", "not in", self.request_ids.line_ids.household_id.ids),
                ]
            )
        )
        members = (
            self.env["res.partner"]
            .sudo()
            .search([("household_id", "in", households.ids)])
        )
        types_by_household = {household: {"all"} for household in households}
        for member in members:
            types = types_by_household[member.household_id]
            if member.is_elderly_alone:
                types.add("elderly_alone")
            if member.has_disability:
                types.add("disability")
            if member.is_left_behind_child:
                types.add("left_behind")
            if member.is_low_income or member.has_subsistence_allowance:
                types.add("low_income")
        vals_list = []
        for household in households:
            types = types_by_household[household]
            lines = [
                Command.create(
                    {
                        "product_id": kit.product_id.id,
                        "quantity": kit.quantity,
                        "household_id": household.id,
                        "area_id": household.village_id.id,
                    }
                )
                for kit in self.kit_ids
                if kit.household_type in types
            ]
            if lines:
                vals_list.append(
                    {
                        "incident_id": self.id,
                        "company_id": self.company_id.id,
                        "priority": self.priority,
                        "life_threatening": self.life_threatening,
                        "line_ids": lines,
                    }
                )
        requests = self.env["ruralsw.aid.request"].create(vals_list)
        requests.action_submit()
        if self.state == "draft":
            self.state = "open"
        return self.action_view_requests()


class RuralswIncidentKit(models.Model):
    _name = "ruralsw.incident.kit"
    _description = "Incident Kit Line"
    _order = "incident_id, household_type, id"

    incident_id = fields.Many2one(
        "ruralsw.incident", required=True, ondelete="cascade", index=True
    )
    household_type = fields.Selection(HOUSEHOLD_TYPES, required=True, default="all")
    product_id = fields.Many2one(
        "product.product",
        string="Aid Material",
        required=True,
        domain=[("ruralsw_is_aid", "=", True)],
    )
    quantity = fields.Float(
        required=True, default=1.0, digits="Product Unit of Measure"
    )

    @api.constrains("quantity", "product_id")
    def _check_kit(self):
        for kit in self:
            if kit.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "Kit quantity of %(product)s must be positive.",
                        product=kit.product_id.display_name,
                    )
                )
            if not kit.product_id.ruralsw_is_aid:
                raise ValidationError(
                    self.env._(
                        "Product %(product)s is not an aid material.",
                        product=kit.product_id.display_name,
                    )
                )
