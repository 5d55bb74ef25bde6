# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

CONSENT_PURPOSES = [
    ("case_management", "Case Management"),
    ("platform_sharing", "Sharing with a Platform"),
    ("photos", "Photos"),
]


class RuralswConsent(models.Model):
    """Informed consent (知情同意) of a beneficiary for one purpose.

    Given by the person or, for people who cannot act online or in writing,
    by a proxy whose relation is recorded; valid from a date, optionally until
    a date, and revocable at any time.
    """

    _name = "ruralsw.consent"
    _description = "Consent"
    _inherit = ["mail.thread"]
    _order = "date_given desc, id desc"
    _check_company_auto = True

    beneficiary_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_beneficiary", "=", True)],
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    area_id = fields.Many2one(
        related="beneficiary_id.village_id", store=True, string="Village", index=True
    )
    purpose = fields.Selection(CONSENT_PURPOSES, required=True, tracking=True)
    given_by = fields.Selection(
        [("self", "The Person"), ("proxy", "A Proxy")],
        required=True,
        default="self",
    )
    proxy_name = fields.Char()
    proxy_partner_id = fields.Many2one(
        "res.partner", string="Proxy Contact", check_company=True
    )
    proxy_relation = fields.Selection(
        [
            ("relative", "Relative"),
            ("guardian", "Guardian"),
            ("volunteer", "Volunteer"),
            ("station_clerk", "Station Clerk"),
            ("other", "Other"),
        ],
        string="Relation of the Proxy",
    )
    method = fields.Selection(
        [
            ("signature", "Signature"),
            ("witnessed_verbal", "Witnessed Verbal"),
            ("thumbprint", "Thumbprint"),
        ],
        required=True,
        default="signature",
    )
    witness_name = fields.Char()
    evidence = fields.Binary(attachment=True, copy=False)
    evidence_filename = fields.Char()
    date_given = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    valid_until = fields.Date(tracking=True)
    revoked_date = fields.Date(readonly=True, copy=False, tracking=True)
    revocation_reason = fields.Text(readonly=True, copy=False)
    recorded_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    notes = fields.Text()
    state = fields.Selection(
        [
            ("valid", "Valid"),
            ("pending", "Not Yet Valid"),
            ("expired", "Expired"),
            ("revoked", "Revoked"),
        ],
        compute="_compute_state",
        search="_search_state",
    )

    @api.depends("date_given", "valid_until", "revoked_date")
    @api.depends_context("date")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for consent in self:
            if consent.revoked_date:
                consent.state = "revoked"
            elif consent.date_given and consent.date_given > today:
                consent.state = "pending"
            elif consent.valid_until and consent.valid_until < today:
                consent.state = "expired"
            else:
                consent.state = "valid"

    def _search_state(self, operator, value):
        if operator not in ("=", "!=") or value not in (
            "valid",
            "pending",
            "expired",
            "revoked",
        ):
            raise UserError(self.env._("Unsupported search on consent state."))
        today = fields.Date.context_today(self)
        domains = {
            "valid": self._valid_domain(today),
            "revoked": [("revoked_date", "!=", False)],
            "pending": [("revoked_date", "=", False), ("date_given", ">", today)],
            "expired": [
                ("revoked_date", "=", False),
                ("date_given", "<=", today),
                ("valid_until", "<", today),
            ],
        }
        if operator == "=":
            return domains[value]
        # the states partition the consents; negating the domain instead would
        # turn "valid_until < today" into ">= today" and lose the empty dates
        return expression.OR(
            [domain for state, domain in domains.items() if state != value]
        )

    @api.model
    def _valid_domain(self, on_date=None):
        """Domain of the consents valid on a date (today by default)."""
        on_date = on_date or fields.Date.context_today(self)
        return [
            ("revoked_date", "=", False),
            ("date_given", "<=", on_date),
            "|",
            ("valid_until", "=", False),
            ("valid_until", ">=", on_date),
        ]

    @api.depends("beneficiary_id", "purpose")
    def _compute_display_name(self):
        purposes = dict(self._fields["purpose"]._description_selection(self.env))
        for consent in self:
            consent.display_name = self.env._(
                "%(purpose)s — %(name)s",
                purpose=purposes.get(consent.purpose, ""),
                name=consent.beneficiary_id.name or "",
            )

    @api.constrains("given_by", "proxy_name", "proxy_partner_id", "proxy_relation")
    def _check_proxy(self):
        for consent in self:
            if consent.given_by != "proxy":
                continue
            if not (consent.proxy_name or consent.proxy_partner_id):
                raise ValidationError(
                    self.env._(
                        "Proxy Name: say who gave the consent on the person's behalf."
                    )
                )
            if not consent.proxy_relation:
                raise ValidationError(
                    self.env._(
                        "Relation of the Proxy: say how the proxy is "
                        "related to the person."
                    )
                )

    @api.constrains("method", "witness_name")
    def _check_witness(self):
        for consent in self:
            if consent.method == "witnessed_verbal" and not consent.witness_name:
                raise ValidationError(
                    self.env._("Witness Name: a verbal consent needs a witness.")
                )

    @api.constrains("date_given", "valid_until")
    def _check_dates(self):
        for consent in self:
            if consent.valid_until and consent.valid_until < consent.date_given:
                raise ValidationError(
                    self.env._(
                        "Valid Until cannot be before the date the consent was given."
                    )
                )

    def action_revoke(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Revoke Consent"),
            "res_model": "ruralsw.consent.revoke",
            "view_mode": "form",
            "target": "new",
            "context": {"default_consent_id": self.id},
        }

    def _ruralsw_revoke(self, reason):
        """Revoke these consents from today with a reason."""
        if not (reason or "").strip():
            raise UserError(self.env._("Revocation Reason: give the reason."))
        already = self.filtered("revoked_date")
        if already:
            raise UserError(
                self.env._(
                    "%(consent)s is already revoked.",
                    consent=already[0].display_name,
                )
            )
        self.write(
            {
                "revoked_date": fields.Date.context_today(self),
                "revocation_reason": reason.strip(),
            }
        )
