# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..services import volunteer_match


class RuralswVolunteerSuggest(models.TransientModel):
    """Ranked volunteers for field visits (one task or a week of them)."""

    _name = "ruralsw.volunteer.suggest"
    _description = "Volunteer Suggestions"

    task_ids = fields.Many2many("project.task", string="Field Visits")
    date_start = fields.Datetime(
        string="Visits Start",
        required=True,
        default=lambda self: (
            fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
            + timedelta(days=1)
        ),
        help="Start of the first visit; the others follow two hours apart.",
    )
    hours = fields.Float(string="Hours per Visit", default=2.0, required=True)
    max_km = fields.Float(string="Within (km)", default=30.0, required=True)
    line_ids = fields.One2many(
        "ruralsw.volunteer.suggest.line", "suggest_id", string="Suggestions"
    )

    def action_suggest(self):
        self.ensure_one()
        if self.hours <= 0:
            raise UserError(self.env._("Hours per Visit must be positive."))
        self.line_ids.unlink()
        tasks = self.task_ids
        if not tasks:
            raise UserError(self.env._("Choose the field visits to staff."))
        slots = {}
        start = self.date_start
        for index, task in enumerate(tasks):
            task_start = start + timedelta(hours=index * self.hours)
            slots[task.id] = (task_start, task_start + timedelta(hours=self.hours))
        match_tasks = [
            task._ruralsw_match_task(*slots[task.id], hours=self.hours)
            for task in tasks
        ]
        volunteers = self._ruralsw_match_volunteers(start)
        result = volunteer_match.suggest_bulk(
            match_tasks, volunteers, max_km=self.max_km
        )
        vals_list = []
        for task in tasks:
            for rank, suggestion in enumerate(result.get(task.id, []), start=1):
                vals_list.append(
                    {
                        "suggest_id": self.id,
                        "task_id": task.id,
                        "volunteer_id": suggestion.volunteer,
                        "rank": rank,
                        "score": round(100 * suggestion.score, 1),
                        "date_start": slots[task.id][0],
                        "date_stop": slots[task.id][1],
                        "selected": rank == 1,
                    }
                )
        self.env["ruralsw.volunteer.suggest.line"].create(vals_list)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.model
    def _ruralsw_match_volunteers(self, moment):
        """Active volunteers as the matching service sees them, with their
        planned hours of the week of moment (one grouped query)."""
        partners = self.env["res.partner"].search(
            [
                ("ruralsw_is_volunteer", "=", True),
                ("ruralsw_volunteer_state", "=", "active"),
            ]
        )
        week_start, week_stop = volunteer_match.week_bounds(moment)
        load = dict(
            self.env["ruralsw.volunteer.assignment"]._read_group(
                [
                    ("volunteer_id", "in", partners.ids),
                    ("state", "!=", "cancel"),
                    ("date_start", ">=", week_start),
                    ("date_start", "<", week_stop),
                ],
                ["volunteer_id"],
                ["hours_planned:sum"],
            )
        )
        Assignment = self.env["ruralsw.volunteer.assignment"]
        result = []
        for partner in partners:
            slots = Assignment._ruralsw_availability_utc(partner, moment)
            area = partner.ruralsw_home_area_id
            result.append(
                volunteer_match.Volunteer(
                    key=partner.id,
                    skills=frozenset(partner.ruralsw_skill_ids.ids),
                    dialects=frozenset(partner.ruralsw_dialect_ids.ids),
                    latitude=area.latitude or area.township_id.latitude,
                    longitude=area.longitude or area.township_id.longitude,
                    max_hours_week=partner.ruralsw_max_hours_week,
                    load_hours=load.get(partner, 0.0),
                    availability=slots,
                )
            )
        return result

    def action_assign(self):
        """Assign the selected suggestions (conflicts are refused by the
        assignment itself)."""
        self.ensure_one()
        chosen = self.line_ids.filtered("selected")
        if not chosen:
            raise UserError(self.env._("Select at least one suggestion."))
        self.env["ruralsw.volunteer.assignment"].create(
            [
                {
                    "volunteer_id": line.volunteer_id.id,
                    "task_id": line.task_id.id,
                    "date_start": line.date_start,
                    "date_stop": line.date_stop,
                }
                for line in chosen
            ]
        )
        return {"type": "ir.actions.act_window_close"}


class RuralswVolunteerSuggestLine(models.TransientModel):
    _name = "ruralsw.volunteer.suggest.line"
    _description = "Volunteer Suggestion"
    _order = "task_id, rank"

    suggest_id = fields.Many2one(
        "ruralsw.volunteer.suggest", required=True, ondelete="cascade", index=True
    )
    task_id = fields.Many2one("project.task", string="Field Visit", required=True)
    volunteer_id = fields.Many2one("res.partner", required=True)
    rank = fields.Integer()
    score = fields.Float()
    date_start = fields.Datetime(string="Start")
    date_stop = fields.Datetime(string="End")
    selected = fields.Boolean(string="Assign")
