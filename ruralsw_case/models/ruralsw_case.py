# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from ..services import response_time
from .ruralsw_case_stage import CASE_PHASES, PHASE_ORDER

_logger = logging.getLogger(__name__)

CASE_CHANNELS = [
    ("walk_in", "Walk-in"),
    ("phone", "Phone"),
    ("station", "Service Station"),
    ("volunteer_proxy", "Volunteer Proxy"),
    ("online_platform", "Online Platform"),
    ("referral", "Referral"),
]
CASE_PRIORITIES = [("0", "Normal"), ("1", "High"), ("2", "Urgent")]
CLOSURE_REASONS = [
    ("goals_achieved", "Goals Achieved"),
    ("referred", "Referred to Another Service"),
    ("moved", "Moved Away"),
    ("declined", "Declined Further Service"),
    ("unreachable", "Unreachable"),
    ("deceased", "Deceased"),
    ("other", "Other"),
]


class RuralswCase(models.Model):
    """A social-work case (个案) from intake to closure.

    The stage's phase drives the process; entering a phase checks its gate
    (consent, assessment, a plan approved by a supervisor, an intervention
    done, an evaluation and a closure reason) so that no phase can be skipped
    and nothing is half-written.
    """

    _name = "ruralsw.case"
    _description = "Social Work Case"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "priority desc, intake_date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name"]

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        index="trigram",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    beneficiary_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain=[("is_beneficiary", "=", True)],
    )
    household_id = fields.Many2one(
        related="beneficiary_id.household_id", store=True, index="btree_not_null"
    )
    area_id = fields.Many2one(
        "ruralsw.area",
        string="Village",
        required=True,
        index=True,
        tracking=True,
        domain=[("level", "=", "village")],
        compute="_compute_area_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    township_id = fields.Many2one(
        related="area_id.township_id", store=True, index=True, string="Township"
    )
    station_id = fields.Many2one("ruralsw.station", check_company=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Social Worker",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    supervisor_id = fields.Many2one(
        "res.users",
        index="btree_not_null",
        tracking=True,
        compute="_compute_supervisor_id",
        store=True,
        readonly=False,
        domain=[("share", "=", False)],
    )
    channel = fields.Selection(
        CASE_CHANNELS, string="Source Channel", required=True, default="walk_in"
    )
    priority = fields.Selection(
        CASE_PRIORITIES, default="0", required=True, index=True, tracking=True
    )
    lead_id = fields.Many2one("crm.lead", string="Intake Record", copy=False)
    description = fields.Html(string="Situation")
    need_ids = fields.One2many("ruralsw.case.need", "case_id", string="Needs")
    stage_id = fields.Many2one(
        "ruralsw.case.stage",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        group_expand="_read_group_stage_ids",
        default=lambda self: self._default_stage_id(),
        ondelete="restrict",
    )
    phase = fields.Selection(
        related="stage_id.phase", store=True, index=True, string="Phase"
    )
    color = fields.Integer()
    intake_date = fields.Datetime(
        required=True, default=fields.Datetime.now, tracking=True, index=True
    )
    first_contact_date = fields.Datetime(tracking=True, copy=False)
    response_deadline = fields.Datetime(
        compute="_compute_response_deadline", store=True, string="First Response Due"
    )
    response_hours = fields.Float(
        compute="_compute_response",
        store=True,
        aggregator="avg",
        string="Response Time (hours)",
    )
    is_response_late = fields.Boolean(
        compute="_compute_response", store=True, string="Responded Late"
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        string="Overdue",
        help="No first contact yet and the first-response deadline has passed.",
    )
    overdue_notified = fields.Boolean(copy=False, readonly=True)
    has_valid_consent = fields.Boolean(
        compute="_compute_has_valid_consent",
        help="The beneficiary has a valid consent for case management.",
    )
    assessment_ids = fields.One2many(
        "ruralsw.assessment", "case_id", string="Assessments"
    )
    assessment_id = fields.Many2one(
        "ruralsw.assessment",
        compute="_compute_assessment_id",
        store=True,
        string="Latest Assessment",
    )
    risk_level = fields.Selection(
        related="assessment_id.risk_level", store=True, string="Risk Level"
    )
    vulnerability_score = fields.Float(
        related="assessment_id.vulnerability_score", store=True, aggregator="avg"
    )
    plan_ids = fields.One2many("ruralsw.case.plan", "case_id", string="Plans")
    approved_plan_id = fields.Many2one(
        "ruralsw.case.plan",
        compute="_compute_approved_plan_id",
        store=True,
    )
    intervention_ids = fields.One2many(
        "ruralsw.intervention", "case_id", string="Interventions"
    )
    intervention_count = fields.Integer(compute="_compute_counts")
    task_ids = fields.One2many("project.task", "ruralsw_case_id", string="Field Visits")
    task_count = fields.Integer(compute="_compute_counts")
    evaluation_ids = fields.One2many(
        "ruralsw.evaluation", "case_id", string="Evaluations"
    )
    evaluation_id = fields.Many2one(
        "ruralsw.evaluation",
        compute="_compute_evaluation_id",
        store=True,
        string="Latest Evaluation",
    )
    satisfaction = fields.Selection(related="evaluation_id.satisfaction", store=True)
    closure_reason = fields.Selection(CLOSURE_REASONS, tracking=True, copy=False)
    closure_note = fields.Text(copy=False)
    closed_date = fields.Datetime(readonly=True, copy=False, index="btree_not_null")
    reopen_count = fields.Integer(readonly=True, copy=False)
    anonymised = fields.Boolean(readonly=True, copy=False)

    _sql_constraints = [
        (
            "name_company_unique",
            "unique(name, company_id)",
            "The case reference must be unique per organisation.",
        ),
    ]

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------
    def _default_stage_id(self):
        return self.env["ruralsw.case.stage"].search(
            [("phase", "=", "intake")], limit=1
        )

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([], order=stages._order)

    @api.depends("beneficiary_id")
    def _compute_area_id(self):
        for case in self:
            if case.beneficiary_id.village_id and not case.area_id:
                case.area_id = case.beneficiary_id.village_id

    @api.depends("user_id")
    def _compute_supervisor_id(self):
        for case in self:
            if case.user_id.ruralsw_supervisor_id:
                case.supervisor_id = case.user_id.ruralsw_supervisor_id

    @api.depends("intake_date", "priority")
    def _compute_response_deadline(self):
        hours_by_company = {}
        for case in self:
            if not case.intake_date:
                case.response_deadline = False
                continue
            company = case.company_id or self.env.company
            if company not in hours_by_company:
                hours_by_company[company] = company._ruralsw_response_hours()
            case.response_deadline = response_time.deadline(
                case.intake_date, case.priority or "0", hours_by_company[company]
            )

    @api.depends("intake_date", "first_contact_date", "response_deadline")
    def _compute_response(self):
        for case in self:
            if (
                case.intake_date
                and case.first_contact_date
                and (case.first_contact_date >= case.intake_date)
            ):
                case.response_hours = response_time.response_hours(
                    case.intake_date, case.first_contact_date
                )
                case.is_response_late = response_time.was_late(
                    case.response_deadline, case.first_contact_date
                )
            else:
                case.response_hours = 0.0
                case.is_response_late = False

    @api.depends("first_contact_date", "response_deadline", "phase")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for case in self:
            case.is_overdue = case.phase != "closed" and response_time.is_overdue(
                case.response_deadline, case.first_contact_date, now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Overdue."))
        domain = [
            ("first_contact_date", "=", False),
            ("response_deadline", "<", fields.Datetime.now()),
            ("phase", "!=", "closed"),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", "&", *domain]

    @api.depends("beneficiary_id.ruralsw_consent_ids")
    def _compute_has_valid_consent(self):
        # sudo: the consent may have been recorded by someone this user
        # cannot see; only its existence is disclosed
        consents = self.beneficiary_id.sudo()._ruralsw_valid_consents("case_management")
        with_consent = consents.beneficiary_id
        for case in self:
            case.has_valid_consent = case.beneficiary_id in with_consent

    @api.depends("assessment_ids.date", "assessment_ids.risk_level")
    def _compute_assessment_id(self):
        for case in self:
            case.assessment_id = case.assessment_ids.sorted(
                lambda a: (a.date, a.id), reverse=True
            )[:1]

    @api.depends("plan_ids.state", "plan_ids.version")
    def _compute_approved_plan_id(self):
        for case in self:
            case.approved_plan_id = case.plan_ids.filtered(
                lambda p: p.state == "approved"
            ).sorted("version", reverse=True)[:1]

    @api.depends("evaluation_ids.date")
    def _compute_evaluation_id(self):
        for case in self:
            case.evaluation_id = case.evaluation_ids.sorted(
                lambda e: (e.date, e.id), reverse=True
            )[:1]

    def _compute_counts(self):
        interventions = dict(
            self.env["ruralsw.intervention"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        tasks = dict(
            self.env["project.task"]._read_group(
                [("ruralsw_case_id", "in", self.ids)], ["ruralsw_case_id"], ["__count"]
            )
        )
        for case in self:
            case.intervention_count = interventions.get(case, 0)
            case.task_count = tasks.get(case, 0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("first_contact_date", "intake_date")
    def _check_first_contact(self):
        now = fields.Datetime.now() + timedelta(minutes=5)
        for case in self:
            if not case.first_contact_date:
                continue
            if case.first_contact_date < case.intake_date:
                raise ValidationError(
                    self.env._(
                        "First Contact of %(case)s cannot be before the intake "
                        "(%(intake)s).",
                        case=case.name,
                        intake=case.intake_date,
                    )
                )
            if case.first_contact_date > now:
                raise ValidationError(
                    self.env._(
                        "First Contact of %(case)s cannot be in the future.",
                        case=case.name,
                    )
                )

    @api.constrains("area_id", "beneficiary_id")
    def _check_area_is_village(self):
        for case in self:
            if case.area_id.level != "village":
                raise ValidationError(
                    self.env._(
                        "Village: the case of %(case)s must be in a village.",
                        case=case.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == self.env._("New"):
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["name"] = self.env["ir.sequence"].with_company(
                    company
                ).next_by_code("ruralsw.case") or self.env._("New")
        cases = super().create(vals_list)
        beyond_intake = cases.filtered(lambda c: c.phase != "intake")
        for case in beyond_intake:
            case._check_phase_gates("intake", case.phase)
        return cases

    def write(self, vals):
        if "stage_id" not in vals:
            return super().write(vals)
        new_stage = self.env["ruralsw.case.stage"].browse(vals["stage_id"])
        reopen_reason = self.env.context.get("ruralsw_reopen_reason")
        for case in self:
            if case.phase == new_stage.phase:
                continue
            if case.phase == "closed":
                if not reopen_reason:
                    raise UserError(
                        self.env._(
                            "%(case)s is closed: use Reopen and give a reason.",
                            case=case.name,
                        )
                    )
                continue
            case._check_phase_gates(case.phase, new_stage.phase, vals)
        extra = {}
        if new_stage.phase == "closed":
            extra["closed_date"] = fields.Datetime.now()
        res = super().write(dict(vals, **extra))
        if new_stage.phase == "assessment":
            self.filtered(lambda c: not c.first_contact_date).write(
                {"first_contact_date": fields.Datetime.now()}
            )
        return res

    # ------------------------------------------------------------------
    # Phase gates
    # ------------------------------------------------------------------
    def _check_phase_gates(self, from_phase, to_phase, vals=None):
        """Raise a UserError naming the missing requirement when moving the
        case forward from one phase to another; every phase passed over must
        have its gate satisfied, so a jump cannot skip one."""
        self.ensure_one()
        vals = vals or {}
        start, end = PHASE_ORDER[from_phase], PHASE_ORDER[to_phase]
        if end <= start:
            return
        labels = dict(self._fields["phase"]._description_selection(self.env))
        for phase, _label in CASE_PHASES[start + 1 : end + 1]:
            problem = self._phase_gate_problem(phase, vals)
            if problem:
                raise UserError(
                    self.env._(
                        "%(case)s cannot enter the %(phase)s phase: %(problem)s",
                        case=self.name,
                        phase=labels[phase],
                        problem=problem,
                    )
                )

    def _phase_gate_problem(self, phase, vals):
        """Return why the case cannot enter ``phase``, or an empty string."""
        if phase == "assessment":
            consents = self.beneficiary_id.sudo()._ruralsw_valid_consents(
                "case_management"
            )
            if not consents:
                return self.env._(
                    "%(name)s has no valid consent for case management.",
                    name=self.beneficiary_id.name,
                )
        elif phase == "plan":
            if not self.assessment_ids:
                return self.env._("the needs have not been assessed yet.")
        elif phase == "intervention":
            if not self.approved_plan_id:
                return self.env._("no service plan has been approved by a supervisor.")
        elif phase == "evaluation":
            if not self.intervention_ids.filtered(lambda i: i.state == "done"):
                return self.env._("no intervention has been carried out yet.")
        elif phase == "closed":
            if not self.evaluation_ids:
                return self.env._("the outcome has not been evaluated.")
            if not (vals.get("closure_reason") or self.closure_reason):
                return self.env._("a closure reason is required.")
        return ""

    @api.model
    def _stage_for_phase(self, phase):
        stage = self.env["ruralsw.case.stage"].search([("phase", "=", phase)], limit=1)
        if not stage:
            raise UserError(self.env._("No active stage is configured for this phase."))
        return stage

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_advance_phase(self):
        """Move the case to the first stage of the next phase."""
        self.ensure_one()
        if self.phase in ("evaluation", "closed"):
            raise UserError(
                self.env._("Use Close to end the case and Reopen to restart it.")
            )
        next_phase = CASE_PHASES[PHASE_ORDER[self.phase] + 1][0]
        self.stage_id = self._stage_for_phase(next_phase)
        return True

    def action_record_first_contact(self):
        """Record that the social worker reached the person now."""
        for case in self:
            if case.first_contact_date:
                raise UserError(
                    self.env._(
                        "The first contact of %(case)s is already recorded.",
                        case=case.name,
                    )
                )
        self.write({"first_contact_date": fields.Datetime.now()})
        return True

    def action_record_consent(self):
        """Open a new case-management consent for the beneficiary."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Consent"),
            "res_model": "ruralsw.consent",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_beneficiary_id": self.beneficiary_id.id,
                "default_purpose": "case_management",
            },
        }

    def action_new_assessment(self):
        self.ensure_one()
        return self._open_child_form(
            "ruralsw.assessment", self.env._("Assessment"), self.assessment_id
        )

    def action_open_plan(self):
        self.ensure_one()
        plan = self.plan_ids.sorted("version", reverse=True)[:1]
        return self._open_child_form("ruralsw.case.plan", self.env._("Plan"), plan)

    def action_new_evaluation(self):
        self.ensure_one()
        return self._open_child_form(
            "ruralsw.evaluation",
            self.env._("Evaluation"),
            self.env["ruralsw.evaluation"],
        )

    def _open_child_form(self, model, title, record):
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "view_mode": "form",
            "res_id": record.id,
            "target": "current",
            "context": {"default_case_id": self.id},
        }

    def action_view_interventions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ruralsw_case.ruralsw_intervention_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    def action_view_beneficiary(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.beneficiary_id.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "ruralsw_case.res_partner_view_form_ruralsw_beneficiary"
                    ).id,
                    "form",
                )
            ],
        }

    def action_view_tasks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "project.action_view_all_task"
        )
        action["domain"] = [("ruralsw_case_id", "=", self.id)]
        action["context"] = {"default_ruralsw_case_id": self.id}
        return action

    def action_plan_field_visit(self):
        """Create a field-visit task in the township's project, assigned to
        the case's social worker, for the project tools to schedule."""
        self.ensure_one()
        task = self.env["project.task"]._ruralsw_create_field_visits(
            [
                {
                    "case": self,
                    "name": self.env._("Field visit: %(case)s", case=self.name),
                    "user": self.user_id,
                    "deadline": fields.Datetime.now() + timedelta(days=3),
                }
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "project.task",
            "view_mode": "form",
            "res_id": task.id,
        }

    def action_close(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Close Case"),
            "res_model": "ruralsw.case.close",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def action_reopen(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reopen Case"),
            "res_model": "ruralsw.case.reopen",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _close(self, reason, note=False):
        """Close the case with a reason, through the closure gate."""
        self.ensure_one()
        if self.phase == "closed":
            raise UserError(self.env._("%(case)s is already closed.", case=self.name))
        self.write(
            {
                "closure_reason": reason,
                "closure_note": note,
                "stage_id": self._stage_for_phase("closed").id,
            }
        )

    def _reopen(self, reason, stage):
        """Reopen a closed case into ``stage``, recording the reason."""
        self.ensure_one()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Reason: say why the case is reopened."))
        if self.phase != "closed":
            raise UserError(self.env._("%(case)s is not closed.", case=self.name))
        if stage.phase == "closed":
            raise UserError(self.env._("Stage: choose a stage that is not closed."))
        self.with_context(ruralsw_reopen_reason=reason).write(
            {
                "stage_id": stage.id,
                "closed_date": False,
                "closure_reason": False,
                "reopen_count": self.reopen_count + 1,
            }
        )
        self.message_post(
            body=self.env._("Case reopened: %(reason)s", reason=reason),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    @api.model
    def _ruralsw_assign_social_worker(self, area):
        """Return the social worker serving ``area`` (directly or through an
        ancestor) with the fewest open cases, or an empty recordset."""
        group = self.env.ref("ruralsw_case.group_ruralsw_social_worker")
        ancestors = [int(a) for a in (area.parent_path or "").split("/") if a]
        workers = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("ruralsw_area_ids", "in", ancestors),
                    ("groups_id", "in", group.ids),
                    ("share", "=", False),
                ]
            )
        )
        if not workers:
            return workers
        caseloads = workers._ruralsw_open_caseloads()
        return min(workers, key=lambda u: (caseloads[u.id], u.id))

    @api.model
    def _cron_notify_overdue(self, batch_size=500):
        """Give the supervisor of each overdue case an activity, once."""
        domain = [("is_overdue", "=", True), ("overdue_notified", "=", False)]
        cases = self.search(domain, limit=batch_size, order="response_deadline")
        if not cases:
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return
        activity_type = self.env.ref(
            "ruralsw_case.mail_activity_type_ruralsw_overdue", raise_if_not_found=False
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for case in cases:
            recipient = (
                case.supervisor_id or case.user_id or self.env.ref("base.user_admin")
            )
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": case.id,
                    "activity_type_id": activity_type.id if activity_type else False,
                    "summary": self.env._(
                        "First response overdue since %(deadline)s",
                        deadline=case.response_deadline,
                    ),
                    "user_id": recipient.id,
                    "date_deadline": fields.Date.context_today(self),
                }
            )
        self.env["mail.activity"].create(vals_list)
        cases.write({"overdue_notified": True})
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(cases), remaining=remaining)

    @api.model
    def _anonymisation_domain(self):
        """Closed, not yet anonymised cases older than their company's
        retention period."""
        now = fields.Datetime.now()
        by_company = []
        for company in self.env.companies or self.env.company:
            limit = now - relativedelta(years=company.ruralsw_retention_years)
            by_company.append(
                ["&", ("company_id", "=", company.id), ("closed_date", "<", limit)]
            )
        return expression.AND(
            [
                [("phase", "=", "closed"), ("anonymised", "=", False)],
                expression.OR(by_company),
            ]
        )

    @api.model
    def _cron_anonymise_closed_cases(self, batch_size=500):
        """Anonymise one batch of expired closed cases and the beneficiaries
        who have no other case left; the scheduler runs again while some
        remain."""
        all_companies = self.with_context(
            allowed_company_ids=self.env["res.company"].search([]).ids
        )
        domain = all_companies._anonymisation_domain()
        cases = all_companies.with_context(active_test=False).search(
            domain, limit=batch_size, order="closed_date"
        )
        cases._anonymise()
        remaining = all_companies.with_context(active_test=False).search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(cases), remaining=remaining)
        return len(cases)

    def _anonymise(self):
        """Strip the free text of these cases, keep their figures, and
        anonymise beneficiaries with no case left that is not anonymised."""
        if not self:
            return
        self.write({"description": False, "closure_note": False, "anonymised": True})
        self.need_ids.write({"description": False})
        self.intervention_ids.write({"notes": False, "outcome": False})
        self.assessment_ids.write({"notes": False, "override_reason": False})
        self.evaluation_ids.write({"notes": False})
        self.plan_ids.goal_ids.write({"description": False})
        self.plan_ids.write({"review_note": False})
        self.env["mail.message"].sudo().search(
            [("model", "=", self._name), ("res_id", "in", self.ids)]
        ).unlink()
        beneficiaries = self.beneficiary_id
        still_identified = (
            self.with_context(active_test=False)
            .search(
                [
                    ("beneficiary_id", "in", beneficiaries.ids),
                    ("anonymised", "=", False),
                ]
            )
            .beneficiary_id
        )
        (beneficiaries - still_identified).sudo()._ruralsw_anonymise()
        _logger.info("Anonymised %s closed cases", len(self))
