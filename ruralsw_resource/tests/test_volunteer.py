# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import RuralswResourceCommon

MONDAY_9 = datetime(2026, 12, 7, 1, 0)  # 09:00 in Asia/Shanghai


@tagged("post_install", "-at_install")
class TestVolunteers(RuralswResourceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Skill = cls.env["ruralsw.volunteer.skill"]
        cls.care, cls.repair = Skill.create(
            [{"name": "Elder care T"}, {"name": "Repair T"}]
        )
        cls.buyi = cls.env["ruralsw.dialect"].create({"name": "Buyei T"})
        cls.mornings = cls.env["resource.calendar"].create(
            {
                "name": "Weekday mornings",
                "tz": "Asia/Shanghai",
                "attendance_ids": [
                    Command.clear(),
                    *[
                        Command.create(
                            {
                                "name": f"Day {day}",
                                "dayofweek": str(day),
                                "hour_from": 8.0,
                                "hour_to": 12.0,
                                "day_period": "morning",
                            }
                        )
                        for day in range(5)
                    ],
                ],
            }
        )
        Partner = cls.env["res.partner"]
        cls.vol_a, cls.vol_b, cls.vol_far = Partner.create(
            [
                {
                    "name": "Vol A",
                    "ruralsw_is_volunteer": True,
                    "ruralsw_volunteer_state": "active",
                    "ruralsw_home_area_id": cls.v1.id,
                    "ruralsw_skill_ids": [Command.set(cls.care.ids)],
                    "ruralsw_dialect_ids": [Command.set(cls.buyi.ids)],
                    "ruralsw_availability_id": cls.mornings.id,
                    "ruralsw_max_hours_week": 6,
                },
                {
                    "name": "Vol B",
                    "ruralsw_is_volunteer": True,
                    "ruralsw_volunteer_state": "active",
                    "ruralsw_home_area_id": cls.v1.id,
                    "ruralsw_skill_ids": [Command.set(cls.care.ids)],
                },
                {
                    "name": "Vol Far",
                    "ruralsw_is_volunteer": True,
                    "ruralsw_volunteer_state": "active",
                    "ruralsw_home_area_id": cls.v3.id,
                    "ruralsw_skill_ids": [Command.set(cls.care.ids)],
                    "ruralsw_dialect_ids": [Command.set(cls.buyi.ids)],
                },
            ]
        )
        cls.b1.ruralsw_dialect_ids = cls.buyi
        cls.task = cls.env["project.task"]._ruralsw_create_field_visits(
            [
                {
                    "case": cls.case1,
                    "name": "Visit",
                    "user": cls.worker,
                    "deadline": MONDAY_9.date(),
                }
            ]
        )
        cls.task.ruralsw_skill_ids = cls.care
        cls.Assignment = cls.env["ruralsw.volunteer.assignment"].with_user(
            cls.coordinator
        )

    def _assign(self, volunteer, start, hours=2, **vals):
        return self.Assignment.create(
            {
                "volunteer_id": volunteer.id,
                "task_id": self.task.id,
                "date_start": start,
                "date_stop": start + timedelta(hours=hours),
                **vals,
            }
        )

    def test_overlap_is_refused(self):
        first = self._assign(self.vol_a, MONDAY_9)
        self.assertEqual(first.hours_planned, 2)
        self.assertEqual(first.township_id, self.t1)
        with self.assertRaisesMessage(ValidationError, "Vol A is already assigned"):
            self._assign(self.vol_a, MONDAY_9 + timedelta(hours=1))
        # back to back is fine
        self._assign(self.vol_a, MONDAY_9 + timedelta(hours=2), hours=1)

    def test_outside_availability_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "not available at that time"):
            self._assign(self.vol_a, MONDAY_9 + timedelta(hours=5))  # 14:00 local
        with self.assertRaisesMessage(ValidationError, "not available"):
            self._assign(self.vol_a, MONDAY_9 + timedelta(days=5))  # Saturday
        # no calendar: any time
        self._assign(self.vol_b, MONDAY_9 + timedelta(days=5, hours=10))

    def test_weekly_maximum_is_refused(self):
        for day in range(2):
            self._assign(self.vol_a, MONDAY_9 + timedelta(days=day), hours=3)
        with self.assertRaisesMessage(ValidationError, "over their maximum of 6.0"):
            self._assign(self.vol_a, MONDAY_9 + timedelta(days=2), hours=1)
        # the next week is free again
        self._assign(self.vol_a, MONDAY_9 + timedelta(days=7), hours=3)

    def test_inactive_volunteer_refused_and_nothing_written(self):
        self.vol_b.ruralsw_volunteer_state = "paused"
        with self.assertRaisesMessage(ValidationError, "Vol B is not active"):
            self._assign(self.vol_b, MONDAY_9)
        self.assertFalse(
            self.env["ruralsw.volunteer.assignment"].search(
                [("volunteer_id", "=", self.vol_b.id)]
            )
        )

    def test_event_attendees(self):
        event = self.env["calendar.event"].create(
            {
                "name": "Rice distribution",
                "start": MONDAY_9,
                "stop": MONDAY_9 + timedelta(hours=2),
                "ruralsw_area_id": self.v1.id,
            }
        )
        assignment = self.Assignment.create(
            {"volunteer_id": self.vol_b.id, "event_id": event.id}
        )
        self.assertEqual(assignment.date_start, event.start)
        self.assertEqual(assignment.hours_planned, 2)
        self.assertIn(self.vol_b, event.partner_ids)
        self.assertEqual(assignment.township_id, self.t1)

    def test_hours_and_history(self):
        assignment = self._assign(self.vol_a, MONDAY_9)
        assignment.action_done()
        self.assertEqual(assignment.hours_logged, 2)
        second = self._assign(self.vol_a, MONDAY_9 + timedelta(days=1))
        second.hours_logged = 1.5
        second.action_done()
        self.assertEqual(self.vol_a.ruralsw_hours_logged, 3.5)
        self.assertEqual(self.vol_a.ruralsw_assignment_count, 2)
        action = self.vol_a.action_ruralsw_view_assignments()
        self.assertEqual(
            self.env["ruralsw.volunteer.assignment"].search(action["domain"]),
            assignment | second,
        )

    def test_suggestions_rank_and_assign(self):
        wizard = Form(
            self.env["ruralsw.volunteer.suggest"]
            .with_user(self.coordinator)
            .with_context(default_task_ids=[Command.set(self.task.ids)])
        )
        wizard.date_start = MONDAY_9
        wizard.hours = 2
        wizard = wizard.save()
        wizard.action_suggest()
        ranked = wizard.line_ids.sorted("rank").mapped("volunteer_id")
        # Vol A: skill + dialect + home village; Vol B: no dialect; far one last
        self.assertEqual(ranked[:2], self.vol_a | self.vol_b)
        self.assertEqual(ranked[0], self.vol_a)
        self.assertEqual(wizard.line_ids.filtered("selected").volunteer_id, self.vol_a)
        wizard.action_assign()
        self.assertEqual(self.task.ruralsw_assignment_ids.volunteer_id, self.vol_a)

    def test_bulk_suggestions_for_a_week(self):
        tasks = self.task | self.task.copy({"name": "Visit 2"})
        tasks.ruralsw_skill_ids = self.care
        for task in tasks:
            task.ruralsw_case_id = self.case1
        wizard = (
            self.env["ruralsw.volunteer.suggest"]
            .with_user(self.coordinator)
            .create(
                {
                    "task_ids": [Command.set(tasks.ids)],
                    "date_start": MONDAY_9,
                    "hours": 2,
                }
            )
        )
        wizard.action_suggest()
        chosen = wizard.line_ids.filtered("selected")
        self.assertEqual(len(chosen), 2)
        wizard.action_assign()
        self.assertEqual(len(tasks.ruralsw_assignment_ids), 2)
