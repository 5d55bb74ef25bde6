# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields

from .common import RuralswCaseCommon


class TestFieldVisit(RuralswCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._advance_to(cls.case_a, "intervention")
        cls._advance_to(cls.case_b, "intervention")
        cls.second_case_a = cls._create_case(cls.beneficiary_a, cls.worker_a)
        cls._advance_to(cls.second_case_a, "intervention")

    def _projects(self, township):
        return self.env["project.project"].search(
            [("ruralsw_township_id", "=", township.id)]
        )

    def _visit(self, case, **vals):
        values = {
            "name": "Home visit",
            "intervention_type": "home_visit",
            "state": "planned",
            "date_start": fields.Datetime.now() + timedelta(days=2),
        }
        values.update(vals)
        return self._intervene(case, **values)

    def test_home_visit_creates_task(self):
        self.assertFalse(self._projects(self.township_a))
        visit = self._visit(self.case_a)
        task = visit.task_id
        self.assertTrue(task)
        project = self._projects(self.township_a)
        self.assertEqual(len(project), 1)
        self.assertEqual(task.project_id, project)
        self.assertIn("Township A", project.name)
        self.assertEqual(project.company_id, self.company)
        self.assertTrue(project.type_ids)
        self.assertTrue(all(project.type_ids.mapped("ruralsw_field_visit")))
        self.assertEqual(task.user_ids, self.worker_a)
        self.assertEqual(task.ruralsw_case_id, self.case_a)
        self.assertEqual(task.ruralsw_intervention_id, visit)
        self.assertEqual(task.ruralsw_area_id, self.village_a)
        self.assertEqual(task.date_deadline, visit.date_start)
        self.assertIn(self.case_a.name, task.name)
        self.assertEqual(self.case_a.task_count, 1)

        # the project of a township is created once
        other = self._visit(self.second_case_a, intervention_type="group_activity")
        self.assertEqual(other.task_id.project_id, project)
        self.assertEqual(len(self._projects(self.township_a)), 1)
        # another township gets its own
        visit_b = self._visit(self.case_b)
        project_b = self._projects(self.township_b)
        self.assertEqual(len(project_b), 1)
        self.assertEqual(visit_b.task_id.project_id, project_b)
        self.assertEqual(visit_b.task_id.user_ids, self.worker_b)

    def test_office_interventions_have_no_task(self):
        tasks = self.env["project.task"].search_count([])
        call = self._intervene(self.case_a, state="planned")
        self.assertFalse(call.task_id)
        done_visit = self._intervene(self.case_a, intervention_type="home_visit")
        self.assertFalse(done_visit.task_id)
        self.assertEqual(self.env["project.task"].search_count([]), tasks)

    def test_task_done_marks_intervention_done(self):
        visit = self._visit(self.case_a)
        self.case_a.first_contact_date = False
        moment = fields.Datetime.now() + timedelta(hours=1)
        with freeze_time(moment):
            visit.task_id.with_user(self.worker_a).write({"state": "1_done"})
        self.assertEqual(visit.state, "done")
        # the first intervention done is the first contact
        self.assertEqual(self.case_a.first_contact_date, moment)

    def test_intervention_done_closes_task(self):
        visit = self._visit(self.case_a)
        self.assertNotEqual(visit.task_id.state, "1_done")
        visit.with_user(self.worker_a).action_done()
        self.assertEqual(visit.task_id.state, "1_done")
        self.assertEqual(visit.state, "done")

    def test_intervention_cancelled_cancels_task(self):
        visit = self._visit(self.case_a)
        visit.with_user(self.worker_a).action_cancel()
        self.assertEqual(visit.state, "cancelled")
        self.assertEqual(visit.task_id.state, "1_canceled")

    def test_plan_field_visit_from_case(self):
        action = self.case_b.with_user(self.worker_b).action_plan_field_visit()
        task = self.env["project.task"].browse(action["res_id"])
        self.assertEqual(task.project_id, self._projects(self.township_b))
        self.assertEqual(task.user_ids, self.worker_b)
        self.assertEqual(task.ruralsw_case_id, self.case_b)
        self.assertFalse(task.ruralsw_intervention_id)
        self.assertIn(self.case_b.name, task.name)
