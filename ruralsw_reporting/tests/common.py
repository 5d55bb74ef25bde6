# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A small county whose figures are computed by hand in the tests.

County C: township TA with village VA (7 people), township TB with villages
VB (2 people) and VC (5 people, nobody reached). Month M is the month two
months before the current one; every date is relative to its first day
(``M + n days`` at 08:00).

====  ======  =======  ========  ======================  ======================
case  person  channel  priority  first contact           afterwards
====  ======  =======  ========  ======================  ======================
a1    pa1     walk-in  normal    +10 h                   evaluated 5, closed M+21d
a2    pa2     online   normal    +20 h                   evaluated 4, closed M+52d
a3    pa3     online   normal    +30 h                   evaluated 4
a4    pa4     walk-in  normal    +200 h (late: 168 h)    evaluated 2
a5    pa5     proxy    urgent    +40 h (late: 24 h)      evaluated 3
a6    pa6     walk-in  normal    none: overdue           intake
c7    pa7     walk-in  normal    +5 h, intake M+33d      intake
b1    pb1     walk-in  normal    +5 h                    evaluated 3 on M+20d
b2    pb2     walk-in  normal    none: overdue           intake
====  ======  =======  ========  ======================  ======================

The evaluations of a1-a5 are dated M+35d (month M+1). pa1, pa2 are elderly people
living alone and pa3 has a disability (3 vulnerable people in VA); pa1,
pa2 and pa4 were born in 1950.
"""

from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT, TransactionCase

GROUP_WORKER = "ruralsw_case.group_ruralsw_social_worker"
GROUP_SUPERVISOR = "ruralsw_case.group_ruralsw_supervisor"
GROUP_MANAGER = "ruralsw_case.group_ruralsw_manager"
GROUP_OBSERVER = "ruralsw_case.group_ruralsw_observer"
GROUP_CONTACTS = "base.group_partner_manager"


class RuralswReportingCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.company = cls.env.company
        cls.company.write(
            {
                "ruralsw_response_hours_urgent": 24,
                "ruralsw_response_hours_high": 72,
                "ruralsw_response_hours_normal": 168,
            }
        )
        today = fields.Date.context_today(cls.env["ruralsw.case"])
        cls.today = today
        cls.month = today.replace(day=1) - relativedelta(months=2)
        cls.month_next = cls.month + relativedelta(months=1)
        cls.month_now = today.replace(day=1)
        cls.m0 = datetime.combine(cls.month, datetime.min.time()) + timedelta(hours=8)

        Area = cls.env["ruralsw.area"]
        province = Area.create(
            {"name": "RP", "code": "530000000000", "level": "province"}
        )
        city = Area.create(
            {
                "name": "RC",
                "code": "532500000000",
                "level": "city",
                "parent_id": province.id,
            }
        )
        cls.county = Area.create(
            {
                "name": "County C",
                "code": "532501000000",
                "level": "county",
                "parent_id": city.id,
            }
        )
        cls.ta, cls.tb = Area.create(
            [
                {
                    "name": "Township TA",
                    "code": "532501100000",
                    "level": "township",
                    "parent_id": cls.county.id,
                },
                {
                    "name": "Township TB",
                    "code": "532501101000",
                    "level": "township",
                    "parent_id": cls.county.id,
                },
            ]
        )
        cls.va, cls.vb, cls.vc = Area.create(
            [
                {
                    "name": "Village VA",
                    "code": "532501100001",
                    "level": "village",
                    "parent_id": cls.ta.id,
                },
                {
                    "name": "Village VB",
                    "code": "532501101001",
                    "level": "village",
                    "parent_id": cls.tb.id,
                },
                {
                    "name": "Village VC",
                    "code": "532501101002",
                    "level": "village",
                    "parent_id": cls.tb.id,
                },
            ]
        )
        cls.supervisor = new_test_user(
            cls.env,
            login="rrp_supervisor",
            name="Supervisor R",
            groups=f"{GROUP_SUPERVISOR},{GROUP_CONTACTS}",
            ruralsw_area_ids=[Command.set(cls.county.ids)],
        )
        cls.worker_a = new_test_user(
            cls.env,
            login="rrp_worker_a",
            name="Worker RA",
            groups=f"{GROUP_WORKER},{GROUP_CONTACTS}",
            ruralsw_area_ids=[Command.set(cls.ta.ids)],
            ruralsw_supervisor_id=cls.supervisor.id,
        )
        cls.worker_b = new_test_user(
            cls.env,
            login="rrp_worker_b",
            name="Worker RB",
            groups=f"{GROUP_WORKER},{GROUP_CONTACTS}",
            ruralsw_area_ids=[Command.set(cls.tb.ids)],
            ruralsw_supervisor_id=cls.supervisor.id,
        )
        cls.manager = new_test_user(
            cls.env,
            login="rrp_manager",
            name="Manager R",
            groups=f"{GROUP_MANAGER},{GROUP_CONTACTS},base.group_allow_export",
        )
        cls.observer = new_test_user(
            cls.env,
            login="rrp_observer",
            name="Observer R",
            groups=f"{GROUP_OBSERVER},base.group_allow_export",
        )

        Partner = cls.env["res.partner"]
        elderly = {"birth_date": date(1950, 1, 1)}
        people = [
            ("pa1", cls.va, {"is_elderly_alone": True, **elderly}),
            ("pa2", cls.va, {"is_elderly_alone": True, **elderly}),
            ("pa3", cls.va, {"has_disability": True}),
            ("pa4", cls.va, elderly),
            ("pa5", cls.va, {}),
            ("pa6", cls.va, {}),
            ("pa7", cls.va, {}),
            ("pb1", cls.vb, {}),
            ("pb2", cls.vb, {}),
            *((f"pc{i}", cls.vc, {}) for i in range(1, 6)),
        ]
        cls.people = {}
        for key, village, vals in people:
            cls.people[key] = Partner.create(
                {
                    "name": f"Person {key}",
                    "is_beneficiary": True,
                    "village_id": village.id,
                    **vals,
                }
            )
        cls.env["ruralsw.consent"].create(
            [
                {
                    "beneficiary_id": person.id,
                    "purpose": "case_management",
                    "date_given": today - timedelta(days=1),
                }
                for person in cls.people.values()
            ]
        )
        # (key, person, worker, channel, priority, intake day, contact hours)
        specs = [
            ("a1", "pa1", cls.worker_a, "walk_in", "0", 1, 10),
            ("a2", "pa2", cls.worker_a, "online_platform", "0", 2, 20),
            ("a3", "pa3", cls.worker_a, "online_platform", "0", 3, 30),
            ("a4", "pa4", cls.worker_a, "walk_in", "0", 4, 200),
            ("a5", "pa5", cls.worker_a, "volunteer_proxy", "2", 5, 40),
            ("a6", "pa6", cls.worker_a, "walk_in", "0", 6, None),
            ("c7", "pa7", cls.worker_a, "walk_in", "0", 33, 5),
            ("b1", "pb1", cls.worker_b, "walk_in", "0", 1, 5),
            ("b2", "pb2", cls.worker_b, "walk_in", "0", 2, None),
        ]
        cls.cases = {}
        for key, person, worker, channel, priority, day, hours in specs:
            intake = cls.m0 + timedelta(days=day)
            case = (
                cls.env["ruralsw.case"]
                .with_user(worker)
                .create(
                    {
                        "beneficiary_id": cls.people[person].id,
                        "user_id": worker.id,
                        "channel": channel,
                        "priority": priority,
                        "intake_date": intake,
                    }
                )
                .with_env(cls.env)
            )
            if hours is not None:
                case.first_contact_date = intake + timedelta(hours=hours)
            cls.cases[key] = case
        cls.env["ruralsw.case.need"].create(
            {"case_id": cls.cases["a1"].id, "category": "livelihood"}
        )
        evaluated = {"a1": "5", "a2": "4", "a3": "4", "a4": "2", "a5": "3"}
        for key, score in evaluated.items():
            case = cls.cases[key]
            cls._advance_to_evaluation(case)
            cls.env["ruralsw.evaluation"].with_user(case.user_id).create(
                {
                    "case_id": case.id,
                    "satisfaction": score,
                    "income_before": 800.0,
                    "income_after": 1000.0,
                    "date": (cls.m0 + timedelta(days=35)).date(),
                }
            )
        cls._advance_to_evaluation(cls.cases["b1"])
        cls.env["ruralsw.evaluation"].with_user(cls.worker_b).create(
            {
                "case_id": cls.cases["b1"].id,
                "satisfaction": "3",
                "date": (cls.m0 + timedelta(days=20)).date(),
            }
        )
        for key, days in (("a1", 21), ("a2", 52)):
            case = cls.cases[key]
            cls.env["ruralsw.case.close"].with_user(case.user_id).create(
                {"case_id": case.id, "closure_reason": "goals_achieved"}
            ).action_confirm()
            case.closed_date = cls.m0 + timedelta(days=days)

    @classmethod
    def _set_stage(cls, case, xmlid):
        case.with_user(case.user_id).write({"stage_id": cls.env.ref(xmlid).id})

    @classmethod
    def _advance_to_evaluation(cls, case):
        """Assessment, a plan approved by the supervisor, an intervention
        done (dated at the first contact), then the evaluation phase."""
        worker = case.user_id
        cls._set_stage(case, "ruralsw_case.stage_assessment")
        cls.env["ruralsw.assessment"].with_user(worker).create(
            {
                "case_id": case.id,
                "economic": "2",
                "health": "1",
                "family_support": "1",
                "housing": "1",
                "digital_access": "2",
                "notes": "Harvest.",
            }
        )
        cls._set_stage(case, "ruralsw_case.stage_plan")
        plan = (
            cls.env["ruralsw.case.plan"]
            .with_user(worker)
            .create(
                {
                    "case_id": case.id,
                    "goal_ids": [
                        Command.create({"name": "Sell online", "description": "x"})
                    ],
                    "line_ids": [
                        Command.create(
                            {"intervention_type": "phone", "description": "Call"}
                        )
                    ],
                }
            )
        )
        plan.action_submit()
        plan.with_user(cls.supervisor).action_approve()
        cls._set_stage(case, "ruralsw_case.stage_intervention")
        cls.env["ruralsw.intervention"].with_user(worker).create(
            {
                "case_id": case.id,
                "name": "Call",
                "intervention_type": "phone",
                "state": "done",
                "date_start": case.first_contact_date,
            }
        )
        cls._set_stage(case, "ruralsw_case.stage_evaluation")

    @classmethod
    def _rebuild(cls):
        cls.env["ruralsw.report.response"]._ruralsw_rebuild_all()

    def _row(self, model, area, month, channel="all", user=None, **extra):
        """The one row of ``model`` for the area, month and channel."""
        Model = self.env[model].with_user(user) if user else self.env[model]
        rows = Model.search(
            [
                ("company_id", "=", self.company.id),
                ("area_id", "=", area.id),
                ("month", "=", month),
                ("channel", "=", channel),
                *((k, "=", v) for k, v in extra.items()),
            ]
        )
        self.assertLessEqual(len(rows), 1, f"one {model} row expected")
        return rows
