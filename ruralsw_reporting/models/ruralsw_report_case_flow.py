# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models
from odoo.tools import SQL

from .ruralsw_report_mixin import CASE_CHANNEL_SQL


class RuralswReportCaseFlow(models.Model):
    """Case flow of a month: cases opened and closed, time from intake to
    closure in buckets, the caseload at the end of the month per social
    worker, workers per supervisor and overdue cases."""

    _name = "ruralsw.report.case.flow"
    _inherit = ["ruralsw.report.mixin"]
    _description = "Case Flow Figures"
    _ruralsw_people_fields = (
        "opened_count",
        "closed_count",
        "closed_le_1_count",
        "closed_m1_3_count",
        "closed_m3_6_count",
        "closed_gt_6_count",
        "open_count",
        "overdue_count",
    )
    _ruralsw_source_tables = ("ruralsw_case",)

    opened_count = fields.Integer(string="Opened", aggregator="sum", readonly=True)
    closed_count = fields.Integer(string="Closed", aggregator="sum", readonly=True)
    closed_le_1_count = fields.Integer(
        string="Closed within 1 Month", aggregator="sum", readonly=True
    )
    closed_m1_3_count = fields.Integer(
        string="Closed in 1-3 Months", aggregator="sum", readonly=True
    )
    closed_m3_6_count = fields.Integer(
        string="Closed in 3-6 Months", aggregator="sum", readonly=True
    )
    closed_gt_6_count = fields.Integer(
        string="Closed after 6 Months", aggregator="sum", readonly=True
    )
    open_count = fields.Integer(
        string="Open at Month End", aggregator="sum", readonly=True
    )
    overdue_count = fields.Integer(
        string="Overdue at Month End", aggregator="sum", readonly=True
    )
    worker_count = fields.Integer(
        string="Social Workers", aggregator="max", readonly=True
    )
    supervisor_count = fields.Integer(
        string="Supervisors", aggregator="max", readonly=True
    )
    closure_rate = fields.Float(
        string="Closure Rate (%)",
        aggregator="avg",
        readonly=True,
        help="Cases closed in the month out of the cases open during it.",
    )
    caseload_per_worker = fields.Float(
        string="Caseload per Social Worker", aggregator="avg", readonly=True
    )
    workers_per_supervisor = fields.Float(
        string="Social Workers per Supervisor", aggregator="avg", readonly=True
    )

    def _ruralsw_select(self, now):
        # events: 'in' (opened in the month), 'out' (closed in it, with its
        # bucket), 'open' (open at the end of each month it spans, or now
        # for the current month)
        return SQL(
            f"""
            WITH cc AS (
                SELECT c.id, c.company_id, c.beneficiary_id, c.area_id, c.user_id,
                       c.supervisor_id, c.intake_date, c.closed_date,
                       c.first_contact_date, c.response_deadline,
                       {CASE_CHANNEL_SQL} AS channel
                  FROM ruralsw_case c
                 WHERE c.active
            ),
            months AS (
                SELECT m::date AS month,
                       LEAST(m + interval '1 month', %(now)s) AS at
                  FROM generate_series(
                        (SELECT date_trunc('month', min(intake_date)) FROM cc),
                        date_trunc('month', %(now)s::timestamp),
                        interval '1 month') AS m
            ),
            events AS (
                SELECT cc.*, date_trunc('month', cc.intake_date)::date AS month,
                       'in' AS kind, NULL AS bucket, FALSE AS overdue
                  FROM cc
                UNION ALL
                SELECT cc.*, date_trunc('month', cc.closed_date)::date, 'out',
                       CASE
                           WHEN cc.closed_date <= cc.intake_date + interval '1 month'
                               THEN 'le_1'
                           WHEN cc.closed_date <= cc.intake_date + interval '3 months'
                               THEN 'm1_3'
                           WHEN cc.closed_date <= cc.intake_date + interval '6 months'
                               THEN 'm3_6'
                           ELSE 'gt_6'
                       END,
                       FALSE
                  FROM cc
                 WHERE cc.closed_date IS NOT NULL
                UNION ALL
                SELECT cc.*, months.month, 'open', NULL,
                       (cc.first_contact_date IS NULL
                        OR cc.first_contact_date >= months.at)
                           AND cc.response_deadline < months.at
                  FROM months
                  JOIN cc ON cc.intake_date < months.at
                         AND (cc.closed_date IS NULL OR cc.closed_date >= months.at)
            ),
            cells AS (
                SELECT e.company_id, e.month, lv.area_id, lv.area_level, ch.channel,
                       count(DISTINCT e.beneficiary_id) AS people_count,
                       count(*) FILTER (WHERE e.kind = 'in') AS opened_count,
                       count(*) FILTER (WHERE e.kind = 'out') AS closed_count,
                       count(*) FILTER (WHERE e.bucket = 'le_1') AS closed_le_1_count,
                       count(*) FILTER (WHERE e.bucket = 'm1_3') AS closed_m1_3_count,
                       count(*) FILTER (WHERE e.bucket = 'm3_6') AS closed_m3_6_count,
                       count(*) FILTER (WHERE e.bucket = 'gt_6') AS closed_gt_6_count,
                       count(*) FILTER (WHERE e.kind = 'open') AS open_count,
                       count(*) FILTER (WHERE e.overdue) AS overdue_count,
                       count(DISTINCT e.user_id) FILTER (WHERE e.kind = 'open')
                           AS worker_count,
                       count(DISTINCT e.supervisor_id) FILTER (WHERE e.kind = 'open')
                           AS supervisor_count
                  FROM events AS e(id, company_id, beneficiary_id, area_id, user_id,
                                   supervisor_id, intake_date, closed_date,
                                   first_contact_date, response_deadline, channel,
                                   month, kind, bucket, overdue)
                  JOIN ruralsw_area v ON v.id = e.area_id
                  CROSS JOIN LATERAL (VALUES
                      ('village', v.id), ('township', v.township_id),
                      ('county', v.county_id)) AS lv(area_level, area_id)
                  CROSS JOIN LATERAL (VALUES (e.channel), ('all')) AS ch(channel)
                 WHERE lv.area_id IS NOT NULL
                 GROUP BY e.company_id, e.month, lv.area_id, lv.area_level, ch.channel
            )
            SELECT cells.*,
                   100.0 * closed_count / NULLIF(open_count + closed_count, 0)
                       AS closure_rate,
                   open_count::float / NULLIF(worker_count, 0) AS caseload_per_worker,
                   worker_count::float / NULLIF(supervisor_count, 0)
                       AS workers_per_supervisor
              FROM cells
            """,
            now=now,
        )
