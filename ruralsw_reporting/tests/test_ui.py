# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import shutil

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the tour finds the dashboard by its English name
        cls.env["res.lang"]._activate_lang("en_US")
        Area = cls.env["ruralsw.area"]
        province = Area.create(
            {"name": "UP", "code": "530000000000", "level": "province"}
        )
        city = Area.create(
            {
                "name": "UC",
                "code": "532700000000",
                "level": "city",
                "parent_id": province.id,
            }
        )
        cls.county = Area.create(
            {
                "name": "UI County",
                "code": "532701000000",
                "level": "county",
                "parent_id": city.id,
            }
        )
        township = Area.create(
            {
                "name": "UI Township",
                "code": "532701100000",
                "level": "township",
                "parent_id": cls.county.id,
            }
        )
        village = Area.create(
            {
                "name": "UI Village",
                "code": "532701100001",
                "level": "village",
                "parent_id": township.id,
            }
        )
        cls.supervisor = new_test_user(
            cls.env,
            login="rrp_tour_supervisor",
            password="rrp_tour_supervisor",
            lang="en_US",
            groups="ruralsw_case.group_ruralsw_supervisor",
            ruralsw_area_ids=[Command.set(cls.county.ids)],
        )
        person = cls.env["res.partner"].create(
            {"name": "UI Person", "is_beneficiary": True, "village_id": village.id}
        )
        cls.case = cls.env["ruralsw.case"].create(
            {"beneficiary_id": person.id, "user_id": cls.supervisor.id}
        )
        cls.env["ruralsw.report.response"]._ruralsw_rebuild_all()

    def test_dashboard_tour(self):
        self.start_tour(
            "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
            "ruralsw_reporting_dashboard_tour",
            login="rrp_tour_supervisor",
        )

    def test_pdf_reports(self):
        # wkhtmltopdf fetches the report assets from the running test server
        if not shutil.which("wkhtmltopdf"):
            self.skipTest("wkhtmltopdf is not installed: the HTML is tested")
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, kind = Report._render_qweb_pdf(
            "ruralsw_reporting.report_case_summary", self.case.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.county.name = "青山县"
        wizard = self.env["ruralsw.report.monthly"].create({"area_id": self.county.id})
        pdf, kind = Report._render_qweb_pdf(
            "ruralsw_reporting.report_monthly_area", wizard.ids
        )
        self.assertTrue(pdf.startswith(b"%PDF"))
        # the county's Chinese name is set in Noto Sans CJK, embedded
        self.assertIn(b"NotoSansCJKsc", pdf)
