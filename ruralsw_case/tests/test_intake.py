# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import RuralswCaseCommon


class TestIntake(RuralswCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.intake_team = cls.env.ref("ruralsw_case.crm_team_ruralsw_intake")
        cls.Lead = cls.env["crm.lead"].with_user(cls.worker_a)

    def _lead(self, **vals):
        values = {
            "name": "Application for a wheelchair",
            "type": "lead",
            "team_id": self.intake_team.id,
            "contact_name": "Zhao Si",
            "phone": "13900001111",
            "ruralsw_channel": "volunteer_proxy",
            "ruralsw_village_id": self.village_a.id,
            "ruralsw_need_category": "equipment",
            "ruralsw_proxy_name": "Volunteer Wei",
            "ruralsw_proxy_relation": "volunteer",
            "priority": "3",
            "description": "<p>Cannot walk to the market.</p>",
        }
        values.update(vals)
        return self.Lead.create(values)

    def _counts(self):
        return (
            self.env["ruralsw.case"].search_count([]),
            self.env["res.partner"].with_context(active_test=False).search_count([]),
        )

    def test_open_case_registers_the_person(self):
        lead = self._lead()
        self.assertTrue(lead.ruralsw_intake)
        cases, partners = self._counts()
        action = lead.action_ruralsw_open_case()
        self.assertEqual(self._counts(), (cases + 1, partners + 1))
        case = self.env["ruralsw.case"].browse(action["res_id"])
        self.assertEqual(action["res_model"], "ruralsw.case")
        self.assertEqual(lead.ruralsw_case_ids, case)
        self.assertEqual(lead.ruralsw_case_count, 1)

        person = case.beneficiary_id
        self.assertEqual(person.name, "Zhao Si")
        self.assertTrue(person.is_beneficiary)
        self.assertTrue(person.needs_proxy)
        self.assertEqual(person.village_id, self.village_a)
        self.assertEqual(person.private_phone, "13900001111")
        self.assertEqual(lead.ruralsw_beneficiary_id, person)

        self.assertEqual(case.channel, "volunteer_proxy")
        self.assertEqual(case.area_id, self.village_a)
        self.assertEqual(case.intake_date, lead.create_date.replace(microsecond=0))
        self.assertEqual(case.priority, "2")
        self.assertEqual(case.lead_id, lead)
        self.assertEqual(case.user_id, self.worker_a)
        self.assertEqual(case.need_ids.category, "equipment")
        self.assertIn("Cannot walk", case.description)
        self.assertEqual(case.phase, "intake")

        self.assertTrue(lead.stage_id.is_won)
        self.assertEqual(lead.probability, 100)

    def test_first_contact_in_the_intake_second(self):
        """A call-back in the same second as the online application is valid."""
        lead = self._lead()
        created = datetime(2026, 3, 2, 9, 30, 15, 700000)
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s WHERE id = %s", (created, lead.id)
        )
        lead.invalidate_recordset(["create_date"])
        case = self.env["ruralsw.case"].browse(
            lead.action_ruralsw_open_case()["res_id"]
        )
        with freeze_time(created):
            case.with_user(self.worker_a).action_record_first_contact()
        self.assertEqual(case.first_contact_date, created.replace(microsecond=0))
        self.assertEqual(case.response_hours, 0)

    def test_open_case_links_the_known_beneficiary(self):
        lead = self._lead(
            ruralsw_beneficiary_id=self.beneficiary_a.id,
            ruralsw_village_id=False,
            ruralsw_channel="phone",
            priority="1",
        )
        lead._onchange_ruralsw_beneficiary_id()
        self.assertEqual(lead.ruralsw_village_id, self.village_a)
        cases, partners = self._counts()
        action = lead.action_ruralsw_open_case()
        self.assertEqual(self._counts(), (cases + 1, partners))
        case = self.env["ruralsw.case"].browse(action["res_id"])
        self.assertEqual(case.beneficiary_id, self.beneficiary_a)
        self.assertEqual(case.channel, "phone")
        self.assertEqual(case.priority, "0")

    def test_open_case_needs_village(self):
        lead = self._lead(ruralsw_village_id=False)
        counts = self._counts()
        with self.assertRaises(UserError) as error:
            lead.action_ruralsw_open_case()
        self.assertIn("Village", str(error.exception))
        self.assertEqual(self._counts(), counts)
        self.assertFalse(lead.ruralsw_case_ids)
        self.assertFalse(lead.stage_id.is_won)

    def test_open_case_needs_a_name(self):
        lead = self._lead(contact_name=False, partner_name=False)
        counts = self._counts()
        with self.assertRaises(UserError) as error:
            lead.action_ruralsw_open_case()
        self.assertIn("Contact Name", str(error.exception))
        self.assertEqual(self._counts(), counts)

    def test_open_case_twice_refused(self):
        lead = self._lead()
        lead.action_ruralsw_open_case()
        counts = self._counts()
        with self.assertRaises(UserError) as error:
            lead.action_ruralsw_open_case()
        self.assertIn("already open", str(error.exception))
        self.assertIn(lead.name, str(error.exception))
        self.assertEqual(self._counts(), counts)
        self.assertEqual(len(lead.ruralsw_case_ids), 1)

    def test_only_intake_leads(self):
        sales_team = self.env["crm.team"].create({"name": "Produce Sales"})
        lead = self.env["crm.lead"].create(
            {
                "name": "Buy kiwis",
                "team_id": sales_team.id,
                "contact_name": "Buyer",
                "ruralsw_village_id": self.village_a.id,
            }
        )
        self.assertFalse(lead.ruralsw_intake)
        counts = self._counts()
        with self.assertRaises(UserError) as error:
            lead.action_ruralsw_open_case()
        self.assertIn("intake desk", str(error.exception))
        self.assertEqual(self._counts(), counts)

    def test_intake_leads_by_area(self):
        lead_b = (
            self.env["crm.lead"]
            .with_user(self.worker_b)
            .create(
                {
                    "name": "Application in B",
                    "team_id": self.intake_team.id,
                    "contact_name": "Someone in B",
                    "ruralsw_village_id": self.village_b.id,
                }
            )
        )
        lead_a = self._lead(user_id=self.worker_b.id)
        self.assertEqual(lead_b.user_id, self.worker_b)
        found = self.Lead.search([("id", "in", (lead_a | lead_b).ids)])
        self.assertEqual(found, lead_a)

    def test_unassigned_applications_stay_in_their_area(self):
        """CRM shows unassigned leads to every salesperson; an intake
        application (names, phones) must stay with the workers of its area."""
        lead_a = self._lead(user_id=False)
        self.assertFalse(lead_a.user_id)
        salesperson = new_test_user(
            self.env, login="salesperson", groups="sales_team.group_sale_salesman"
        )
        ordinary = self.env["crm.lead"].create(
            {"name": "Tractor sale", "user_id": False}
        )
        for user in (self.worker_b, salesperson):
            visible = (
                self.env["crm.lead"]
                .with_user(user)
                .search([("id", "in", (lead_a | ordinary).ids)])
            )
            self.assertEqual(visible, ordinary, user.login)
            with self.assertRaises(AccessError):
                lead_a.with_user(user).read(["contact_name", "phone"])
        self.assertEqual(
            self.Lead.search([("id", "=", lead_a.id)]), lead_a.with_user(self.worker_a)
        )
