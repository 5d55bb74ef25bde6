# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every figure against the values computed by hand on the fixture of
common.py (its docstring lists the cases)."""

import base64
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import RuralswReportingCommon

# a 1x1 PNG: the proof of delivery's photo
PHOTO = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
    )
)


@tagged("post_install", "-at_install")
class TestFigures(RuralswReportingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_aid()
        plan = cls.env.ref("ruralsw_resource.analytic_plan_funds")
        Account = cls.env["account.analytic.account"]
        cls.gov, cls.social, cls.profit = Account.create(
            [
                {
                    "name": "Gov R",
                    "plan_id": plan.id,
                    "ruralsw_fund_source": "government",
                },
                {
                    "name": "Social R",
                    "plan_id": plan.id,
                    "ruralsw_fund_source": "social_capital",
                },
                {
                    "name": "Profit R",
                    "plan_id": plan.id,
                    "ruralsw_fund_source": "profit_feedback",
                },
            ]
        )
        fname = cls.env["account.analytic.line"]._ruralsw_fund_fname()
        cls.fund_month = date(2020, 1, 1)
        cls.env["account.analytic.line"].create(
            [
                {
                    "name": name,
                    "amount": amount,
                    fname: account.id,
                    "date": date(2020, 1, 15),
                }
                for name, amount, account in (
                    ("Grant", 300, cls.gov),
                    ("Gift 1", 200, cls.social),
                    ("Gift 2", 300, cls.social),
                    ("Shop", 100, cls.profit),
                    ("Spent", -50, cls.gov),
                )
            ]
        )
        cls._rebuild()

    @classmethod
    def _setup_aid(cls):
        """Aid through the stock flow of ruralsw_resource, approved on M+10d
        08:00 (``cls.approved``):

        ====  ======  ====  ===  =========  ==================================
        line  person  vill  qty  warehouse  afterwards
        ====  ======  ====  ===  =========  ==================================
        l1    pa1     VA    3    WH TA      delivered approved + 24 h
        l2    pa3     VA    2    WH TA (1)  1 reserved, not delivered: short
        l3    pa2     VA    1    WH VB      delivered approved + 50 h
        l4    pb1     VB    4    WH VB      delivered approved + 70 h
        ====  ======  ====  ===  =========  ==================================

        WH TA belongs to the township centre of TA, WH VB to the village
        station of VB; before the deliveries WH TA holds 10 rice, WH VB
        8 rice and 6 oil.
        """
        aid = cls.env.ref("ruralsw_resource.product_category_aid")
        cls.categ_oil = cls.env["product.category"].create(
            {"name": "Oil R", "parent_id": aid.id}
        )
        cls.rice, cls.oil = cls.env["product.product"].create(
            [
                {"name": "Rice R", "is_storable": True, "categ_id": aid.id},
                {"name": "Oil R", "is_storable": True, "categ_id": cls.categ_oil.id},
            ]
        )
        cls.st_ta, cls.st_vb = cls.env["ruralsw.station"].create(
            [
                {
                    "name": "TA centre R",
                    "station_type": "township_centre",
                    "area_id": cls.ta.id,
                },
                {
                    "name": "VB station R",
                    "station_type": "village_station",
                    "area_id": cls.vb.id,
                },
            ]
        )
        cls.wh_ta, cls.wh_vb = cls.env["stock.warehouse"].create(
            [
                {"name": "WH TA R", "code": "RRTA", "ruralsw_station_id": cls.st_ta.id},
                {"name": "WH VB R", "code": "RRVB", "ruralsw_station_id": cls.st_vb.id},
            ]
        )
        Quant = cls.env["stock.quant"]
        for warehouse, product, qty in (
            (cls.wh_ta, cls.rice, 10),
            (cls.wh_vb, cls.rice, 8),
            (cls.wh_vb, cls.oil, 6),
        ):
            Quant._update_available_quantity(product, warehouse.lot_stock_id, qty)
        cls.request = cls.env["ruralsw.aid.request"].create(
            {
                "case_id": cls.cases["a1"].id,
                "line_ids": [
                    Command.create(
                        {
                            "product_id": cls.rice.id,
                            "quantity": qty,
                            "beneficiary_id": cls.people[person].id,
                        }
                    )
                    for person, qty in (("pa1", 3), ("pa3", 2), ("pa2", 1), ("pb1", 4))
                ],
            }
        )
        l1, l2, l3, l4 = cls.request.line_ids
        cls.company.ruralsw_aid_approval_quantity = 0
        cls.request.action_submit()
        cls.approved = cls.m0 + timedelta(days=10)
        cls.request.date_approved = cls.approved
        # the dispatcher's plan, confirmed into reserved deliveries
        pickings = cls._allocate(
            [(l1, cls.wh_ta, 3), (l3, cls.wh_vb, 1), (l4, cls.wh_vb, 4)]
        )
        for line, hours in ((l1, 24), (l3, 50), (l4, 70)):
            picking = pickings.filtered(
                lambda p, line=line: p.move_ids.ruralsw_request_line_id == line
            )
            with freeze_time(cls.approved + timedelta(hours=hours)):
                cls.env["ruralsw.aid.delivery"].create(
                    {
                        "picking_id": picking.id,
                        "recipient_name": "Recipient R",
                        "photo": PHOTO,
                    }
                ).action_validate()
        cls.short_picking = cls._allocate([(l2, cls.wh_ta, 1)])
        cls.lines = l1, l2, l3, l4

    @classmethod
    def _allocate(cls, rows):
        """Confirm an allocation plan of (request line, warehouse, quantity)
        rows; return the reserved deliveries."""
        preview = cls.env["ruralsw.aid.allocation"].create(
            {
                "request_ids": [Command.set(cls.request.ids)],
                "line_ids": [
                    Command.create(
                        {
                            "request_line_id": line.id,
                            "warehouse_id": warehouse.id,
                            "quantity": qty,
                        }
                    )
                    for line, warehouse, qty in rows
                ],
            }
        )
        action = preview.action_confirm()
        return cls.env["stock.picking"].search(action["domain"])

    def test_response_village_county_and_channels(self):
        va = self._row("ruralsw.report.response", self.va, self.month)
        self.assertRecordValues(
            va,
            [
                {
                    "area_level": "village",
                    "people_count": 6,
                    "case_count": 6,
                    "responded_count": 5,
                    "within_deadline_count": 3,
                    "overdue_count": 1,
                    "response_hours_sum": 300.0,
                }
            ],
        )
        # hours [10, 20, 30, 40, 200]: median 30, p90 40 + 0.6 * 160
        self.assertAlmostEqual(va.response_hours_median, 30.0, places=3)
        self.assertAlmostEqual(va.response_hours_p90, 136.0, places=3)
        self.assertAlmostEqual(va.within_deadline_rate, 60.0, places=3)
        self.assertAlmostEqual(va.response_hours_avg, 60.0, places=3)
        ta = self._row("ruralsw.report.response", self.ta, self.month)
        self.assertEqual((ta.area_level, ta.case_count), ("township", 6))
        county = self._row("ruralsw.report.response", self.county, self.month)
        # hours [5, 10, 20, 30, 40, 200]
        self.assertEqual(
            (
                county.case_count,
                county.responded_count,
                county.within_deadline_count,
                county.overdue_count,
                county.people_count,
            ),
            (8, 6, 4, 2, 8),
        )
        self.assertAlmostEqual(county.response_hours_median, 25.0, places=3)
        self.assertAlmostEqual(county.response_hours_p90, 120.0, places=3)
        self.assertAlmostEqual(county.within_deadline_rate, 400 / 6, places=3)
        online = self._row("ruralsw.report.response", self.va, self.month, "online")
        self.assertEqual(online.case_count, 2)
        self.assertAlmostEqual(online.response_hours_median, 25.0, places=3)
        proxy = self._row("ruralsw.report.response", self.va, self.month, "proxy")
        self.assertEqual((proxy.case_count, proxy.within_deadline_count), (1, 0))
        offline = self._row("ruralsw.report.response", self.va, self.month, "offline")
        self.assertEqual(offline.case_count, 3)
        later = self._row("ruralsw.report.response", self.va, self.month_next)
        self.assertEqual((later.case_count, later.response_hours_median), (1, 5.0))

    def test_case_flow(self):
        flow = self._row("ruralsw.report.case.flow", self.va, self.month)
        self.assertRecordValues(
            flow,
            [
                {
                    "opened_count": 6,
                    "closed_count": 1,
                    "closed_le_1_count": 1,
                    "closed_m1_3_count": 0,
                    "open_count": 5,
                    "overdue_count": 1,
                    "worker_count": 1,
                    "supervisor_count": 1,
                    "people_count": 6,
                }
            ],
        )
        self.assertAlmostEqual(flow.closure_rate, 100 / 6, places=3)
        self.assertAlmostEqual(flow.caseload_per_worker, 5.0, places=3)
        self.assertAlmostEqual(flow.workers_per_supervisor, 1.0, places=3)
        later = self._row("ruralsw.report.case.flow", self.va, self.month_next)
        self.assertRecordValues(
            later,
            [
                {
                    "opened_count": 1,
                    "closed_count": 1,
                    "closed_m1_3_count": 1,
                    "closed_le_1_count": 0,
                    "open_count": 5,
                    "overdue_count": 1,
                }
            ],
        )
        now = self._row("ruralsw.report.case.flow", self.va, self.month_now)
        self.assertEqual((now.opened_count, now.open_count), (0, 5))
        county = self._row("ruralsw.report.case.flow", self.county, self.month)
        # b1 and b2 open in VB, with worker B: 7 open cases, 2 workers
        self.assertEqual(
            (county.opened_count, county.open_count, county.worker_count), (8, 7, 2)
        )
        self.assertAlmostEqual(county.workers_per_supervisor, 2.0, places=3)
        self.assertAlmostEqual(county.caseload_per_worker, 3.5, places=3)

    def test_satisfaction(self):
        row = self._row(
            "ruralsw.report.satisfaction", self.va, self.month_next, need_category="all"
        )
        self.assertRecordValues(
            row,
            [
                {
                    "evaluation_count": 5,
                    "people_count": 5,
                    "satisfaction_sum": 18,
                    "satisfied_count": 3,
                    "sat_1_count": 0,
                    "sat_2_count": 1,
                    "sat_3_count": 1,
                    "sat_4_count": 2,
                    "sat_5_count": 1,
                }
            ],
        )
        self.assertAlmostEqual(row.satisfaction_avg, 3.6, places=3)
        self.assertAlmostEqual(row.satisfied_rate, 60.0, places=3)
        self.assertAlmostEqual(row.income_before_avg, 800.0, places=2)
        self.assertAlmostEqual(row.income_change_avg, 200.0, places=2)
        livelihood = self._row(
            "ruralsw.report.satisfaction",
            self.va,
            self.month_next,
            need_category="livelihood",
        )
        self.assertEqual(
            (livelihood.evaluation_count, livelihood.satisfaction_avg), (1, 5.0)
        )
        self.assertFalse(
            self._row(
                "ruralsw.report.satisfaction", self.va, self.month, need_category="all"
            ),
            "no evaluation in month M",
        )

    def test_coverage(self):
        va = self._row("ruralsw.report.coverage", self.va, self.month_now)
        self.assertRecordValues(
            va,
            [
                {
                    "people_count": 7,
                    "vulnerable_count": 3,
                    "elderly_count": 3,
                    "reached_count": 7,
                    "vulnerable_reached_count": 3,
                    "elderly_reached_count": 3,
                    "village_count": 1,
                    "unreached_village_count": 0,
                }
            ],
        )
        self.assertAlmostEqual(va.coverage_rate, 100.0, places=3)
        online = self._row("ruralsw.report.coverage", self.va, self.month_now, "online")
        self.assertEqual(
            (
                online.reached_count,
                online.vulnerable_reached_count,
                online.elderly_reached_count,
                online.people_count,
            ),
            (2, 2, 1, 7),
        )
        tb = self._row("ruralsw.report.coverage", self.tb, self.month_now)
        self.assertEqual(
            (
                tb.people_count,
                tb.reached_count,
                tb.village_count,
                tb.unreached_village_count,
            ),
            (7, 2, 2, 1),
        )
        vc = self._row("ruralsw.report.coverage", self.vc, self.month_now)
        self.assertEqual((vc.reached_count, vc.unreached_village_count), (0, 1))
        county = self._row("ruralsw.report.coverage", self.county, self.month_now)
        self.assertEqual(
            (county.people_count, county.reached_count, county.unreached_village_count),
            (14, 9, 1),
        )

    def test_aid(self):
        l1, l2, l3, l4 = self.lines
        self.assertEqual(
            [line.state for line in self.lines], ["done", "partial", "done", "done"]
        )
        self.assertEqual(l1.date_delivered, self.approved + timedelta(hours=24))
        self.assertEqual(l4.date_delivered, self.approved + timedelta(hours=70))
        self.assertEqual(self.short_picking.state, "assigned")
        # VA: l1, l2, l3 of pa1, pa3, pa2; requested 3 + 2 + 1 = 6, allocated
        # 3 + 1 + 1 = 5, delivered 3 + 1 = 4 (fill rate 4 / 6), short only l2
        # (2 - 1 allocated); lead hours [24, 50]: median 37, p90 24 + 0.9 * 26
        va = {
            "area_level": "village",
            "request_count": 1,
            "line_count": 3,
            "delivered_line_count": 2,
            "people_count": 3,
            "quantity_requested": 6.0,
            "quantity_allocated": 5.0,
            "quantity_delivered": 4.0,
            "shortfall_quantity": 1.0,
        }
        for area, level in ((self.va, "village"), (self.ta, "township")):
            row = self._row("ruralsw.report.aid", area, self.month)
            self.assertRecordValues(row, [{**va, "area_level": level}])
            self.assertAlmostEqual(row.fill_rate, 400 / 6, places=3)
            self.assertAlmostEqual(row.lead_time_median, 37.0, places=3)
            self.assertAlmostEqual(row.lead_time_p90, 47.4, places=3)
        # VB: l4 alone, delivered in full after 70 h
        vb = self._row("ruralsw.report.aid", self.vb, self.month)
        self.assertRecordValues(
            vb,
            [
                {
                    "line_count": 1,
                    "delivered_line_count": 1,
                    "people_count": 1,
                    "quantity_requested": 4.0,
                    "quantity_delivered": 4.0,
                    "shortfall_quantity": 0.0,
                    "fill_rate": 100.0,
                    "lead_time_median": 70.0,
                    "lead_time_p90": 70.0,
                }
            ],
        )
        # county: all four lines; requested 10, allocated 9, delivered 8
        # (fill rate 80 %), short 1; lead hours [24, 50, 70]: median 50, p90
        # at rank 0.9 * (3 - 1) = 1.8: 50 + 0.8 * (70 - 50) = 66
        county = self._row("ruralsw.report.aid", self.county, self.month)
        self.assertRecordValues(
            county,
            [
                {
                    "area_level": "county",
                    "request_count": 1,
                    "line_count": 4,
                    "delivered_line_count": 3,
                    "people_count": 4,
                    "quantity_requested": 10.0,
                    "quantity_allocated": 9.0,
                    "quantity_delivered": 8.0,
                    "shortfall_quantity": 1.0,
                }
            ],
        )
        self.assertAlmostEqual(county.fill_rate, 80.0, places=3)
        self.assertAlmostEqual(county.lead_time_median, 50.0, places=3)
        self.assertAlmostEqual(county.lead_time_p90, 66.0, places=3)

    def test_stock(self):
        # after the deliveries: WH TA 10 - 3 = 7 rice, 1 of them reserved for
        # l2 (its open delivery: requested 1); WH VB 8 - 1 - 4 = 3 rice and
        # 6 oil, nothing reserved. WH TA's township centre has no village row.
        Stock = self.env["ruralsw.report.stock"]
        rows = Stock.search(
            [("station_id", "in", (self.st_ta | self.st_vb).ids)],
        )
        got = {
            (row.station_id, row.area_id, row.area_level, row.product_id): (
                row.quantity_on_hand,
                row.quantity_reserved,
                row.quantity_available,
                row.quantity_requested,
            )
            for row in rows
        }
        ta_rice = (7.0, 1.0, 6.0, 1.0)
        vb_rice = (3.0, 0.0, 3.0, 0.0)
        vb_oil = (6.0, 0.0, 6.0, 0.0)
        self.assertEqual(
            got,
            {
                (self.st_ta, self.ta, "township", self.rice): ta_rice,
                (self.st_ta, self.county, "county", self.rice): ta_rice,
                (self.st_vb, self.vb, "village", self.rice): vb_rice,
                (self.st_vb, self.tb, "township", self.rice): vb_rice,
                (self.st_vb, self.county, "county", self.rice): vb_rice,
                (self.st_vb, self.vb, "village", self.oil): vb_oil,
                (self.st_vb, self.tb, "township", self.oil): vb_oil,
                (self.st_vb, self.county, "county", self.oil): vb_oil,
            },
        )
        self.assertEqual(set(rows.mapped("month")), {self.month_now})
        self.assertEqual(set(rows.mapped("channel")), {"all"})
        self.assertEqual(
            rows.filtered(lambda r: r.product_id == self.oil).product_categ_id,
            self.categ_oil,
        )
        self.assertEqual(rows.warehouse_id, self.wh_ta | self.wh_vb)
        # the county's stock per material: rice 7 + 3, 1 reserved and requested
        groups = Stock._read_group(
            [("area_id", "=", self.county.id), ("id", "in", rows.ids)],
            ["product_id"],
            [
                "quantity_on_hand:sum",
                "quantity_reserved:sum",
                "quantity_available:sum",
                "quantity_requested:sum",
            ],
        )
        self.assertEqual(
            set(groups),
            {(self.rice, 10.0, 1.0, 9.0, 1.0), (self.oil, 6.0, 0.0, 6.0, 0.0)},
        )
        # goods, not people: no small cell, observers read every row
        self.assertFalse(any(rows.mapped("is_suppressed")))
        self.assertEqual(
            Stock.with_user(self.observer).search_count([("id", "in", rows.ids)]),
            len(rows),
        )

    def test_volunteers(self):
        vol1, vol2 = self.env["res.partner"].create(
            [
                {
                    "name": name,
                    "ruralsw_is_volunteer": True,
                    "ruralsw_volunteer_state": "active",
                    "ruralsw_home_area_id": self.va.id,
                }
                for name in ("Volunteer V1", "Volunteer V2")
            ]
        )
        ev1, ev2 = self.env["calendar.event"].create(
            [
                {
                    "name": name,
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    "ruralsw_area_id": self.va.id,
                }
                for name, start in (
                    ("Rice distribution V", self.m0 + timedelta(days=3)),
                    ("Oil distribution V", self.m0 + timedelta(days=5)),
                )
            ]
        )
        Assignment = self.env["ruralsw.volunteer.assignment"]
        done = Assignment.create(
            [
                {"volunteer_id": vol1.id, "event_id": ev1.id},
                {"volunteer_id": vol2.id, "event_id": ev1.id},
            ]
        )
        done[0].write({"state": "done", "hours_logged": 2.0})
        done[1].write({"state": "done", "hours_logged": 3.5})
        Assignment.create({"volunteer_id": vol1.id, "event_id": ev2.id})
        Assignment.create(
            {"volunteer_id": vol2.id, "event_id": ev2.id}
        ).state = "cancel"
        self._rebuild()
        # by hand: 3 live assignments (the cancelled one does not count) of
        # 2 volunteers, 2 done, 2 + 3.5 hours logged, 3 x 2 hours planned
        expected = {
            "people_count": 2,
            "assignment_count": 3,
            "done_count": 2,
            "visit_count": 0,
            "event_count": 3,
            "hours_planned": 6.0,
            "hours_logged": 5.5,
        }
        for area in (self.ta, self.county):
            self.assertRecordValues(
                self._row("ruralsw.report.volunteer", area, self.month), [expected]
            )
        self.assertFalse(self._row("ruralsw.report.volunteer", self.tb, self.month))

    def test_funds(self):
        rows = self.env["ruralsw.report.fund"].search(
            [("month", "=", self.fund_month), ("company_id", "=", self.company.id)]
        )
        by_fund = {row.fund_id: row for row in rows}
        self.assertEqual(set(by_fund), {self.gov, self.social, self.profit})
        gov = by_fund[self.gov]
        self.assertEqual(
            (gov.inflow_amount, gov.spending_amount, gov.target_share),
            (300.0, 50.0, 30.0),
        )
        self.assertAlmostEqual(gov.inflow_share, 100 / 3, places=3)
        self.assertEqual(by_fund[self.social].inflow_amount, 500.0)
        self.assertAlmostEqual(by_fund[self.profit].inflow_share, 100 / 9, places=3)
        self.assertEqual(gov.month_inflow_total, 900.0)

    def test_rebuild_replaces_rows_and_staleness(self):
        Response = self.env["ruralsw.report.response"]
        count = Response.search_count([("area_id", "=", self.va.id)])
        written = Response._ruralsw_rebuild()
        self.assertGreater(written, 0)
        self.assertEqual(Response.search_count([("area_id", "=", self.va.id)]), count)
        params = self.env["ir.config_parameter"]
        key = "ruralsw_reporting.rebuilt.ruralsw.report.response"
        params.set_param(key, "2000-01-01 00:00:00")
        self.assertTrue(Response._ruralsw_is_stale())
        params.set_param(key, "2999-01-01 00:00:00")
        self.assertFalse(Response._ruralsw_is_stale())

    def test_cron_rebuilds_one_stale_table_per_run(self):
        params = self.env["ir.config_parameter"]
        Mixin = self.env["ruralsw.report.response"]
        names = Mixin._ruralsw_report_models()
        for name in names:
            params.set_param(f"ruralsw_reporting.rebuilt.{name}", "2999-01-01 00:00:00")
        params.set_param("ruralsw_reporting.rebuilt.ruralsw.report.coverage", False)
        params.set_param("ruralsw_reporting.rebuilt.ruralsw.report.aid", False)
        Mixin._cron_rebuild_stale()
        self.assertTrue(
            params.get_param("ruralsw_reporting.rebuilt.ruralsw.report.coverage")
        )
        self.assertFalse(
            params.get_param("ruralsw_reporting.rebuilt.ruralsw.report.aid")
        )
        Mixin._cron_rebuild_stale()
        self.assertTrue(
            params.get_param("ruralsw_reporting.rebuilt.ruralsw.report.aid")
        )
