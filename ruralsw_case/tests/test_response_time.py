# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common import RuralswCaseCommon

INTAKE = datetime(2025, 3, 3, 8, 0, 0)


class TestResponseTime(RuralswCaseCommon):
    def _case(self, intake=INTAKE, priority="0", user=None, beneficiary=None, **vals):
        return self._create_case(
            beneficiary or self.beneficiary_a2,
            user or self.worker_a,
            intake_date=intake,
            priority=priority,
            **vals,
        )

    def test_deadline_per_priority(self):
        self.assertEqual(self.company.ruralsw_response_hours_urgent, 24)
        self.assertEqual(self.company.ruralsw_response_hours_high, 72)
        self.assertEqual(self.company.ruralsw_response_hours_normal, 168)
        for priority, hours in (("2", 24), ("1", 72), ("0", 168)):
            with self.subTest(priority=priority):
                case = self._case(priority=priority)
                self.assertEqual(
                    case.response_deadline, INTAKE + timedelta(hours=hours)
                )
        # raising the priority moves the deadline
        case = self._case(priority="0")
        case.with_user(self.worker_a).priority = "2"
        self.assertEqual(case.response_deadline, INTAKE + timedelta(hours=24))

    def test_changed_settings_apply_to_new_cases(self):
        before = self._case(priority="2")
        self.assertEqual(before.response_deadline, INTAKE + timedelta(hours=24))
        settings = self.env["res.config.settings"].create(
            {"ruralsw_response_hours_urgent": 12, "ruralsw_response_hours_normal": 120}
        )
        settings.execute()
        self.assertEqual(self.company.ruralsw_response_hours_urgent, 12)
        urgent = self._case(priority="2")
        normal = self._case(priority="0")
        high = self._case(priority="1")
        self.assertEqual(urgent.response_deadline, INTAKE + timedelta(hours=12))
        self.assertEqual(normal.response_deadline, INTAKE + timedelta(hours=120))
        self.assertEqual(high.response_deadline, INTAKE + timedelta(hours=72))
        # the deadline promised to an existing case does not change
        self.assertEqual(before.response_deadline, INTAKE + timedelta(hours=24))

    def test_settings_must_be_positive(self):
        for field_name, message in (
            ("ruralsw_response_hours_high", "positive hours"),
            ("ruralsw_retention_years", "at least one year"),
        ):
            with self.subTest(field=field_name):
                with self.assertRaises(ValidationError) as error:
                    self.company.write({field_name: 0})
                self.assertIn(message, str(error.exception))
                self.company.invalidate_recordset()
                self.assertGreater(self.company[field_name], 0)

    def test_record_first_contact(self):
        case = self._case(priority="1")
        self.assertFalse(case.response_hours)
        with freeze_time(INTAKE + timedelta(hours=30)):
            case.with_user(self.worker_a).action_record_first_contact()
        self.assertEqual(case.first_contact_date, INTAKE + timedelta(hours=30))
        self.assertEqual(case.response_hours, 30.0)
        self.assertFalse(case.is_response_late)
        with self.assertRaises(UserError) as error:
            case.with_user(self.worker_a).action_record_first_contact()
        self.assertIn("already recorded", str(error.exception))
        self.assertEqual(case.first_contact_date, INTAKE + timedelta(hours=30))

    def test_response_late(self):
        on_the_deadline = self._case(
            priority="2", first_contact_date=INTAKE + timedelta(hours=24)
        )
        late = self._case(priority="2", first_contact_date=INTAKE + timedelta(hours=25))
        self.assertFalse(on_the_deadline.is_response_late)
        self.assertEqual(on_the_deadline.response_hours, 24.0)
        self.assertTrue(late.is_response_late)
        self.assertEqual(late.response_hours, 25.0)
        Case = self.env["ruralsw.case"]
        cases = on_the_deadline | late
        self.assertEqual(
            Case.search([("id", "in", cases.ids), ("is_response_late", "=", True)]),
            late,
        )

    def test_first_contact_not_before_intake(self):
        case = self._case()
        for when, fragment in (
            (INTAKE - timedelta(hours=1), "before the intake"),
            (fields.Datetime.now() + timedelta(days=2), "future"),
        ):
            with self.subTest(when=when):
                with self.assertRaises(ValidationError) as error:
                    case.with_user(self.worker_a).first_contact_date = when
                self.assertIn("First Contact", str(error.exception))
                self.assertIn(case.name, str(error.exception))
                self.assertIn(fragment, str(error.exception))
                case.invalidate_recordset()
                self.assertFalse(case.first_contact_date)
        count = self.env["ruralsw.case"].search_count([])
        with self.assertRaises(ValidationError):
            self._case(first_contact_date=INTAKE - timedelta(minutes=1))
        self.assertEqual(self.env["ruralsw.case"].search_count([]), count)

    def test_overdue_compute_and_search_agree(self):
        Case = self.env["ruralsw.case"]
        normal = self._case(priority="0")
        urgent = self._case(priority="2")
        contacted = self._case(
            priority="2", first_contact_date=INTAKE + timedelta(hours=30)
        )
        cases = normal | urgent | contacted
        moments = (
            (INTAKE + timedelta(hours=23), Case),
            # exactly at the deadline is still on time
            (INTAKE + timedelta(hours=24), Case),
            (INTAKE + timedelta(hours=24, seconds=1), urgent),
            (INTAKE + timedelta(hours=168, seconds=1), normal | urgent),
        )
        for moment, expected in moments:
            with self.subTest(moment=moment), freeze_time(moment):
                cases.invalidate_recordset(["is_overdue"])
                computed = cases.filtered("is_overdue")
                self.assertEqual(computed, expected)
                self.assertEqual(
                    Case.search([("id", "in", cases.ids), ("is_overdue", "=", True)]),
                    expected,
                )
                self.assertEqual(
                    Case.search([("id", "in", cases.ids), ("is_overdue", "=", False)]),
                    cases - expected,
                )
                self.assertEqual(
                    Case.search([("id", "in", cases.ids), ("is_overdue", "!=", True)]),
                    cases - expected,
                )
        with self.assertRaises(UserError):
            Case.search([("is_overdue", ">", 0)])

    def test_overdue_of_closed_case(self):
        case = self._advance_to(
            self._case(priority="2", beneficiary=self.beneficiary_a), "closed"
        )
        # no first contact ever recorded, deadline long past: closed wins
        case.write({"first_contact_date": False})
        case.invalidate_recordset(["is_overdue"])
        self.assertFalse(case.is_overdue)
        self.assertFalse(
            self.env["ruralsw.case"].search(
                [("id", "=", case.id), ("is_overdue", "=", True)]
            )
        )

    def test_cron_notifies_supervisor_once(self):
        Activity = self.env["mail.activity"]
        activity_type = self.env.ref("ruralsw_case.mail_activity_type_ruralsw_overdue")
        long_ago = fields.Datetime.now() - timedelta(days=30)
        late_a = self._case(intake=long_ago)
        late_b = self._case(
            intake=long_ago, user=self.worker_b, beneficiary=self.beneficiary_b
        )
        # a case handled by someone without a supervisor alerts that person
        late_manager = self._case(intake=long_ago, user=self.manager)
        on_time = self._case(intake=fields.Datetime.now())

        def activities(case):
            return Activity.search(
                [("res_model", "=", "ruralsw.case"), ("res_id", "=", case.id)]
            )

        self.env["ruralsw.case"]._cron_notify_overdue()
        for case, recipient in (
            (late_a, self.supervisor),
            (late_b, self.supervisor),
            (late_manager, self.manager),
        ):
            with self.subTest(case=case.name):
                activity = activities(case)
                self.assertEqual(len(activity), 1)
                self.assertEqual(activity.user_id, recipient)
                self.assertEqual(activity.activity_type_id, activity_type)
                self.assertTrue(case.overdue_notified)
        self.assertFalse(activities(on_time))
        self.assertFalse(on_time.overdue_notified)

        total = Activity.search_count([("res_model", "=", "ruralsw.case")])
        self.env["ruralsw.case"]._cron_notify_overdue()
        self.assertEqual(
            Activity.search_count([("res_model", "=", "ruralsw.case")]), total
        )
        self.assertEqual(len(activities(late_a)), 1)

    def test_cron_batch(self):
        long_ago = fields.Datetime.now() - timedelta(days=300)
        cases = self.env["ruralsw.case"].concat(
            *(self._case(intake=long_ago + timedelta(hours=n)) for n in range(3))
        )
        self.env["ruralsw.case"]._cron_notify_overdue(batch_size=2)
        # the oldest deadlines first, two of them
        self.assertEqual(cases.mapped("overdue_notified"), [True, True, False])
        self.env["ruralsw.case"]._cron_notify_overdue(batch_size=2)
        self.assertTrue(all(cases.mapped("overdue_notified")))
