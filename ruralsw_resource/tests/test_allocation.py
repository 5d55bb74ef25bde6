# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import Command
from odoo.exceptions import RedirectWarning, UserError, ValidationError
from odoo.tests import tagged

from .common import RuralswResourceCommon


@tagged("post_install", "-at_install")
class TestAllocation(RuralswResourceCommon):
    def test_nearest_warehouse_first(self):
        request = self._request([(self.rice, 3, self.h1)])
        preview = self._preview(request)
        self.assertEqual(preview.line_ids.warehouse_id, self.wh_v1)
        self.assertEqual(preview.line_ids.quantity, 3)
        self.assertAlmostEqual(preview.line_ids.distance_km, 0.0, places=1)
        self.assertFalse(preview.shortfall_total)
        # V2 has no coordinates: its township's are used, the T1 centre is nearest
        request2 = self._request([(self.rice, 1, self.h2)])
        self.assertEqual(self._preview(request2).line_ids.warehouse_id, self.wh_t1)

    def test_split_and_shortfall(self):
        request = self._request([(self.rice, 30, self.h1)])
        preview = self._preview(request)
        rows = [(row.warehouse_id, row.quantity) for row in preview.line_ids]
        self.assertEqual(rows, [(self.wh_v1, 5), (self.wh_t1, 20), (self.wh_t2, 5)])
        big = self._request([(self.rice, 50, self.h1)], submit=False)
        big.action_submit()
        self.assertEqual(big.state, "approved", "50 is not above the threshold")
        bigger = self._request([(self.rice, 51, self.h1)])
        self.assertEqual(bigger.state, "to_approve")
        bigger.with_user(self.supervisor).action_approve()
        preview = self._preview(bigger)
        self.assertEqual(sum(preview.line_ids.mapped("quantity")), 51)
        self.assertEqual(preview.shortfall_total, 0)
        too_much = self._request([(self.rice, 50, self.h1), (self.rice, 40, self.h3)])
        too_much.with_user(self.supervisor).action_approve()
        preview = self._preview(too_much)
        self.assertEqual(preview.shortfall_total, 15)
        self.assertEqual(sum(preview.line_ids.mapped("shortfall")), 15)

    def test_priority_order(self):
        """Life-threatening first, then priority, then age."""
        normal_old = self._request([(self.rice, 25, self.h3)])
        urgent = self._request([(self.rice, 25, self.h3)], priority="2")
        life = self._request([(self.rice, 25, self.h3)], life_threatening=True)
        requests = normal_old | urgent | life
        # 75 in stock, 75 asked: the order decides who takes the nearest (T2)
        preview = self._preview(requests)
        by_request = {
            request: preview.line_ids.filtered(lambda r, q=request: r.request_id == q)
            for request in requests
        }
        self.assertEqual(by_request[life].warehouse_id, self.wh_t2)
        self.assertEqual(by_request[urgent].warehouse_id, self.wh_t2)
        self.assertEqual(
            by_request[normal_old].warehouse_id,
            self.wh_t1 | self.wh_v1,
            "the oldest normal request comes last and takes the farther stock",
        )

    def test_confirm_creates_reserved_pickings_per_warehouse_and_village(self):
        r1 = self._request([(self.rice, 8, self.h1), (self.quilt, 2, self.h1)])
        r2 = self._request([(self.rice, 2, self.h1), (self.rice, 4, self.h2)])
        preview = self._preview(r1 | r2)
        action = preview.action_confirm()
        pickings = self.env["stock.picking"].search(action["domain"])
        groups = {
            (p.location_id.warehouse_id, p.ruralsw_destination_area_id)
            for p in pickings
        }
        self.assertEqual(
            len(pickings), len(groups), "one picking per warehouse and village"
        )
        self.assertTrue(all(p.state == "assigned" for p in pickings))
        self.assertTrue(all(p.ruralsw_is_aid_delivery for p in pickings))
        # every request line has its own move, fully reserved
        for line in (r1 | r2).line_ids:
            self.assertEqual(line.qty_allocated, line.quantity)
            self.assertEqual(sum(line.move_ids.mapped("quantity")), line.quantity)
            self.assertEqual(line.state, "allocated")
        self.assertEqual((r1 | r2).mapped("state"), ["allocated", "allocated"])
        self.assertEqual(self._available(self.wh_v1, self.rice), 0)

    def test_adjust_then_confirm(self):
        request = self._request([(self.rice, 4, self.h1)])
        preview = self._preview(request)
        preview.line_ids.warehouse_id = self.wh_t2
        preview.line_ids._onchange_warehouse_id()
        self.assertGreater(preview.line_ids.distance_km, 30)
        preview.action_confirm()
        self.assertEqual(request.line_ids.move_ids.location_id.warehouse_id, self.wh_t2)
        self.assertEqual(self._available(self.wh_v1, self.rice), 5)

    def test_adjustment_over_the_request_is_refused(self):
        request = self._request([(self.rice, 4, self.h1)])
        preview = self._preview(request)
        preview.line_ids.quantity = 6
        with self.assertRaisesMessage(UserError, "only 4 remain"):
            preview.action_confirm()
        preview.line_ids.write({"quantity": 2, "warehouse_id": False})
        with self.assertRaisesMessage(UserError, "Source Warehouse"):
            preview.action_confirm()
        self.assertFalse(request.line_ids.move_ids)

    def test_concurrent_confirmation_never_over_reserves(self):
        """Two dispatchers preview plans taking the same stock; the second
        to confirm is refused, nothing is reserved for it, and the action of
        the message opens the recomputed plan."""
        first = self._request([(self.rice, 5, self.h1)])
        second = self._request([(self.rice, 5, self.h1)])
        preview_1 = self._preview(first, self.dispatcher)
        preview_2 = self._preview(second, self.dispatcher2)
        self.assertEqual(preview_1.line_ids.warehouse_id, self.wh_v1)
        self.assertEqual(preview_2.line_ids.warehouse_id, self.wh_v1)
        preview_1.action_confirm()
        with self.assertRaises(RedirectWarning) as caught:
            preview_2.action_confirm()
        message, action_id, _button, context = caught.exception.args
        self.assertIn("WH V1 has 0", message)
        self.assertFalse(second.line_ids.move_ids)
        self.assertEqual(self._available(self.wh_v1, self.rice), 0)
        action = self.env["ir.actions.server"].browse(action_id)
        result = action.with_user(self.dispatcher2).with_context(**context).run()
        recomputed = self.env["ruralsw.aid.allocation"].browse(result["res_id"])
        self.assertEqual(recomputed.line_ids.warehouse_id, self.wh_t1)
        self.assertIn("Another confirmation", recomputed.warning)
        recomputed.with_user(self.dispatcher2).action_confirm()
        self.assertEqual(second.state, "allocated")

    def test_refill_suggestion_for_short_township(self):
        self.env["stock.quant"]._update_available_quantity(
            self.rice, self.wh_t2.lot_stock_id, -40
        )
        request = self._request([(self.rice, 10, self.h3)])
        preview = self._preview(request)
        self.assertEqual(preview.line_ids.warehouse_id, self.wh_t2)
        self.assertFalse(preview.shortfall_total)
        # T2 has nothing left: refill it from T1, which has the most
        refill = preview.refill_ids
        self.assertEqual(refill.from_warehouse_id, self.wh_t1)
        self.assertEqual(refill.to_warehouse_id, self.wh_t2)
        self.assertEqual(refill.quantity, 10)
        self.assertEqual(refill.product_id, self.rice)
        action = preview.action_create_refills()
        transfer = self.env["stock.picking"].search(action["domain"])
        self.assertEqual(transfer.picking_type_id.code, "internal")
        self.assertEqual(transfer.location_dest_id, self.wh_t2.lot_stock_id)

    def test_alternatives_listed(self):
        request = self._request([(self.rice, 2, self.h1)])
        preview = self._preview(request)
        self.assertIn("WH T1", preview.line_ids.alternatives)

    def test_bad_input(self):
        Request = self.env["ruralsw.aid.request"]
        with self.assertRaisesMessage(ValidationError, "must be positive"):
            Request.create(
                {
                    "line_ids": [
                        Command.create(
                            {
                                "product_id": self.rice.id,
                                "quantity": 0,
                                "area_id": self.v1.id,
                            }
                        )
                    ]
                }
            )
        with self.assertRaisesMessage(ValidationError, "Pen is not an aid material"):
            Request.create(
                {
                    "line_ids": [
                        Command.create(
                            {
                                "product_id": self.pen.id,
                                "quantity": 1,
                                "area_id": self.v1.id,
                            }
                        )
                    ]
                }
            )
        Area = self.env["ruralsw.area"]
        province = Area.create(
            {"name": "Nowhere", "code": "540000000000", "level": "province"}
        )
        city = Area.create(
            {
                "name": "NC",
                "code": "540100000000",
                "level": "city",
                "parent_id": province.id,
            }
        )
        county = Area.create(
            {
                "name": "NCo",
                "code": "540102000000",
                "level": "county",
                "parent_id": city.id,
            }
        )
        township = Area.create(
            {
                "name": "NT",
                "code": "540102100000",
                "level": "township",
                "parent_id": county.id,
            }
        )
        village = Area.create(
            {
                "name": "Lost village",
                "code": "540102100001",
                "level": "village",
                "parent_id": township.id,
            }
        )
        request = Request.create(
            {
                "line_ids": [
                    Command.create(
                        {
                            "product_id": self.rice.id,
                            "quantity": 1,
                            "area_id": village.id,
                        }
                    )
                ]
            }
        )
        request.action_submit()
        with self.assertRaisesMessage(UserError, "Lost village has no coordinates"):
            self._preview(request)
        with self.assertRaisesMessage(UserError, "Only approved requests"):
            self._preview(self._request([(self.rice, 1, self.h1)], submit=False))

    def test_create_from_case(self):
        request = self.env["ruralsw.aid.request"].create_from_case(
            self.case1, [(self.rice, 2), (self.wheelchair.id, 1)]
        )
        self.assertEqual(request.case_id, self.case1)
        self.assertEqual(request.user_id, self.worker)
        self.assertEqual(request.line_ids.mapped("area_id"), self.v1)
        self.assertEqual(request.line_ids.beneficiary_id, self.b1)
        self.assertEqual(request.line_ids.product_id, self.rice | self.wheelchair)
        self.assertTrue(request.date_deadline)
        with self.assertRaisesMessage(UserError, "no aid items"):
            self.env["ruralsw.aid.request"].create_from_case(self.case1, [])
        with self.assertRaisesMessage(ValidationError, "Pen is not an aid material"):
            self.env["ruralsw.aid.request"].create_from_case(
                self.case1, [(self.pen, 1)]
            )

    def test_deadline_from_priority(self):
        normal = self._request([(self.rice, 1, self.h1)], submit=False)
        urgent = self._request([(self.rice, 1, self.h1)], submit=False, priority="2")
        self.assertEqual((normal.date_deadline - urgent.date_deadline).days, 6)

    def test_incident_bulk_requests_with_kits(self):
        incident = self.env["ruralsw.incident"].create(
            {
                "name": "Flood",
                "area_ids": [Command.set((self.v1 | self.v2 | self.v3).ids)],
                "life_threatening": True,
                "kit_ids": [
                    Command.create(
                        {
                            "household_type": "all",
                            "product_id": self.rice.id,
                            "quantity": 1,
                        }
                    ),
                    Command.create(
                        {
                            "household_type": "elderly_alone",
                            "product_id": self.quilt.id,
                            "quantity": 2,
                        }
                    ),
                    Command.create(
                        {
                            "household_type": "disability",
                            "product_id": self.wheelchair.id,
                            "quantity": 1,
                        }
                    ),
                ],
            }
        )
        incident.with_user(self.dispatcher).action_generate_requests()
        requests = incident.request_ids
        households = requests.line_ids.household_id
        self.assertEqual(households, self.h1 | self.h2 | self.h3)
        kit = {
            hh: sorted(
                requests.line_ids.filtered(
                    lambda line, h=hh: line.household_id == h
                ).mapped("product_id.default_code")
            )
            for hh in households
        }
        self.assertEqual(kit[self.h1], ["QUILT", "RICE10"])
        self.assertEqual(kit[self.h2], ["RICE10", "WCHAIR"])
        self.assertEqual(kit[self.h3], ["RICE10"])
        self.assertTrue(all(requests.mapped("life_threatening")))
        self.assertEqual(set(requests.mapped("state")), {"approved"})
        self.assertEqual(incident.state, "open")
        # run again: no household gets a second request
        incident.action_generate_requests()
        self.assertEqual(len(incident.request_ids), 3)
        preview = self._preview(requests)
        preview.action_confirm()
        self.assertEqual(set(requests.mapped("state")), {"allocated"})
