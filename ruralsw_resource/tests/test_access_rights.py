# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every role against every model of the addon (ACLs and record rules)."""

from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RuralswResourceCommon

MODELS = [
    "ruralsw.aid.request",
    "ruralsw.aid.request.line",
    "ruralsw.incident",
    "ruralsw.road.distance",
    "ruralsw.volunteer.assignment",
    "ruralsw.volunteer.skill",
    "ruralsw.fund.pool",
    "ruralsw.donation",
    "ruralsw.aid.allocation",
]
# role -> models it may read (create rights are tested below)
READ = {
    "worker": {
        "ruralsw.aid.request",
        "ruralsw.aid.request.line",
        "ruralsw.incident",
        "ruralsw.road.distance",
        "ruralsw.volunteer.assignment",
        "ruralsw.volunteer.skill",
    },
    "dispatcher": {
        "ruralsw.aid.request",
        "ruralsw.aid.request.line",
        "ruralsw.incident",
        "ruralsw.road.distance",
        "ruralsw.volunteer.skill",
        "ruralsw.aid.allocation",
    },
    "coordinator": {
        "ruralsw.road.distance",
        "ruralsw.volunteer.assignment",
        "ruralsw.volunteer.skill",
    },
    "finance": {
        "ruralsw.road.distance",
        "ruralsw.volunteer.skill",
        "ruralsw.fund.pool",
        "ruralsw.donation",
    },
    "manager": set(MODELS),
    "observer": {"ruralsw.road.distance", "ruralsw.volunteer.skill"},
}


@tagged("post_install", "-at_install")
class TestAccessRights(RuralswResourceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request_t1 = cls._request([(cls.rice, 1, cls.h1)])
        cls.request_t2 = cls._request([(cls.rice, 1, cls.h3)])
        cls.volunteer = cls.env["res.partner"].create(
            {
                "name": "Vol",
                "ruralsw_is_volunteer": True,
                "ruralsw_volunteer_state": "active",
            }
        )
        cls.task = cls.env["project.task"]._ruralsw_create_field_visits(
            [
                {
                    "case": cls.case1,
                    "name": "Visit",
                    "user": cls.worker,
                    "deadline": datetime(2026, 12, 7).date(),
                }
            ]
        )
        start = datetime(2026, 12, 7, 1)
        cls.assignment = cls.env["ruralsw.volunteer.assignment"].create(
            {
                "volunteer_id": cls.volunteer.id,
                "task_id": cls.task.id,
                "date_start": start,
                "date_stop": start + timedelta(hours=2),
            }
        )

    def test_read_access_per_role(self):
        for role, allowed in READ.items():
            user = getattr(self, role)
            for model in MODELS:
                with self.subTest(role=role, model=model):
                    Model = self.env[model].with_user(user)
                    if model in allowed:
                        self.assertTrue(Model.has_access("read"))
                    else:
                        self.assertFalse(Model.has_access("read"))
                        with self.assertRaises(AccessError):
                            Model.search([])

    def test_worker_sees_requests_of_their_area_only(self):
        Request = self.env["ruralsw.aid.request"]
        self.assertIn(self.request_t1, Request.with_user(self.worker).search([]))
        self.assertNotIn(self.request_t2, Request.with_user(self.worker).search([]))
        self.assertIn(self.request_t2, Request.with_user(self.worker2).search([]))
        self.assertNotIn(self.request_t1, Request.with_user(self.worker2).search([]))
        with self.assertRaises(AccessError):
            self.request_t2.with_user(self.worker).read(["name"])
        # the dispatcher and the manager see them all
        for user in (self.dispatcher, self.manager):
            self.assertEqual(
                Request.with_user(user).search(
                    [("id", "in", (self.request_t1 | self.request_t2).ids)]
                ),
                self.request_t1 | self.request_t2,
            )

    def test_worker_requests_aid_for_their_case(self):
        request = (
            self.env["ruralsw.aid.request"]
            .with_user(self.worker)
            .create_from_case(self.case1, [(self.rice, 1)])
        )
        request.action_submit()
        self.assertEqual(request.state, "approved")
        with self.assertRaises(AccessError):
            self.env["ruralsw.incident"].with_user(self.worker).create({"name": "X"})
        with self.assertRaises(AccessError):
            request.with_user(self.worker).action_allocate()

    def test_dispatcher_allocates_but_cannot_read_cases_or_donations(self):
        preview = self._preview(self.request_t1, self.dispatcher)
        preview.action_confirm()
        self.assertEqual(self.request_t1.state, "allocated")
        with self.assertRaises(AccessError):
            self.case1.with_user(self.dispatcher).read(["name"])
        with self.assertRaises(AccessError):
            self.h1.with_user(self.dispatcher).read(["name"])

    def test_assignments_by_role(self):
        Assignment = self.env["ruralsw.volunteer.assignment"]
        self.assertEqual(Assignment.with_user(self.worker).search([]), self.assignment)
        self.assertFalse(Assignment.with_user(self.worker2).search([]))
        with self.assertRaises(AccessError):
            self.assignment.with_user(self.worker).write({"hours_logged": 1})
        self.assignment.with_user(self.coordinator).write({"hours_logged": 1})
        self.assertEqual(self.assignment.hours_logged, 1)

    def test_finance_and_manager_on_donations(self):
        donor = self.env["res.partner"].create({"name": "Donor"})
        donation = (
            self.env["ruralsw.donation"]
            .with_user(self.finance)
            .create({"donor_id": donor.id, "amount": 10})
        )
        # organisation managers hold the three resource roles
        donation.with_user(self.manager).write({"amount": 20})
        self.assertEqual(donation.amount, 20)
        for user in (self.dispatcher, self.worker, self.coordinator, self.observer):
            with self.assertRaises(AccessError):
                donation.with_user(user).read(["name"])

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "Other org"})
        foreign = self.env["ruralsw.aid.request"].create(
            {
                "company_id": other.id,
                "line_ids": [
                    Command.create(
                        {
                            "product_id": self.rice.id,
                            "quantity": 1,
                            "area_id": self.v1.id,
                        }
                    )
                ],
            }
        )
        self.assertFalse(
            self.env["ruralsw.aid.request"]
            .with_user(self.dispatcher)
            .search([("id", "=", foreign.id)])
        )
