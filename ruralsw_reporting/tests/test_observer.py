# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Observers see figures, never people: no personal field, no row counting
fewer than 5 people, no count of 1 to 4 people, in reads, groups (pivots,
graphs, dashboards) and exports."""

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RuralswReportingCommon

REPORT_MODELS = (
    "ruralsw.report.response",
    "ruralsw.report.case.flow",
    "ruralsw.report.satisfaction",
    "ruralsw.report.coverage",
    "ruralsw.report.aid",
    "ruralsw.report.volunteer",
    "ruralsw.report.fund",
    "ruralsw.report.stock",
)
PERSONAL_MODELS = ("res.partner", "ruralsw.case", "ruralsw.evaluation", "res.users")


@tagged("post_install", "-at_install")
class TestObserver(RuralswReportingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rebuild()

    def test_reporting_models_carry_no_personal_field(self):
        for model in REPORT_MODELS:
            for name, field in self.env[model]._fields.items():
                if name in ("create_uid", "write_uid"):
                    continue
                self.assertNotIn(
                    field.comodel_name,
                    PERSONAL_MODELS,
                    f"{model}.{name} points to a person",
                )
                if name != "display_name":
                    self.assertNotIn(
                        field.type,
                        ("char", "text", "html", "binary"),
                        f"{model}.{name} may hold free text",
                    )

    def test_observer_reads_no_person(self):
        with self.assertRaises(AccessError):
            self.env["ruralsw.case"].with_user(self.observer).search([])
        with self.assertRaises(AccessError):
            self.env["ruralsw.evaluation"].with_user(self.observer).search([])
        people = (
            self.env["res.partner"]
            .with_user(self.observer)
            .search([("id", "in", [p.id for p in self.people.values()])])
        )
        self.assertFalse(people)

    def test_observer_rows_below_five_people_are_hidden(self):
        Response = self.env["ruralsw.report.response"]
        online = self._row("ruralsw.report.response", self.va, self.month, "online")
        self.assertEqual(online.people_count, 2)
        self.assertTrue(online.is_suppressed)
        self.assertFalse(
            self._row(
                "ruralsw.report.response",
                self.va,
                self.month,
                "online",
                user=self.observer,
            )
        )
        # VB and TB count 2 people: hidden. The county's 8 minus TA's 6
        # would tell TB's 2, so TA is hidden too, and then VA (TA's only
        # village, the same 6); the county stays
        ours = [
            ("month", "=", self.month),
            ("channel", "=", "all"),
            ("company_id", "=", self.company.id),
            ("area_id", "child_of", self.county.id),
        ]
        visible = Response.with_user(self.observer).search(ours)
        self.assertEqual(visible.area_id, self.county)
        hidden = Response.search([*ours, ("is_suppressed", "=", True)])
        self.assertEqual(hidden.area_id, self.va | self.vb | self.ta | self.tb)
        self.assertEqual(
            sorted(hidden.mapped("people_count")), [2, 2, 6, 6], "small or complement"
        )
        # in VA, online (2), offline (3) and proxy (1) are all hidden:
        # their sum is VA's, no one of them can be told
        channels = Response.search(
            [
                ("month", "=", self.month),
                ("area_id", "=", self.va.id),
                ("channel", "!=", "all"),
            ]
        )
        self.assertEqual(len(channels), 3)
        self.assertTrue(all(channels.mapped("is_suppressed")))
        # a manager sees every row
        manager_rows = Response.with_user(self.manager).search(
            [
                ("month", "=", self.month),
                ("channel", "=", "all"),
                ("area_id", "=", self.vb.id),
            ]
        )
        self.assertEqual(manager_rows.case_count, 2)

    def test_observer_small_counts_blank_in_read(self):
        row = self._row(
            "ruralsw.report.response", self.county, self.month, user=self.observer
        )
        values = row.read(
            [
                "case_count",
                "responded_count",
                "within_deadline_count",
                "overdue_count",
                "response_hours_median",
            ]
        )[0]
        # 8 cases and 6 contacted are shown, 4 in time and 2 overdue are not
        self.assertEqual((values["case_count"], values["responded_count"]), (8, 6))
        self.assertIsNone(values["within_deadline_count"])
        self.assertIsNone(values["overdue_count"])
        self.assertAlmostEqual(values["response_hours_median"], 25.0, places=3)
        manager_values = row.with_user(self.manager).read(["overdue_count"])[0]
        self.assertEqual(manager_values["overdue_count"], 2)

    def test_observer_search_read_like_lists_and_dashboards(self):
        rows = (
            self.env["ruralsw.report.satisfaction"]
            .with_user(self.observer)
            .search_read(
                [
                    ("area_id", "=", self.va.id),
                    ("month", "=", self.month_next),
                    ("channel", "=", "all"),
                    ("need_category", "=", "all"),
                ],
                ["evaluation_count", "sat_4_count", "sat_5_count", "satisfaction_avg"],
            )
        )
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["evaluation_count"], 5)
        self.assertIsNone(rows[0]["sat_4_count"])
        self.assertIsNone(rows[0]["sat_5_count"])
        self.assertAlmostEqual(rows[0]["satisfaction_avg"], 3.6, places=3)

    def test_observer_read_group_like_pivots(self):
        Satisfaction = self.env["ruralsw.report.satisfaction"]
        domain = [
            ("month", "=", self.month_next),
            ("channel", "=", "all"),
            ("need_category", "=", "all"),
            ("area_level", "=", "village"),
            ("company_id", "=", self.company.id),
            ("area_id", "child_of", self.county.id),
        ]
        groups = Satisfaction.with_user(self.observer).read_group(
            domain,
            ["evaluation_count:sum", "sat_4_count:sum", "sat_3_count:sum"],
            ["area_id"],
        )
        self.assertEqual([g["area_id"][0] for g in groups], [self.va.id])
        self.assertEqual(groups[0]["evaluation_count"], 5)
        self.assertIsNone(groups[0]["sat_4_count"])
        self.assertIsNone(groups[0]["sat_3_count"])
        manager = Satisfaction.with_user(self.manager).read_group(
            domain, ["sat_4_count:sum"], ["area_id"]
        )
        self.assertEqual(
            [(g["area_id"][0], g["sat_4_count"]) for g in manager], [(self.va.id, 2)]
        )

    def test_observer_counts_that_would_tell_a_small_one_are_blanked(self):
        # a year before the fixture: TB 7 overdue = VB 2 + VC 5; VB's 2 is
        # blanked, so VC's 5 is too, or 7 - 5 would tell it
        Response = self.env["ruralsw.report.response"]
        month = self.month - relativedelta(months=12)
        rows = Response.create(
            [
                {
                    "company_id": self.company.id,
                    "month": month,
                    "area_id": area.id,
                    "area_level": level,
                    "channel": "all",
                    "people_count": people,
                    "case_count": people,
                    "overdue_count": overdue,
                }
                for area, level, people, overdue in (
                    (self.tb, "township", 20, 7),
                    (self.vb, "village", 10, 2),
                    (self.vc, "village", 10, 5),
                )
            ]
        )
        Response._ruralsw_suppress_complements()
        rows.invalidate_recordset()
        self.assertFalse(any(rows.mapped("is_suppressed")), "10 people or more")
        overdue = {
            row["area_id"][0]: row["overdue_count"]
            for row in rows.with_user(self.observer).read(["area_id", "overdue_count"])
        }
        self.assertEqual(overdue, {self.tb.id: 7, self.vb.id: None, self.vc.id: None})
        # a pivot of the villages does not add the blanked counts up
        groups = Response.with_user(self.observer).read_group(
            [("id", "in", rows.ids), ("area_level", "=", "village")],
            ["overdue_count:sum", "case_count:sum"],
            [],
        )
        self.assertIsNone(groups[0]["overdue_count"])
        self.assertEqual(groups[0]["case_count"], 20)
        exported = (
            rows.with_user(self.observer)
            .sorted("id")
            .export_data(["area_id", "overdue_count"])["datas"]
        )
        self.assertEqual([line[1] for line in exported], [7, "", ""])
        manager = rows.with_user(self.manager).read(["overdue_count"])
        self.assertEqual(sorted(r["overdue_count"] for r in manager), [2, 5, 7])

    def test_observer_export(self):
        row = self._row(
            "ruralsw.report.response", self.county, self.month, user=self.observer
        )
        data = row.export_data(["area_id", "case_count", "overdue_count"])["datas"]
        self.assertEqual(data[0][1], 8)
        self.assertEqual(data[0][2], "")
        manager = row.with_user(self.manager).export_data(["overdue_count"])["datas"]
        self.assertEqual(manager[0][0], 2)

    def test_observer_cannot_change_or_refresh(self):
        row = self._row(
            "ruralsw.report.response", self.county, self.month, user=self.observer
        )
        with self.assertRaises(AccessError):
            row.write({"case_count": 1})
        with self.assertRaises(AccessError):
            self.env["ruralsw.report.response"].with_user(
                self.observer
            ).action_refresh_figures()
        action = (
            self.env["ruralsw.report.response"]
            .with_user(self.manager)
            .action_refresh_figures()
        )
        self.assertEqual(action["tag"], "display_notification")
        self.assertFalse(
            self.env["ir.config_parameter"].get_param(
                "ruralsw_reporting.rebuilt.ruralsw.report.response"
            ),
            "every table is marked stale for the cron",
        )
