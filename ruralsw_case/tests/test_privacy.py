# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError

from .common import RuralswCaseCommon


class TestMaskingAndReveal(RuralswCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.id_number_x = cls._make_id_number_ending_in_x(region="520121")
        cls.person = cls._create_beneficiary(
            "Masked Person",
            id_number=cls.id_number_x,
            private_phone="13812345678",
            health_notes="Heart condition",
        )

    def _logs(self, partner=None):
        return (
            self.env["ruralsw.access.log"]
            .sudo()
            .search([("partner_id", "=", (partner or self.person).id)])
        )

    def _reveal(self, user, field_name, partner=None):
        return (
            (partner or self.person)
            .with_user(user)
            .with_context(ruralsw_reveal_field=field_name)
            .action_ruralsw_reveal()
        )

    def test_masked_values(self):
        self.assertEqual(self.id_number_x[-4:], "123X")
        for user in (
            self.worker_a,
            self.supervisor,
            self.manager,
            self.privacy_officer,
        ):
            with self.subTest(user=user.login):
                person = self.person.with_user(user)
                self.assertEqual(person.id_number_masked, "5201**********123X")
                self.assertEqual(person.private_phone_masked, "138****5678")
                self.assertNotIn("Heart", person.health_notes_masked)
        data = self.person.with_user(self.worker_a).read(
            ["id_number_masked", "private_phone_masked"]
        )[0]
        self.assertNotIn(self.id_number_x, str(data))
        self.assertNotIn("13812345678", str(data))

    def test_clear_values_hidden_from_outsiders(self):
        for user in (self.internal_user, self.observer):
            with self.subTest(user=user.login):
                person = self.person.with_user(user)
                for field_name in ("id_number", "private_phone", "health_notes"):
                    with self.assertRaises(AccessError):
                        person.read([field_name])
                # nor do they see beneficiaries at all
                with self.assertRaises(AccessError):
                    person.read(["name"])
                with self.assertRaises(AccessError):
                    person.read(["id_number_masked"])
                self.assertFalse(
                    self.env["res.partner"]
                    .with_user(user)
                    .search(
                        [
                            (
                                "id",
                                "in",
                                (
                                    self.person
                                    | self.beneficiary_a
                                    | self.beneficiary_b
                                ).ids,
                            )
                        ]
                    )
                )
                self.assertFalse(
                    self.env["res.partner"]
                    .with_user(user)
                    .search([("is_beneficiary", "=", True)])
                )
                # the field itself is closed to them, whatever the record
                contact = self.company.partner_id.with_user(user)
                with self.assertRaises(AccessError):
                    contact.read(["id_number"])
                self.assertEqual(contact.read(["name"])[0]["name"], self.company.name)
                # ordinary contacts stay visible
                self.assertTrue(
                    self.env["res.partner"]
                    .with_user(user)
                    .search([("id", "=", self.company.partner_id.id)])
                )
                with self.assertRaises(AccessError):
                    self._reveal(user, "id_number")
        self.assertFalse(self._logs())

    def test_reveal_by_social_worker(self):
        action = self._reveal(self.worker_a, "id_number")
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(action["params"]["message"], self.id_number_x)
        self.assertIn("Resident ID Number", action["params"]["title"])
        self.assertIn("Masked Person", action["params"]["title"])
        log = self._logs()
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.worker_a)
        self.assertEqual(log.field_name, "id_number")
        self.assertEqual(log.company_id, self.company)
        self.assertTrue(log.create_date)
        self.assertEqual(log.create_date, self.env.cr.now())

        action = self._reveal(self.worker_a, "private_phone")
        self.assertEqual(action["params"]["message"], "13812345678")
        self.assertEqual(len(self._logs()), 2)

        # the social worker can neither read nor change nor delete the log
        own_log = log.with_user(self.worker_a)
        with self.assertRaises(AccessError):
            own_log.read(["field_name"])
        with self.assertRaises(AccessError):
            self.env["ruralsw.access.log"].with_user(self.worker_a).search([])
        with self.assertRaises(UserError):
            own_log.write({"field_name": "health_notes"})
        with self.assertRaises(AccessError):
            own_log.unlink()
        with self.assertRaises(AccessError):
            self.env["ruralsw.access.log"].with_user(self.worker_a).create(
                {
                    "user_id": self.worker_b.id,
                    "partner_id": self.person.id,
                    "field_name": "id_number",
                }
            )
        # nobody may: it is an audit trail
        with self.assertRaises(UserError):
            log.sudo().unlink()
        self.assertEqual(len(self._logs()), 2)
        self.assertEqual(log.field_name, "id_number")

        # the privacy officer reads it
        logs = (
            self.env["ruralsw.access.log"]
            .with_user(self.privacy_officer)
            .search([("partner_id", "=", self.person.id)])
        )
        self.assertEqual(len(logs), 2)
        self.assertEqual(logs.user_id, self.worker_a)
        self.assertEqual(set(logs.mapped("field_name")), {"id_number", "private_phone"})
        with self.assertRaises(AccessError):
            logs.with_user(self.privacy_officer).unlink()

    def test_reveal_by_privacy_officer(self):
        action = self._reveal(self.privacy_officer, "health_notes")
        self.assertEqual(action["params"]["message"], "Heart condition")
        self.assertEqual(self._logs().user_id, self.privacy_officer)

    def test_reveal_refused(self):
        for field_name in ("name", "vat", False):
            with self.subTest(field=field_name), self.assertRaises(UserError) as error:
                self._reveal(self.worker_a, field_name)
            self.assertIn("cannot be revealed", str(error.exception))
        # a social worker of another area does not see the person
        with self.assertRaises(AccessError):
            self._reveal(self.worker_b, "id_number")
        self.assertFalse(self._logs())


class TestAnonymisation(RuralswCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Case = cls.env["ruralsw.case"]
        cls.old_person = cls._create_beneficiary(
            "Old Client",
            id_number=cls._make_id_number(date(1944, 8, 17), 17),
            private_phone="13700001111",
            health_notes="Asthma",
            has_disability=True,
            is_low_income=True,
        )
        cls.recent_person = cls._create_beneficiary(
            "Recent Client", village=cls.village_b, private_phone="13700002222"
        )
        cls.shared_person = cls._create_beneficiary(
            "Returning Client", id_number=cls._make_id_number(date(1960, 1, 2), 19)
        )
        for person in (cls.old_person, cls.recent_person, cls.shared_person):
            cls._give_consent(person)
        long_ago = fields.Datetime.now() - relativedelta(years=6)
        cls.old_case = cls._closed_case(cls.old_person, cls.worker_a, long_ago)
        cls.recent_case = cls._closed_case(
            cls.recent_person, cls.worker_b, fields.Datetime.now() - timedelta(days=30)
        )
        cls.shared_old_case = cls._closed_case(
            cls.shared_person, cls.worker_a, long_ago + timedelta(days=1)
        )
        cls.shared_open_case = cls._create_case(cls.shared_person, cls.worker_a)
        cls.old_case.message_post(body="Private conversation about debts")
        cls.old_person.message_post(body="Called his daughter")
        cls.counts = cls._counts()
        cls.Case = Case

    @classmethod
    def _closed_case(cls, person, user, closed_date):
        case = cls._create_case(
            person,
            user,
            description="<p>Lives with his sick wife.</p>",
            need_ids=[
                Command.create({"category": "medical", "description": "Medicine"})
            ],
        )
        cls._advance_to(case, "closed")
        case.closure_note = "Goals met."
        # the closing date is set by the ORM: move it into the past
        case.write({"closed_date": closed_date})
        return case

    @classmethod
    def _counts(cls):
        env = cls.env
        return {
            model: env[model].with_context(active_test=False).search_count([])
            for model in (
                "ruralsw.case",
                "ruralsw.case.need",
                "ruralsw.assessment",
                "ruralsw.case.plan",
                "ruralsw.case.goal",
                "ruralsw.intervention",
                "ruralsw.evaluation",
                "res.partner",
            )
        }

    def _messages(self, record):
        return self.env["mail.message"].search(
            [("model", "=", record._name), ("res_id", "=", record.id)]
        )

    def test_anonymise_expired_closed_cases(self):
        old_case = self.old_case
        risk_level = old_case.risk_level
        score = old_case.vulnerability_score
        self.assertTrue(self._messages(old_case))
        self.assertTrue(self._messages(self.old_person))

        done = self.Case._cron_anonymise_closed_cases()
        self.assertEqual(done, 2)
        self.assertEqual(self._counts(), self.counts)

        # the case keeps its figures, loses its words
        self.assertTrue(old_case.anonymised)
        self.assertFalse(old_case.description)
        self.assertFalse(old_case.closure_note)
        self.assertFalse(old_case.need_ids.description)
        self.assertEqual(old_case.need_ids.category, "medical")
        self.assertFalse(old_case.assessment_ids.notes)
        self.assertFalse(old_case.evaluation_ids.notes)
        self.assertFalse(old_case.plan_ids.goal_ids.description)
        self.assertEqual(old_case.phase, "closed")
        self.assertEqual(old_case.closure_reason, "goals_achieved")
        self.assertEqual(old_case.risk_level, risk_level)
        self.assertEqual(old_case.vulnerability_score, score)
        self.assertEqual(old_case.satisfaction, "4")
        self.assertEqual(old_case.area_id, self.village_a)
        self.assertFalse(self._messages(old_case))

        # the person is no longer identifiable; statistics survive
        person = self.old_person
        self.assertTrue(person.anonymised)
        self.assertNotEqual(person.name, "Old Client")
        self.assertFalse(person.id_number)
        self.assertFalse(person.private_phone)
        self.assertFalse(person.health_notes)
        self.assertEqual(person.birth_date, date(1944, 1, 1))
        self.assertEqual(person.gender, "male")
        self.assertEqual(person.village_id, self.village_a)
        self.assertTrue(person.has_disability)
        self.assertTrue(person.is_low_income)
        self.assertTrue(person.is_beneficiary)
        self.assertFalse(self._messages(person))
        self.assertFalse(person.ruralsw_consent_ids.notes)
        self.assertEqual(len(person.ruralsw_consent_ids), 1)

        # recently closed: untouched
        self.assertFalse(self.recent_case.anonymised)
        self.assertEqual(self.recent_case.closure_note, "Goals met.")
        self.assertIn("sick wife", self.recent_case.description)
        self.assertEqual(self.recent_person.name, "Recent Client")
        self.assertEqual(self.recent_person.private_phone, "13700002222")

        # expired case of a person who came back: the case is anonymised,
        # the person who still has an open case is not
        self.assertTrue(self.shared_old_case.anonymised)
        self.assertFalse(self.shared_old_case.description)
        self.assertFalse(self.shared_person.anonymised)
        self.assertEqual(self.shared_person.name, "Returning Client")
        self.assertTrue(self.shared_person.id_number)
        self.assertFalse(self.shared_open_case.anonymised)

        # open cases untouched
        self.assertFalse(self.case_a.anonymised)
        self.assertEqual(self.beneficiary_a.name, "Wang Youfu")

        # nothing left to do
        self.assertEqual(self.Case._cron_anonymise_closed_cases(), 0)

    def test_retention_setting(self):
        self.company.ruralsw_retention_years = 10
        self.assertEqual(self.Case._cron_anonymise_closed_cases(), 0)
        self.assertFalse(self.old_case.anonymised)
        self.company.ruralsw_retention_years = 1
        self.recent_case.write(
            {"closed_date": fields.Datetime.now() - relativedelta(years=1, days=1)}
        )
        self.assertEqual(self.Case._cron_anonymise_closed_cases(), 3)
        self.assertTrue(self.recent_case.anonymised)
        self.assertTrue(self.recent_person.anonymised)

    def test_batch_size(self):
        done = self.Case._cron_anonymise_closed_cases(batch_size=1)
        self.assertEqual(done, 1)
        # the oldest first
        self.assertTrue(self.old_case.anonymised)
        self.assertFalse(self.shared_old_case.anonymised)
        self.assertEqual(self.Case._cron_anonymise_closed_cases(batch_size=1), 1)
        self.assertTrue(self.shared_old_case.anonymised)
        self.assertEqual(self.Case._cron_anonymise_closed_cases(batch_size=1), 0)
