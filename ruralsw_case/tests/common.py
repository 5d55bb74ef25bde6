# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Shared fixture of the ruralsw_case tests, independent of the demo data.

One county with townships A and B and a village in each; one user per role;
beneficiaries with and without a case-management consent; one intake case in
each township; helpers that push a case through the phases the way the
people of each role do it.
"""

from datetime import date, timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT, TransactionCase
from odoo.addons.ruralsw_case.services import id_number as id_number_service

# Yunnan codes: the demo data lives in Guizhou (52), so nothing collides
PROVINCE_CODE = "530000000000"
CITY_CODE = "532300000000"
COUNTY_CODE = "532301000000"
TOWNSHIP_A_CODE = "532301100000"
TOWNSHIP_B_CODE = "532301101000"
VILLAGE_A_CODE = "532301100001"
VILLAGE_B_CODE = "532301101001"
REGION = "532301"

GROUP_WORKER = "ruralsw_case.group_ruralsw_social_worker"
GROUP_SUPERVISOR = "ruralsw_case.group_ruralsw_supervisor"
GROUP_MANAGER = "ruralsw_case.group_ruralsw_manager"
GROUP_PRIVACY = "ruralsw_case.group_ruralsw_privacy_officer"
GROUP_OBSERVER = "ruralsw_case.group_ruralsw_observer"
# users created from the Users menu get "Contact Creation" from the default
# user template; new_test_user sets the groups exactly, so it is added here
GROUP_CONTACTS = "base.group_partner_manager"


class RuralswCaseCommon(TransactionCase):
    """Areas, users per role, beneficiaries, consents and case helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.company = cls.env.company
        cls.today = fields.Date.context_today(cls.env["ruralsw.consent"])

        Area = cls.env["ruralsw.area"]
        cls.province = Area.create(
            {"name": "Test Province", "code": PROVINCE_CODE, "level": "province"}
        )
        cls.city = Area.create(
            {
                "name": "Test City",
                "code": CITY_CODE,
                "level": "city",
                "parent_id": cls.province.id,
            }
        )
        cls.county = Area.create(
            {
                "name": "Test County",
                "code": COUNTY_CODE,
                "level": "county",
                "parent_id": cls.city.id,
                "latitude": 25.0,
                "longitude": 103.0,
            }
        )
        cls.township_a, cls.township_b = Area.create(
            [
                {
                    "name": "Township A",
                    "code": TOWNSHIP_A_CODE,
                    "level": "township",
                    "parent_id": cls.county.id,
                },
                {
                    "name": "Township B",
                    "code": TOWNSHIP_B_CODE,
                    "level": "township",
                    "parent_id": cls.county.id,
                },
            ]
        )
        cls.village_a, cls.village_b = Area.create(
            [
                {
                    "name": "Village A",
                    "code": VILLAGE_A_CODE,
                    "level": "village",
                    "parent_id": cls.township_a.id,
                },
                {
                    "name": "Village B",
                    "code": VILLAGE_B_CODE,
                    "level": "village",
                    "parent_id": cls.township_b.id,
                },
            ]
        )

        cls.stage_intake = cls.env.ref("ruralsw_case.stage_intake")
        cls.stage_assessment = cls.env.ref("ruralsw_case.stage_assessment")
        cls.stage_plan = cls.env.ref("ruralsw_case.stage_plan")
        cls.stage_intervention = cls.env.ref("ruralsw_case.stage_intervention")
        cls.stage_evaluation = cls.env.ref("ruralsw_case.stage_evaluation")
        cls.stage_closed = cls.env.ref("ruralsw_case.stage_closed")

        cls.supervisor = new_test_user(
            cls.env,
            login="rsw_t_supervisor",
            name="Supervisor Chen",
            groups=f"{GROUP_SUPERVISOR},{GROUP_CONTACTS}",
            ruralsw_area_ids=[Command.set(cls.county.ids)],
        )
        cls.worker_a = new_test_user(
            cls.env,
            login="rsw_t_worker_a",
            name="Worker Li (A)",
            groups=f"{GROUP_WORKER},{GROUP_CONTACTS}",
            ruralsw_area_ids=[Command.set(cls.township_a.ids)],
            ruralsw_supervisor_id=cls.supervisor.id,
        )
        cls.worker_b = new_test_user(
            cls.env,
            login="rsw_t_worker_b",
            name="Worker Wang (B)",
            groups=f"{GROUP_WORKER},{GROUP_CONTACTS}",
            ruralsw_area_ids=[Command.set(cls.township_b.ids)],
            ruralsw_supervisor_id=cls.supervisor.id,
        )
        cls.manager = new_test_user(
            cls.env,
            login="rsw_t_manager",
            name="Manager Liu",
            groups=f"{GROUP_MANAGER},{GROUP_CONTACTS}",
        )
        cls.privacy_officer = new_test_user(
            cls.env,
            login="rsw_t_privacy",
            name="Privacy Officer Zhao",
            groups=GROUP_PRIVACY,
        )
        cls.observer = new_test_user(
            cls.env, login="rsw_t_observer", name="Observer Sun", groups=GROUP_OBSERVER
        )
        cls.internal_user = new_test_user(
            cls.env, login="rsw_t_internal", name="Clerk Zhou", groups="base.group_user"
        )

        Partner = cls.env["res.partner"]
        cls.id_number_a = cls._make_id_number(date(1950, 3, 1), 11)
        cls.beneficiary_a = Partner.create(
            {
                "name": "Wang Youfu",
                "is_beneficiary": True,
                "village_id": cls.village_a.id,
                "id_number": cls.id_number_a,
                "private_phone": "13812345678",
                "health_notes": "Diabetes",
                "is_elderly_alone": True,
            }
        )
        cls.beneficiary_a2 = Partner.create(
            {
                "name": "Li Xiuying",
                "is_beneficiary": True,
                "village_id": cls.village_a.id,
                "id_number": cls._make_id_number(date(1985, 7, 15), 22),
            }
        )
        cls.beneficiary_b = Partner.create(
            {
                "name": "Zhang Hua",
                "is_beneficiary": True,
                "village_id": cls.village_b.id,
                "id_number": cls._make_id_number(date(1962, 11, 30), 31),
                "private_phone": "13998765432",
            }
        )
        Consent = cls.env["ruralsw.consent"]
        cls.consent_a = Consent.create(
            {
                "beneficiary_id": cls.beneficiary_a.id,
                "purpose": "case_management",
                "date_given": cls.today - timedelta(days=30),
            }
        )
        cls.consent_b = Consent.create(
            {
                "beneficiary_id": cls.beneficiary_b.id,
                "purpose": "case_management",
                "date_given": cls.today - timedelta(days=30),
            }
        )
        cls.case_a = cls._create_case(cls.beneficiary_a, cls.worker_a)
        cls.case_b = cls._create_case(cls.beneficiary_b, cls.worker_b)

    # ------------------------------------------------------------------
    # Data helpers
    # ------------------------------------------------------------------
    @classmethod
    def _make_id_number(cls, birth, sequence, region=REGION):
        """Return a valid resident ID number (odd sequence: a man)."""
        return id_number_service.generate(region, birth, sequence)

    @classmethod
    def _make_id_number_ending_in_x(cls, region=REGION, sequence=123):
        """Return a valid number whose check character is X."""
        birth = date(1980, 1, 1)
        while True:
            number = id_number_service.generate(region, birth, sequence)
            if number.endswith("X"):
                return number
            birth += timedelta(days=1)

    @classmethod
    def _create_beneficiary(cls, name, village=None, **vals):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_beneficiary": True,
                "village_id": (village or cls.village_a).id,
                **vals,
            }
        )

    @classmethod
    def _give_consent(cls, beneficiary, purpose="case_management", **vals):
        return cls.env["ruralsw.consent"].create(
            {
                "beneficiary_id": beneficiary.id,
                "purpose": purpose,
                "date_given": cls.today - timedelta(days=1),
                **vals,
            }
        )

    @classmethod
    def _create_case(cls, beneficiary, user, **vals):
        """Create an intake case as ``user``, who handles it."""
        return (
            cls.env["ruralsw.case"]
            .with_user(user)
            .create({"beneficiary_id": beneficiary.id, "user_id": user.id, **vals})
            .with_env(cls.env)
        )

    # ------------------------------------------------------------------
    # Phase helpers: each runs as the case's social worker unless told
    # otherwise, and as the supervisor for the plan approval
    # ------------------------------------------------------------------
    @classmethod
    def _set_stage(cls, case, stage, user=None):
        case.with_user(user or case.user_id).write({"stage_id": stage.id})

    @classmethod
    def _assess(cls, case, user=None, **scores):
        vals = {
            "case_id": case.id,
            "economic": "2",
            "health": "1",
            "family_support": "1",
            "housing": "1",
            "digital_access": "2",
            "notes": "Needs help with the harvest.",
        }
        vals.update(scores)
        return (
            cls.env["ruralsw.assessment"].with_user(user or case.user_id).create(vals)
        )

    @classmethod
    def _make_plan(cls, case, user=None, goals=("Sell the harvest online",)):
        return (
            cls.env["ruralsw.case.plan"]
            .with_user(user or case.user_id)
            .create(
                {
                    "case_id": case.id,
                    "goal_ids": [
                        Command.create({"name": goal, "description": "Details"})
                        for goal in goals
                    ],
                    "line_ids": [
                        Command.create(
                            {"intervention_type": "phone", "description": "Call"}
                        )
                    ],
                }
            )
        )

    @classmethod
    def _approve_plan(cls, case, plan=None, user=None):
        """Submit a plan as the social worker and approve it as supervisor."""
        plan = plan or cls._make_plan(case, user=user)
        plan.with_user(user or case.user_id).action_submit()
        plan.with_user(cls.supervisor).action_approve()
        return plan

    @classmethod
    def _intervene(cls, case, user=None, **vals):
        values = {
            "case_id": case.id,
            "name": "Phone call",
            "intervention_type": "phone",
            "state": "done",
        }
        values.update(vals)
        return (
            cls.env["ruralsw.intervention"]
            .with_user(user or case.user_id)
            .create(values)
        )

    @classmethod
    def _evaluate(cls, case, user=None, **vals):
        values = {
            "case_id": case.id,
            "satisfaction": "4",
            "income_before": 800.0,
            "income_after": 1000.0,
            "notes": "Sells online every week.",
        }
        values.update(vals)
        return (
            cls.env["ruralsw.evaluation"].with_user(user or case.user_id).create(values)
        )

    @classmethod
    def _close(cls, case, reason="goals_achieved", note=False, user=None):
        wizard = (
            cls.env["ruralsw.case.close"]
            .with_user(user or case.user_id)
            .create(
                {"case_id": case.id, "closure_reason": reason, "closure_note": note}
            )
        )
        return wizard.action_confirm()

    @classmethod
    def _advance_to(cls, case, phase, user=None):
        """Push ``case`` forward until it reaches ``phase``, meeting each gate
        on the way as a social worker does."""
        order = ["intake", "assessment", "plan", "intervention", "evaluation", "closed"]
        while order.index(case.phase) < order.index(phase):
            current = case.phase
            if current == "intake":
                cls._set_stage(case, cls.stage_assessment, user)
            elif current == "assessment":
                if not case.assessment_ids:
                    cls._assess(case, user=user)
                cls._set_stage(case, cls.stage_plan, user)
            elif current == "plan":
                if not case.approved_plan_id:
                    cls._approve_plan(case, user=user)
                cls._set_stage(case, cls.stage_intervention, user)
            elif current == "intervention":
                if not case.intervention_ids.filtered(lambda i: i.state == "done"):
                    cls._intervene(case, user=user)
                cls._set_stage(case, cls.stage_evaluation, user)
            else:
                if not case.evaluation_ids:
                    cls._evaluate(case, user=user)
                cls._close(case, user=user)
        return case
