# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..services import volunteer_match


class RuralswVolunteerAssignment(models.Model):
    """A volunteer on a field-visit task or a distribution event."""

    _name = "ruralsw.volunteer.assignment"
    _description = "Volunteer Assignment"
    _order = "date_start desc, id desc"
    _check_company_auto = True

    volunteer_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        domain=[("ruralsw_is_volunteer", "=", True)],
    )
    task_id = fields.Many2one(
        "project.task",
        string="Field Visit",
        index="btree_not_null",
        check_company=True,
        ondelete="cascade",
    )
    event_id = fields.Many2one(
        "calendar.event",
        string="Distribution Event",
        index="btree_not_null",
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    date_start = fields.Datetime(
        string="Start",
        required=True,
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
    )
    date_stop = fields.Datetime(
        string="End",
        required=True,
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
    )
    hours_planned = fields.Float(
        compute="_compute_hours_planned", store=True, readonly=False, precompute=True
    )
    hours_logged = fields.Float(aggregator="sum")
    township_id = fields.Many2one(
        "ruralsw.area",
        compute="_compute_township_id",
        store=True,
        index="btree_not_null",
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancel", "Cancelled")],
        default="planned",
        required=True,
        index=True,
    )
    note = fields.Text()

    @api.depends("task_id", "event_id")
    def _compute_company_id(self):
        for assignment in self:
            assignment.company_id = (
                assignment.task_id.company_id
                or assignment.event_id.user_id.company_id
                or assignment.company_id
                or self.env.company
            )

    @api.depends("event_id.start", "event_id.stop")
    def _compute_dates(self):
        for assignment in self:
            if assignment.event_id:
                assignment.date_start = assignment.event_id.start
                assignment.date_stop = assignment.event_id.stop
            else:
                assignment.date_start = assignment.date_start
                assignment.date_stop = assignment.date_stop

    @api.depends("date_start", "date_stop")
    def _compute_hours_planned(self):
        for assignment in self:
            if assignment.date_start and assignment.date_stop:
                assignment.hours_planned = max(
                    (assignment.date_stop - assignment.date_start).total_seconds()
                    / 3600,
                    0.0,
                )
            else:
                assignment.hours_planned = 0.0

    @api.depends(
        "task_id.ruralsw_area_id.township_id",
        "event_id.ruralsw_area_id.township_id",
        "volunteer_id.ruralsw_home_area_id.township_id",
    )
    def _compute_township_id(self):
        for assignment in self:
            assignment.township_id = (
                assignment.task_id.ruralsw_area_id.township_id
                or assignment.event_id.ruralsw_area_id.township_id
                or assignment.volunteer_id.ruralsw_home_area_id.township_id
            )

    @api.depends("volunteer_id", "task_id", "event_id")
    def _compute_display_name(self):
        for assignment in self:
            target = assignment.task_id or assignment.event_id
            assignment.display_name = (
                f"{assignment.volunteer_id.name or ''} · {target.display_name or ''}"
            )

    @api.constrains("task_id", "event_id")
    def _check_target(self):
        for assignment in self:
            if bool(assignment.task_id) == bool(assignment.event_id):
                raise ValidationError(
                    self.env._(
                        "An assignment is for a field visit or for a distribution "
                        "event (exactly one of them)."
                    )
                )

    @api.constrains("hours_logged", "date_start", "date_stop")
    def _check_hours(self):
        for assignment in self:
            if assignment.hours_logged < 0:
                raise ValidationError(self.env._("Hours Logged cannot be negative."))
            if assignment.date_stop <= assignment.date_start:
                raise ValidationError(
                    self.env._(
                        "The end of the assignment of %(volunteer)s must be after its "
                        "start.",
                        volunteer=assignment.volunteer_id.name,
                    )
                )

    @api.constrains("volunteer_id", "date_start", "date_stop", "hours_planned", "state")
    def _check_conflicts(self):
        live = self.filtered(lambda a: a.state == "planned")
        if not live:
            return
        for volunteer in live.volunteer_id:
            if not volunteer.ruralsw_is_volunteer:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a volunteer.",
                        partner=volunteer.display_name,
                    )
                )
            if volunteer.ruralsw_volunteer_state != "active":
                raise ValidationError(
                    self.env._(
                        "Volunteer %(volunteer)s is not active.",
                        volunteer=volunteer.display_name,
                    )
                )
        problems = self._ruralsw_conflicts()
        if problems:
            raise ValidationError("\n".join(problems))

    def _ruralsw_conflicts(self):
        """Messages for the conflicts of these planned assignments (one
        query for all the volunteers' other assignments)."""
        others = self.search(
            [
                ("volunteer_id", "in", self.volunteer_id.ids),
                ("state", "!=", "cancel"),
                ("id", "not in", self.ids),
            ]
        )
        by_volunteer = {}
        for other in others | self:
            by_volunteer.setdefault(other.volunteer_id, []).append(other)
        messages = []
        for assignment in self.filtered(lambda a: a.state == "planned"):
            volunteer = assignment.volunteer_id
            slots, tz = assignment._ruralsw_availability(volunteer)
            peers = [
                (other, other.date_start, other.date_stop, other.hours_planned)
                for other in by_volunteer[volunteer]
                if other != assignment
            ]
            found = volunteer_match.conflicts(
                assignment.date_start,
                assignment.date_stop,
                assignment.hours_planned,
                peers,
                availability=slots,
                max_hours_week=volunteer.ruralsw_max_hours_week,
                local_start=self._ruralsw_local(assignment.date_start, tz),
                local_stop=self._ruralsw_local(assignment.date_stop, tz),
            )
            for conflict in found:
                if conflict.code == "overlap":
                    messages.append(
                        self.env._(
                            "%(volunteer)s is already assigned to %(other)s at that "
                            "time.",
                            volunteer=volunteer.name,
                            other=(
                                conflict.other.task_id or conflict.other.event_id
                            ).display_name,
                        )
                    )
                elif conflict.code == "availability":
                    messages.append(
                        self.env._(
                            "%(volunteer)s is not available at that time "
                            "(weekly availability: %(calendar)s).",
                            volunteer=volunteer.name,
                            calendar=volunteer.ruralsw_availability_id.name,
                        )
                    )
                else:
                    messages.append(
                        self.env._(
                            "%(volunteer)s would work %(hours).1f hours that week, "
                            "over their maximum of %(limit).1f.",
                            volunteer=volunteer.name,
                            hours=conflict.hours,
                            limit=conflict.limit,
                        )
                    )
        return messages

    @api.model
    def _ruralsw_availability(self, volunteer):
        """Weekly slots [(weekday, from, to)] and timezone of a volunteer."""
        calendar = volunteer.ruralsw_availability_id
        if not calendar:
            return (), None
        slots = tuple(
            (int(attendance.dayofweek), attendance.hour_from, attendance.hour_to)
            for attendance in calendar.attendance_ids
            if attendance.day_period != "lunch"
        )
        return slots, calendar.tz

    @api.model
    def _ruralsw_availability_utc(self, volunteer, moment):
        """Weekly slots of a volunteer in UTC, for the week of ``moment``."""
        slots, tz = self._ruralsw_availability(volunteer)
        if not slots or not tz:
            return slots
        offset = pytz.timezone(tz).utcoffset(moment).total_seconds() / 3600
        return volunteer_match.shift_slots(slots, offset)

    @api.model
    def _ruralsw_local(self, moment, tz):
        if not tz or not moment:
            return moment
        return (
            pytz.utc.localize(moment).astimezone(pytz.timezone(tz)).replace(tzinfo=None)
        )

    @api.model_create_multi
    def create(self, vals_list):
        assignments = super().create(vals_list)
        assignments._ruralsw_sync_attendees()
        return assignments

    def write(self, vals):
        res = super().write(vals)
        if "volunteer_id" in vals or "event_id" in vals:
            self._ruralsw_sync_attendees()
        return res

    def _ruralsw_sync_attendees(self):
        """Volunteers of a distribution event are its attendees."""
        for event in self.event_id:
            missing = (
                self.filtered(lambda a, e=event: a.event_id == e).volunteer_id
                - event.partner_ids
            )
            if missing:
                event.write(
                    {"partner_ids": [fields.Command.link(p.id) for p in missing]}
                )

    def action_done(self):
        for assignment in self:
            if assignment.state != "planned":
                raise UserError(
                    self.env._("Only planned assignments can be marked done.")
                )
            if not assignment.hours_logged:
                assignment.hours_logged = assignment.hours_planned
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        self.write({"state": "cancel"})
        return True
