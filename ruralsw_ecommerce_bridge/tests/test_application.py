# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import timedelta

import psycopg2

from odoo import SUPERUSER_ID, api, fields, sql_db
from odoo.exceptions import UserError

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT, TransactionCase
from odoo.addons.ruralsw_case.services import id_number as id_number_service

from ..services.errors import BridgeError
from .common import (
    VILLAGE_B_CODE,
    applicant,
    create_application,
    setup_bridge_data,
)


class TestApplication(TransactionCase):
    """An application becomes an intake record with its beneficiary,
    consents, assigned social worker and offline follow-up task."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        setup_bridge_data(cls)
        cls.Lead = cls.env["crm.lead"].with_user(cls.platform_user)

    def _apply(self, platform=None, **overrides):
        return create_application(self.env, platform or self.platform, **overrides)

    def test_application_creates_person_consents_assignment_and_task(self):
        before = fields.Datetime.now().replace(microsecond=0)
        lead = self._apply()
        self.assertTrue(lead.ruralsw_reference.startswith("SQ"))
        self.assertEqual(lead.ruralsw_platform_id, self.platform)
        self.assertEqual(lead.ruralsw_external_id, "EXT-1")
        self.assertEqual(lead.ruralsw_village_id, self.village_a)
        self.assertEqual(lead.ruralsw_channel, "volunteer_proxy")
        self.assertEqual(lead.ruralsw_need_category, "equipment")
        self.assertTrue(lead.ruralsw_intake, "on the intake desk")
        self.assertFalse(
            lead.ruralsw_unverified, "a signed platform request is verified"
        )
        self.assertEqual(lead.ruralsw_item_ids.mapped("sku"), ["RSW-WHEELCHAIR"])
        self.assertEqual(lead.ruralsw_item_ids.product_id, self.wheelchair)
        # a woman born in 1948: high priority, 72 h first-response deadline
        self.assertEqual(lead.priority, "2")
        person = lead.ruralsw_beneficiary_id
        self.assertEqual(person.name, "罗秀英")
        self.assertEqual(person.village_id, self.village_a)
        self.assertTrue(person.needs_proxy)
        self.assertEqual(str(person.birth_date), "1948-05-02")
        consents = person.ruralsw_consent_ids
        self.assertEqual(
            sorted(consents.mapped("purpose")), ["case_management", "platform_sharing"]
        )
        self.assertEqual(set(consents.mapped("given_by")), {"proxy"})
        self.assertEqual(set(consents.mapped("proxy_name")), {"杨建国"})
        self.assertEqual(set(consents.mapped("proxy_relation")), {"relative"})
        self.assertEqual(set(consents.mapped("method")), {"online"})
        self.assertEqual(set(consents.mapped("state")), {"valid"})
        # worker_a2 serves only the village, worker_a the township: both
        # have no case; the lower id wins the tie, the supervisor never
        self.assertIn(lead.user_id, self.worker_a | self.worker_a2)
        self.assertNotEqual(lead.user_id, self.platform_user)
        task = lead.ruralsw_follow_up_task_id
        self.assertEqual(task.ruralsw_lead_id, lead)
        self.assertEqual(task.user_ids, lead.user_id)
        self.assertEqual(task.project_id.ruralsw_township_id, self.township_a)
        self.assertEqual(task.date_deadline, lead.ruralsw_follow_up_due)
        self.assertAlmostEqual(
            lead.ruralsw_follow_up_due,
            before + timedelta(hours=72),
            delta=timedelta(minutes=5),
        )
        link = self.env["ruralsw.platform.buyer"].search(
            [("buyer_key", "=", "buyer-luo")]
        )
        self.assertEqual(link.beneficiary_id, person)
        self.assertEqual(lead._ruralsw_status(), "assigned")
        receipt = lead._ruralsw_receipt()
        self.assertEqual(receipt["reference"], lead.ruralsw_reference)
        self.assertTrue(receipt["follow_up_due"].endswith("Z"))

    def test_lowest_open_caseload_gets_the_application(self):
        first = self._apply(external_id="E1")
        second = self._apply(
            external_id="E2",
            applicant=applicant("岩温", "13711112222"),
        )
        # the first application counts in the caseload: the other worker
        self.assertEqual(first.user_id | second.user_id, self.worker_a | self.worker_a2)
        self.env["ruralsw.case"].create(
            [
                {
                    "beneficiary_id": second.ruralsw_beneficiary_id.id,
                    "user_id": self.worker_a2.id,
                    "area_id": self.village_a.id,
                }
                for _i in range(3)
            ]
        )
        third = self._apply(
            external_id="E3",
            applicant=applicant("玉香", "13711113333"),
        )
        self.assertEqual(third.user_id, self.worker_a)

    def test_same_external_id_returns_the_first_application(self):
        first = self._apply()
        again = self._apply()
        self.assertEqual(first, again)
        self.assertEqual(
            self.env["crm.lead"].search_count([("ruralsw_external_id", "=", "EXT-1")]),
            1,
        )

    def test_known_person_matched_by_id_number_then_by_name_and_phone(self):
        number = id_number_service.generate(
            "533102", fields.Date.to_date("1950-03-01"), 11
        )
        known = self.env["res.partner"].create(
            {
                "name": "岩保",
                "is_beneficiary": True,
                "village_id": self.village_a.id,
                "id_number": number,
            }
        )
        lead = self._apply(
            external_id="E-ID",
            applicant=applicant("岩保（小名）", "13600001111", id_number=number),
        )
        self.assertEqual(lead.ruralsw_beneficiary_id, known)
        by_phone = self._apply(
            external_id="E-PHONE",
            applicant=applicant("罗秀英", "13812345678"),
        )
        again = self._apply(
            external_id="E-PHONE-2",
            applicant=applicant("罗秀英", "13812345678"),
        )
        self.assertEqual(by_phone.ruralsw_beneficiary_id, again.ruralsw_beneficiary_id)

    def test_village_outside_the_platform_area_is_refused(self):
        with self.assertRaises(BridgeError) as caught:
            self._apply(
                platform=self.platform_a,
                applicant=applicant("A", "13600002222", VILLAGE_B_CODE),
            )
        self.assertEqual(caught.exception.code, "area_not_allowed")
        self.assertEqual(caught.exception.field, "applicant.village_code")
        with self.assertRaises(BridgeError) as caught:
            self._apply(applicant=applicant("A", "13600002222", "533102199999"))
        self.assertEqual(caught.exception.code, "unknown_village")

    def test_unknown_sku_is_refused(self):
        with self.assertRaises(BridgeError) as caught:
            self._apply(
                items=[
                    {"sku": "RSW-WHEELCHAIR", "quantity": 1},
                    {"sku": "PEN", "quantity": 2},
                ]
            )
        self.assertEqual(
            (caught.exception.code, caught.exception.field),
            ("unknown_sku", "items.1.sku"),
        )

    def test_case_mode_opens_the_case_for_the_assigned_worker(self):
        lead = self._apply(platform=self.platform_a)
        case = lead.ruralsw_case_ids
        aid = self.env["ruralsw.aid.request"].search([("case_id", "=", case.id)])
        self.assertEqual(aid.state, "draft")
        self.assertEqual(aid.line_ids.product_id, self.wheelchair)
        self.assertEqual(aid.line_ids.quantity, 1)
        self.assertEqual(aid.line_ids.area_id, self.village_a)
        self.assertEqual(len(case), 1)
        self.assertEqual(case.user_id, lead.user_id)
        self.assertEqual(case.channel, "volunteer_proxy")
        self.assertEqual(case.phase, "intake")
        self.assertEqual(lead.ruralsw_follow_up_task_id.ruralsw_case_id, case)
        self.assertEqual(lead._ruralsw_status(), "assigned")
        case.with_user(case.user_id).action_record_first_contact()
        self.assertEqual(lead._ruralsw_status(), "in_follow_up")

    def test_statuses(self):
        lead = self._apply()
        self.assertEqual(lead._ruralsw_status(), "assigned")
        lead.ruralsw_follow_up_task_id.state = "1_done"
        self.assertEqual(lead._ruralsw_status(), "in_follow_up")
        lead.action_set_lost()
        self.assertEqual(lead._ruralsw_status(), "rejected")
        unassigned = self._apply(
            external_id="E-B",
            applicant=applicant("B", "13600003333", VILLAGE_B_CODE),
        )
        unassigned.user_id = False
        self.assertEqual(unassigned._ruralsw_status(), "received")

    def test_unverified_application_needs_confirmation_before_the_case(self):
        lead = create_application(
            self.env, None, submitted_by=None, options={"unverified": True}
        )
        self.assertTrue(lead.ruralsw_unverified)
        self.assertEqual(lead.ruralsw_channel, "online_platform")
        self.assertEqual(
            lead.ruralsw_beneficiary_id.ruralsw_consent_ids.mapped("given_by"), ["self"]
        )
        worker = lead.user_id
        with self.assertRaises(UserError):
            lead.with_user(worker).action_ruralsw_open_case()
        lead.with_user(worker).action_ruralsw_confirm()
        lead.with_user(worker).action_ruralsw_open_case()
        self.assertEqual(lead.ruralsw_case_ids.user_id, worker)
        self.assertEqual(lead._ruralsw_status(), "assigned")

    def test_platform_user_cannot_be_an_administrator(self):
        from odoo.exceptions import ValidationError  # pylint: disable=import-outside-toplevel

        with self.assertRaises(ValidationError):
            self.platform.user_id = self.env.ref("base.user_admin")
        with self.assertRaises(ValidationError):
            self.platform.user_id = self.worker_a

    def test_concurrent_first_project_of_a_township_fails_to_serialise(self):
        """Two transactions about to create a township's first field-visit
        project: the later one fails to serialise (Odoo runs it again, and
        it then sees the project) instead of hitting the unique index."""
        # two real transactions on the committed (demo) data
        first = sql_db.db_connect(self.env.cr.dbname).cursor()
        second = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            second.execute(
                "SELECT a.id, c.id FROM ruralsw_area a, res_company c "
                "WHERE a.level = 'township' AND NOT EXISTS (SELECT 1 FROM "
                "project_project p WHERE p.ruralsw_township_id = a.id AND "
                "p.company_id = c.id) ORDER BY a.id, c.id LIMIT 1"
            )
            township_id, company_id = second.fetchone()
            for cr in (first, second):
                env = api.Environment(cr, SUPERUSER_ID, {})
                lead = env["crm.lead"]
                args = (
                    env["ruralsw.area"].browse(township_id),
                    env["res.company"].browse(company_id),
                )
                if cr is first:
                    lead._ruralsw_lock_new_project(*args)
                    first.commit()
                else:
                    with self.assertRaises(psycopg2.errors.SerializationFailure):
                        lead._ruralsw_lock_new_project(*args)
        finally:
            second.rollback()
            first.close()
            second.close()
