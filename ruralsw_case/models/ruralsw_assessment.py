# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..services import scoring

DIMENSION_SCALE = [
    ("0", "0 - No difficulty"),
    ("1", "1 - Mild"),
    ("2", "2 - Moderate"),
    ("3", "3 - Serious"),
    ("4", "4 - Severe"),
]
RISK_LEVELS = [
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
    ("critical", "Critical"),
]


class RuralswAssessment(models.Model):
    """Needs assessment (需求评估) along five dimensions.

    The service suggests a vulnerability score and a risk level and explains
    why; the social worker may set another level with a written reason — the
    human decides.
    """

    _name = "ruralsw.assessment"
    _description = "Needs Assessment"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

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
    date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one(
        "res.users", string="Assessed By", default=lambda self: self.env.user
    )
    economic = fields.Selection(DIMENSION_SCALE, required=True, default="0")
    health = fields.Selection(DIMENSION_SCALE, required=True, default="0")
    family_support = fields.Selection(DIMENSION_SCALE, required=True, default="0")
    housing = fields.Selection(DIMENSION_SCALE, required=True, default="0")
    digital_access = fields.Selection(DIMENSION_SCALE, required=True, default="0")
    vulnerability_score = fields.Float(
        compute="_compute_suggestion", store=True, aggregator="avg", digits=(5, 1)
    )
    suggested_level = fields.Selection(
        RISK_LEVELS, compute="_compute_suggestion", store=True
    )
    suggestion_explanation = fields.Text(compute="_compute_suggestion", store=True)
    override_level = fields.Selection(
        RISK_LEVELS,
        string="Level Set by the Social Worker",
        tracking=True,
        help="Leave empty to accept the suggestion.",
    )
    override_reason = fields.Text(tracking=True)
    risk_level = fields.Selection(
        RISK_LEVELS, compute="_compute_risk_level", store=True, tracking=True
    )
    notes = fields.Text(string="Needs Identified")

    @api.depends(*scoring.DIMENSIONS)
    def _compute_suggestion(self):
        for assessment in self:
            result = scoring.assess(
                {dim: int(assessment[dim] or 0) for dim in scoring.DIMENSIONS}
            )
            assessment.vulnerability_score = result.score
            assessment.suggested_level = result.level
            assessment.suggestion_explanation = "\n".join(
                assessment._explain_reason(reason) for reason in result.reasons
            )

    @api.depends("case_id.name", "date")
    def _compute_display_name(self):
        for assessment in self:
            assessment.display_name = self.env._(
                "Assessment of %(case)s on %(date)s",
                case=assessment.case_id.name or "",
                date=assessment.date or "",
            )

    @api.depends("suggested_level", "override_level")
    def _compute_risk_level(self):
        for assessment in self:
            assessment.risk_level = (
                assessment.override_level or assessment.suggested_level
            )

    def _explain_reason(self, reason):
        """Translate one machine-readable reason of the scoring service."""
        kind = reason[0]
        dimensions = {
            "economic": self.env._("Economic situation"),
            "health": self.env._("Health"),
            "family_support": self.env._("Family support"),
            "housing": self.env._("Housing"),
            "digital_access": self.env._("Digital access"),
        }
        levels = dict(self._fields["suggested_level"]._description_selection(self.env))
        if kind == "dimension_severe":
            return self.env._(
                "%(dimension)s is severe (4 of 4).",
                dimension=dimensions.get(reason[1], reason[1]),
            )
        if kind == "score_band":
            return self.env._(
                "Weighted score %(score)s of 100 falls in the %(level)s band.",
                score=reason[1],
                level=levels.get(reason[2], reason[2]),
            )
        if kind == "escalation_severe_dimension":
            return self.env._(
                "Raised to %(level)s because %(dimension)s is severe.",
                level=levels.get(reason[2], reason[2]),
                dimension=dimensions.get(reason[1], reason[1]),
            )
        if kind == "escalation_multiple_severe":
            return self.env._(
                "Raised to %(level)s because %(count)s dimensions are severe.",
                level=levels.get(reason[2], reason[2]),
                count=reason[1],
            )
        return " ".join(str(part) for part in reason)

    @api.constrains("override_level", "override_reason")
    def _check_override_reason(self):
        for assessment in self:
            if (
                assessment.override_level
                and not (assessment.override_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Override Reason: explain why you set the level to a value "
                        "other than the suggestion."
                    )
                )

    @api.constrains("case_id", "date")
    def _check_case_open(self):
        for assessment in self:
            if assessment.case_id.intake_date and assessment.date < (
                assessment.case_id.intake_date.date()
            ):
                raise ValidationError(
                    self.env._("Date: an assessment cannot precede the intake.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        assessments = super().create(vals_list)
        for case in assessments.case_id:
            if case.phase in ("intake", "closed"):
                raise UserError(
                    self.env._(
                        "%(case)s must be in the assessment phase or later to be "
                        "assessed (it needs a valid consent first).",
                        case=case.name,
                    )
                )
        return assessments
