# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.ruralsw_case.services import scoring

from .common import RuralswCaseCommon


class TestCaseLifecycle(RuralswCaseCommon):
    def _assert_stage_refused(self, case, stage, *fragments, user=None):
        """Moving ``case`` to ``stage`` fails with a UserError naming the
        problem, and the case stays where it was."""
        before = case.stage_id
        with self.assertRaises(UserError) as error:
            self._set_stage(case, stage, user)
        message = str(error.exception)
        self.assertIn(case.name, message)
        for fragment in fragments:
            self.assertIn(fragment, message)
        case.invalidate_recordset()
        self.assertEqual(case.stage_id, before)
        return message

    def test_sequence_reference(self):
        year = fields.Date.today().year
        for case in (self.case_a, self.case_b):
            self.assertTrue(case.name.startswith(f"CASE/{year}/"), case.name)
        self.assertNotEqual(self.case_a.name, self.case_b.name)
        self.assertEqual(self.case_a.stage_id, self.stage_intake)
        self.assertEqual(self.case_a.area_id, self.village_a)
        self.assertEqual(self.case_a.township_id, self.township_a)
        self.assertEqual(self.case_a.supervisor_id, self.supervisor)

    def test_assessment_needs_consent(self):
        case = self._create_case(self.beneficiary_a2, self.worker_a)
        self._assert_stage_refused(
            case, self.stage_assessment, "Assessment", "Li Xiuying", "consent"
        )
        self.assertFalse(case.first_contact_date)
        # an expired consent does not count
        self._give_consent(
            self.beneficiary_a2,
            date_given=self.today - timedelta(days=400),
            valid_until=self.today - timedelta(days=1),
        )
        self._assert_stage_refused(case, self.stage_assessment, "consent")
        self._give_consent(self.beneficiary_a2)
        self._set_stage(case, self.stage_assessment)
        self.assertEqual(case.phase, "assessment")
        # entering the assessment is the first contact when none was recorded
        self.assertTrue(case.first_contact_date)
        # nobody may assess a case still at intake
        other = self._create_case(self.beneficiary_a2, self.worker_a)
        count = self.env["ruralsw.assessment"].search_count([])
        with self.assertRaises(UserError) as error:
            self._assess(other)
        self.assertIn(other.name, str(error.exception))
        self.assertEqual(self.env["ruralsw.assessment"].search_count([]), count)

    def test_advance_phase_button(self):
        case = self.case_a.with_user(self.worker_a)
        case.action_advance_phase()
        self.assertEqual(case.phase, "assessment")
        with self.assertRaises(UserError) as error:
            case.action_advance_phase()
        self.assertIn("assessed", str(error.exception))
        self.assertEqual(case.phase, "assessment")

    def test_plan_needs_assessment(self):
        self._advance_to(self.case_a, "assessment")
        self._assert_stage_refused(self.case_a, self.stage_plan, "Plan", "assessed")
        plans = self.env["ruralsw.case.plan"].search_count([])
        with self.assertRaises(UserError):
            self._make_plan(self.case_b)  # still at intake
        self.assertEqual(self.env["ruralsw.case.plan"].search_count([]), plans)
        self._assess(self.case_a)
        self._set_stage(self.case_a, self.stage_plan)
        self.assertEqual(self.case_a.phase, "plan")

    def test_intervention_phase_needs_approved_plan(self):
        case = self._advance_to(self.case_a, "plan")
        self._assert_stage_refused(case, self.stage_intervention, "approved")
        plan = self._make_plan(case)
        self.assertEqual(plan.version, 1)
        self.assertEqual(plan.name, f"{case.name} plan v1")
        self._assert_stage_refused(case, self.stage_intervention, "approved")
        plan.with_user(self.worker_a).action_submit()
        self.assertEqual(plan.state, "submitted")
        self._assert_stage_refused(case, self.stage_intervention, "approved")

        with self.assertRaises(AccessError):
            plan.with_user(self.worker_a).action_approve()
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "submitted")
        self.assertFalse(case.approved_plan_id)

        plan.with_user(self.supervisor).action_approve()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.approved_by_id, self.supervisor)
        self.assertTrue(plan.approved_date)
        self.assertEqual(case.approved_plan_id, plan)
        self._set_stage(case, self.stage_intervention)
        self.assertEqual(case.phase, "intervention")

    def test_submit_needs_goal_and_review_activity(self):
        case = self._advance_to(self.case_a, "plan")
        plan = self._make_plan(case, goals=())
        with self.assertRaises(UserError) as error:
            plan.with_user(self.worker_a).action_submit()
        self.assertIn("Goals", str(error.exception))
        self.assertEqual(plan.state, "draft")
        plan.goal_ids = [Command.create({"name": "Walk to the market"})]
        plan.with_user(self.worker_a).action_submit()
        self.assertEqual(plan.activity_ids.user_id, self.supervisor)
        with self.assertRaises(UserError):
            plan.with_user(self.worker_a).action_submit()

    def test_send_back_needs_note(self):
        case = self._advance_to(self.case_a, "plan")
        plan = self._make_plan(case)
        plan.with_user(self.worker_a).action_submit()
        with self.assertRaises(AccessError):
            plan.with_user(self.worker_a).action_return()
        with self.assertRaises(UserError) as error:
            plan.with_user(self.supervisor).action_return()
        self.assertIn("Supervisor's Note", str(error.exception))
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "submitted")

        plan.with_user(self.supervisor).write({"review_note": "Add a health goal."})
        plan.with_user(self.supervisor).action_return()
        self.assertEqual(plan.state, "returned")
        self.assertFalse(case.approved_plan_id)
        with self.assertRaises(UserError):
            plan.with_user(self.supervisor).action_approve()
        # the social worker revises and submits again
        plan.with_user(self.worker_a).write(
            {"goal_ids": [Command.create({"name": "See the doctor monthly"})]}
        )
        plan.with_user(self.worker_a).action_submit()
        plan.with_user(self.supervisor).action_approve()
        self.assertEqual(case.approved_plan_id, plan)

    def test_approved_plan_locked_and_new_version(self):
        case = self._advance_to(self.case_a, "plan")
        plan = self._approve_plan(case)
        with self.assertRaises(UserError) as error:
            plan.with_user(self.worker_a).write({"review_note": "Changed"})
        self.assertIn(plan.name, str(error.exception))
        self.assertIn("locked", str(error.exception))
        with self.assertRaises(UserError):
            plan.goal_ids.with_user(self.worker_a).write({"name": "Another goal"})
        self.assertEqual(plan.goal_ids.name, "Sell the harvest online")
        # goals and planned interventions cannot be added, changed or removed
        Line = self.env["ruralsw.case.plan.line"].with_user(self.worker_a)
        lines_before = plan.line_ids
        with self.assertRaises(UserError):
            Line.create(
                {
                    "plan_id": plan.id,
                    "intervention_type": "phone",
                    "description": "Unapproved extra call",
                }
            )
        with self.assertRaises(UserError):
            plan.goal_ids.with_user(self.worker_a).unlink()
        if plan.line_ids:
            with self.assertRaises(UserError):
                plan.line_ids.with_user(self.worker_a).write({"frequency": "Daily"})
        self.assertEqual(plan.line_ids, lines_before)
        self.assertEqual(len(plan.goal_ids), 1)
        # scoring the goals at evaluation is still allowed
        plan.goal_ids.with_user(self.worker_a).write({"attainment": "1"})
        self.assertEqual(plan.goal_ids.attainment, "1")
        with self.assertRaises(UserError):
            self._make_plan(case).action_new_version()

        action = plan.with_user(self.worker_a).action_new_version()
        new_plan = self.env["ruralsw.case.plan"].browse(action["res_id"])
        self.assertEqual(new_plan.version, 2)
        self.assertEqual(new_plan.state, "draft")
        self.assertEqual(new_plan.goal_ids.name, "Sell the harvest online")
        self.assertFalse(new_plan.goal_ids.attainment)
        self.assertEqual(case.approved_plan_id, plan)
        new_plan.with_user(self.worker_a).write(
            {"goal_ids": [Command.create({"name": "Open a shop"})]}
        )
        new_plan.with_user(self.worker_a).action_submit()
        new_plan.with_user(self.supervisor).action_approve()
        self.assertEqual(plan.state, "superseded")
        self.assertEqual(new_plan.state, "approved")
        self.assertEqual(case.approved_plan_id, new_plan)

    def test_no_phase_skipped(self):
        # without an assessment, a jump from intake to intervention stops at
        # the plan gate although the consent gate is met
        case = self.case_a
        self._assert_stage_refused(case, self.stage_intervention, "Plan", "assessed")
        # a case that met every gate, sent back to intake
        self._advance_to(case, "intervention")
        self._set_stage(case, self.stage_intake)
        self.assertEqual(case.phase, "intake")
        # the later gates are met (assessment, approved plan), the first is not
        self.consent_a._ruralsw_revoke("Withdrawn")
        self._assert_stage_refused(
            case, self.stage_intervention, "Assessment", "consent"
        )
        self._assert_stage_refused(case, self.stage_evaluation, "consent")
        # once every gate on the way is met, the jump is allowed
        self._give_consent(self.beneficiary_a)
        self._set_stage(case, self.stage_intervention)
        self.assertEqual(case.phase, "intervention")

    def test_case_created_beyond_intake_checks_gates(self):
        count = self.env["ruralsw.case"].search_count([])
        with self.assertRaises(UserError) as error:
            self.env["ruralsw.case"].with_user(self.worker_a).create(
                {
                    "beneficiary_id": self.beneficiary_a.id,
                    "stage_id": self.stage_plan.id,
                }
            )
        self.assertIn("assessed", str(error.exception))
        self.assertEqual(self.env["ruralsw.case"].search_count([]), count)

    def test_evaluation_needs_done_intervention(self):
        case = self._advance_to(self.case_a, "intervention")
        count = self.env["ruralsw.evaluation"].search_count([])
        visit = self._intervene(case, state="planned")
        self._assert_stage_refused(
            case, self.stage_evaluation, "Evaluation", "intervention"
        )
        visit.with_user(self.worker_a).action_done()
        self.assertEqual(visit.state, "done")
        self._set_stage(case, self.stage_evaluation)
        self.assertEqual(case.phase, "evaluation")
        self.assertEqual(self.env["ruralsw.evaluation"].search_count([]), count)
        with self.assertRaises(UserError):
            self._evaluate(self.case_b)
        self.assertEqual(self.env["ruralsw.evaluation"].search_count([]), count)

    def test_closure(self):
        case = self._advance_to(self.case_a, "evaluation")
        with self.assertRaises(UserError) as error:
            self._close(case)
        self.assertIn("evaluated", str(error.exception))
        case.invalidate_recordset()
        self.assertEqual(case.phase, "evaluation")
        self.assertFalse(case.closure_reason)

        self._evaluate(case)
        # dragging the card to the closed column gives no reason
        self._assert_stage_refused(case, self.stage_closed, "closure reason")
        self.assertFalse(case.closed_date)

        action = case.with_user(self.worker_a).action_close()
        self.assertEqual(action["res_model"], "ruralsw.case.close")
        self._close(case, reason="goals_achieved", note="All goals met.")
        self.assertEqual(case.phase, "closed")
        self.assertEqual(case.closure_reason, "goals_achieved")
        self.assertEqual(case.closure_note, "All goals met.")
        self.assertTrue(case.closed_date)
        with self.assertRaises(UserError):
            self._close(case)
        with self.assertRaises(UserError) as error:
            case.with_user(self.worker_a).action_advance_phase()
        self.assertIn("Reopen", str(error.exception))

    def test_reopen(self):
        case = self._advance_to(self.case_a, "closed")
        self._assert_stage_refused(case, self.stage_intervention, "Reopen")

        Reopen = self.env["ruralsw.case.reopen"].with_user(self.worker_a)
        wizard = Reopen.create({"case_id": case.id, "reason": "   "})
        self.assertEqual(wizard.stage_id, self.stage_intervention)
        with self.assertRaises(UserError) as error:
            wizard.action_confirm()
        self.assertIn("Reason", str(error.exception))
        case.invalidate_recordset()
        self.assertEqual(case.phase, "closed")
        self.assertEqual(case.reopen_count, 0)

        with self.assertRaises(UserError):
            Reopen.create(
                {"case_id": case.id, "reason": "x", "stage_id": self.stage_closed.id}
            ).action_confirm()

        messages = case.message_ids
        Reopen.create(
            {"case_id": case.id, "reason": "The roof leaks again."}
        ).action_confirm()
        self.assertEqual(case.phase, "intervention")
        self.assertEqual(case.reopen_count, 1)
        self.assertFalse(case.closed_date)
        self.assertFalse(case.closure_reason)
        new_messages = case.message_ids - messages
        self.assertEqual(len(new_messages), 1)
        self.assertIn("The roof leaks again.", new_messages.body)
        self.assertEqual(new_messages.author_id, self.worker_a.partner_id)
        with self.assertRaises(UserError) as error:
            case._reopen("Again", self.stage_intervention)
        self.assertIn("is not closed", str(error.exception))

    def test_intervention_date_not_before_intake(self):
        case = self._advance_to(self.case_a, "intervention")
        count = self.env["ruralsw.intervention"].search_count([])
        with self.assertRaises(ValidationError) as error:
            self._intervene(
                case,
                name="Early call",
                date_start=case.intake_date - timedelta(days=1),
            )
        self.assertIn("Date", str(error.exception))
        self.assertIn("Early call", str(error.exception))
        self.assertEqual(self.env["ruralsw.intervention"].search_count([]), count)

    def test_intervention_record_needs_approved_plan(self):
        case = self._advance_to(self.case_a, "plan")
        count = self.env["ruralsw.intervention"].search_count([])
        with self.assertRaises(UserError) as error:
            self._intervene(case)
        self.assertIn(case.name, str(error.exception))
        self.assertIn("approved", str(error.exception))
        self.assertEqual(self.env["ruralsw.intervention"].search_count([]), count)
        self.assertFalse(case.intervention_count)

    def test_intervention_constraints(self):
        case = self._advance_to(self.case_a, "intervention")
        with self.assertRaises(ValidationError) as error:
            self._intervene(case, intervention_type="referral")
        self.assertIn("Referred To", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self._intervene(case, duration=30)
        self.assertIn("Duration", str(error.exception))
        done = self._intervene(case, duration=1.5)
        self.assertEqual(done.date_stop, done.date_start + timedelta(hours=1.5))
        self.assertEqual(case.intervention_count, 1)

    def test_assessment_scoring(self):
        case = self._advance_to(self.case_a, "assessment")
        scores = {
            "economic": 3,
            "health": 1,
            "family_support": 1,
            "housing": 2,
            "digital_access": 2,
        }
        expected = scoring.assess(scores)
        assessment = self._assess(
            case, **{dim: str(value) for dim, value in scores.items()}
        )
        self.assertEqual(assessment.vulnerability_score, expected.score)
        self.assertEqual(assessment.vulnerability_score, 46.3)
        self.assertEqual(assessment.suggested_level, "medium")
        self.assertEqual(assessment.risk_level, "medium")
        self.assertIn("46.3", assessment.suggestion_explanation)
        self.assertEqual(case.risk_level, "medium")
        self.assertEqual(case.vulnerability_score, 46.3)

        # one severe dimension raises a low score to high, and says why
        severe = self._assess(
            case,
            economic="0",
            health="4",
            family_support="0",
            housing="0",
            digital_access="0",
        )
        self.assertEqual(severe.vulnerability_score, 25.0)
        self.assertEqual(severe.suggested_level, "high")
        self.assertIn("Health is severe", severe.suggestion_explanation)

        # the social worker decides, with a reason
        with self.assertRaises(ValidationError) as error:
            severe.with_user(self.worker_a).override_level = "critical"
        self.assertIn("Override Reason", str(error.exception))
        severe.invalidate_recordset()
        self.assertEqual(severe.risk_level, "high")
        severe.with_user(self.worker_a).write(
            {"override_level": "critical", "override_reason": "Lives alone, no road."}
        )
        self.assertEqual(severe.suggested_level, "high")
        self.assertEqual(severe.risk_level, "critical")
        self.assertEqual(case.assessment_id, severe)
        self.assertEqual(case.risk_level, "critical")

    def test_assessment_not_before_intake(self):
        case = self._advance_to(self.case_a, "assessment")
        with self.assertRaises(ValidationError) as error:
            self._assess(case, date=case.intake_date.date() - timedelta(days=2))
        self.assertIn("Date", str(error.exception))
        self.assertFalse(case.assessment_ids)

    def test_goal_attainment_rate(self):
        case = self._advance_to(self.case_a, "plan")
        plan = self._approve_plan(
            case,
            plan=self._make_plan(case, goals=("Income", "Health", "Housing", "School")),
        )
        self._set_stage(case, self.stage_intervention)
        self._intervene(case)
        evaluation = self._evaluate(case, income_before=800, income_after=1100)
        self.assertEqual(evaluation.income_change, 300)
        self.assertEqual(evaluation.goal_count, 0)
        self.assertEqual(evaluation.goal_attainment_rate, 0.0)
        # three goals scored (-1, 0, +2), one not scored yet
        for goal, score in zip(plan.goal_ids[:3], ("-1", "0", "2"), strict=True):
            goal.with_user(self.worker_a).attainment = score
        self.assertEqual(evaluation.goal_count, 3)
        self.assertAlmostEqual(evaluation.goal_attainment_rate, 200 / 3, places=2)
        plan.goal_ids[3].with_user(self.worker_a).attainment = "-2"
        self.assertEqual(evaluation.goal_attainment_rate, 50.0)
        self.assertEqual(case.satisfaction, "4")
        with self.assertRaises(ValidationError) as error:
            self._evaluate(case, income_before=-1)
        self.assertIn("income", str(error.exception))
