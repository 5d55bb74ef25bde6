# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SATISFACTION = [
    ("1", "1 - Very dissatisfied"),
    ("2", "2 - Dissatisfied"),
    ("3", "3 - Neutral"),
    ("4", "4 - Satisfied"),
    ("5", "5 - Very satisfied"),
]


class RuralswEvaluation(models.Model):
    """Outcome evaluation (成效评估): household income before and after,
    the beneficiary's satisfaction and how far the plan's goals were met."""

    _name = "ruralsw.evaluation"
    _description = "Outcome Evaluation"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    case_id = fields.Many2one(
        "ruralsw.case",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    area_id = fields.Many2one(related="case_id.area_id", store=True, index=True)
    beneficiary_id = fields.Many2one(related="case_id.beneficiary_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one(
        "res.users", string="Evaluated By", default=lambda self: self.env.user
    )
    income_before = fields.Monetary(
        string="Monthly Household Income Before", currency_field="currency_id"
    )
    income_after = fields.Monetary(
        string="Monthly Household Income After", currency_field="currency_id"
    )
    income_change = fields.Monetary(
        compute="_compute_income_change", store=True, currency_field="currency_id"
    )
    satisfaction = fields.Selection(SATISFACTION, required=True)
    goal_count = fields.Integer(compute="_compute_goal_attainment", store=True)
    goal_attainment_rate = fields.Float(
        string="Goals Attained (%)",
        compute="_compute_goal_attainment",
        store=True,
        aggregator="avg",
        help="Share of the approved plan's goals scored at the expected outcome "
        "or better on the Goal Attainment Scale.",
    )
    notes = fields.Text()

    @api.depends("case_id.name", "date")
    def _compute_display_name(self):
        for evaluation in self:
            evaluation.display_name = self.env._(
                "Evaluation of %(case)s on %(date)s",
                case=evaluation.case_id.name or "",
                date=evaluation.date or "",
            )

    @api.depends("income_before", "income_after")
    def _compute_income_change(self):
        for evaluation in self:
            evaluation.income_change = (
                evaluation.income_after - evaluation.income_before
            )

    @api.depends("case_id.approved_plan_id.goal_ids.attainment")
    def _compute_goal_attainment(self):
        for evaluation in self:
            goals = evaluation.case_id.approved_plan_id.goal_ids.filtered("attainment")
            evaluation.goal_count = len(goals)
            attained = goals.filtered(lambda g: int(g.attainment) >= 0)
            evaluation.goal_attainment_rate = (
                100.0 * len(attained) / len(goals) if goals else 0.0
            )

    @api.constrains("income_before", "income_after")
    def _check_income(self):
        for evaluation in self:
            if evaluation.income_before < 0 or evaluation.income_after < 0:
                raise ValidationError(
                    self.env._("Monthly household income cannot be negative.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        evaluations = super().create(vals_list)
        for case in evaluations.case_id:
            if case.phase not in ("intervention", "evaluation"):
                raise UserError(
                    self.env._(
                        "%(case)s can be evaluated once interventions have started.",
                        case=case.name,
                    )
                )
        return evaluations
