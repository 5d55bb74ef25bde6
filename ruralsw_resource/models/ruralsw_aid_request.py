# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

REQUEST_PRIORITIES = [("0", "Normal"), ("1", "High"), ("2", "Urgent")]
REQUEST_STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("allocated", "Allocated"),
    ("done", "Delivered"),
    ("cancel", "Cancelled"),
]


class RuralswAidRequest(models.Model):
    """A request for aid materials: for one case's need, or one household of
    an incident. Lines are served from the nearest stock by the allocation."""

    _name = "ruralsw.aid.request"
    _description = "Aid Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "life_threatening desc, priority desc, create_date, id"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        index="trigram",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    case_id = fields.Many2one(
        "ruralsw.case",
        index="btree_not_null",
        check_company=True,
        tracking=True,
    )
    incident_id = fields.Many2one(
        "ruralsw.incident",
        index="btree_not_null",
        check_company=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Social Worker",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    priority = fields.Selection(
        REQUEST_PRIORITIES, default="0", required=True, index=True, tracking=True
    )
    life_threatening = fields.Boolean(
        tracking=True, help="Served before every other request."
    )
    date_deadline = fields.Date(
        string="Deadline",
        compute="_compute_date_deadline",
        store=True,
        readonly=False,
        help="From the priority: see the settings.",
    )
    state = fields.Selection(
        REQUEST_STATES, default="draft", required=True, index=True, tracking=True
    )
    date_approved = fields.Datetime(readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    line_ids = fields.One2many(
        "ruralsw.aid.request.line", "request_id", string="Lines", copy=True
    )
    quantity_total = fields.Float(
        string="Total Quantity", compute="_compute_quantities", store=True
    )
    qty_allocated_total = fields.Float(
        string="Allocated", compute="_compute_quantities", store=True
    )
    picking_ids = fields.Many2many(
        "stock.picking",
        string="Deliveries",
        compute="_compute_picking_ids",
        groups="stock.group_stock_user",
    )
    picking_count = fields.Integer(
        compute="_compute_picking_ids", groups="stock.group_stock_user"
    )
    note = fields.Text()

    @api.depends("case_id")
    def _compute_user_id(self):
        for request in self:
            request.user_id = request.case_id.user_id or request.user_id

    @api.depends("priority", "create_date")
    def _compute_date_deadline(self):
        today = fields.Date.context_today(self)
        for request in self:
            days = request.company_id._ruralsw_aid_deadline_days().get(
                request.priority or "0", 7
            )
            start = (
                fields.Date.to_date(request.create_date)
                if request.create_date
                else today
            )
            request.date_deadline = start + timedelta(days=days)

    @api.depends("line_ids.quantity", "line_ids.qty_allocated")
    def _compute_quantities(self):
        for request in self:
            request.quantity_total = sum(request.line_ids.mapped("quantity"))
            request.qty_allocated_total = sum(request.line_ids.mapped("qty_allocated"))

    @api.depends("line_ids.move_ids.picking_id")
    def _compute_picking_ids(self):
        for request in self:
            request.picking_ids = request.line_ids.move_ids.picking_id
            request.picking_count = len(request.picking_ids)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "ruralsw.aid.request"
                ) or self.env._("New")
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(request.state not in ("draft", "cancel") for request in self):
            raise UserError(
                self.env._("Only draft or cancelled aid requests can be deleted.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Draft → approved, or to approve when the total is above the
        organisation's approval threshold."""
        for request in self:
            if request.state != "draft":
                raise UserError(
                    self.env._(
                        "Aid request %(name)s is not a draft.", name=request.name
                    )
                )
            if not request.line_ids:
                raise UserError(
                    self.env._("Aid request %(name)s has no lines.", name=request.name)
                )
        threshold = {
            company: company.ruralsw_aid_approval_quantity
            for company in self.company_id
        }
        to_approve = self.filtered(
            lambda r: (
                threshold[r.company_id] and r.quantity_total > threshold[r.company_id]
            )
        )
        to_approve.write({"state": "to_approve"})
        (self - to_approve)._ruralsw_approve()
        return True

    def action_approve(self):
        if not self.env.user.has_group("ruralsw_case.group_ruralsw_supervisor"):
            raise UserError(self.env._("Only a supervisor may approve an aid request."))
        if any(request.state != "to_approve" for request in self):
            raise UserError(self.env._("Only requests to approve can be approved."))
        self._ruralsw_approve()
        return True

    def _ruralsw_approve(self):
        self.write(
            {
                "state": "approved",
                "date_approved": fields.Datetime.now(),
                "approved_by_id": self.env.user.id,
            }
        )

    def action_cancel(self):
        moves = self.line_ids.move_ids.filtered(
            lambda m: m.state not in ("done", "cancel")
        )
        if moves:
            # sudo: a social worker may cancel the request of their case; the
            # reserved moves it owns are released with it
            moves.sudo()._action_cancel()
        self.write({"state": "cancel"})
        return True

    def action_reset_draft(self):
        self.filtered(lambda r: r.state == "cancel").write({"state": "draft"})
        return True

    def action_allocate(self):
        """Open the allocation preview for these requests."""
        return self.env["ruralsw.aid.allocation"]._ruralsw_open_for(self)

    def action_view_pickings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action["domain"] = [("id", "in", self.picking_ids.ids)]
        action["context"] = {"create": False}
        return action

    def _ruralsw_update_state(self):
        """Follow the lines: allocated when every line is, delivered when
        every line is delivered."""
        for request in self.filtered(lambda r: r.state in ("approved", "allocated")):
            lines = request.line_ids.filtered(lambda line: line.state != "cancel")
            if lines and all(line.state == "done" for line in lines):
                request.state = "done"
            elif lines and all(line.state in ("allocated", "done") for line in lines):
                request.state = "allocated"
            elif request.state == "allocated":
                request.state = "approved"

    # ------------------------------------------------------------------
    # Helpers other addons call
    # ------------------------------------------------------------------
    @api.model
    def create_from_case(self, case, items):
        """Create a draft aid request for a case.

        :param case: a ruralsw.case record
        :param items: list of (product, quantity); product is a
            product.product record (or id)
        :return: the new ruralsw.aid.request
        """
        case.ensure_one()
        if not items:
            raise UserError(
                self.env._("Case %(case)s: no aid items were given.", case=case.name)
            )
        Product = self.env["product.product"]
        lines = []
        for product, quantity in items:
            if isinstance(product, int):
                product = Product.browse(product)
            lines.append(
                Command.create(
                    {
                        "product_id": product.id,
                        "quantity": quantity,
                        "beneficiary_id": case.beneficiary_id.id,
                        "household_id": case.household_id.id,
                        "area_id": case.area_id.id,
                    }
                )
            )
        return self.create(
            {
                "case_id": case.id,
                "company_id": case.company_id.id,
                "priority": case.priority,
                "user_id": case.user_id.id,
                "line_ids": lines,
            }
        )


class RuralswAidRequestLine(models.Model):
    _name = "ruralsw.aid.request.line"
    _description = "Aid Request Line"
    _order = "request_id, id"
    _check_company_auto = True

    request_id = fields.Many2one(
        "ruralsw.aid.request", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="request_id.company_id", store=True, index=True
    )
    case_id = fields.Many2one(related="request_id.case_id", store=True)
    incident_id = fields.Many2one(related="request_id.incident_id", store=True)
    request_state = fields.Selection(
        related="request_id.state", string="Request Status"
    )
    product_id = fields.Many2one(
        "product.product",
        string="Aid Material",
        required=True,
        index=True,
        domain=[("ruralsw_is_aid", "=", True)],
        check_company=True,
    )
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    quantity = fields.Float(
        required=True, default=1.0, digits="Product Unit of Measure"
    )
    beneficiary_id = fields.Many2one(
        "res.partner",
        index="btree_not_null",
        domain=[("is_beneficiary", "=", True)],
    )
    household_id = fields.Many2one(
        "res.partner",
        index="btree_not_null",
        domain=[("is_household", "=", True)],
    )
    area_id = fields.Many2one(
        "ruralsw.area",
        string="Destination Village",
        required=True,
        index=True,
        compute="_compute_area_id",
        store=True,
        readonly=False,
        precompute=True,
        domain=[("level", "=", "village")],
    )
    township_id = fields.Many2one(related="area_id.township_id", store=True, index=True)
    qty_allocated = fields.Float(
        string="Allocated",
        compute="_compute_quantities",
        store=True,
        digits="Product Unit of Measure",
    )
    qty_delivered = fields.Float(
        string="Delivered",
        compute="_compute_quantities",
        store=True,
        digits="Product Unit of Measure",
    )
    date_delivered = fields.Datetime(
        compute="_compute_quantities", store=True, string="Delivered On"
    )
    qty_to_allocate = fields.Float(
        string="To Allocate",
        compute="_compute_qty_to_allocate",
        digits="Product Unit of Measure",
    )
    move_ids = fields.One2many(
        "stock.move",
        "ruralsw_request_line_id",
        string="Stock Moves",
        groups="stock.group_stock_user",
    )
    state = fields.Selection(
        [
            ("open", "To Allocate"),
            ("partial", "Partially Allocated"),
            ("allocated", "Allocated"),
            ("done", "Delivered"),
            ("cancel", "Cancelled"),
        ],
        compute="_compute_state",
        store=True,
        index=True,
    )

    @api.depends("beneficiary_id", "household_id")
    def _compute_area_id(self):
        for line in self:
            line.area_id = (
                line.beneficiary_id.village_id
                or line.household_id.village_id
                or line.area_id
            )

    @api.depends(
        "move_ids.state",
        "move_ids.product_uom_qty",
        "move_ids.quantity",
        "move_ids.date",
    )
    def _compute_quantities(self):
        for line in self:
            # sudo: the stored quantities follow the stock moves whoever reads
            moves = line.sudo().move_ids
            live = moves.filtered(lambda m: m.state != "cancel")
            done = moves.filtered(lambda m: m.state == "done")
            line.qty_allocated = sum(live.mapped("product_uom_qty"))
            line.qty_delivered = sum(done.mapped("quantity"))
            line.date_delivered = max(done.mapped("date")) if done else False

    @api.depends("request_id.state", "quantity", "qty_allocated", "qty_delivered")
    def _compute_state(self):
        for line in self:
            rounding = line.product_id.uom_id.rounding or 0.01
            if line.request_id.state == "cancel":
                line.state = "cancel"
            elif line.qty_delivered >= line.quantity - rounding / 2:
                line.state = "done"
            elif line.qty_allocated >= line.quantity - rounding / 2:
                line.state = "allocated"
            elif line.qty_allocated > 0:
                line.state = "partial"
            else:
                line.state = "open"

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "Quantity of %(product)s must be positive (got %(qty)s).",
                        product=line.product_id.display_name,
                        qty=line.quantity,
                    )
                )

    @api.constrains("product_id")
    def _check_product_is_aid(self):
        for line in self:
            if not line.product_id.ruralsw_is_aid:
                raise ValidationError(
                    self.env._(
                        "Product %(product)s is not an aid material: put it in "
                        "the Aid materials category first.",
                        product=line.product_id.display_name,
                    )
                )

    @api.depends("product_id", "quantity", "area_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                f"{line.request_id.name} · {line.product_id.display_name} × "
                f"{line.quantity:g} → {line.area_id.name or ''}"
            )

    @api.depends("quantity", "qty_allocated")
    def _compute_qty_to_allocate(self):
        for line in self:
            line.qty_to_allocate = max(line.quantity - line.qty_allocated, 0.0)
