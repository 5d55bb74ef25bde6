# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

FUND_SOURCES = [
    ("government", "Government Funding"),
    ("social_capital", "Social Capital"),
    ("profit_feedback", "Profit Feedback"),
]
SPENDING_PURPOSES = [
    ("aid", "Aid Materials"),
    ("delivery", "Delivery Costs"),
    ("volunteer", "Volunteer Costs"),
    ("staff", "Staff"),
    ("admin", "Administration"),
]


class AccountAnalyticAccount(models.Model):
    _inherit = "account.analytic.account"

    ruralsw_fund_source = fields.Selection(
        FUND_SOURCES,
        string="Fund Source",
        index=True,
        help="Set on the accounts of the Funds plan: where the money comes from.",
    )
    ruralsw_restrict_purpose = fields.Selection(
        SPENDING_PURPOSES,
        string="Restricted to Purpose",
        help="When set, spending from this fund must have this purpose.",
    )
    ruralsw_restrict_area_id = fields.Many2one(
        "ruralsw.area",
        string="Restricted to Area",
        help="When set, spending from this fund must be for this area or below.",
    )
    ruralsw_restrict_date_from = fields.Date(string="Restricted From")
    ruralsw_restrict_date_to = fields.Date(string="Restricted Until")
    ruralsw_is_restricted = fields.Boolean(
        string="Restricted", compute="_compute_ruralsw_is_restricted", store=True
    )
    ruralsw_donation_ids = fields.One2many(
        "ruralsw.donation", "fund_id", string="Donations"
    )

    @api.depends(
        "ruralsw_restrict_purpose",
        "ruralsw_restrict_area_id",
        "ruralsw_restrict_date_from",
        "ruralsw_restrict_date_to",
    )
    def _compute_ruralsw_is_restricted(self):
        for account in self:
            account.ruralsw_is_restricted = bool(
                account.ruralsw_restrict_purpose
                or account.ruralsw_restrict_area_id
                or account.ruralsw_restrict_date_from
                or account.ruralsw_restrict_date_to
            )

    @api.constrains("ruralsw_restrict_date_from", "ruralsw_restrict_date_to")
    def _check_ruralsw_period(self):
        for account in self:
            if (
                account.ruralsw_restrict_date_from
                and account.ruralsw_restrict_date_to
                and account.ruralsw_restrict_date_from
                > account.ruralsw_restrict_date_to
            ):
                raise ValidationError(
                    self.env._(
                        "Fund %(fund)s: Restricted From is after Restricted Until.",
                        fund=account.display_name,
                    )
                )

    def _ruralsw_restriction_errors(self, purpose, area, date):
        """Messages saying how spending (purpose, area, date) breaks this
        fund's restrictions; empty when it is allowed."""
        self.ensure_one()
        errors = []
        if self.ruralsw_restrict_purpose and purpose != self.ruralsw_restrict_purpose:
            labels = dict(SPENDING_PURPOSES)
            errors.append(
                self.env._(
                    "fund %(fund)s may only pay for %(allowed)s (purpose given: "
                    "%(given)s)",
                    fund=self.display_name,
                    allowed=labels[self.ruralsw_restrict_purpose],
                    given=labels.get(purpose) or self.env._("none"),
                )
            )
        if self.ruralsw_restrict_area_id:
            allowed_path = self.ruralsw_restrict_area_id.parent_path or ""
            if not area or not (area.parent_path or "").startswith(allowed_path):
                errors.append(
                    self.env._(
                        "fund %(fund)s may only be spent in %(area)s (area given: "
                        "%(given)s)",
                        fund=self.display_name,
                        area=self.ruralsw_restrict_area_id.display_name,
                        given=area.display_name if area else self.env._("none"),
                    )
                )
        if (
            self.ruralsw_restrict_date_from and date < self.ruralsw_restrict_date_from
        ) or (self.ruralsw_restrict_date_to and date > self.ruralsw_restrict_date_to):
            errors.append(
                self.env._(
                    "fund %(fund)s may only be spent from %(start)s to %(stop)s "
                    "(date: %(date)s)",
                    fund=self.display_name,
                    start=self.ruralsw_restrict_date_from or "…",
                    stop=self.ruralsw_restrict_date_to or "…",
                    date=date,
                )
            )
        return errors
