# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .ruralsw_intervention import INTERVENTION_TYPES

# Goal Attainment Scaling: 0 is the expected outcome
GOAL_ATTAINMENT = [
    ("-2", "-2 - Much less than expected"),
    ("-1", "-1 - Somewhat less than expected"),
    ("0", "0 - Expected outcome"),
    ("1", "+1 - Somewhat more than expected"),
    ("2", "+2 - Much more than expected"),
]


class RuralswCasePlan(models.Model):
    """A versioned service plan (服务计划): goals and planned interventions,
    submitted by the social worker and approved or sent back by a supervisor.
    """

    _name = "ruralsw.case.plan"
    _description = "Service Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "case_id, version desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    case_id = fields.Many2one(
        "ruralsw.case",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    area_id = fields.Many2one(related="case_id.area_id", store=True, index=True)
    beneficiary_id = fields.Many2one(related="case_id.beneficiary_id")
    version = fields.Integer(default=1, readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("returned", "Sent Back"),
            ("superseded", "Superseded"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    goal_ids = fields.One2many(
        "ruralsw.case.goal", "plan_id", string="Goals", copy=True
    )
    line_ids = fields.One2many(
        "ruralsw.case.plan.line", "plan_id", string="Planned Interventions", copy=True
    )
    submitted_date = fields.Datetime(readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)
    review_note = fields.Text(
        string="Supervisor's Note",
        tracking=True,
        copy=False,
        help="Required when the plan is sent back.",
    )

    @api.depends("case_id.name", "version")
    def _compute_name(self):
        for plan in self:
            plan.name = self.env._(
                "%(case)s plan v%(version)s",
                case=plan.case_id.name or "",
                version=plan.version,
            )

    @api.model_create_multi
    def create(self, vals_list):
        cases = self.env["ruralsw.case"].browse(
            [vals["case_id"] for vals in vals_list if vals.get("case_id")]
        )
        versions = dict(
            self._read_group(
                [("case_id", "in", cases.ids)], ["case_id"], ["version:max"]
            )
        )
        for vals in vals_list:
            case = self.env["ruralsw.case"].browse(vals.get("case_id"))
            if case.phase in ("intake", "closed"):
                raise UserError(
                    self.env._(
                        "%(case)s must be assessed before a plan is made.",
                        case=case.name,
                    )
                )
            versions[case] = versions.get(case, 0) + 1
            vals["version"] = versions[case]
        return super().create(vals_list)

    def write(self, vals):
        locked = self.filtered(lambda p: p.state in ("approved", "superseded"))
        # the anonymisation job (superuser) may still strip free text
        if (
            locked
            and not self.env.su
            and set(vals) - {"state", "message_main_attachment_id"}
        ):
            raise UserError(
                self.env._(
                    "%(plan)s is approved and locked; create a new version to change "
                    "it.",
                    plan=locked[0].name,
                )
            )
        return super().write(vals)

    def _check_supervisor(self):
        if not self.env.user.has_group("ruralsw_case.group_ruralsw_supervisor"):
            raise AccessError(
                self.env._("Only a supervisor may approve or send back a plan.")
            )

    def action_submit(self):
        for plan in self:
            if plan.state not in ("draft", "returned"):
                raise UserError(
                    self.env._("%(plan)s has already been submitted.", plan=plan.name)
                )
            if not plan.goal_ids:
                raise UserError(
                    self.env._(
                        "Goals: %(plan)s needs at least one goal.", plan=plan.name
                    )
                )
        self.write({"state": "submitted", "submitted_date": fields.Datetime.now()})
        for plan in self:
            supervisor = plan.case_id.supervisor_id
            if supervisor:
                plan.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=supervisor.id,
                    summary=self.env._("Review the service plan"),
                )
        return True

    def action_approve(self):
        self._check_supervisor()
        for plan in self:
            if plan.state != "submitted":
                raise UserError(
                    self.env._("%(plan)s is not waiting for approval.", plan=plan.name)
                )
        previous = self.search(
            [
                ("case_id", "in", self.case_id.ids),
                ("state", "=", "approved"),
                ("id", "not in", self.ids),
            ]
        )
        previous.write({"state": "superseded"})
        self.write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            }
        )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_return(self):
        self._check_supervisor()
        for plan in self:
            if plan.state != "submitted":
                raise UserError(
                    self.env._("%(plan)s is not waiting for approval.", plan=plan.name)
                )
            if not (plan.review_note or "").strip():
                raise UserError(
                    self.env._(
                        "Supervisor's Note: say what must change before sending "
                        "the plan back."
                    )
                )
        self.write({"state": "returned"})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_new_version(self):
        """Copy an approved plan into a new draft version."""
        self.ensure_one()
        if self.state != "approved":
            raise UserError(self.env._("Only the approved plan can be revised."))
        new_plan = self.copy({"case_id": self.case_id.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "view_mode": "form",
            "res_id": new_plan.id,
        }


class RuralswCasePlanPart(models.AbstractModel):
    """What goals and planned interventions share: they belong to a plan,
    and once a supervisor approved it they are locked like the plan itself
    (only ``_plan_unlocked_fields`` may still change)."""

    _name = "ruralsw.case.plan.part"
    _description = "Part of a Service Plan"
    _order = "plan_id, sequence, id"
    _plan_unlocked_fields = frozenset()

    plan_id = fields.Many2one(
        "ruralsw.case.plan", required=True, index=True, ondelete="cascade"
    )
    case_id = fields.Many2one(related="plan_id.case_id", store=True, index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    sequence = fields.Integer(default=10)

    def _check_plan_unlocked(self, plans, changed=None):
        """Refuse changing the parts of an approved plan; the anonymisation
        job (superuser) may still strip free text."""
        if self.env.su:
            return
        if changed is not None and not set(changed) - self._plan_unlocked_fields:
            return
        locked = plans.filtered(lambda p: p.state in ("approved", "superseded"))
        if locked:
            raise UserError(
                self.env._(
                    "%(plan)s is approved and locked; create a new version to "
                    "change it.",
                    plan=locked[0].name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        plan_ids = [vals["plan_id"] for vals in vals_list if vals.get("plan_id")]
        self._check_plan_unlocked(self.env["ruralsw.case.plan"].browse(plan_ids))
        return super().create(vals_list)

    def write(self, vals):
        self._check_plan_unlocked(self.plan_id, vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved_plan(self):
        self._check_plan_unlocked(self.plan_id)


class RuralswCaseGoal(models.Model):
    """A goal of a service plan, scored at evaluation on the Goal Attainment
    Scale (-2 … +2, 0 being the expected outcome)."""

    _name = "ruralsw.case.goal"
    _inherit = ["ruralsw.case.plan.part"]
    _description = "Plan Goal"
    # attainment is scored after approval, at evaluation
    _plan_unlocked_fields = frozenset({"attainment"})

    name = fields.Char(string="Goal", required=True)
    description = fields.Text()
    indicator = fields.Char(help="How achievement will be observed.")
    target_date = fields.Date()
    attainment = fields.Selection(GOAL_ATTAINMENT, copy=False)


class RuralswCasePlanLine(models.Model):
    """A planned intervention of a service plan."""

    _name = "ruralsw.case.plan.line"
    _inherit = ["ruralsw.case.plan.part"]
    _description = "Planned Intervention"

    intervention_type = fields.Selection(INTERVENTION_TYPES, required=True)
    description = fields.Char(required=True)
    frequency = fields.Char(help="For example: weekly for two months.")
    planned_date = fields.Date()
