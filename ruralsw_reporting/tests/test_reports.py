# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RuralswReportingCommon


@tagged("post_install", "-at_install")
class TestReports(RuralswReportingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rebuild()
        cls.Report = cls.env["ir.actions.report"]

    def _wizard(self, user, area=None, month=None):
        return (
            self.env["ruralsw.report.monthly"]
            .with_user(user)
            .create({"area_id": (area or self.county).id, "month": month or self.month})
        )

    def test_monthly_area_report_per_township(self):
        wizard = self._wizard(self.supervisor)
        rows = wizard._ruralsw_report_data()["response"]["rows"]
        self.assertEqual(
            [r["area_name"] for r in rows], ["County C", "Township TA", "Township TB"]
        )
        self.assertEqual([r["case_count"] for r in rows], [8, 6, 2])
        html = (
            self.Report.with_user(self.supervisor)
            ._render_qweb_html("ruralsw_reporting.report_monthly_area", wizard.ids)[0]
            .decode()
        )
        self.assertIn("Monthly report:", html)
        self.assertIn("Township TB", html)
        self.assertIn("Noto Sans CJK SC", html)
        # column labels are the fields' (translatable) strings
        self.assertIn("Median Response (hours)", html)
        self.assertNotIn("Person pa", html)

    def test_monthly_area_report_for_an_observer(self):
        wizard = self._wizard(self.observer)
        rows = wizard._ruralsw_report_data()["response"]["rows"]
        # TB counts 2 people: not in the observer's report, nor TA, whose 6
        # taken from the county's 8 would tell TB's 2
        self.assertEqual([r["area_name"] for r in rows], ["County C"])
        self.assertIsNone(rows[0]["overdue_count"])
        html = (
            self.Report.with_user(self.observer)
            ._render_qweb_html("ruralsw_reporting.report_monthly_area", wizard.ids)[0]
            .decode()
        )
        self.assertIn("–", html)
        # TB's coverage counts 7 people: shown; its response (2 people) is not
        self.assertEqual(html.count("Township TB"), 1)

    def test_monthly_report_refuses_a_future_month(self):
        with self.assertRaisesRegex(UserError, "Month: .* is in the future"):
            self._wizard(
                self.supervisor, month=self.month_now.replace(year=self.today.year + 1)
            )

    def test_case_summary(self):
        case = self.cases["a1"]
        html = (
            self.Report.with_user(self.worker_a)
            ._render_qweb_html("ruralsw_reporting.report_case_summary", case.ids)[0]
            .decode()
        )
        self.assertIn(case.name, html)
        self.assertIn("Person pa1", html)
        self.assertIn("Sell online", html)
        self.assertIn("Goals Achieved", html)

    def test_donor_impact_report_is_the_resource_one(self):
        menu = self.env.ref("ruralsw_reporting.ruralsw_donor_impact_menu")
        self.assertEqual(
            menu.action, self.env.ref("ruralsw_resource.ruralsw_donation_action")
        )
        report = self.env.ref("ruralsw_resource.action_report_donation_impact")
        self.assertEqual(report.model, "ruralsw.donation")
