# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    ruralsw_area_id = fields.Many2one(
        "ruralsw.area",
        string="Distribution Village",
        index="btree_not_null",
        help="Set for aid distributions: the village where it takes place.",
    )
    ruralsw_assignment_ids = fields.One2many(
        "ruralsw.volunteer.assignment", "event_id", string="Volunteers"
    )
