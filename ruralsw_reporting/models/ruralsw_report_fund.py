# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.ruralsw_resource.models.account_analytic_account import FUND_SOURCES

from ..services.scorecard import FUND_TARGETS


class RuralswReportFund(models.Model):
    """Funds (基金) per month: inflows per source against the 30/50/20 mix,
    and spending per fund. Organisation money, not people: never
    suppressed."""

    _name = "ruralsw.report.fund"
    _inherit = ["ruralsw.report.mixin"]
    _description = "Fund Figures"
    _order = "month desc, fund_source, fund_id"
    _ruralsw_source_tables = ("account_analytic_line",)

    fund_id = fields.Many2one("account.analytic.account", index=True, readonly=True)
    fund_source = fields.Selection(FUND_SOURCES, index=True, readonly=True)
    inflow_amount = fields.Float(string="Inflows", aggregator="sum", readonly=True)
    spending_amount = fields.Float(string="Spending", aggregator="sum", readonly=True)
    month_inflow_total = fields.Float(
        string="All Inflows of the Month", aggregator="max", readonly=True
    )
    inflow_share = fields.Float(
        string="Share of Inflows (%)",
        aggregator="sum",
        readonly=True,
        help="Share of the month's inflows; the shares of a month add up to 100.",
    )
    target_share = fields.Float(string="Target (%)", aggregator="max", readonly=True)

    def _ruralsw_select(self, now):
        fname = self.env["account.analytic.line"]._ruralsw_fund_fname()
        if not fname or fname not in self.env["account.analytic.line"]._fields:
            return SQL(
                "SELECT %s WHERE FALSE",
                SQL(", ").join(
                    SQL("NULL AS %s", SQL.identifier(name))
                    for name in self._ruralsw_columns()
                ),
            )
        targets = SQL(", ").join(
            SQL("(%s, %s)", source, share) for source, share in FUND_TARGETS.items()
        )
        return SQL(
            """
            WITH cc AS (
                SELECT COALESCE(l.company_id, a.company_id,
                                (SELECT min(id) FROM res_company)) AS company_id,
                       date_trunc('month', l.date)::date AS month,
                       a.id AS fund_id, a.ruralsw_fund_source AS fund_source,
                       COALESCE(sum(l.amount) FILTER (WHERE l.amount > 0), 0)
                           AS inflow_amount,
                       COALESCE(-sum(l.amount) FILTER (WHERE l.amount < 0), 0)
                           AS spending_amount
                  FROM account_analytic_line l
                  JOIN account_analytic_account a ON a.id = l.%(fname)s
                 WHERE a.ruralsw_fund_source IS NOT NULL AND l.date <= %(now)s
                 GROUP BY 1, date_trunc('month', l.date), a.id,
                          a.ruralsw_fund_source
            )
            SELECT cc.company_id, cc.month, NULL::int AS area_id,
                   'county' AS area_level, 'all' AS channel,
                   NULL::int AS people_count, cc.fund_id, cc.fund_source,
                   cc.inflow_amount, cc.spending_amount,
                   sum(cc.inflow_amount) OVER (PARTITION BY cc.company_id, cc.month)
                       AS month_inflow_total,
                   100.0 * cc.inflow_amount / NULLIF(sum(cc.inflow_amount) OVER (
                       PARTITION BY cc.company_id, cc.month), 0) AS inflow_share,
                   t.share AS target_share
              FROM cc
              LEFT JOIN (VALUES %(targets)s) AS t(source, share)
                     ON t.source = cc.fund_source
            """,
            fname=SQL.identifier(fname),
            now=now,
            targets=targets,
        )
