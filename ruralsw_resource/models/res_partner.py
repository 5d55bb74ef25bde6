# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models

VOLUNTEER_STATES = [
    ("candidate", "Candidate"),
    ("active", "Active"),
    ("paused", "Paused"),
    ("left", "Left"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    ruralsw_is_volunteer = fields.Boolean(string="Volunteer", index=True)
    ruralsw_volunteer_state = fields.Selection(
        VOLUNTEER_STATES,
        string="Volunteer Status",
        default="candidate",
        index=True,
        tracking=True,
    )
    ruralsw_skill_ids = fields.Many2many("ruralsw.volunteer.skill", string="Skills")
    ruralsw_dialect_ids = fields.Many2many(
        "ruralsw.dialect",
        string="Dialects Spoken",
        help="Languages and dialects the person speaks: for volunteers, to "
        "match the beneficiaries they visit.",
    )
    ruralsw_home_area_id = fields.Many2one(
        "ruralsw.area",
        string="Home Area",
        index="btree_not_null",
        help="Where the volunteer lives; distances to visits start there.",
    )
    ruralsw_availability_id = fields.Many2one(
        "resource.calendar",
        string="Weekly Availability",
        help="Working times of this calendar are the times the volunteer can "
        "be assigned. Empty: any time.",
    )
    ruralsw_max_hours_week = fields.Float(
        string="Maximum Hours per Week",
        default=8.0,
        help="0 for no maximum.",
    )
    ruralsw_background_check_date = fields.Date(string="Background Check")
    ruralsw_assignment_ids = fields.One2many(
        "ruralsw.volunteer.assignment", "volunteer_id", string="Assignments"
    )
    ruralsw_assignment_count = fields.Integer(
        string="Assignment Count", compute="_compute_ruralsw_volunteer_totals"
    )
    ruralsw_hours_logged = fields.Float(
        string="Hours Logged", compute="_compute_ruralsw_volunteer_totals"
    )

    def _compute_ruralsw_volunteer_totals(self):
        groups = {
            volunteer: (count, hours)
            for volunteer, count, hours in self.env[
                "ruralsw.volunteer.assignment"
            ]._read_group(
                [("volunteer_id", "in", self.ids), ("state", "!=", "cancel")],
                ["volunteer_id"],
                ["__count", "hours_logged:sum"],
            )
        }
        for partner in self:
            count, hours = groups.get(partner, (0, 0.0))
            partner.ruralsw_assignment_count = count
            partner.ruralsw_hours_logged = hours

    def action_ruralsw_view_assignments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ruralsw_resource.ruralsw_volunteer_assignment_action"
        )
        action["domain"] = [("volunteer_id", "=", self.id)]
        action["context"] = {"default_volunteer_id": self.id}
        return action
