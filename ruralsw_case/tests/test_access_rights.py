# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import Command
from odoo.exceptions import AccessError

from .common import RuralswCaseCommon


class TestAccessRights(RuralswCaseCommon):
    """One test per role: what each person sees and changes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cases = cls.case_a | cls.case_b
        cls.beneficiaries = cls.beneficiary_a | cls.beneficiary_a2 | cls.beneficiary_b
        cls.consents = cls.consent_a | cls.consent_b

    def _search(self, user, records):
        return (
            self.env[records._name].with_user(user).search([("id", "in", records.ids)])
        )

    def _assert_no_access(self, user, *records):
        for record in records:
            with (
                self.subTest(user=user.login, record=record),
                self.assertRaises(AccessError),
            ):
                record.with_user(user).read(["display_name"])

    def _new_village_a2(self):
        return self.env["ruralsw.area"].create(
            {
                "name": "Village A2",
                "code": "532301100002",
                "level": "village",
                "parent_id": self.township_a.id,
            }
        )

    def test_social_worker(self):
        worker = self.worker_a
        case = self.case_a.with_user(worker)
        self.assertEqual(case.beneficiary_id, self.beneficiary_a)
        case.write({"description": "<p>Visited at home.</p>"})
        self.assertIn("Visited", case.description)
        person = self.beneficiary_a.with_user(worker)
        # social workers handle personal data; the UI masks it
        self.assertEqual(person.id_number, self.id_number_a)
        person.write({"has_smartphone": True})
        self.assertTrue(self.beneficiary_a.has_smartphone)
        consent = self.consent_a.with_user(worker)
        self.assertEqual(consent.state, "valid")
        consent.write({"notes": "Signed at home."})

        self.assertEqual(self._search(worker, self.cases), self.case_a)
        self.assertEqual(
            self._search(worker, self.beneficiaries),
            self.beneficiary_a | self.beneficiary_a2,
        )
        self.assertEqual(self._search(worker, self.consents), self.consent_a)
        self._assert_no_access(worker, self.case_b, self.beneficiary_b, self.consent_b)
        with self.assertRaises(AccessError):
            self.case_b.with_user(worker).write({"description": "<p>x</p>"})
        with self.assertRaises(AccessError):
            self.beneficiary_b.with_user(worker).write({"has_smartphone": True})
        with self.assertRaises(AccessError):
            self.case_a.with_user(worker).unlink()
        with self.assertRaises(AccessError):
            self._new_village_a2().with_user(worker).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.env["ruralsw.area"].with_user(worker).create(
                {"name": "New", "code": "532301100003", "parent_id": self.township_a.id}
            )
        # the worker registers beneficiaries and opens cases in the area
        new_person = (
            self.env["res.partner"]
            .with_user(worker)
            .create(
                {
                    "name": "New Neighbour",
                    "is_beneficiary": True,
                    "village_id": self.village_a.id,
                }
            )
        )
        new_case = self._create_case(new_person, worker)
        self.assertIn(new_case, self._search(worker, new_case))

    def test_social_worker_sees_the_cases_they_handle(self):
        self.case_b.with_user(self.supervisor).write({"user_id": self.worker_a.id})
        self.assertEqual(self._search(self.worker_a, self.cases), self.cases)
        self.assertIn(
            self.beneficiary_b, self._search(self.worker_a, self.beneficiaries)
        )
        # the consent of B's area stays out of reach
        self._assert_no_access(self.worker_a, self.consent_b)

    def test_area_assignment_change_applies(self):
        # a case of township A that Worker A does not handle
        other_a = self._create_case(self.beneficiary_a2, self.manager)
        cases = self.cases | other_a
        self.assertEqual(self._search(self.worker_a, cases), self.case_a | other_a)
        self.worker_a.write({"ruralsw_area_ids": [Command.link(self.township_b.id)]})
        self.assertEqual(self._search(self.worker_a, cases), cases)
        self.worker_a.write({"ruralsw_area_ids": [Command.set(self.township_b.ids)]})
        # the case Worker A handles stays visible, the area's other does not
        self.assertEqual(self._search(self.worker_a, cases), self.case_a | self.case_b)
        self._assert_no_access(self.worker_a, other_a)

    def test_supervisor(self):
        supervisor = self.supervisor
        self.assertEqual(self._search(supervisor, self.cases), self.cases)
        self.assertEqual(
            self._search(supervisor, self.beneficiaries), self.beneficiaries
        )
        self.assertEqual(self._search(supervisor, self.consents), self.consents)
        self.case_b.with_user(supervisor).write({"priority": "1"})
        with self.assertRaises(AccessError):
            self.env["ruralsw.area"].with_user(supervisor).create(
                {"name": "New", "code": "532301100003", "parent_id": self.township_a.id}
            )

    def test_manager(self):
        manager = self.manager
        elsewhere = self._create_beneficiary("Elsewhere", village=self.village_b)
        # a case nobody of the areas handles
        orphan = self._create_case(elsewhere, self.manager)
        cases = self.cases | orphan
        self.assertEqual(self._search(manager, cases), cases)
        self.assertEqual(
            self._search(manager, self.beneficiaries | elsewhere),
            self.beneficiaries | elsewhere,
        )
        self.assertEqual(self._search(manager, self.consents), self.consents)
        # configures areas, stations and stages
        area = (
            self.env["ruralsw.area"]
            .with_user(manager)
            .create(
                {
                    "name": "Village A3",
                    "code": "532301100003",
                    "parent_id": self.township_a.id,
                }
            )
        )
        self.assertEqual(area.township_id, self.township_a)
        area.with_user(manager).write({"latitude": 25.1, "longitude": 103.2})
        station = (
            self.env["ruralsw.station"]
            .with_user(manager)
            .create({"name": "Station A3", "area_id": area.id})
        )
        self.assertEqual((station.latitude, station.longitude), (25.1, 103.2))
        self.stage_plan.with_user(manager).write({"name": "Service Plan"})
        orphan.with_user(manager).unlink()
        self.assertFalse(orphan.exists())

    def test_privacy_officer(self):
        officer = self.privacy_officer
        self.assertEqual(self._search(officer, self.cases), self.cases)
        self.assertEqual(self._search(officer, self.beneficiaries), self.beneficiaries)
        self.assertEqual(self._search(officer, self.consents), self.consents)
        self.assertEqual(
            self.beneficiary_b.with_user(officer).id_number,
            self.beneficiary_b.id_number,
        )
        self.env["ruralsw.access.log"].with_user(officer).search([])
        with self.assertRaises(AccessError):
            self.case_a.with_user(officer).write({"description": "<p>x</p>"})
        with self.assertRaises(AccessError):
            self.env["ruralsw.case"].with_user(officer).create(
                {"beneficiary_id": self.beneficiary_a2.id}
            )
        with self.assertRaises(AccessError):
            self.case_a.assessment_ids.with_user(officer).create(
                {"case_id": self.case_a.id}
            )

    def test_observer(self):
        for user in (self.observer, self.internal_user):
            with self.subTest(user=user.login):
                for model in ("ruralsw.case", "ruralsw.consent", "ruralsw.assessment"):
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).search([])
                self._assert_no_access(
                    user, self.case_a, self.beneficiary_a, self.consent_a
                )
                self.assertFalse(self._search(user, self.beneficiaries))
                with self.assertRaises(AccessError):
                    self.case_a.with_user(user).write({"priority": "2"})
        # areas are public reference data
        self.assertIn(
            self.village_a,
            self.env["ruralsw.area"].with_user(self.observer).search([]),
        )

    def test_multi_company(self):
        company_2 = self.env["res.company"].create({"name": "Second Organisation"})
        person_2 = self._create_beneficiary("Person of Org 2", company_id=company_2.id)
        case_2 = (
            self.env["ruralsw.case"]
            .with_company(company_2)
            .create({"beneficiary_id": person_2.id, "user_id": self.worker_a.id})
            .with_env(self.env)
        )
        self.assertEqual(case_2.company_id, company_2)
        self.assertEqual(case_2.area_id, self.village_a)

        for user in (self.manager, self.worker_a, self.privacy_officer):
            with self.subTest(user=user.login):
                self.assertFalse(self._search(user, case_2))
                self.assertFalse(self._search(user, person_2))
                self._assert_no_access(user, case_2)

        # a manager of both organisations sees it when both are selected
        self.manager.write({"company_ids": [Command.link(company_2.id)]})
        both = (
            self.env["ruralsw.case"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=[self.company.id, company_2.id])
        )
        self.assertEqual(both.search([("id", "=", case_2.id)]), case_2)
        only_first = both.with_context(allowed_company_ids=[self.company.id])
        self.assertFalse(only_first.search([("id", "=", case_2.id)]))

    def test_area_rules_use_child_of(self):
        village_a2 = self._new_village_a2()
        person = self._create_beneficiary("Newcomer", village=village_a2)
        # handled by someone else: only the area gives access
        case = self._create_case(person, self.manager)
        self.assertIn(case, self._search(self.worker_a, case))
        self.assertIn(person, self._search(self.worker_a, person))
        self.assertIn(case, self._search(self.supervisor, case))
        self.assertFalse(self._search(self.worker_b, case))
        # a worker assigned to a single village does not see its neighbour
        self.worker_b.write({"ruralsw_area_ids": [Command.set(self.village_a.ids)]})
        self.assertFalse(self._search(self.worker_b, case))
        self.assertIn(self.case_a, self._search(self.worker_b, self.cases))
