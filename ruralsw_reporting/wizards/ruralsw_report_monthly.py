# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class RuralswReportMonthly(models.TransientModel):
    """Print the monthly area report: the figures of a county (or a
    township) and of each area below it, for one month."""

    _name = "ruralsw.report.monthly"
    _description = "Monthly Area Report"

    area_id = fields.Many2one(
        "ruralsw.area",
        required=True,
        domain=[("level", "in", ("county", "township"))],
    )
    month = fields.Date(
        required=True,
        default=lambda self: (
            fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        ),
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.constrains("month")
    def _check_month(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            if wizard.month > today:
                raise UserError(
                    self.env._("Month: %(month)s is in the future.", month=wizard.month)
                )

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "ruralsw_reporting.action_report_monthly_area"
        ).report_action(self)

    def _ruralsw_rows(self, model, fnames, extra_domain=()):
        """Rows of ``model`` for the month: the area itself first, then the
        areas one level below, as the current user may read them (observers
        get small cells suppressed)."""
        self.ensure_one()
        month = self.month.replace(day=1)
        below = "township" if self.area_id.level == "county" else "village"
        records = self.env[model].search(
            [
                ("company_id", "=", self.company_id.id),
                ("month", "=", month),
                ("channel", "=", "all"),
                "|",
                ("area_id", "=", self.area_id.id),
                "&",
                ("area_id", "child_of", self.area_id.id),
                ("area_level", "=", below),
                *extra_domain,
            ]
        )
        values = records.read(["area_id", "area_level", *fnames])
        names = {area.id: area.name for area in records.area_id}
        for row in values:
            row["area_name"] = names.get(row["area_id"][0]) if row["area_id"] else ""
            row["is_total"] = (
                bool(row["area_id"]) and row["area_id"][0] == self.area_id.id
            )
        return sorted(values, key=lambda r: (not r["is_total"], r["area_name"]))

    def _ruralsw_report_data(self):
        """The tables of the report: per figure, its rows and its columns
        (field name, translated label)."""
        self.ensure_one()
        tables = self._ruralsw_report_tables()
        return {
            key: {
                "rows": rows,
                "columns": [
                    (
                        fname,
                        self.env[model]
                        ._fields[fname]
                        .get_description(self.env)["string"],
                    )
                    for fname in fnames
                ],
            }
            for key, (model, fnames, rows) in tables.items()
        }

    def _ruralsw_report_tables(self):
        """{figure: (model, field names, rows)}."""
        specs = {
            "response": (
                "ruralsw.report.response",
                [
                    "case_count",
                    "responded_count",
                    "response_hours_median",
                    "response_hours_p90",
                    "within_deadline_rate",
                    "overdue_count",
                ],
            ),
            "flow": (
                "ruralsw.report.case.flow",
                [
                    "opened_count",
                    "closed_count",
                    "closure_rate",
                    "open_count",
                    "caseload_per_worker",
                    "overdue_count",
                ],
            ),
            "satisfaction": (
                "ruralsw.report.satisfaction",
                [
                    "evaluation_count",
                    "satisfaction_avg",
                    "satisfied_rate",
                    "goal_attainment_avg",
                    "income_change_avg",
                ],
                [("need_category", "=", "all")],
            ),
            "coverage": (
                "ruralsw.report.coverage",
                [
                    "vulnerable_count",
                    "vulnerable_reached_count",
                    "coverage_rate",
                    "elderly_reached_count",
                    "unreached_village_count",
                ],
            ),
            "aid": (
                "ruralsw.report.aid",
                [
                    "line_count",
                    "quantity_requested",
                    "quantity_delivered",
                    "fill_rate",
                    "lead_time_median",
                ],
            ),
            "volunteer": (
                "ruralsw.report.volunteer",
                ["people_count", "assignment_count", "hours_logged"],
            ),
        }
        return {
            key: (spec[0], spec[1], self._ruralsw_rows(*spec))
            for key, spec in specs.items()
        }
