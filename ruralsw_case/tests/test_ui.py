# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

# names the tours type and look for (static/tests/tours/ruralsw_case_tour.js)
BENEFICIARY_NAME = "罗秀英"
PROXY_NAME = "杨建国"
VILLAGE_NAME = "松鹤村"


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    """A social worker takes a case from the intake desk to closure in the
    browser; the supervisor approves the plan in between, as only a
    supervisor may."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the tour reads the English source labels; a database created with
        # only zh_CN loaded (as make test does) has English inactive
        cls.env["res.lang"]._activate_lang("en_US")
        # an area chain of its own (codes outside the Guizhou demo data), so
        # that the tour works with and without demo data
        Area = cls.env["ruralsw.area"]
        province = Area.create(
            {"name": "云南省", "code": "530000000000", "level": "province"}
        )
        prefecture = Area.create(
            {
                "name": "大理白族自治州",
                "code": "532900000000",
                "level": "city",
                "parent_id": province.id,
            }
        )
        county = Area.create(
            {
                "name": "洱源县",
                "code": "532930000000",
                "level": "county",
                "parent_id": prefecture.id,
            }
        )
        cls.township = Area.create(
            {
                "name": "茈碧湖镇",
                "code": "532930100000",
                "level": "township",
                "parent_id": county.id,
            }
        )
        cls.village = Area.create(
            {
                "name": VILLAGE_NAME,
                "code": "532930100201",
                "level": "village",
                "parent_id": cls.township.id,
            }
        )
        cls.supervisor = new_test_user(
            cls.env,
            login="ruralsw_tour_supervisor",
            name="段丽华",
            groups="ruralsw_case.group_ruralsw_supervisor",
            ruralsw_area_ids=[Command.set(county.ids)],
        )
        cls.worker = new_test_user(
            cls.env,
            login="ruralsw_tour_worker",
            name="赵雪梅",
            groups="ruralsw_case.group_ruralsw_social_worker",
            ruralsw_area_ids=[Command.set(cls.township.ids)],
            ruralsw_supervisor_id=cls.supervisor.id,
            lang="en_US",
        )
        # the son, registered with his household, applies and consents for
        # his mother, who cannot act in writing herself
        household = cls.env["res.partner"].create(
            {"name": "杨家", "is_household": True, "village_id": cls.village.id}
        )
        cls.proxy = cls.env["res.partner"].create(
            {
                "name": PROXY_NAME,
                "is_beneficiary": True,
                "village_id": cls.village.id,
                "household_id": household.id,
                "household_role": "head",
            }
        )

    def test_case_from_intake_to_closure(self):
        self.start_tour("/odoo", "ruralsw_case_tour", login=self.worker.login)
        self.env.invalidate_all()
        case = self.env["ruralsw.case"].search(
            [("beneficiary_id.name", "=", BENEFICIARY_NAME)]
        )
        self.assertEqual(len(case), 1, "Open Case created exactly one case")
        self.assertEqual(case.phase, "plan")
        self.assertEqual(case.user_id, self.worker)
        self.assertEqual(case.supervisor_id, self.supervisor)
        plan = case.plan_ids
        self.assertEqual(plan.state, "submitted")

        plan.with_user(self.supervisor).action_approve()

        self.start_tour("/odoo", "ruralsw_case_closure_tour", login=self.worker.login)
        self.env.invalidate_all()
        self.assertEqual(case.phase, "closed")
        self.assertEqual(case.closure_reason, "goals_achieved")
        self.assertTrue(case.closed_date)
        self.assertEqual(case.approved_plan_id, plan)
        self.assertEqual(plan.approved_by_id, self.supervisor)
        self.assertEqual(plan.goal_ids.mapped("name"), ["她能安全地独自在家生活"])
        self.assertEqual(plan.line_ids.intervention_type, "home_visit")
        self.assertEqual(case.assessment_id.suggested_level, "high")
        self.assertEqual(case.risk_level, "high")
        intervention = case.intervention_ids
        self.assertEqual(intervention.state, "done")
        self.assertEqual(intervention.task_id.state, "1_done")
        evaluation = case.evaluation_id
        self.assertEqual(evaluation.satisfaction, "4")
        self.assertEqual(evaluation.income_before, 600)
        self.assertEqual(evaluation.income_after, 900)
        self.assertEqual(evaluation.income_change, 300)

        lead = case.lead_id
        self.assertEqual(lead.ruralsw_channel, "phone")
        self.assertEqual(lead.ruralsw_village_id, self.village)
        self.assertTrue(lead.stage_id.is_won, "Open Case marks the lead won")
        beneficiary = case.beneficiary_id
        self.assertTrue(beneficiary.is_beneficiary)
        self.assertTrue(beneficiary.needs_proxy)
        self.assertEqual(beneficiary.village_id, self.village)
        self.assertEqual(case.area_id, self.village)
        consent = beneficiary.ruralsw_consent_ids
        self.assertEqual(len(consent), 1)
        self.assertEqual(consent.purpose, "case_management")
        self.assertEqual(consent.given_by, "proxy")
        self.assertEqual(consent.proxy_partner_id, self.proxy)
        self.assertEqual(consent.proxy_relation, "relative")
        self.assertEqual(consent.recorded_by_id, self.worker)
        self.assertEqual(consent.state, "valid")
