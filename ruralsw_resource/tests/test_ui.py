# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import RuralswResourceCommon

# names the tour looks for (static/tests/tours/ruralsw_resource_tour.js)
INCIDENT_NAME = "寒潮演练"


@tagged("post_install", "-at_install")
class TestUi(RuralswResourceCommon, HttpCase):
    """A dispatcher previews, adjusts and confirms an incident allocation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the tour reads the English source labels; a database created with
        # only zh_CN loaded (as make test does) has English inactive
        cls.env["res.lang"]._activate_lang("en_US")
        cls.dispatcher.lang = "en_US"
        cls.incident = cls.env["ruralsw.incident"].create(
            {
                "name": INCIDENT_NAME,
                "area_ids": [Command.set((cls.v1 | cls.v3).ids)],
                "kit_ids": [
                    Command.create(
                        {
                            "household_type": "all",
                            "product_id": cls.rice.id,
                            "quantity": 3,
                        }
                    )
                ],
            }
        )
        cls.incident.action_generate_requests()

    def test_dispatcher_previews_adjusts_and_confirms(self):
        self.start_tour(
            "/odoo", "ruralsw_resource_dispatch_tour", login=self.dispatcher.login
        )
        self.env.invalidate_all()
        lines = self.incident.request_ids.line_ids
        by_village = {line.area_id: line for line in lines}
        self.assertEqual(by_village[self.v1].qty_allocated, 3)
        self.assertEqual(
            by_village[self.v1].move_ids.location_id.warehouse_id, self.wh_v1
        )
        # the dispatcher lowered the V3 row to 1
        self.assertEqual(by_village[self.v3].qty_allocated, 1)
        self.assertEqual(
            by_village[self.v3].move_ids.location_id.warehouse_id, self.wh_t2
        )
        self.assertEqual(by_village[self.v3].state, "partial")
        pickings = lines.move_ids.picking_id
        self.assertEqual(len(pickings), 2)
        self.assertEqual(set(pickings.mapped("state")), {"assigned"})
