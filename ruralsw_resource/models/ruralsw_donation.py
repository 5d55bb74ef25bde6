# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError


class RuralswDonation(models.Model):
    """A gift of money (recorded as a journal entry with the fund's analytic
    distribution) or of goods (a stock receipt, one lot per donated batch)."""

    _name = "ruralsw.donation"
    _description = "Donation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
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
    currency_id = fields.Many2one(related="company_id.currency_id")
    donor_id = fields.Many2one("res.partner", required=True, index=True, tracking=True)
    donation_type = fields.Selection(
        [("cash", "Cash"), ("in_kind", "In Kind")],
        string="Type",
        required=True,
        default="cash",
        tracking=True,
    )
    amount = fields.Monetary(
        compute="_compute_amount",
        store=True,
        readonly=False,
        tracking=True,
        help="In company currency; for gifts in kind, the value of the goods.",
    )
    fund_id = fields.Many2one(
        "account.analytic.account",
        index=True,
        check_company=True,
        domain=[("ruralsw_fund_source", "!=", False)],
        tracking=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        index=True,
        tracking=True,
    )
    purpose = fields.Char(help="What the donor wishes the gift to be used for.")
    journal_id = fields.Many2one(
        "account.journal",
        check_company=True,
        compute="_compute_journal_id",
        store=True,
        readonly=False,
    )
    move_id = fields.Many2one(
        "account.move", string="Journal Entry", readonly=True, copy=False
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse", string="Receiving Warehouse", check_company=True
    )
    picking_id = fields.Many2one(
        "stock.picking", string="Receipt", readonly=True, copy=False
    )
    line_ids = fields.One2many("ruralsw.donation.line", "donation_id", string="Goods")
    lot_ids = fields.One2many("stock.lot", "ruralsw_donation_id", string="Lots")
    delivered_household_count = fields.Integer(
        string="Households Reached", compute="_compute_impact"
    )
    delivered_village_count = fields.Integer(
        string="Villages Reached", compute="_compute_impact"
    )

    @api.depends("donation_type", "line_ids.quantity", "line_ids.unit_value")
    def _compute_amount(self):
        for donation in self:
            if donation.donation_type == "in_kind":
                donation.amount = sum(
                    line.quantity * line.unit_value for line in donation.line_ids
                )
            else:
                donation.amount = donation.amount

    @api.depends("company_id")
    def _compute_journal_id(self):
        for donation in self:
            donation.journal_id = (
                donation.journal_id or donation.company_id.ruralsw_donation_journal_id
            )

    def _compute_impact(self):
        impact = self._ruralsw_impact_by_donation()
        for donation in self:
            data = impact.get(donation.id, {})
            donation.delivered_household_count = data.get("households", 0)
            donation.delivered_village_count = len(data.get("villages", {}))

    @api.constrains("amount", "donation_type")
    def _check_amount(self):
        for donation in self:
            if donation.donation_type == "cash" and donation.amount <= 0:
                raise ValidationError(
                    self.env._(
                        "Amount of donation %(name)s must be positive.",
                        name=donation.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "ruralsw.donation"
                ) or self.env._("New")
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(donation.state == "confirmed" for donation in self):
            raise UserError(self.env._("A confirmed donation cannot be deleted."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_confirm(self):
        for donation in self:
            if donation.state != "draft":
                raise UserError(
                    self.env._("Donation %(name)s is not a draft.", name=donation.name)
                )
        cash = self.filtered(lambda d: d.donation_type == "cash")
        in_kind = self - cash
        cash._ruralsw_confirm_cash()
        in_kind._ruralsw_confirm_in_kind()
        self.write({"state": "confirmed"})
        return True

    def _ruralsw_confirm_cash(self):
        moves_vals = []
        for donation in self:
            journal = donation.journal_id
            if not journal or not journal.default_account_id:
                raise UserError(
                    self.env._(
                        "Donation %(name)s: choose a Journal with a default account "
                        "(or set the donation journal in the settings).",
                        name=donation.name,
                    )
                )
            income = donation.company_id.ruralsw_donation_account_id
            if not income:
                raise UserError(
                    self.env._(
                        "Set the Donation Income Account in the settings before "
                        "confirming donation %(name)s.",
                        name=donation.name,
                    )
                )
            if not donation.fund_id:
                raise UserError(
                    self.env._(
                        "Donation %(name)s: choose the Fund it goes to.",
                        name=donation.name,
                    )
                )
            label = self.env._("Donation %(name)s", name=donation.name)
            moves_vals.append(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": donation.date,
                    "ref": label,
                    "company_id": donation.company_id.id,
                    "line_ids": [
                        Command.create(
                            {
                                "name": label,
                                "account_id": journal.default_account_id.id,
                                "partner_id": donation.donor_id.id,
                                "debit": donation.amount,
                            }
                        ),
                        Command.create(
                            {
                                "name": label,
                                "account_id": income.id,
                                "partner_id": donation.donor_id.id,
                                "credit": donation.amount,
                                "analytic_distribution": {
                                    str(donation.fund_id.id): 100
                                },
                            }
                        ),
                    ],
                }
            )
        if not moves_vals:
            return
        moves = self.env["account.move"].create(moves_vals)
        moves.action_post()
        for donation, move in zip(self, moves, strict=True):
            donation.move_id = move

    def _ruralsw_confirm_in_kind(self):
        # sudo: finance records the gift; the lots and the receipt belong to
        # the warehouse, which validates the receipt when the goods arrive
        Lot = self.env["stock.lot"].sudo()
        pickings_vals = []
        for donation in self:
            if not donation.warehouse_id:
                raise UserError(
                    self.env._(
                        "Donation %(name)s: choose the Receiving Warehouse.",
                        name=donation.name,
                    )
                )
            if not donation.line_ids:
                raise UserError(
                    self.env._(
                        "Donation %(name)s: list the goods given.", name=donation.name
                    )
                )
            for line in donation.line_ids:
                if line.product_id.tracking != "lot":
                    raise UserError(
                        self.env._(
                            "Donation %(name)s: %(product)s must be tracked by lots, "
                            "so "
                            "that each delivery says which donation it came from.",
                            name=donation.name,
                            product=line.product_id.display_name,
                        )
                    )
        lots = Lot.create(
            [
                {
                    "name": f"{donation.name}-{index}",
                    "product_id": line.product_id.id,
                    "company_id": donation.company_id.id,
                    "ruralsw_donation_id": donation.id,
                }
                for donation in self
                for index, line in enumerate(donation.line_ids, start=1)
            ]
        )
        lot_iter = iter(lots)
        for donation in self:
            warehouse = donation.warehouse_id
            picking_type = warehouse.in_type_id
            source = donation.donor_id.property_stock_supplier or self.env.ref(
                "stock.stock_location_suppliers"
            )
            moves = []
            for line in donation.line_ids:
                lot = next(lot_iter)
                line.lot_id = lot
                moves.append(
                    Command.create(
                        {
                            "name": line.product_id.display_name,
                            "product_id": line.product_id.id,
                            "product_uom_qty": line.quantity,
                            "product_uom": line.product_id.uom_id.id,
                            "location_id": source.id,
                            "location_dest_id": warehouse.lot_stock_id.id,
                        }
                    )
                )
            pickings_vals.append(
                {
                    "picking_type_id": picking_type.id,
                    "partner_id": donation.donor_id.id,
                    "location_id": source.id,
                    "location_dest_id": warehouse.lot_stock_id.id,
                    "origin": donation.name,
                    "ruralsw_donation_id": donation.id,
                    "company_id": donation.company_id.id,
                    "move_ids": moves,
                }
            )
        pickings = self.env["stock.picking"].sudo().create(pickings_vals)
        pickings.action_confirm()
        # a receipt's move lines are made by the confirmation: each donated
        # batch then gets its lot
        moves = pickings.move_ids.sorted("id")
        MoveLine = self.env["stock.move.line"].sudo()
        new_lines = []
        for move, lot in zip(moves, lots, strict=True):
            if move.move_line_ids:
                move.move_line_ids.write(
                    {"lot_id": lot.id, "quantity": move.product_uom_qty}
                )
            else:
                new_lines.append(
                    {
                        **move._prepare_move_line_vals(quantity=move.product_uom_qty),
                        "lot_id": lot.id,
                    }
                )
        MoveLine.create(new_lines)
        for donation, picking in zip(self, pickings, strict=True):
            donation.picking_id = picking.id
        self._ruralsw_record_in_kind_inflow()

    def _ruralsw_record_in_kind_inflow(self):
        """Gifts in kind count in their fund's inflows at their value."""
        Line = self.env["account.analytic.line"]
        fname = Line._ruralsw_fund_fname()
        vals_list = [
            {
                "name": self.env._("In-kind donation %(name)s", name=donation.name),
                "date": donation.date,
                "amount": donation.amount,
                "company_id": donation.company_id.id,
                "partner_id": donation.donor_id.id,
                fname: donation.fund_id.id,
            }
            for donation in self
            if donation.fund_id and donation.amount > 0
        ]
        if vals_list and fname:
            Line.create(vals_list)

    def action_cancel(self):
        for donation in self:
            if donation.move_id.state == "posted":
                donation.move_id.button_cancel()
            if donation.picking_id.state not in ("done", "cancel", False):
                donation.picking_id.action_cancel()
        self.write({"state": "cancel"})
        return True

    def action_view_receipt(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "res_id": self.picking_id.id,
            "view_mode": "form",
        }

    def action_view_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }

    def action_send_receipt(self):
        return self._ruralsw_send("ruralsw_resource.mail_template_donation_receipt")

    def action_send_thanks(self):
        return self._ruralsw_send("ruralsw_resource.mail_template_donation_thanks")

    def _ruralsw_send(self, template_xmlid):
        template = self.env.ref(template_xmlid)
        for donation in self:
            if donation.state != "confirmed":
                raise UserError(
                    self.env._(
                        "Donation %(name)s is not confirmed yet.", name=donation.name
                    )
                )
            donation.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        return True

    # ------------------------------------------------------------------
    # Impact: where the gifts went, without personal data
    # ------------------------------------------------------------------
    def _ruralsw_impact_by_donation(self):
        """{donation id: {"households": n, "villages": {village name:
        {"households": n, "quantity": q}}, "products": {name: q}}} from
        the delivered move lines of the donations' lots."""
        result = {}
        lots = self.lot_ids
        if not lots:
            return result
        # sudo: the impact counts households per village; no person is read
        move_lines = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("lot_id", "in", lots.ids),
                    ("state", "=", "done"),
                    ("move_id.ruralsw_request_line_id", "!=", False),
                ]
            )
        )
        households = {}
        for move_line in move_lines:
            donation = move_line.lot_id.ruralsw_donation_id
            request_line = move_line.move_id.ruralsw_request_line_id
            data = result.setdefault(
                donation.id, {"households": 0, "villages": {}, "products": {}}
            )
            village = request_line.area_id.display_name
            recipient = (
                request_line.household_id.id
                or request_line.beneficiary_id.household_id.id
                or ("beneficiary", request_line.beneficiary_id.id)
            )
            seen = households.setdefault((donation.id, village), set())
            entry = data["villages"].setdefault(
                village, {"households": 0, "quantity": 0.0}
            )
            entry["quantity"] += move_line.quantity
            if recipient not in seen:
                seen.add(recipient)
                entry["households"] += 1
            product = move_line.product_id.name
            data["products"][product] = (
                data["products"].get(product, 0.0) + move_line.quantity
            )
        for data in result.values():
            data["households"] = sum(v["households"] for v in data["villages"].values())
        return result

    def _ruralsw_impact(self):
        """Impact of one donation, for the report."""
        self.ensure_one()
        return self._ruralsw_impact_by_donation().get(
            self.id, {"households": 0, "villages": {}, "products": {}}
        )


class RuralswDonationLine(models.Model):
    _name = "ruralsw.donation.line"
    _description = "Donated Goods"
    _order = "donation_id, id"

    donation_id = fields.Many2one(
        "ruralsw.donation", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="donation_id.company_id", store=True)
    currency_id = fields.Many2one(related="donation_id.currency_id")
    product_id = fields.Many2one(
        "product.product",
        string="Aid Material",
        required=True,
        domain=[("ruralsw_is_aid", "=", True)],
    )
    quantity = fields.Float(
        required=True, default=1.0, digits="Product Unit of Measure"
    )
    unit_value = fields.Monetary()
    lot_id = fields.Many2one("stock.lot", readonly=True, copy=False)

    @api.constrains("quantity", "product_id", "unit_value")
    def _check_line(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "Quantity of %(product)s must be positive.",
                        product=line.product_id.display_name,
                    )
                )
            if line.unit_value < 0:
                raise ValidationError(self.env._("Unit Value cannot be negative."))
            if not line.product_id.ruralsw_is_aid:
                raise ValidationError(
                    self.env._(
                        "Product %(product)s is not an aid material.",
                        product=line.product_id.display_name,
                    )
                )
