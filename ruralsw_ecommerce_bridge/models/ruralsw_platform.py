# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import secrets

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

PLATFORM_GROUP = "ruralsw_ecommerce_bridge.group_ruralsw_platform"


class RuralswPlatform(models.Model):
    """An e-commerce platform (mini-program, short-video shop, county
    platform) that sends applications and order data through the signed
    API. Its requests act as its configured user, whose areas and groups
    bound what the platform may touch."""

    _name = "ruralsw.platform"
    _description = "E-commerce Platform"
    _inherit = ["mail.thread"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(
        required=True,
        index=True,
        tracking=True,
        help="Sent by the platform in the X-Ruralsw-Platform header.",
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    secret = fields.Char(
        copy=False,
        groups="base.group_system",
        default=lambda self: secrets.token_urlsafe(32),
        help="Shared secret of the HMAC-SHA256 request signatures; give it to "
        "the platform over a safe channel and rotate it when in doubt.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Acts As",
        required=True,
        check_company=True,
        tracking=True,
        domain=[("share", "=", False)],
        help="The API runs the platform's requests as this user: give it the "
        "E-commerce Platform group and the areas the platform serves. Never "
        "an administrator.",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Intake Desk",
        domain=[("ruralsw_intake", "=", True)],
        default=lambda self: self.env.ref(
            "ruralsw_case.crm_team_ruralsw_intake", raise_if_not_found=False
        ),
    )
    area_id = fields.Many2one(
        "ruralsw.area",
        string="Default Area",
        required=True,
        help="The platform may only send applications and orders for villages "
        "in this area (usually its county).",
    )
    intake_mode = fields.Selection(
        [("lead", "Lead on the Intake Desk"), ("case", "Case Directly")],
        required=True,
        default="lead",
        help="Whether an application becomes a lead that a social worker "
        "qualifies, or a case straight away.",
    )
    rate_limit = fields.Integer(
        string="Requests per Minute",
        default=600,
        help="Requests beyond this number within 60 seconds are answered 429.",
    )
    application_count = fields.Integer(compute="_compute_counts")
    order_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        ("code_unique", "unique(code)", "The platform code must be unique."),
    ]

    def _compute_counts(self):
        leads = dict(
            self.env["crm.lead"]._read_group(
                [("ruralsw_platform_id", "in", self.ids)],
                ["ruralsw_platform_id"],
                ["__count"],
            )
        )
        orders = dict(
            self.env["ruralsw.order"]._read_group(
                [("platform_id", "in", self.ids)], ["platform_id"], ["__count"]
            )
        )
        for platform in self:
            platform.application_count = leads.get(platform, 0)
            platform.order_count = orders.get(platform, 0)

    @api.constrains("code")
    def _check_code(self):
        for platform in self:
            code = platform.code or ""
            if (
                not code.isascii()
                or not code.replace("_", "").replace("-", "").isalnum()
            ):
                raise ValidationError(
                    self.env._(
                        "Code: use letters, digits, '-' and '_' only (%(code)s).",
                        code=code,
                    )
                )

    @api.constrains("user_id")
    def _check_user_id(self):
        for platform in self:
            user = platform.user_id
            if user._is_superuser() or user.has_group("base.group_system"):
                raise ValidationError(
                    self.env._(
                        "Acts As: %(user)s is an administrator; the platform must "
                        "act as a user with only the rights it needs.",
                        user=user.name,
                    )
                )
            if not user.has_group(PLATFORM_GROUP):
                raise ValidationError(
                    self.env._(
                        "Acts As: %(user)s needs the E-commerce Platform group.",
                        user=user.name,
                    )
                )

    @api.constrains("rate_limit")
    def _check_rate_limit(self):
        for platform in self:
            if platform.rate_limit < 1:
                raise ValidationError(
                    self.env._("Requests per Minute must be at least 1.")
                )

    def action_rotate_secret(self):
        """Give the platform a new random secret (administrators only)."""
        self.ensure_one()
        self.check_access("write")
        self.secret = secrets.token_urlsafe(32)

    def action_view_applications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ruralsw_ecommerce_bridge.crm_lead_action_ruralsw_application"
        )
        action["domain"] = [("ruralsw_platform_id", "=", self.id)]
        return action

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ruralsw_ecommerce_bridge.ruralsw_order_action"
        )
        action["domain"] = [("platform_id", "=", self.id)]
        return action

    def _ruralsw_village_prefix(self):
        """The ``parent_path`` prefix of the villages the platform may touch."""
        self.ensure_one()
        return self.area_id.sudo().parent_path or ""

    def _ruralsw_villages_by_code(self, codes):
        """Return ``{code: (village_id, township_id)}`` for the village codes
        inside the platform's area, in one query."""
        self.ensure_one()
        if not codes:
            return {}
        self.env.cr.execute(
            SQL(
                "SELECT code, id, township_id FROM ruralsw_area "
                "WHERE code = ANY(%s) AND level = 'village' AND active "
                "AND parent_path LIKE %s",
                list(codes),
                self._ruralsw_village_prefix() + "%",
            )
        )
        return {
            code: (area, township) for code, area, township in self.env.cr.fetchall()
        }

    def _ruralsw_catalog(self):
        """The aid items villagers may apply for (``ruralsw_resource``'s aid
        materials), with the quantity on hand and not reserved in the
        warehouses of each county the platform serves, in two queries."""
        self.ensure_one()
        # sudo: products and stock levels are published to the platform as
        # a catalogue; the platform's user has no inventory rights
        products = (
            self.env["product.product"]
            .sudo()
            .search(
                [("ruralsw_is_aid", "=", True), ("default_code", "!=", False)],
                order="default_code",
            )
        )
        area = self.area_id.sudo()
        if area.level in ("county", "township", "village"):
            counties = area.county_id
        else:
            counties = (
                self.env["ruralsw.area"]
                .sudo()
                .search([("id", "child_of", area.id), ("level", "=", "county")])
            )
        stock = {}
        if products and counties:
            self.env["stock.quant"].flush_model(["quantity", "reserved_quantity"])
            self.env.cr.execute(
                SQL(
                    "SELECT q.product_id, a.county_id, "
                    "sum(q.quantity - q.reserved_quantity) "
                    "FROM stock_quant q "
                    "JOIN stock_location l ON l.id = q.location_id "
                    "AND l.usage = 'internal' "
                    "JOIN stock_warehouse w ON w.id = l.warehouse_id "
                    "JOIN ruralsw_area a ON a.id = w.ruralsw_area_id "
                    "WHERE q.product_id = ANY(%s) AND a.county_id = ANY(%s) "
                    "GROUP BY q.product_id, a.county_id",
                    products.ids,
                    counties.ids,
                )
            )
            for product_id, county_id, quantity in self.env.cr.fetchall():
                stock[(product_id, county_id)] = float(quantity or 0.0)
        return {
            "items": [
                {
                    "sku": product.default_code,
                    "name": product.name,
                    "category": product.categ_id.name,
                    "uom": product.uom_id.name,
                    "needs_guidance": product.ruralsw_needs_guidance,
                    "availability": [
                        {
                            "county_code": county.code,
                            "county": county.name,
                            "quantity": max(
                                stock.get((product.id, county.id), 0.0), 0.0
                            ),
                        }
                        for county in counties
                    ],
                }
                for product in products
            ]
        }
