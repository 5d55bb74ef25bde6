# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import ValidationError

from .common import RuralswCaseCommon

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


class TestBeneficiary(RuralswCaseCommon):
    def _partner_count(self):
        return self.env["res.partner"].with_context(active_test=False).search_count([])

    def test_id_number_check_character(self):
        valid = self._make_id_number(date(1970, 5, 5), 41)
        wrong = valid[:17] + ("0" if valid[17] != "0" else "1")
        count = self._partner_count()
        with self.assertRaises(ValidationError) as error:
            self._create_beneficiary("Bad Check", id_number=wrong)
        message = str(error.exception)
        self.assertIn("Resident ID Number", message)
        self.assertIn("Bad Check", message)
        self.assertIn("check character", message)
        self.assertEqual(self._partner_count(), count)

    def test_id_number_other_errors_name_the_field(self):
        for number, problem in (
            ("53230119700505041", "18 characters"),
            ("991111197005050410", "province code"),
            ("5323011970A5050410", "17 digits"),
        ):
            with self.subTest(number=number), self.assertRaises(ValidationError) as e:
                self._create_beneficiary("Bad Number", id_number=number)
            self.assertIn("Resident ID Number", str(e.exception))
            self.assertIn(problem, str(e.exception))

    def test_id_number_normalised(self):
        number = self._make_id_number_ending_in_x()
        full_width = " " + number[:17].translate(FULL_WIDTH) + "x "
        person = self._create_beneficiary("Full Width", id_number=full_width)
        self.assertEqual(person.id_number, number)
        # a write is normalised too
        person.id_number = number.lower()
        self.assertEqual(person.id_number, number)

    def test_birth_date_and_gender_from_id_number(self):
        man = self._create_beneficiary(
            "Man", id_number=self._make_id_number(date(1948, 2, 29), 13)
        )
        woman = self._create_beneficiary(
            "Woman", id_number=self._make_id_number(date(1991, 12, 31), 14)
        )
        self.assertEqual(man.birth_date, date(1948, 2, 29))
        self.assertEqual(man.gender, "male")
        self.assertEqual(woman.birth_date, date(1991, 12, 31))
        self.assertEqual(woman.gender, "female")

    def test_duplicate_id_number_refused(self):
        count = self._partner_count()
        with self.assertRaises(ValidationError) as error:
            self._create_beneficiary("Twin", id_number=self.id_number_a)
        self.assertIn("already registered", str(error.exception))
        self.assertIn("Resident ID Number", str(error.exception))
        self.assertEqual(self._partner_count(), count)
        # also through a write, even by someone who cannot see the other record
        with self.assertRaises(ValidationError):
            self.beneficiary_b.with_user(self.worker_b).id_number = self.id_number_a
        self.beneficiary_b.invalidate_recordset()
        self.assertNotEqual(self.beneficiary_b.id_number, self.id_number_a)

    def test_duplicate_id_number_in_one_batch_refused(self):
        number = self._make_id_number(date(1977, 7, 7), 51)
        count = self._partner_count()
        with self.assertRaises(ValidationError) as error:
            self.env["res.partner"].create(
                [
                    {
                        "name": name,
                        "is_beneficiary": True,
                        "village_id": self.village_a.id,
                        "id_number": number,
                    }
                    for name in ("First Twin", "Second Twin")
                ]
            )
        self.assertIn("Second Twin", str(error.exception))
        self.assertEqual(self._partner_count(), count)

    def test_same_id_number_in_another_company(self):
        company_2 = self.env["res.company"].create({"name": "Second Organisation"})
        other = self._create_beneficiary(
            "Same Person Elsewhere",
            id_number=self.id_number_a,
            company_id=company_2.id,
        )
        self.assertEqual(other.id_number, self.id_number_a)
        self.assertEqual(other.company_id, company_2)

    def test_company_defaults_for_beneficiaries(self):
        person = self.env["res.partner"].create(
            {
                "name": "No company given",
                "is_beneficiary": True,
                "village_id": self.village_a.id,
            }
        )
        self.assertEqual(person.company_id, self.company)

    def test_age_search(self):
        today = fields.Date.context_today(self.env["res.partner"])
        sixty_today = self._create_beneficiary(
            "Sixty Today", birth_date=today - relativedelta(years=60)
        )
        sixty_tomorrow = self._create_beneficiary(
            "Sixty Tomorrow",
            birth_date=today - relativedelta(years=60) + relativedelta(days=1),
        )
        eighty = self._create_beneficiary(
            "Eighty", birth_date=today - relativedelta(years=80, days=3)
        )
        child = self._create_beneficiary(
            "Child", birth_date=today - relativedelta(years=9)
        )
        people = sixty_today | sixty_tomorrow | eighty | child
        self.assertEqual(sixty_today.age, 60)
        self.assertEqual(sixty_tomorrow.age, 59)
        Partner = self.env["res.partner"]
        self.assertEqual(
            Partner.search([("id", "in", people.ids), ("age", ">=", 60)]),
            sixty_today | eighty,
        )
        self.assertEqual(
            Partner.search([("id", "in", people.ids), ("age", "<", 60)]),
            sixty_tomorrow | child,
        )
        self.assertEqual(
            Partner.search([("id", "in", people.ids), ("age", "=", 60)]), sixty_today
        )

    def test_household(self):
        household = self.env["res.partner"].create(
            {
                "name": "Wang Family",
                "is_household": True,
                "village_id": self.village_a.id,
            }
        )
        self.beneficiary_a.write(
            {"household_id": household.id, "household_role": "head"}
        )
        self.beneficiary_a2.write(
            {"household_id": household.id, "household_role": "spouse"}
        )
        self.assertEqual(household.household_member_count, 2)

        with self.assertRaises(ValidationError) as error:
            self.beneficiary_a2.household_role = "head"
        self.assertIn("Role in Household", str(error.exception))
        self.assertIn("only one head", str(error.exception))
        self.beneficiary_a2.invalidate_recordset()
        self.assertEqual(self.beneficiary_a2.household_role, "spouse")

        count = self._partner_count()
        with self.assertRaises(ValidationError) as error:
            self._create_beneficiary("No Role", household_id=household.id)
        self.assertIn("Role in Household", str(error.exception))
        self.assertIn("No Role", str(error.exception))
        self.assertEqual(self._partner_count(), count)

        with self.assertRaises(ValidationError) as error:
            self.env["res.partner"].create(
                {
                    "name": "Two Heads Family",
                    "is_household": True,
                    "village_id": self.village_a.id,
                    "household_member_ids": [
                        Command.create(
                            {
                                "name": f"Head {n}",
                                "is_beneficiary": True,
                                "village_id": self.village_a.id,
                                "household_role": "head",
                            }
                        )
                        for n in (1, 2)
                    ],
                }
            )
        self.assertIn("only one head", str(error.exception))
        self.assertEqual(self._partner_count(), count)

    def test_village_required(self):
        count = self._partner_count()
        with self.assertRaises(ValidationError) as error:
            self.env["res.partner"].create({"name": "Nowhere", "is_beneficiary": True})
        self.assertIn("Village", str(error.exception))
        self.assertIn("Nowhere", str(error.exception))
        with self.assertRaises(ValidationError):
            self.env["res.partner"].create(
                {"name": "Nowhere Family", "is_household": True}
            )
        self.assertEqual(self._partner_count(), count)
        with self.assertRaises(ValidationError):
            self.beneficiary_a.village_id = False
        # an ordinary contact needs no village
        self.env["res.partner"].create({"name": "Supplier"})

    def test_vulnerability(self):
        self.assertTrue(self.beneficiary_a.is_vulnerable)
        self.assertFalse(self.beneficiary_a2.is_vulnerable)
        self.beneficiary_a2.has_disability = True
        self.assertTrue(self.beneficiary_a2.is_vulnerable)

    def test_two_character_name_search_uses_the_bigrams(self):
        Partner = self.env["res.partner"]
        village = self.beneficiary_a.village_id
        xiuying = Partner.create(
            {"name": "王秀英", "is_beneficiary": True, "village_id": village.id}
        )
        other = Partner.create(
            {"name": "秀王英", "is_beneficiary": True, "village_id": village.id}
        )
        self.assertEqual(xiuying.ruralsw_name_bigrams, " 王秀 秀英 ")
        mine = [("id", "in", (xiuying | other).ids)]
        found = Partner.search([*mine, ("ruralsw_name_search", "ilike", "秀英")])
        self.assertEqual(found, xiuying)
        # one character has no bigram: the plain name search applies
        found = Partner.search([*mine, ("ruralsw_name_search", "ilike", "英")])
        self.assertEqual(found, xiuying | other)
        # ordinary contacts keep no bigrams
        self.assertFalse(Partner.create({"name": "张秀英公司"}).ruralsw_name_bigrams)
