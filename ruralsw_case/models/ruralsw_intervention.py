# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

INTERVENTION_TYPES = [
    ("home_visit", "Home Visit"),
    ("phone", "Phone Call"),
    ("online_consultation", "Online Consultation"),
    ("training", "Training"),
    ("material_aid", "Material Aid"),
    ("referral", "Referral"),
    ("group_activity", "Group Activity"),
]
# interventions that happen in the village and are scheduled as field visits
FIELD_VISIT_TYPES = ("home_visit", "group_activity")


class RuralswIntervention(models.Model):
    """Something done for the beneficiary under an approved plan (服务介入).

    Home visits and group activities are field visits: each gets a task in
    the township's "Field visits" project so that project managers schedule
    them with the project tools; closing the task marks the intervention done.
    """

    _name = "ruralsw.intervention"
    _description = "Intervention"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Summary", required=True)
    case_id = fields.Many2one(
        "ruralsw.case",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    area_id = fields.Many2one(related="case_id.area_id", store=True, index=True)
    township_id = fields.Many2one(related="case_id.township_id", store=True)
    beneficiary_id = fields.Many2one(related="case_id.beneficiary_id", store=True)
    intervention_type = fields.Selection(
        INTERVENTION_TYPES, string="Type", required=True, default="home_visit"
    )
    date_start = fields.Datetime(
        string="Date", required=True, default=fields.Datetime.now, index=True
    )
    duration = fields.Float(string="Duration (hours)", default=1.0, aggregator="sum")
    date_stop = fields.Datetime(compute="_compute_date_stop", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Worker",
        default=lambda self: self.env.user,
        index=True,
        domain=[("share", "=", False)],
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
        index=True,
    )
    notes = fields.Text()
    outcome = fields.Text()
    referral_to = fields.Char(string="Referred To")
    task_id = fields.Many2one("project.task", string="Field Visit Task", copy=False)

    @api.depends("date_start", "duration")
    def _compute_date_stop(self):
        for intervention in self:
            intervention.date_stop = intervention.date_start and (
                intervention.date_start + timedelta(hours=intervention.duration or 0)
            )

    @api.constrains("date_start", "case_id")
    def _check_date(self):
        for intervention in self:
            if intervention.date_start < intervention.case_id.intake_date:
                raise ValidationError(
                    self.env._(
                        "Date: the intervention %(name)s cannot be dated before the "
                        "intake of %(case)s (%(intake)s).",
                        name=intervention.name,
                        case=intervention.case_id.name,
                        intake=intervention.case_id.intake_date,
                    )
                )

    @api.constrains("duration")
    def _check_duration(self):
        for intervention in self:
            if intervention.duration < 0 or intervention.duration > 24:
                raise ValidationError(
                    self.env._("Duration: give between 0 and 24 hours.")
                )

    @api.constrains("intervention_type", "referral_to")
    def _check_referral(self):
        for intervention in self:
            if intervention.intervention_type == "referral" and not (
                intervention.referral_to
            ):
                raise ValidationError(
                    self.env._(
                        "Referred To: say to which service the person is referred."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        cases = self.env["ruralsw.case"].browse(
            {vals.get("case_id") for vals in vals_list if vals.get("case_id")}
        )
        for case in cases:
            if not case.approved_plan_id:
                raise UserError(
                    self.env._(
                        "%(case)s has no service plan approved by a supervisor: no "
                        "intervention can be recorded yet.",
                        case=case.name,
                    )
                )
            if case.phase == "closed":
                raise UserError(self.env._("%(case)s is closed.", case=case.name))
        interventions = super().create(vals_list)
        interventions._create_field_visit_tasks()
        interventions.filtered(lambda i: i.state == "done")._set_first_contact()
        return interventions

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") == "done":
            self._set_first_contact()
            open_tasks = self.task_id.filtered(lambda t: t.state != "1_done")
            # even empty, the write would call back this one through the task's
            if open_tasks:
                open_tasks.write({"state": "1_done"})
        return res

    def _set_first_contact(self):
        """The first intervention done is the first contact if none was
        recorded before."""
        for intervention in self:
            case = intervention.case_id
            if not case.first_contact_date:
                case.first_contact_date = min(
                    intervention.date_start, fields.Datetime.now()
                )

    def _create_field_visit_tasks(self):
        visits = self.filtered(
            lambda i: (
                i.intervention_type in FIELD_VISIT_TYPES
                and i.state == "planned"
                and not i.task_id
            )
        )
        if not visits:
            return
        types = dict(self._fields["intervention_type"]._description_selection(self.env))
        tasks = self.env["project.task"]._ruralsw_create_field_visits(
            [
                {
                    "case": visit.case_id,
                    "intervention": visit,
                    "name": self.env._(
                        "%(type)s: %(case)s",
                        type=types[visit.intervention_type],
                        case=visit.case_id.name,
                    ),
                    "user": visit.user_id,
                    "deadline": visit.date_start,
                }
                for visit in visits
            ]
        )
        for visit, task in zip(visits, tasks, strict=True):
            visit.task_id = task

    def action_done(self):
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        self.task_id.filtered(lambda t: t.state not in ("1_done", "1_canceled")).write(
            {"state": "1_canceled"}
        )
        return True
