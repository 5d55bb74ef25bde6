# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT, TransactionCase

from .common import birth_years_ago, setup_bridge_data


class TestSignals(TransactionCase):
    """Each rule fires with its values; a person accepts or dismisses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        setup_bridge_data(cls)
        Partner = cls.env["res.partner"]
        cls.now = fields.Datetime.now()

        def household(name, village, **member):
            home = Partner.create(
                {"name": name, "is_household": True, "village_id": village.id}
            )
            person = Partner.create(
                {
                    "name": name[0] + "某",
                    "is_beneficiary": True,
                    "village_id": village.id,
                    "household_id": home.id,
                    "household_role": "head",
                    **member,
                }
            )
            return home, person

        cls.seller_home, cls.seller = household(
            "罗家", cls.village_a, birth_date=birth_years_ago(50)
        )
        cls.patient_home, cls.patient = household(
            "岩家", cls.village_b, birth_date=birth_years_ago(45)
        )
        cls.steady_home, cls.steady = household(
            "杨家", cls.village_a, birth_date=birth_years_ago(40)
        )
        cls.alone_home, cls.alone = household(
            "段家", cls.village_a, birth_date=birth_years_ago(66), is_elderly_alone=True
        )
        cls.old_home, cls.old = household(
            "李家", cls.village_b, birth_date=birth_years_ago(82)
        )
        cls.visited_home, cls.visited = household(
            "王家", cls.village_b, birth_date=birth_years_ago(85)
        )
        cls.env["ruralsw.case"].create(
            {
                "beneficiary_id": cls.visited.id,
                "user_id": cls.worker_b.id,
                "intake_date": cls.now - timedelta(days=20),
            }
        )
        Order = cls.env["ruralsw.order"]

        def orders(home, person, category, direction, amounts_days):
            Order.create(
                [
                    {
                        "platform_id": cls.platform.id,
                        "company_id": cls.env.company.id,
                        "order_ref": f"{home.id}-{category}-{n}",
                        "buyer_key": f"buyer-{home.id}",
                        "village_id": home.village_id.id,
                        "category": category,
                        "direction": direction,
                        "amount": amount,
                        "ordered_at": cls.now - timedelta(days=days),
                        "beneficiary_id": person.id,
                        "household_id": home.id,
                    }
                    for n, (amount, days) in enumerate(amounts_days)
                ]
            )

        # produce sales 4-5 months ago 1,000, last 3 months 300: -70 %
        orders(
            cls.seller_home,
            cls.seller,
            "produce",
            "sale",
            [(600, 150), (400, 120), (300, 30)],
        )
        # steady sales: no signal
        orders(cls.steady_home, cls.steady, "produce", "sale", [(500, 150), (450, 40)])
        # a wheelchair and medicine within 3 months: 2,300
        orders(cls.patient_home, cls.patient, "assistive", "purchase", [(1800, 50)])
        orders(cls.patient_home, cls.patient, "medical", "purchase", [(500, 10)])
        cls.Rule = cls.env["ruralsw.signal.rule"]
        cls.Signal = cls.env["ruralsw.signal"]

    def _signals(self, home):
        return self.Signal.search([("household_id", "=", home.id)])

    def test_every_rule_fires_with_its_values(self):
        self.Rule._ruralsw_run_all(batch_size=2)
        drop = self._signals(self.seller_home)
        self.assertEqual(drop.rule_type, "income_drop")
        self.assertEqual(drop.values["previous_income"], 1000.0)
        self.assertEqual(drop.values["recent_income"], 300.0)
        self.assertEqual(drop.values["drop_percent"], 70.0)
        self.assertEqual(drop.beneficiary_id, self.seller)
        self.assertEqual(drop.area_id, self.village_a)
        self.assertIn("1000.00", drop.explanation)
        medical = self._signals(self.patient_home)
        self.assertEqual(medical.rule_type, "medical_purchases")
        self.assertEqual(
            (medical.values["total"], medical.values["count"]), (2300.0, 2)
        )
        self.assertIn("2300.00", medical.explanation)
        alone = self._signals(self.alone_home)
        self.assertEqual(alone.rule_type, "invisible_household")
        self.assertTrue(alone.values["elderly_alone"])
        old = self._signals(self.old_home)
        self.assertEqual(old.values["oldest_age"], 82)
        self.assertIn("82", old.explanation)
        self.assertFalse(self._signals(self.steady_home), "steady income, no signal")
        self.assertFalse(
            self._signals(self.visited_home), "visited recently, no signal"
        )
        self.assertEqual(set((drop | medical | alone | old).mapped("state")), {"new"})
        self.assertFalse(
            (drop | medical | alone | old).lead_id, "nothing opened automatically"
        )

    def test_a_second_run_raises_nothing_twice(self):
        self.Rule._ruralsw_run_all()
        count = self.Signal.search_count([])
        self.assertEqual(self.Rule._ruralsw_run_all(), 0)
        self.assertEqual(self.Signal.search_count([]), count)

    def test_cron_reports_progress_batch_by_batch(self):
        households = self.env["res.partner"].search_count([("is_household", "=", True)])
        with patch.object(type(self.env["ir.cron"]), "_notify_progress") as progress:
            self.Rule._cron_run_signals(batch_size=3)
        kwargs = progress.call_args.kwargs
        self.assertEqual(kwargs["done"], 3)
        self.assertEqual(kwargs["remaining"], households - 3)

    def test_accept_opens_an_intake_record(self):
        self.Rule._ruralsw_run_all()
        signal = self._signals(self.seller_home).with_user(self.worker_a)
        action = signal.action_accept()
        lead = signal.lead_id
        self.assertEqual(action["res_id"], lead.id)
        self.assertEqual(signal.state, "accepted")
        self.assertEqual(signal.decided_by_id, self.worker_a)
        self.assertTrue(lead.ruralsw_intake)
        self.assertEqual(lead.ruralsw_beneficiary_id, self.seller)
        self.assertEqual(lead.ruralsw_village_id, self.village_a)
        self.assertEqual(lead.user_id, self.worker_a)
        self.assertEqual(lead.ruralsw_need_category, "livelihood")
        with self.assertRaises(UserError):
            signal.action_accept()

    def test_dismiss_needs_a_reason(self):
        self.Rule._ruralsw_run_all()
        signal = self._signals(self.alone_home).with_user(self.worker_a)
        action = signal.action_dismiss()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.worker_a)
            .with_context(**action["context"])
        )
        wizard.reason = "上周已入户探访，身体尚好"
        wizard.save().action_confirm()
        self.assertEqual(signal.state, "dismissed")
        self.assertEqual(signal.dismiss_reason, "上周已入户探访，身体尚好")
        other = self._signals(self.old_home).with_user(self.worker_b)
        with self.assertRaises(UserError):
            other._ruralsw_dismiss("  ")

    def test_signals_by_area(self):
        self.Rule._ruralsw_run_all()
        mine = self.Signal.with_user(self.worker_a).search([])
        self.assertEqual(set(mine.area_id.ids), {self.village_a.id})
        with self.assertRaises(AccessError):
            self._signals(self.patient_home).with_user(self.worker_a).read(["state"])
        with self.assertRaises(AccessError):
            self.Signal.with_user(self.observer).search([])

    def test_rule_parameters_are_checked(self):
        rule = self.env.ref("ruralsw_ecommerce_bridge.signal_rule_income_drop")
        with self.assertRaises(ValidationError):
            rule.ratio = 1.5
        with self.assertRaises(ValidationError):
            rule.months = 0
        rule.with_user(self.manager).threshold = 10  # not used by this rule type
        lowered = self.env.ref("ruralsw_ecommerce_bridge.signal_rule_medical_purchases")
        lowered.threshold = 5000
        self.Rule._ruralsw_run_all()
        self.assertFalse(self._signals(self.patient_home))
