# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from .account_analytic_account import FUND_SOURCES

DEFAULT_SHARES = {"government": 30.0, "social_capital": 50.0, "profit_feedback": 20.0}


class RuralswFundPool(models.Model):
    """Target composition of the funds (government 30 %, social capital
    50 %, profit feedback 20 % by default) against the actual inflows."""

    _name = "ruralsw.fund.pool"
    _description = "Fund Pool"
    _inherit = ["mail.thread"]
    _check_company_auto = True

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="Until")
    tolerance = fields.Float(
        string="Tolerance (points)",
        default=5.0,
        help="A warning shows when an actual share is further than this many "
        "percentage points from its target.",
    )
    line_ids = fields.One2many(
        "ruralsw.fund.pool.line",
        "pool_id",
        string="Shares",
        default=lambda self: self._default_line_ids(),
    )
    amount_total = fields.Monetary(string="Total Inflows", compute="_compute_actuals")
    drift_warning = fields.Char(compute="_compute_actuals")
    has_drift = fields.Boolean(compute="_compute_actuals")

    def _default_line_ids(self):
        return [
            Command.create({"source": source, "target_share": DEFAULT_SHARES[source]})
            for source, _label in FUND_SOURCES
        ]

    @api.depends("line_ids.target_share", "date_from", "date_to", "tolerance")
    def _compute_actuals(self):
        labels = dict(FUND_SOURCES)
        for pool in self:
            inflows = pool._ruralsw_inflows()
            total = sum(inflows.values())
            pool.amount_total = total
            drifting = []
            for line in pool.line_ids:
                actual = 100.0 * inflows.get(line.source, 0.0) / total if total else 0.0
                if total and abs(actual - line.target_share) > pool.tolerance:
                    drifting.append(
                        self.env._(
                            "%(fund_source)s is at %(actual).1f %% "
                            "(target %(target).1f %%)",
                            fund_source=labels[line.source],
                            actual=actual,
                            target=line.target_share,
                        )
                    )
            pool.has_drift = bool(drifting)
            pool.drift_warning = "; ".join(drifting) if drifting else False

    def _ruralsw_inflows(self):
        """Positive analytic amounts on the fund accounts, by fund source."""
        self.ensure_one()
        Line = self.env["account.analytic.line"]
        fname = Line._ruralsw_fund_fname()
        if not fname or fname not in Line._fields:
            return {}
        domain = [
            (f"{fname}.ruralsw_fund_source", "!=", False),
            ("amount", ">", 0),
            ("company_id", "in", [self.company_id.id, False]),
        ]
        if self.date_from:
            domain.append(("date", ">=", self.date_from))
        if self.date_to:
            domain.append(("date", "<=", self.date_to))
        inflows = {}
        for fund, amount in Line.sudo()._read_group(domain, [fname], ["amount:sum"]):
            # sudo above: the share of each source is not personal data and
            # the pool is read by managers who cannot read analytic lines
            source = fund.ruralsw_fund_source
            inflows[source] = inflows.get(source, 0.0) + amount
        return inflows

    @api.constrains("line_ids", "tolerance")
    def _check_shares(self):
        for pool in self:
            if pool.tolerance < 0:
                raise ValidationError(
                    self.env._("Tolerance (points) cannot be negative.")
                )
            total = sum(pool.line_ids.mapped("target_share"))
            if pool.line_ids and abs(total - 100.0) > 0.01:
                raise ValidationError(
                    self.env._(
                        "Fund pool %(name)s: target shares add up to %(total).1f %%, "
                        "not 100 %%.",
                        name=pool.name,
                        total=total,
                    )
                )


class RuralswFundPoolLine(models.Model):
    _name = "ruralsw.fund.pool.line"
    _description = "Fund Pool Share"
    _order = "pool_id, id"

    pool_id = fields.Many2one(
        "ruralsw.fund.pool", required=True, ondelete="cascade", index=True
    )
    currency_id = fields.Many2one(related="pool_id.currency_id")
    source = fields.Selection(FUND_SOURCES, string="Fund Source", required=True)
    target_share = fields.Float(string="Target (%)", required=True)
    actual_amount = fields.Monetary(string="Inflows", compute="_compute_actual")
    actual_share = fields.Float(string="Actual (%)", compute="_compute_actual")
    drift = fields.Float(string="Drift (points)", compute="_compute_actual")
    is_drifting = fields.Boolean(string="Drifting", compute="_compute_actual")

    _sql_constraints = [
        (
            "source_unique",
            "unique(pool_id, source)",
            "Each fund source appears once in a pool.",
        ),
    ]

    @api.depends(
        "pool_id.date_from", "pool_id.date_to", "pool_id.tolerance", "target_share"
    )
    def _compute_actual(self):
        by_pool = {pool: pool._ruralsw_inflows() for pool in self.pool_id}
        for line in self:
            pool = line.pool_id
            inflows = by_pool.get(pool, {})
            total = sum(inflows.values())
            line.actual_amount = inflows.get(line.source, 0.0)
            line.actual_share = 100.0 * line.actual_amount / total if total else 0.0
            line.drift = line.actual_share - line.target_share if total else 0.0
            line.is_drifting = bool(total) and abs(line.drift) > pool.tolerance

    @api.constrains("target_share")
    def _check_target_share(self):
        for line in self:
            if not 0 <= line.target_share <= 100:
                raise ValidationError(
                    self.env._("Target (%) must be between 0 and 100.")
                )
        self.pool_id._check_shares()
