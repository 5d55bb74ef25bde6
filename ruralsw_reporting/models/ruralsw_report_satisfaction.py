# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models
from odoo.tools import SQL

from .ruralsw_report_mixin import CASE_CHANNEL_SQL, CHANNELS_SQL, LEVELS_SQL

NEED_CATEGORY_ALL = [("all", "All Needs")]


def _need_categories(self):
    return NEED_CATEGORY_ALL + self.env["ruralsw.case.need"]._fields[
        "category"
    ]._description_selection(self.env)


class RuralswReportSatisfaction(models.Model):
    """Satisfaction (满意度) and outcomes of the evaluations of a month:
    mean and distribution of satisfaction, goal attainment and household
    income before and after, per need category of the case."""

    _name = "ruralsw.report.satisfaction"
    _inherit = ["ruralsw.report.mixin"]
    _description = "Satisfaction and Outcome Figures"
    _ruralsw_people_fields = (
        "evaluation_count",
        "satisfied_count",
        "sat_1_count",
        "sat_2_count",
        "sat_3_count",
        "sat_4_count",
        "sat_5_count",
    )
    _ruralsw_source_tables = ("ruralsw_evaluation", "ruralsw_case", "ruralsw_case_need")
    # need categories overlap and leave cases out: "all" is not their sum,
    # so only the channels are totals here

    need_category = fields.Selection(
        selection=_need_categories, default="all", index=True, readonly=True
    )
    evaluation_count = fields.Integer(
        string="Evaluations", aggregator="sum", readonly=True
    )
    satisfaction_sum = fields.Integer(
        string="Satisfaction Points", aggregator="sum", readonly=True
    )
    satisfaction_avg = fields.Float(
        string="Mean Satisfaction (1-5)", aggregator="avg", readonly=True
    )
    satisfied_count = fields.Integer(
        string="Satisfied (4-5)", aggregator="sum", readonly=True
    )
    satisfied_rate = fields.Float(
        string="Satisfied (%)", aggregator="avg", readonly=True
    )
    sat_1_count = fields.Integer(
        string="Very Dissatisfied", aggregator="sum", readonly=True
    )
    sat_2_count = fields.Integer(string="Dissatisfied", aggregator="sum", readonly=True)
    sat_3_count = fields.Integer(string="Neutral", aggregator="sum", readonly=True)
    sat_4_count = fields.Integer(string="Satisfied", aggregator="sum", readonly=True)
    sat_5_count = fields.Integer(
        string="Very Satisfied", aggregator="sum", readonly=True
    )
    goal_attainment_avg = fields.Float(
        string="Goals Attained (%)", aggregator="avg", readonly=True
    )
    income_before_avg = fields.Float(
        string="Mean Monthly Income Before", aggregator="avg", readonly=True
    )
    income_after_avg = fields.Float(
        string="Mean Monthly Income After", aggregator="avg", readonly=True
    )
    income_change_avg = fields.Float(
        string="Mean Income Change", aggregator="avg", readonly=True
    )

    def _ruralsw_select(self, now):
        return SQL(
            f"""
            WITH cc AS (
                SELECT e.id, c.company_id, c.beneficiary_id, c.area_id, c.id AS case_id,
                       date_trunc('month', e.date)::date AS month,
                       {CASE_CHANNEL_SQL} AS channel,
                       e.satisfaction::int AS score,
                       e.goal_count, e.goal_attainment_rate,
                       e.income_before, e.income_after, e.income_change
                  FROM ruralsw_evaluation e
                  JOIN ruralsw_case c ON c.id = e.case_id
                 WHERE c.active AND e.date <= %(now)s
            )
            SELECT cc.company_id, cc.month, lv.area_id, lv.area_level, ch.channel,
                   nc.category AS need_category,
                   count(DISTINCT cc.beneficiary_id) AS people_count,
                   count(*) AS evaluation_count,
                   sum(cc.score) AS satisfaction_sum,
                   avg(cc.score) AS satisfaction_avg,
                   count(*) FILTER (WHERE cc.score >= 4) AS satisfied_count,
                   100.0 * count(*) FILTER (WHERE cc.score >= 4) / count(*)
                       AS satisfied_rate,
                   count(*) FILTER (WHERE cc.score = 1) AS sat_1_count,
                   count(*) FILTER (WHERE cc.score = 2) AS sat_2_count,
                   count(*) FILTER (WHERE cc.score = 3) AS sat_3_count,
                   count(*) FILTER (WHERE cc.score = 4) AS sat_4_count,
                   count(*) FILTER (WHERE cc.score = 5) AS sat_5_count,
                   avg(cc.goal_attainment_rate) FILTER (WHERE cc.goal_count > 0)
                       AS goal_attainment_avg,
                   avg(cc.income_before) AS income_before_avg,
                   avg(cc.income_after) AS income_after_avg,
                   avg(cc.income_change) AS income_change_avg
              FROM cc
              JOIN ruralsw_area v ON v.id = cc.area_id
              {LEVELS_SQL}
              {CHANNELS_SQL}
              CROSS JOIN LATERAL (
                  SELECT 'all' AS category
                  UNION
                  SELECT n.category FROM ruralsw_case_need n
                   WHERE n.case_id = cc.case_id
              ) AS nc
             WHERE lv.area_id IS NOT NULL
             GROUP BY cc.company_id, cc.month, lv.area_id, lv.area_level, ch.channel,
                      nc.category
            """,
            now=now,
        )
