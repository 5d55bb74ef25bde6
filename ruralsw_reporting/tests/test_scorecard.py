# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import base64
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import GROUP_WORKER, RuralswReportingCommon


@tagged("post_install", "-at_install")
class TestScorecard(RuralswReportingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = cls.env.ref("ruralsw_resource.analytic_plan_funds")
        accounts = cls.env["account.analytic.account"].create(
            [
                {
                    "name": f"Fund {source}",
                    "plan_id": plan.id,
                    "ruralsw_fund_source": source,
                }
                for source in ("government", "social_capital", "profit_feedback")
            ]
        )
        fname = cls.env["account.analytic.line"]._ruralsw_fund_fname()
        cls.env["account.analytic.line"].create(
            [
                {
                    "name": "In",
                    "amount": amount,
                    fname: account.id,
                    "date": date(2020, 1, 10),
                }
                for amount, account in zip((300, 500, 100), accounts, strict=True)
            ]
        )
        cls._rebuild()
        cls.Assessment = cls.env["ruralsw.pto.assessment"].with_user(cls.manager)
        cls.assessment = cls.Assessment.create(
            {
                "name": "Last month against M",
                "area_id": cls.county.id,
                "date_from": cls.month_next,
                "date_to": cls.month_next + relativedelta(months=1, days=-1),
                "baseline_date_from": cls.month,
                "baseline_date_to": cls.month_next - relativedelta(days=1),
            }
        )

    def _line(self, assessment, code):
        return assessment.line_ids.filtered(lambda x: x.indicator == code)

    def test_default_indicators_and_targets(self):
        lines = self.assessment.line_ids
        self.assertEqual(len(lines), 10)
        self.assertEqual(
            set(lines.mapped("dimension")), {"policy", "technology", "organisation"}
        )
        self.assertEqual(self._line(self.assessment, "t_response_change").target, -30.0)
        self.assertEqual(self._line(self.assessment, "o_certified").target, 80.0)
        self.assertEqual(set(lines.mapped("light")), {"none"})

    def test_measured_indicators(self):
        self.assessment.action_compute()
        response = self._line(self.assessment, "t_response_change")
        # county mean response: M (5+10+20+30+40+200)/6 h, M+1 5 h (c7)
        baseline = 305 / 6
        self.assertAlmostEqual(
            response.value, 100 * (5 - baseline) / baseline, places=3
        )
        self.assertEqual((response.has_value, response.light), (True, "green"))
        satisfaction = self._line(self.assessment, "t_satisfaction_change")
        # M: b1 scored 3; M+1: 5, 4, 4, 2, 3 -> 3.6, +20 %
        self.assertAlmostEqual(satisfaction.value, 20.0, places=3)
        self.assertEqual(satisfaction.light, "green")
        coverage = self._line(self.assessment, "t_coverage")
        self.assertAlmostEqual(coverage.value, 100.0, places=3)
        self.assertEqual(coverage.light, "green")
        certified = self._line(self.assessment, "o_certified")
        self.assertAlmostEqual(
            certified.value,
            self.env["ruralsw.certification"]._ruralsw_certified_share(
                self.company, self.assessment.date_to
            )
            or 0.0,
        )

    def test_fund_mix(self):
        # 300 / 500 / 100: 33.3 / 55.6 / 11.1 %, profit feedback 8.9 points short
        drift = self.assessment._ruralsw_fund_mix(date(2020, 1, 1), date(2020, 1, 31))
        self.assertAlmostEqual(drift, 20 - 100 / 9, places=3)
        self.assertIsNone(
            self.assessment._ruralsw_fund_mix(date(2019, 1, 1), date(2019, 1, 31))
        )

    def test_certified_share_in_a_company_of_its_own(self):
        company = self.env["res.company"].create({"name": "Other Org R"})
        users = [
            new_test_user(
                self.env,
                login=f"rrp_cert_{i}",
                groups=GROUP_WORKER,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
                ruralsw_area_ids=[Command.set(self.ta.ids)],
            )
            for i in range(4)
        ]
        Certification = self.env["ruralsw.certification"]
        on = date(2026, 6, 30)
        Certification.create(
            [
                {
                    "user_id": users[0].id,
                    "company_id": company.id,
                    "date": date(2026, 1, 1),
                },
                # expired before the date
                {
                    "user_id": users[1].id,
                    "company_id": company.id,
                    "date": date(2025, 1, 1),
                    "valid_until": date(2026, 1, 1),
                },
                # another kind of certificate
                {
                    "user_id": users[2].id,
                    "company_id": company.id,
                    "date": date(2026, 1, 1),
                    "certification_type": "digital_literacy",
                },
                # after the date
                {
                    "user_id": users[3].id,
                    "company_id": company.id,
                    "date": date(2026, 7, 1),
                },
            ]
        )
        self.assertAlmostEqual(
            Certification._ruralsw_certified_share(company, on), 25.0
        )
        with self.assertRaisesRegex(ValidationError, "Valid Until"):
            Certification.create(
                {
                    "user_id": users[0].id,
                    "company_id": company.id,
                    "date": date(2026, 1, 1),
                    "valid_until": date(2025, 1, 1),
                }
            )

    def test_baseline_without_data(self):
        assessment = self.Assessment.create(
            {
                "name": "Empty baseline",
                "area_id": self.county.id,
                "date_from": self.month_next,
                "date_to": self.month_next + relativedelta(months=1, days=-1),
                "baseline_date_from": date(2015, 1, 1),
                "baseline_date_to": date(2015, 12, 31),
            }
        )
        with self.assertRaisesRegex(
            UserError, "Baseline of Empty baseline .* has no data"
        ):
            assessment.action_compute()

    def test_future_period(self):
        start = self.today + relativedelta(months=2)
        assessment = self.Assessment.create(
            {
                "name": "Next year",
                "date_from": start,
                "date_to": start + relativedelta(months=1),
                "baseline_date_from": self.month,
                "baseline_date_to": self.month_next,
            }
        )
        with self.assertRaisesRegex(
            UserError, "Period of Next year starts on .* in the future"
        ):
            assessment.action_compute()
        with self.assertRaisesRegex(ValidationError, "Period To"):
            self.Assessment.create(
                {
                    "name": "Backwards",
                    "date_from": self.month_next,
                    "date_to": self.month,
                    "baseline_date_from": self.month,
                    "baseline_date_to": self.month_next,
                }
            )

    def test_entered_indicator_needs_evidence(self):
        line = self._line(self.assessment, "p_special_fund")
        with self.assertRaisesRegex(ValidationError, "Evidence: .*entered by hand"):
            line.write({"value": 1.0, "has_value": True})
        line.write(
            {
                "value": 1.0,
                "has_value": True,
                "evidence_text": "County fund decision 2026/12",
            }
        )
        self.assertEqual(line.light, "green")
        budget = self._line(self.assessment, "p_digital_budget")
        attachment = self.env["ir.attachment"].create(
            {"name": "budget.pdf", "datas": base64.b64encode(b"%PDF-1.4 budget")}
        )
        budget.write(
            {
                "value": 25.0,
                "has_value": True,
                "attachment_ids": [Command.set(attachment.ids)],
            }
        )
        # 25 against at least 30, 10 % margin = 3 points: red
        self.assertEqual(budget.light, "red")
        budget.value = 28.0
        self.assertEqual(budget.light, "amber")

    def test_confirm_requires_evidence_for_every_entered_indicator(self):
        with self.assertRaisesRegex(
            ValidationError, "Evidence: give a text or an attachment"
        ):
            self.assessment.action_confirm()
        for line in self.assessment.line_ids.filtered(lambda x: x.kind == "entered"):
            line.write({"value": 1.0, "has_value": True, "evidence_text": "Minutes"})
        self.assessment.action_confirm()
        self.assertEqual(self.assessment.state, "done")

    def test_compare_periods(self):
        self.assessment.action_compute()
        later = self.Assessment.create(
            {
                "name": "Again",
                "area_id": self.county.id,
                "date_from": self.month_next,
                "date_to": self.month_next + relativedelta(months=1, days=-1),
                "baseline_date_from": self.month,
                "baseline_date_to": self.month_next - relativedelta(days=1),
                "previous_id": self.assessment.id,
            }
        )
        later.action_compute()
        response = self._line(later, "t_response_change")
        self.assertAlmostEqual(
            response.previous_value,
            self._line(self.assessment, "t_response_change").value,
        )
        self.assertEqual(response.previous_light, "green")

    def test_access(self):
        self.assertTrue(
            self.env["ruralsw.pto.assessment"]
            .with_user(self.observer)
            .search([("id", "=", self.assessment.id)])
        )
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.observer).write({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.env["ruralsw.certification"].with_user(self.observer).search([])
