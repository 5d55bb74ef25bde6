# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    ruralsw_aid_approval_quantity = fields.Float(
        string="Aid Approval Above (quantity)",
        default=50.0,
        help="Aid requests whose total quantity is above this need a "
        "supervisor's approval. 0: no approval.",
    )
    ruralsw_aid_days_urgent = fields.Integer(
        string="Aid Deadline: Urgent (days)", default=1
    )
    ruralsw_aid_days_high = fields.Integer(
        string="Aid Deadline: High (days)", default=3
    )
    ruralsw_aid_days_normal = fields.Integer(
        string="Aid Deadline: Normal (days)", default=7
    )
    ruralsw_donation_journal_id = fields.Many2one(
        "account.journal",
        string="Donation Journal",
        domain=[("type", "in", ("bank", "cash"))],
        help="Cash donations are recorded as entries of this journal: its "
        "default account receives the money.",
    )
    ruralsw_donation_account_id = fields.Many2one(
        "account.account",
        string="Donation Income Account",
        help="Credited by cash donations, with the fund's analytic distribution.",
    )

    @api.constrains(
        "ruralsw_aid_days_urgent",
        "ruralsw_aid_days_high",
        "ruralsw_aid_days_normal",
        "ruralsw_aid_approval_quantity",
    )
    def _check_ruralsw_aid_settings(self):
        for company in self:
            if min(company._ruralsw_aid_deadline_days().values()) < 0:
                raise ValidationError(
                    self.env._("Aid deadlines cannot be negative days.")
                )
            if company.ruralsw_aid_approval_quantity < 0:
                raise ValidationError(
                    self.env._("Aid Approval Above (quantity) cannot be negative.")
                )

    def _ruralsw_setup_donation_accounting(self):
        """Fill the donation journal and income account where they are
        empty: the first bank journal and an other-income account of the
        company's chart."""
        for company in self:
            vals = {}
            if not company.ruralsw_donation_journal_id:
                journal = self.env["account.journal"].search(
                    [("company_id", "=", company.id), ("type", "=", "bank")], limit=1
                )
                vals["ruralsw_donation_journal_id"] = journal.id
            if not company.ruralsw_donation_account_id:
                account = self.env["account.account"].search(
                    [
                        ("company_ids", "in", company.id),
                        ("account_type", "in", ("income_other", "income")),
                    ],
                    order="account_type desc, code",
                    limit=1,
                )
                vals["ruralsw_donation_account_id"] = account.id
            company.write({k: v for k, v in vals.items() if v})

    def _ruralsw_aid_deadline_days(self):
        """Days to serve an aid request, per priority key."""
        self.ensure_one()
        return {
            "2": self.ruralsw_aid_days_urgent,
            "1": self.ruralsw_aid_days_high,
            "0": self.ruralsw_aid_days_normal,
        }
