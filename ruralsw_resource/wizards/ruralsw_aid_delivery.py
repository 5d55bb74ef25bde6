# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models
from odoo.exceptions import UserError


class RuralswAidDelivery(models.TransientModel):
    """Proof of delivery: who received the aid, their signature or a photo,
    and when; validating it validates the delivery."""

    _name = "ruralsw.aid.delivery"
    _description = "Proof of Delivery"

    picking_id = fields.Many2one("stock.picking", string="Delivery", required=True)
    recipient_name = fields.Char(string="Received By", required=True)
    signature = fields.Binary()
    photo = fields.Image(max_width=1024, max_height=1024)
    date_received = fields.Datetime(
        string="Received On", required=True, default=fields.Datetime.now
    )

    def action_validate(self):
        self.ensure_one()
        picking = self.picking_id
        if not picking.ruralsw_is_aid_delivery:
            raise UserError(
                self.env._("%(picking)s is not an aid delivery.", picking=picking.name)
            )
        if picking.state in ("done", "cancel"):
            raise UserError(
                self.env._(
                    "Delivery %(picking)s is already closed.", picking=picking.name
                )
            )
        if not (self.signature or self.photo):
            raise UserError(
                self.env._(
                    "Proof of delivery needs the recipient's Signature or a Photo."
                )
            )
        picking.write(
            {
                "ruralsw_recipient_name": self.recipient_name,
                "signature": self.signature,
                "ruralsw_photo": self.photo,
                "ruralsw_date_received": self.date_received,
            }
        )
        for move in picking.move_ids.filtered(lambda m: m.state != "cancel"):
            move.picked = True
        return picking.with_context(
            skip_backorder=True, picking_ids_not_to_backorder=picking.ids
        ).button_validate()
