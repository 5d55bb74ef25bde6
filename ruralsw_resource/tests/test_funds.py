# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import RuralswResourceCommon


@tagged("post_install", "-at_install")
class TestFunds(RuralswResourceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env.ref("ruralsw_resource.analytic_plan_funds")
        Account = cls.env["account.analytic.account"]
        cls.fund_gov, cls.fund_social, cls.fund_profit, cls.fund_restricted = (
            Account.create(
                [
                    {
                        "name": "Gov T",
                        "plan_id": cls.plan.id,
                        "ruralsw_fund_source": "government",
                    },
                    {
                        "name": "Social T",
                        "plan_id": cls.plan.id,
                        "ruralsw_fund_source": "social_capital",
                    },
                    {
                        "name": "Profit T",
                        "plan_id": cls.plan.id,
                        "ruralsw_fund_source": "profit_feedback",
                    },
                    {
                        "name": "Winter aid T1",
                        "plan_id": cls.plan.id,
                        "ruralsw_fund_source": "social_capital",
                        "ruralsw_restrict_purpose": "aid",
                        "ruralsw_restrict_area_id": cls.t1.id,
                        "ruralsw_restrict_date_from": date(2026, 11, 1),
                        "ruralsw_restrict_date_to": date(2027, 3, 31),
                    },
                ]
            )
        )
        cls.journal = cls.env["account.journal"].create(
            {"name": "Donations Bank T", "type": "bank", "code": "RDBT"}
        )
        cls.income = cls.env["account.account"].create(
            {
                "name": "Donations received T",
                "code": "RSW7001",
                "account_type": "income",
            }
        )
        cls.expense = cls.env["account.account"].create(
            {"name": "Aid purchases T", "code": "RSW6001", "account_type": "expense"}
        )
        cls.misc = cls.env["account.journal"].create(
            {"name": "Misc T", "type": "general", "code": "RMST"}
        )
        cls.company.write(
            {
                "ruralsw_donation_journal_id": cls.journal.id,
                "ruralsw_donation_account_id": cls.income.id,
            }
        )
        cls.donor = cls.env["res.partner"].create(
            {"name": "Donor Co", "email": "donor@example.com"}
        )
        cls.Donation = cls.env["ruralsw.donation"].with_user(cls.finance)
        cls.fname = cls.plan._column_name()

    def _cash(self, amount, fund):
        donation = self.Donation.create(
            {
                "donor_id": self.donor.id,
                "donation_type": "cash",
                "amount": amount,
                "fund_id": fund.id,
                "date": date(2030, 6, 1),
            }
        )
        donation.action_confirm()
        return donation

    def test_cash_donation_posts_entry_with_fund_distribution(self):
        donation = self._cash(1000, self.fund_gov)
        self.assertEqual(donation.state, "confirmed")
        move = donation.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.journal)
        income_line = move.line_ids.filtered(
            lambda line: line.account_id == self.income
        )
        self.assertEqual(income_line.credit, 1000)
        self.assertEqual(
            income_line.analytic_distribution, {str(self.fund_gov.id): 100}
        )
        analytic = self.env["account.analytic.line"].search(
            [(self.fname, "=", self.fund_gov.id)]
        )
        self.assertEqual(analytic.amount, 1000)
        self.assertEqual(self.fund_gov.balance, 1000)

    def test_fund_pool_composition_and_drift(self):
        pool = (
            self.env["ruralsw.fund.pool"]
            .with_user(self.finance)
            .create(
                {
                    "name": "Pool",
                    "date_from": date(2030, 6, 1),
                    "date_to": date(2030, 6, 30),
                    "tolerance": 5,
                }
            )
        )
        self.assertEqual(
            sorted(pool.line_ids.mapped("target_share")), [20.0, 30.0, 50.0]
        )
        self._cash(300, self.fund_gov)
        self._cash(500, self.fund_social)
        self._cash(200, self.fund_profit)
        pool.invalidate_recordset()
        self.assertEqual(pool.amount_total, 1000)
        self.assertFalse(pool.has_drift)
        shares = {line.source: line.actual_share for line in pool.line_ids}
        self.assertAlmostEqual(shares["government"], 30.0)
        self._cash(500, self.fund_gov)
        pool.invalidate_recordset()
        pool.line_ids.invalidate_recordset()
        self.assertTrue(pool.has_drift)
        self.assertIn("Government Funding is at 53.3", pool.drift_warning)
        gov = pool.line_ids.filtered(lambda line: line.source == "government")
        self.assertTrue(gov.is_drifting)
        with self.assertRaisesMessage(ValidationError, "add up to 110.0"):
            gov.target_share = 40

    def test_restricted_fund_spending(self):
        Line = self.env["account.analytic.line"]
        base = {"name": "Spend", "amount": -100, self.fname: self.fund_restricted.id}
        Line.create(
            {
                **base,
                "date": date(2026, 12, 5),
                "ruralsw_purpose": "aid",
                "ruralsw_area_id": self.v1.id,
            }
        )
        with self.assertRaisesMessage(
            ValidationError, "may only pay for Aid Materials"
        ):
            Line.create(
                {
                    **base,
                    "date": date(2026, 12, 5),
                    "ruralsw_purpose": "staff",
                    "ruralsw_area_id": self.v1.id,
                }
            )
        with self.assertRaisesMessage(ValidationError, "may only be spent in"):
            Line.create(
                {
                    **base,
                    "date": date(2026, 12, 5),
                    "ruralsw_purpose": "aid",
                    "ruralsw_area_id": self.v3.id,
                }
            )
        with self.assertRaisesMessage(ValidationError, "may only be spent from"):
            Line.create(
                {
                    **base,
                    "date": date(2027, 6, 1),
                    "ruralsw_purpose": "aid",
                    "ruralsw_area_id": self.v1.id,
                }
            )
        # an unrestricted fund takes anything
        Line.create({**base, self.fname: self.fund_gov.id, "date": date(2027, 6, 1)})

    def test_restricted_fund_in_a_journal_entry(self):
        def entry(purpose, area):
            return self.env["account.move"].create(
                {
                    "move_type": "entry",
                    "journal_id": self.misc.id,
                    "date": date(2026, 12, 5),
                    "line_ids": [
                        Command.create(
                            {
                                "name": "Quilts",
                                "account_id": self.expense.id,
                                "debit": 80,
                                "ruralsw_purpose": purpose,
                                "ruralsw_area_id": area.id,
                                "analytic_distribution": {
                                    str(self.fund_restricted.id): 100
                                },
                            }
                        ),
                        Command.create(
                            {
                                "name": "Quilts",
                                "account_id": self.income.id,
                                "credit": 80,
                            }
                        ),
                    ],
                }
            )

        good = entry("aid", self.v2)
        good.action_post()
        self.assertEqual(self.fund_restricted.debit, 80)
        bad = entry("delivery", self.v2)
        with self.assertRaisesMessage(ValidationError, "Spending refused"):
            bad.action_post()
        self.assertEqual(bad.state, "draft")

    def test_in_kind_donation_traced_to_households(self):
        blanket = self.env["product.product"].create(
            {
                "name": "Blanket",
                "is_storable": True,
                "tracking": "lot",
                "categ_id": self.env.ref("ruralsw_resource.product_category_aid").id,
            }
        )
        donation = self.Donation.create(
            {
                "donor_id": self.donor.id,
                "donation_type": "in_kind",
                "fund_id": self.fund_social.id,
                "warehouse_id": self.wh_t1.id,
                "line_ids": [
                    Command.create(
                        {"product_id": blanket.id, "quantity": 10, "unit_value": 50}
                    )
                ],
            }
        )
        self.assertEqual(donation.amount, 500)
        donation.action_confirm()
        lot = donation.lot_ids
        self.assertEqual(len(lot), 1)
        self.assertEqual(lot.product_id, blanket)
        receipt = donation.picking_id
        self.assertEqual(receipt.partner_id, self.donor)
        self.assertEqual(receipt.move_line_ids.lot_id, lot)
        receipt.button_validate()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(
            self.env["stock.quant"]._get_available_quantity(
                blanket, self.wh_t1.lot_stock_id, lot_id=lot
            ),
            10,
        )
        # the in-kind gift counts in the fund's inflows at its value
        self.assertEqual(self.fund_social.balance, 500)

        request = self._request([(blanket, 2, self.h1), (blanket, 3, self.h2)])
        preview = self._preview(request)
        action = preview.action_confirm()
        for picking in self.env["stock.picking"].search(action["domain"]):
            picking.move_ids.picked = True
            picking.button_validate()
        impact = donation._ruralsw_impact()
        self.assertEqual(impact["households"], 2)
        self.assertEqual(
            {
                name.split(" / ")[-1]: v["households"]
                for name, v in impact["villages"].items()
            },
            {"V1": 1, "V2": 1},
        )
        self.assertEqual(impact["products"], {"Blanket": 5})
        self.assertEqual(donation.delivered_household_count, 2)
        self.assertEqual(donation.delivered_village_count, 2)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("ruralsw_resource.report_donation_impact", donation.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("V2", html)
        for personal in ("Household 1", "Elder One", "Disabled Two"):
            self.assertNotIn(personal, html)

    def test_in_kind_needs_lot_tracked_goods(self):
        donation = self.Donation.create(
            {
                "donor_id": self.donor.id,
                "donation_type": "in_kind",
                "warehouse_id": self.wh_t1.id,
                "line_ids": [
                    Command.create({"product_id": self.rice.id, "quantity": 1})
                ],
            }
        )
        with self.assertRaisesMessage(UserError, "Rice 10 kg must be tracked by lots"):
            donation.action_confirm()
        self.assertEqual(donation.state, "draft")
        self.assertFalse(donation.picking_id)

    def test_bad_donations(self):
        with self.assertRaisesMessage(ValidationError, "must be positive"):
            self.Donation.create(
                {"donor_id": self.donor.id, "amount": 0, "fund_id": self.fund_gov.id}
            )
        donation = self.Donation.create({"donor_id": self.donor.id, "amount": 5})
        with self.assertRaisesMessage(UserError, "choose the Fund"):
            donation.action_confirm()
        with self.assertRaisesMessage(ValidationError, "Pen is not an aid material"):
            self.Donation.create(
                {
                    "donor_id": self.donor.id,
                    "donation_type": "in_kind",
                    "line_ids": [
                        Command.create({"product_id": self.pen.id, "quantity": 1})
                    ],
                }
            )

    def test_receipt_and_thank_you_templates(self):
        donation = self._cash(100, self.fund_gov)
        receipt = self.env.ref("ruralsw_resource.mail_template_donation_receipt")
        body = receipt._render_field("body_html", donation.ids)[donation.id]
        self.assertIn(donation.name, body)
        self.assertIn("Donor Co", body)
        thanks = self.env.ref("ruralsw_resource.mail_template_donation_thanks")
        subject = thanks._render_field("subject", donation.ids)[donation.id]
        self.assertIn(donation.name, subject)
        self.assertIn(
            "Thank you", thanks._render_field("body_html", donation.ids)[donation.id]
        )
        donation.action_send_receipt()
        self.assertIn(donation.name, donation.message_ids[0].body)
