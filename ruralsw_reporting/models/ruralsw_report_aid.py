# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models
from odoo.tools import SQL

from .ruralsw_report_mixin import LEVELS_SQL


class RuralswReportAid(models.Model):
    """Aid materials (救助物资) requested in a month, by destination: lead
    time from approval to delivery, fill rate and shortfalls."""

    _name = "ruralsw.report.aid"
    _inherit = ["ruralsw.report.mixin"]
    _description = "Aid Figures"
    _ruralsw_people_fields = ("line_count", "delivered_line_count")
    _ruralsw_source_tables = ("ruralsw_aid_request", "ruralsw_aid_request_line")

    request_count = fields.Integer(string="Requests", aggregator="sum", readonly=True)
    line_count = fields.Integer(
        string="Requested Lines", aggregator="sum", readonly=True
    )
    delivered_line_count = fields.Integer(
        string="Delivered Lines", aggregator="sum", readonly=True
    )
    quantity_requested = fields.Float(
        string="Requested", aggregator="sum", readonly=True
    )
    quantity_allocated = fields.Float(
        string="Allocated", aggregator="sum", readonly=True
    )
    quantity_delivered = fields.Float(
        string="Delivered", aggregator="sum", readonly=True
    )
    shortfall_quantity = fields.Float(
        string="Shortfall",
        aggregator="sum",
        readonly=True,
        help="Requested but not allocated, on the lines not delivered yet.",
    )
    fill_rate = fields.Float(string="Fill Rate (%)", aggregator="avg", readonly=True)
    lead_time_median = fields.Float(
        string="Median Lead Time (hours)", aggregator="avg", readonly=True
    )
    lead_time_p90 = fields.Float(
        string="90th Percentile Lead Time (hours)", aggregator="avg", readonly=True
    )

    def _ruralsw_select(self, now):
        # people_count counts the households (or people) served
        return SQL(
            f"""
            WITH cc AS (
                SELECT l.id, r.id AS request_id, r.company_id, l.area_id,
                       date_trunc('month',
                                  COALESCE(r.date_approved, r.create_date))::date
                           AS month,
                       COALESCE(l.household_id, b.household_id, l.beneficiary_id)
                           AS household,
                       l.quantity, l.qty_allocated, l.qty_delivered, l.state,
                       CASE WHEN l.state = 'done' AND r.date_approved IS NOT NULL
                            THEN extract(epoch FROM l.date_delivered - r.date_approved)
                                 / 3600.0 END AS lead_hours
                  FROM ruralsw_aid_request_line l
                  JOIN ruralsw_aid_request r ON r.id = l.request_id
                  LEFT JOIN res_partner b ON b.id = l.beneficiary_id
                 WHERE r.state NOT IN ('draft', 'cancel') AND l.state != 'cancel'
            )
            SELECT cc.company_id, cc.month, lv.area_id, lv.area_level,
                   'all' AS channel,
                   count(DISTINCT cc.household) AS people_count,
                   count(DISTINCT cc.request_id) AS request_count,
                   count(*) AS line_count,
                   count(*) FILTER (WHERE cc.state = 'done') AS delivered_line_count,
                   sum(cc.quantity) AS quantity_requested,
                   sum(cc.qty_allocated) AS quantity_allocated,
                   sum(cc.qty_delivered) AS quantity_delivered,
                   COALESCE(sum(GREATEST(cc.quantity - cc.qty_allocated, 0))
                       FILTER (WHERE cc.state != 'done'), 0) AS shortfall_quantity,
                   100.0 * sum(cc.qty_delivered) / NULLIF(sum(cc.quantity), 0)
                       AS fill_rate,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY cc.lead_hours)
                       AS lead_time_median,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY cc.lead_hours)
                       AS lead_time_p90
              FROM cc
              JOIN ruralsw_area v ON v.id = cc.area_id
              {LEVELS_SQL}
             WHERE lv.area_id IS NOT NULL
             GROUP BY cc.company_id, cc.month, lv.area_id, lv.area_level
            """,
            now=now,
        )
