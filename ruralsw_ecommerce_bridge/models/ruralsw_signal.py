# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError

SIGNAL_STATES = [
    ("new", "To Review"),
    ("accepted", "Accepted"),
    ("dismissed", "Dismissed"),
]


class RuralswSignal(models.Model):
    """A household a rule points at, with the values that made it fire. A
    social worker accepts it (an intake record is opened) or dismisses it
    with a reason; nothing is opened automatically."""

    _name = "ruralsw.signal"
    _description = "Signal"
    _inherit = ["mail.thread"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    rule_id = fields.Many2one(
        "ruralsw.signal.rule",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    rule_type = fields.Selection(related="rule_id.rule_type", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    household_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade", readonly=True
    )
    beneficiary_id = fields.Many2one(
        "res.partner", string="Head of Household", ondelete="set null", readonly=True
    )
    area_id = fields.Many2one(
        "ruralsw.area", string="Village", index=True, readonly=True
    )
    township_id = fields.Many2one(related="area_id.township_id", store=True)
    values = fields.Json(readonly=True)
    explanation = fields.Text(compute="_compute_explanation")
    state = fields.Selection(
        SIGNAL_STATES, required=True, default="new", index=True, tracking=True
    )
    dismiss_reason = fields.Text(readonly=True, tracking=True)
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_on = fields.Datetime(readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Intake Record", readonly=True)

    @api.depends("rule_id", "values")
    @api.depends_context("lang")
    def _compute_explanation(self):
        for signal in self:
            signal.explanation = signal._ruralsw_explain()

    @api.depends("rule_id", "household_id")
    def _compute_display_name(self):
        for signal in self:
            signal.display_name = self.env._(
                "%(rule)s — %(household)s",
                rule=signal.rule_id.name or "",
                household=signal.household_id.name or "",
            )

    def _ruralsw_explain(self):
        """The translated sentence saying which values made the rule fire."""
        values = self.values or {}
        months = values.get("months", 0)
        if self.rule_type == "income_drop":
            return self.env._(
                "Produce sales of the last %(months)s months: %(recent).2f, against "
                "%(previous).2f in the %(months)s months before (%(drop).0f %% less).",
                months=months,
                recent=values.get("recent_income", 0.0),
                previous=values.get("previous_income", 0.0),
                drop=values.get("drop_percent", 0.0),
            )
        if self.rule_type == "medical_purchases":
            return self.env._(
                "Medical or assistive purchases of the last %(months)s months: "
                "%(total).2f in %(count)s orders (threshold %(threshold).2f).",
                months=months,
                total=values.get("total", 0.0),
                count=values.get("count", 0),
                threshold=values.get("threshold", 0.0),
            )
        if self.rule_type == "invisible_household":
            who = (
                self.env._("An elderly member lives alone")
                if values.get("elderly_alone")
                else self.env._(
                    "The oldest member is %(age)s", age=values.get("oldest_age")
                )
            )
            return self.env._(
                "%(who)s; no order and no contact in the last %(months)s months "
                "(last order: %(order)s, last contact: %(contact)s).",
                who=who,
                months=months,
                order=values.get("last_order_at") or self.env._("none"),
                contact=values.get("last_contact_at") or self.env._("none"),
            )
        return ""

    def action_accept(self):
        """Open an intake record for the household, on the intake desk."""
        to_accept = self.filtered(lambda s: s.state == "new")
        if to_accept != self:
            raise UserError(self.env._("Only signals to review can be accepted."))
        team = self.env.ref("ruralsw_case.crm_team_ruralsw_intake")
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": self.env._(
                        "Signal: %(signal)s", signal=signal.display_name
                    ),
                    "type": "opportunity",
                    "team_id": team.id,
                    "company_id": signal.company_id.id,
                    "contact_name": (signal.beneficiary_id or signal.household_id).name,
                    "description": signal.explanation,
                    "ruralsw_channel": (
                        "referral"
                        if signal.rule_type == "invisible_household"
                        else "online_platform"
                    ),
                    "ruralsw_village_id": signal.area_id.id,
                    "ruralsw_beneficiary_id": signal.beneficiary_id.id,
                    "ruralsw_need_category": (
                        "elderly_care"
                        if signal.rule_type == "invisible_household"
                        else "livelihood"
                        if signal.rule_type == "income_drop"
                        else "medical"
                    ),
                    "user_id": self.env.user.id,
                }
                for signal in self
            ]
        )
        now = fields.Datetime.now()
        for signal, lead in zip(self, leads, strict=True):
            signal.write(
                {
                    "state": "accepted",
                    "lead_id": lead.id,
                    "decided_by_id": self.env.user.id,
                    "decided_on": now,
                }
            )
        if len(self) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "crm.lead",
                "view_mode": "form",
                "res_id": leads.id,
            }
        return True

    def action_dismiss(self):
        """Ask for the reason, then dismiss."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dismiss Signal"),
            "res_model": "ruralsw.signal.dismiss",
            "view_mode": "form",
            "target": "new",
            "context": {"default_signal_ids": self.ids},
        }

    def _ruralsw_dismiss(self, reason):
        """Dismiss these signals with a reason (required)."""
        if not (reason or "").strip():
            raise UserError(self.env._("Reason: say why the signal is dismissed."))
        if any(signal.state != "new" for signal in self):
            raise UserError(self.env._("Only signals to review can be dismissed."))
        self.write(
            {
                "state": "dismissed",
                "dismiss_reason": reason.strip(),
                "decided_by_id": self.env.user.id,
                "decided_on": fields.Datetime.now(),
            }
        )
