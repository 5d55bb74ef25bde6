# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import base64

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import RuralswResourceCommon

# a 1x1 PNG
PHOTO = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
    )
)


@tagged("post_install", "-at_install")
class TestDelivery(RuralswResourceCommon):
    def _allocate(self, request):
        preview = self._preview(request)
        action = preview.action_confirm()
        return self.env["stock.picking"].search(action["domain"])

    def _deliver(self, picking, **vals):
        wizard = Form(
            self.env["ruralsw.aid.delivery"]
            .with_user(self.dispatcher)
            .with_context(default_picking_id=picking.id)
        )
        wizard.recipient_name = vals.get("recipient", "Elder One")
        wizard.photo = vals.get("photo", PHOTO)
        return wizard.save().action_validate()

    def test_proof_of_delivery_closes_the_request(self):
        request = self._request([(self.rice, 3, self.h1)])
        picking = self._allocate(request)
        self._deliver(picking)
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.ruralsw_recipient_name, "Elder One")
        self.assertTrue(picking.ruralsw_photo)
        self.assertTrue(picking.ruralsw_date_received)
        line = request.line_ids
        self.assertEqual(line.qty_delivered, 3)
        self.assertEqual(line.state, "done")
        self.assertTrue(line.date_delivered)
        self.assertEqual(request.state, "done")

    def test_backorder_keeps_serving_the_request_line(self):
        request = self._request([(self.rice, 3, self.h1)])
        picking = self._allocate(request)
        picking.move_ids.quantity = 1
        action = picking.button_validate()
        Form(
            self.env[action["res_model"]].with_context(**action["context"])
        ).save().process()
        backorder = picking.backorder_ids
        self.assertTrue(backorder, "validating 1 of 3 creates a backorder")
        line = request.line_ids
        self.assertEqual(backorder.move_ids.ruralsw_request_line_id, line)
        self.assertEqual(line.qty_delivered, 1)
        self.assertEqual(line.qty_allocated, 3)
        self.assertEqual(line.state, "allocated")

    def test_proof_needs_signature_or_photo(self):
        picking = self._allocate(self._request([(self.rice, 1, self.h1)]))
        wizard = self.env["ruralsw.aid.delivery"].create(
            {"picking_id": picking.id, "recipient_name": "X"}
        )
        with self.assertRaisesMessage(UserError, "Signature or a Photo"):
            wizard.with_user(self.dispatcher).action_validate()
        self.assertEqual(picking.state, "assigned")

    def test_guidance_equipment_creates_follow_up_visit(self):
        request = self.env["ruralsw.aid.request"].create_from_case(
            self.case1, [(self.wheelchair, 1), (self.rice, 1)]
        )
        request.action_submit()
        for picking in self._allocate(request):
            self._deliver(picking)
        task = self.env["project.task"].search(
            [("ruralsw_aid_request_line_id", "in", request.line_ids.ids)]
        )
        self.assertEqual(len(task), 1, "only the wheelchair needs guidance")
        self.assertEqual(task.ruralsw_case_id, self.case1)
        self.assertEqual(task.user_ids, self.worker)
        self.assertIn("Wheelchair", task.name)
        self.assertEqual(task.project_id.ruralsw_township_id, self.t1)
