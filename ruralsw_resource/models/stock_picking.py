# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import timedelta

from odoo import api, fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    ruralsw_destination_area_id = fields.Many2one(
        "ruralsw.area",
        string="Destination Village",
        index="btree_not_null",
        help="Aid deliveries: the village the goods go to.",
    )
    ruralsw_is_aid_delivery = fields.Boolean(string="Aid Delivery", index=True)
    ruralsw_recipient_name = fields.Char(string="Received By")
    ruralsw_photo = fields.Image(
        string="Delivery Photo", max_width=1024, max_height=1024, attachment=True
    )
    ruralsw_date_received = fields.Datetime(string="Received On")
    ruralsw_donation_id = fields.Many2one(
        "ruralsw.donation", string="Donation", index="btree_not_null", copy=False
    )

    def _action_done(self):
        res = super()._action_done()
        aid = self.filtered("ruralsw_is_aid_delivery")
        if aid:
            aid._ruralsw_after_delivery()
        return res

    def _ruralsw_after_delivery(self):
        """Follow the request lines, and create the guidance visits of
        delivered equipment that needs them."""
        moves = self.move_ids.filtered(
            lambda m: m.state == "done" and m.ruralsw_request_line_id
        )
        lines = moves.ruralsw_request_line_id
        lines.request_id._ruralsw_update_state()
        # sudo: warehouse staff cannot read cases; the follow-up needs the
        # case's social worker and phase only
        guided = lines.sudo().filtered(
            lambda line: (
                line.product_id.ruralsw_needs_guidance
                and line.case_id.user_id
                and not line.case_id.phase == "closed"
            )
        )
        if not guided:
            return
        Task = self.env["project.task"]
        existing = Task.sudo().search(
            [("ruralsw_aid_request_line_id", "in", guided.ids)]
        )
        guided -= existing.ruralsw_aid_request_line_id
        if not guided:
            return
        today = fields.Date.context_today(self)
        visits = [
            {
                "case": line.case_id,
                "name": self.env._(
                    "Guidance visit: %(product)s", product=line.product_id.name
                ),
                "user": line.case_id.user_id,
                "deadline": today + timedelta(days=3),
            }
            for line in guided
        ]
        # sudo: warehouse staff validate the delivery; the follow-up visit
        # belongs to the social worker's project, which they cannot edit
        tasks = Task.sudo()._ruralsw_create_field_visits(visits)
        for task, line in zip(tasks, guided, strict=True):
            task.ruralsw_aid_request_line_id = line

    @api.model
    def _ruralsw_customer_location(self):
        return self.env.ref("stock.stock_location_customers")

    def action_ruralsw_proof_of_delivery(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Proof of Delivery"),
            "res_model": "ruralsw.aid.delivery",
            "view_mode": "form",
            "target": "new",
            "context": {"default_picking_id": self.id},
        }
