# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models
from odoo.tools import SQL

from .ruralsw_report_mixin import CASE_CHANNEL_SQL

# months of coverage kept: this month and the twelve before it
COVERAGE_MONTHS = 13


class RuralswReportCoverage(models.Model):
    """Coverage (覆盖率) and the digital divide at the end of each of the last
    13 months: registered people, vulnerable people and people over 60
    against those with a case or a contact in the 12 months before, by the
    channel that reached them; villages with nobody reached."""

    _name = "ruralsw.report.coverage"
    _inherit = ["ruralsw.report.mixin"]
    _description = "Coverage Figures"
    _ruralsw_people_fields = (
        "vulnerable_count",
        "elderly_count",
        "reached_count",
        "vulnerable_reached_count",
        "elderly_reached_count",
    )
    _ruralsw_source_tables = ("ruralsw_case", "ruralsw_intervention", "res_partner")

    vulnerable_count = fields.Integer(
        string="Vulnerable People", aggregator="sum", readonly=True
    )
    elderly_count = fields.Integer(
        string="People over 60", aggregator="sum", readonly=True
    )
    reached_count = fields.Integer(
        string="People Reached", aggregator="sum", readonly=True
    )
    vulnerable_reached_count = fields.Integer(
        string="Vulnerable People Reached", aggregator="sum", readonly=True
    )
    elderly_reached_count = fields.Integer(
        string="People over 60 Reached", aggregator="sum", readonly=True
    )
    coverage_rate = fields.Float(
        string="Coverage of Vulnerable People (%)", aggregator="avg", readonly=True
    )
    village_count = fields.Integer(string="Villages", aggregator="sum", readonly=True)
    unreached_village_count = fields.Integer(
        string="Villages with Nobody Reached", aggregator="sum", readonly=True
    )

    def _ruralsw_select(self, now):
        # people_count is the registered population of the cell
        return SQL(
            f"""
            WITH months AS (
                SELECT m::date AS month, LEAST(m + interval '1 month', %(now)s) AS at
                  FROM generate_series(
                        date_trunc('month', %(now)s::timestamp)
                            - %(back)s * interval '1 month',
                        date_trunc('month', %(now)s::timestamp),
                        interval '1 month') AS m
            ),
            contacts AS (
                SELECT c.company_id, c.beneficiary_id, c.intake_date AS at,
                       {CASE_CHANNEL_SQL} AS channel
                  FROM ruralsw_case c
                 WHERE c.active
                UNION ALL
                SELECT c.company_id, c.beneficiary_id, c.first_contact_date,
                       {CASE_CHANNEL_SQL}
                  FROM ruralsw_case c
                 WHERE c.active AND c.first_contact_date IS NOT NULL
                UNION ALL
                SELECT c.company_id, c.beneficiary_id, i.date_start,
                       {CASE_CHANNEL_SQL}
                  FROM ruralsw_intervention i
                  JOIN ruralsw_case c ON c.id = i.case_id
                 WHERE c.active AND i.state = 'done'
            ),
            reached AS (
                SELECT DISTINCT m.month, k.company_id, k.beneficiary_id, ch.channel
                  FROM months m
                  JOIN contacts k ON k.at <= m.at
                                 AND k.at > m.at - interval '12 months'
                  CROSS JOIN LATERAL (VALUES (k.channel), ('all')) AS ch(channel)
            ),
            people AS (
                SELECT co.id AS company_id, p.id, p.village_id, p.is_vulnerable,
                       p.birth_date
                  FROM res_partner p
                  JOIN res_company co ON p.company_id IS NULL OR p.company_id = co.id
                 WHERE p.is_beneficiary AND p.active AND p.village_id IS NOT NULL
            ),
            village_cells AS (
                SELECT m.month, pp.company_id, ch.channel, v.id AS village_id,
                       v.township_id, v.county_id,
                       count(*) AS people_count,
                       count(*) FILTER (WHERE pp.is_vulnerable) AS vulnerable_count,
                       count(*) FILTER (
                           WHERE pp.birth_date <= m.at - interval '60 years')
                           AS elderly_count,
                       count(r.beneficiary_id) AS reached_count,
                       count(r.beneficiary_id) FILTER (WHERE pp.is_vulnerable)
                           AS vulnerable_reached_count,
                       count(r.beneficiary_id) FILTER (
                           WHERE pp.birth_date <= m.at - interval '60 years')
                           AS elderly_reached_count
                  FROM months m
                  CROSS JOIN (VALUES ('all'), ('online'), ('offline'), ('proxy'))
                      AS ch(channel)
                  CROSS JOIN people pp
                  JOIN ruralsw_area v ON v.id = pp.village_id
                  LEFT JOIN reached r ON r.month = m.month
                                     AND r.company_id = pp.company_id
                                     AND r.channel = ch.channel
                                     AND r.beneficiary_id = pp.id
                 GROUP BY m.month, pp.company_id, ch.channel, v.id, v.township_id,
                          v.county_id
            )
            SELECT vc.company_id, vc.month, lv.area_id, lv.area_level, vc.channel,
                   sum(vc.people_count) AS people_count,
                   sum(vc.vulnerable_count) AS vulnerable_count,
                   sum(vc.elderly_count) AS elderly_count,
                   sum(vc.reached_count) AS reached_count,
                   sum(vc.vulnerable_reached_count) AS vulnerable_reached_count,
                   sum(vc.elderly_reached_count) AS elderly_reached_count,
                   100.0 * sum(vc.vulnerable_reached_count)
                       / NULLIF(sum(vc.vulnerable_count), 0) AS coverage_rate,
                   count(*) AS village_count,
                   count(*) FILTER (WHERE vc.reached_count = 0)
                       AS unreached_village_count
              FROM village_cells vc
              CROSS JOIN LATERAL (VALUES
                  ('village', vc.village_id), ('township', vc.township_id),
                  ('county', vc.county_id)) AS lv(area_level, area_id)
             WHERE lv.area_id IS NOT NULL
             GROUP BY vc.company_id, vc.month, lv.area_id, lv.area_level, vc.channel
            """,
            now=now,
            back=COVERAGE_MONTHS - 1,
        )
