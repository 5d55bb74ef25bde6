# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models
from odoo.tools import SQL

from .ruralsw_report_mixin import CASE_CHANNEL_SQL, CHANNELS_SQL, LEVELS_SQL


class RuralswReportResponse(models.Model):
    """Response time (需求响应时效) of the cases received in a month: time
    from intake to first contact, and the share answered within the
    deadline of their priority."""

    _name = "ruralsw.report.response"
    _inherit = ["ruralsw.report.mixin"]
    _description = "Response Time Figures"
    _ruralsw_people_fields = (
        "case_count",
        "responded_count",
        "within_deadline_count",
        "overdue_count",
    )
    _ruralsw_source_tables = ("ruralsw_case",)

    case_count = fields.Integer(
        string="Cases Received", aggregator="sum", readonly=True
    )
    responded_count = fields.Integer(
        string="Contacted", aggregator="sum", readonly=True
    )
    within_deadline_count = fields.Integer(
        string="Contacted in Time", aggregator="sum", readonly=True
    )
    overdue_count = fields.Integer(string="Overdue", aggregator="sum", readonly=True)
    response_hours_sum = fields.Float(
        string="Response Hours (total)", aggregator="sum", readonly=True
    )
    response_hours_avg = fields.Float(
        string="Mean Response (hours)", aggregator="avg", readonly=True
    )
    response_hours_median = fields.Float(
        string="Median Response (hours)",
        aggregator="avg",
        readonly=True,
        help="Exact for the row's month, area and channel; pivots average it.",
    )
    response_hours_p90 = fields.Float(
        string="90th Percentile Response (hours)", aggregator="avg", readonly=True
    )
    within_deadline_rate = fields.Float(
        string="Contacted in Time (%)", aggregator="avg", readonly=True
    )

    def _ruralsw_select(self, now):
        return SQL(
            f"""
            WITH cc AS (
                SELECT c.id, c.company_id, c.beneficiary_id, c.area_id,
                       date_trunc('month', c.intake_date)::date AS month,
                       {CASE_CHANNEL_SQL} AS channel,
                       c.first_contact_date IS NOT NULL
                           AND c.first_contact_date >= c.intake_date AS responded,
                       c.response_hours, c.is_response_late,
                       c.first_contact_date IS NULL AND c.phase != 'closed'
                           AND c.response_deadline < %(now)s AS overdue
                  FROM ruralsw_case c
                 WHERE c.active
            )
            SELECT cc.company_id, cc.month, lv.area_id, lv.area_level, ch.channel,
                   count(DISTINCT cc.beneficiary_id) AS people_count,
                   count(*) AS case_count,
                   count(*) FILTER (WHERE cc.responded) AS responded_count,
                   count(*) FILTER (WHERE cc.responded AND NOT cc.is_response_late)
                       AS within_deadline_count,
                   count(*) FILTER (WHERE cc.overdue) AS overdue_count,
                   COALESCE(sum(cc.response_hours) FILTER (WHERE cc.responded), 0)
                       AS response_hours_sum,
                   avg(cc.response_hours) FILTER (WHERE cc.responded)
                       AS response_hours_avg,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY cc.response_hours)
                       FILTER (WHERE cc.responded) AS response_hours_median,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY cc.response_hours)
                       FILTER (WHERE cc.responded) AS response_hours_p90,
                   100.0 * count(*) FILTER (
                       WHERE cc.responded AND NOT cc.is_response_late)
                       / NULLIF(count(*) FILTER (WHERE cc.responded), 0)
                       AS within_deadline_rate
              FROM cc
              JOIN ruralsw_area v ON v.id = cc.area_id
              {LEVELS_SQL}
              {CHANNELS_SQL}
             WHERE lv.area_id IS NOT NULL
             GROUP BY cc.company_id, cc.month, lv.area_id, lv.area_level, ch.channel
            """,
            now=now,
        )
