# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def test_dashboard_tour(self):
        # the tour finds the dashboard by its English name
        self.env["res.lang"]._activate_lang("en_US")
        area = self.env["ruralsw.area"].search([("level", "=", "county")], limit=1)
        new_test_user(
            self.env,
            login="rrp_tour_supervisor",
            password="rrp_tour_supervisor",
            lang="en_US",
            groups="ruralsw_case.group_ruralsw_supervisor",
            ruralsw_area_ids=[Command.set(area.ids)],
        )
        self.env["ruralsw.report.response"]._ruralsw_rebuild_all()
        self.start_tour(
            "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
            "ruralsw_reporting_dashboard_tour",
            login="rrp_tour_supervisor",
        )
