# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..services import comparison, scorecard
from ..services.errors import ReportingError

DIMENSIONS = [
    ("policy", "Policy"),
    ("technology", "Technology"),
    ("organisation", "Organisation"),
]
INDICATOR_NAMES = [
    ("p_special_fund", "Special fund for digital social work"),
    ("p_data_security", "Data-security and privacy policy"),
    ("p_digital_budget", "Digital services in the social-work budget (%)"),
    ("p_fund_mix", "Fund mix: largest gap to 30/50/20 (points)"),
    ("t_response_change", "Change of the mean response time (%)"),
    ("t_satisfaction_change", "Change of the mean satisfaction (%)"),
    ("t_coverage", "Vulnerable people reached in 12 months (%)"),
    ("o_digital_post", "Digital post or department"),
    ("o_certified", "Social workers certified on the system (%)"),
    ("o_partners", "Partners in the collaboration network"),
]
LIGHTS = [("green", "Green"), ("amber", "Amber"), ("red", "Red"), ("none", "No Value")]


class RuralswPtoAssessment(models.Model):
    """Self-assessment of a period along the paper's policy-technology-
    organisation (政策–技术–组织) framework: measured indicators come from
    the reporting tables, entered ones need evidence."""

    _name = "ruralsw.pto.assessment"
    _description = "PTO Assessment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    area_id = fields.Many2one(
        "ruralsw.area",
        string="County",
        domain=[("level", "=", "county")],
        help="Leave empty to assess every county of the organisation.",
    )
    date_from = fields.Date(string="Period From", required=True, tracking=True)
    date_to = fields.Date(string="Period To", required=True, tracking=True)
    baseline_date_from = fields.Date(string="Baseline From", required=True)
    baseline_date_to = fields.Date(string="Baseline To", required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Confirmed")],
        default="draft",
        required=True,
        tracking=True,
    )
    previous_id = fields.Many2one(
        "ruralsw.pto.assessment",
        string="Compare With",
        check_company=True,
        domain="[('id', '!=', id)]",
    )
    line_ids = fields.One2many(
        "ruralsw.pto.assessment.line",
        "assessment_id",
        string="Indicators",
        default=lambda self: self._default_line_ids(),
    )
    green_count = fields.Integer(compute="_compute_light_counts")
    red_count = fields.Integer(compute="_compute_light_counts")
    note = fields.Html()

    def _default_line_ids(self):
        return [
            Command.create({"indicator": code, "target": spec[2]})
            for code, spec in scorecard.INDICATORS.items()
        ]

    @api.depends("line_ids.light")
    def _compute_light_counts(self):
        for assessment in self:
            lights = assessment.line_ids.mapped("light")
            assessment.green_count = lights.count("green")
            assessment.red_count = lights.count("red")

    @api.constrains("date_from", "date_to", "baseline_date_from", "baseline_date_to")
    def _check_periods(self):
        for assessment in self:
            if assessment.date_to < assessment.date_from:
                raise ValidationError(
                    self.env._(
                        "Period To of %(name)s is before Period From.",
                        name=assessment.name,
                    )
                )
            if assessment.baseline_date_to < assessment.baseline_date_from:
                raise ValidationError(
                    self.env._(
                        "Baseline To of %(name)s is before Baseline From.",
                        name=assessment.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_compute(self):
        """Fill the measured indicators from the reporting tables."""
        today = fields.Date.context_today(self)
        for assessment in self:
            assessment._check_period_service(
                assessment.date_from, assessment.date_to, today, "date_from"
            )
            assessment._check_period_service(
                assessment.baseline_date_from,
                assessment.baseline_date_to,
                today,
                "baseline_date_from",
            )
            values = assessment._ruralsw_measure()
            for line in assessment.line_ids.filtered(lambda x: x.kind == "measured"):
                value = values.get(line.indicator)
                line.write({"value": value or 0.0, "has_value": value is not None})
        return True

    def action_confirm(self):
        for assessment in self:
            missing = assessment.line_ids.filtered(
                lambda x: x.kind == "entered" and not x._ruralsw_has_evidence()
            )
            if missing:
                raise ValidationError(
                    self.env._(
                        "Evidence: give a text or an attachment for %(indicators)s "
                        "before confirming %(name)s.",
                        indicators=", ".join(missing.mapped("name")),
                        name=assessment.name,
                    )
                )
        self.write({"state": "done"})
        return True

    def action_reset_draft(self):
        self.write({"state": "draft"})
        return True

    # ------------------------------------------------------------------
    # Measures
    # ------------------------------------------------------------------
    def _check_period_service(self, date_from, date_to, today, field):
        labels = {
            "date_from": self.env._("Period"),
            "baseline_date_from": self.env._("Baseline"),
        }
        try:
            comparison.check_period(date_from, date_to, today, field=field)
        except ReportingError as error:
            if error.code == "period.future":
                message = self.env._(
                    "%(period)s of %(name)s starts on %(start)s, in the future: "
                    "no figures exist yet.",
                    period=labels[field],
                    name=self.name,
                    start=date_from,
                )
            else:
                message = self.env._(
                    "%(period)s of %(name)s is not a valid period.",
                    period=labels[field],
                    name=self.name,
                )
            raise UserError(message) from error

    def _ruralsw_area_domain(self):
        return [("area_id", "=", self.area_id.id)] if self.area_id else []

    def _ruralsw_county_sums(self, model, date_from, date_to, aggregates, domain=()):
        rows = self.env[model]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("area_level", "=", "county"),
                ("channel", "=", "all"),
                *self._ruralsw_area_domain(),
                ("month", ">=", date_from.replace(day=1)),
                ("month", "<=", date_to),
                *domain,
            ],
            [],
            aggregates,
        )
        return rows[0]

    def _ruralsw_change(self, model, total, count, extra=()):
        """Percent change of sum(total)/sum(count) against the baseline."""
        aggregates = [f"{total}:sum", f"{count}:sum"]
        current = self._ruralsw_county_sums(
            model, self.date_from, self.date_to, aggregates, extra
        )
        baseline = self._ruralsw_county_sums(
            model, self.baseline_date_from, self.baseline_date_to, aggregates, extra
        )
        current_mean = current[0] / current[1] if current[1] else None
        baseline_mean = baseline[0] / baseline[1] if baseline[1] else None
        try:
            return comparison.percent_change(current_mean, baseline_mean)
        except ReportingError as error:
            raise UserError(
                self.env._(
                    "Baseline of %(name)s (%(start)s to %(end)s) has no data for "
                    "%(figure)s: choose a baseline period with figures, or refresh "
                    "the figures.",
                    name=self.name,
                    start=self.baseline_date_from,
                    end=self.baseline_date_to,
                    figure=self.env[model]._description,
                )
            ) from error

    def _ruralsw_fund_mix(self, date_from, date_to):
        """Largest gap (points) between the inflows' shares and 30/50/20."""
        self.ensure_one()
        inflows = dict(
            self.env["ruralsw.report.fund"]._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("month", ">=", date_from.replace(day=1)),
                    ("month", "<=", date_to),
                ],
                ["fund_source"],
                ["inflow_amount:sum"],
            )
        )
        return scorecard.fund_mix_drift(inflows)

    def _ruralsw_measure(self):
        """Return {indicator: value or None} of the measured indicators."""
        self.ensure_one()
        values = {
            "t_response_change": self._ruralsw_change(
                "ruralsw.report.response", "response_hours_sum", "responded_count"
            ),
            "t_satisfaction_change": self._ruralsw_change(
                "ruralsw.report.satisfaction",
                "satisfaction_sum",
                "evaluation_count",
                [("need_category", "=", "all")],
            ),
        }
        coverage = self.env["ruralsw.report.coverage"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("area_level", "=", "county"),
                ("channel", "=", "all"),
                *self._ruralsw_area_domain(),
                ("month", "=", self.date_to.replace(day=1)),
            ],
            [],
            ["vulnerable_reached_count:sum", "vulnerable_count:sum"],
        )[0]
        values["t_coverage"] = (
            100.0 * coverage[0] / coverage[1] if coverage[1] else None
        )
        values["p_fund_mix"] = self._ruralsw_fund_mix(self.date_from, self.date_to)
        values["o_certified"] = self.env[
            "ruralsw.certification"
        ]._ruralsw_certified_share(self.company_id, self.date_to)
        return values


class RuralswPtoAssessmentLine(models.Model):
    _name = "ruralsw.pto.assessment.line"
    _description = "PTO Indicator"
    _order = "assessment_id, dimension, id"

    assessment_id = fields.Many2one(
        "ruralsw.pto.assessment", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="assessment_id.company_id", store=True)
    indicator = fields.Selection(INDICATOR_NAMES, required=True)
    name = fields.Char(compute="_compute_spec", store=True)
    dimension = fields.Selection(DIMENSIONS, compute="_compute_spec", store=True)
    kind = fields.Selection(
        [("measured", "Measured"), ("entered", "Entered with Evidence")],
        compute="_compute_spec",
        store=True,
    )
    direction = fields.Selection(
        [("higher", "At Least the Target"), ("lower", "At Most the Target")],
        compute="_compute_spec",
        store=True,
    )
    target = fields.Float()
    value = fields.Float()
    has_value = fields.Boolean(
        string="Has a Value",
        help="Measured: the figures exist for the period. Entered: the value "
        "was assessed.",
    )
    evidence_text = fields.Text(string="Evidence")
    attachment_ids = fields.Many2many("ir.attachment", string="Evidence Files")
    light = fields.Selection(LIGHTS, compute="_compute_light", store=True)
    previous_value = fields.Float(compute="_compute_previous")
    previous_light = fields.Selection(LIGHTS, compute="_compute_previous")

    _sql_constraints = [
        (
            "indicator_unique",
            "unique(assessment_id, indicator)",
            "Each indicator appears once per assessment.",
        ),
    ]

    @api.depends("indicator")
    def _compute_spec(self):
        names = dict(self._fields["indicator"]._description_selection(self.env))
        for line in self:
            spec = scorecard.INDICATORS.get(line.indicator)
            line.name = names.get(line.indicator, "")
            line.dimension, line.kind, _target, line.direction = (
                spec[:4] if spec else (False, False, 0.0, False)
            )

    @api.depends(
        "value",
        "target",
        "direction",
        "has_value",
        "kind",
        "evidence_text",
        "attachment_ids",
    )
    def _compute_light(self):
        for line in self:
            assessed = line.has_value and (
                line.kind != "entered" or line._ruralsw_has_evidence()
            )
            line.light = scorecard.traffic_light(
                line.value if assessed else None,
                line.target,
                line.direction or "higher",
            )

    @api.depends("assessment_id.previous_id.line_ids.value")
    def _compute_previous(self):
        for line in self:
            previous = line.assessment_id.previous_id.line_ids.filtered(
                lambda x, code=line.indicator: x.indicator == code
            )[:1]
            line.previous_value = previous.value
            line.previous_light = previous.light or "none"

    @api.constrains("value", "has_value", "evidence_text", "attachment_ids")
    def _check_evidence(self):
        for line in self:
            if scorecard.needs_evidence(
                line.kind,
                line.value if line.has_value else None,
                line.evidence_text,
                len(line.attachment_ids),
            ):
                raise ValidationError(
                    self.env._(
                        "Evidence: %(indicator)s is entered by hand; give a text "
                        "or attach a file that shows it.",
                        indicator=line.name,
                    )
                )

    def _ruralsw_has_evidence(self):
        self.ensure_one()
        return bool((self.evidence_text or "").strip() or self.attachment_ids)
