# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models

from ..services import volunteer_match


class ProjectTask(models.Model):
    _inherit = "project.task"

    ruralsw_skill_ids = fields.Many2many(
        "ruralsw.volunteer.skill", string="Skills Needed"
    )
    ruralsw_assignment_ids = fields.One2many(
        "ruralsw.volunteer.assignment", "task_id", string="Volunteers"
    )
    ruralsw_aid_request_line_id = fields.Many2one(
        "ruralsw.aid.request.line",
        string="Aid Delivery",
        index="btree_not_null",
        ondelete="set null",
        help="The delivery of equipment this follow-up visit guides.",
    )

    def _ruralsw_match_task(self, start=None, stop=None, hours=2.0):
        """The task as the matching service sees it."""
        self.ensure_one()
        # sudo: the coordinator matching volunteers reads the dialects and
        # the village of the visit's beneficiary, not the case
        task = self.sudo()
        beneficiary = task.ruralsw_case_id.beneficiary_id
        area = task.ruralsw_area_id
        return volunteer_match.Task(
            key=self.id,
            skills=frozenset(self.ruralsw_skill_ids.ids),
            dialects=frozenset(beneficiary.ruralsw_dialect_ids.ids),
            latitude=area.latitude or area.township_id.latitude,
            longitude=area.longitude or area.township_id.longitude,
            start=start,
            stop=stop,
            hours=hours,
        )

    def action_ruralsw_suggest_volunteers(self):
        """Open the suggestion wizard for these tasks."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Suggest Volunteers"),
            "res_model": "ruralsw.volunteer.suggest",
            "view_mode": "form",
            "target": "new",
            "context": {"default_task_ids": [fields.Command.set(self.ids)]},
        }
