# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models
from odoo.tools import SQL


class RuralswReportVolunteer(models.Model):
    """Volunteers (志愿者) per township and month: hours, field visits and
    distribution events."""

    _name = "ruralsw.report.volunteer"
    _inherit = ["ruralsw.report.mixin"]
    _description = "Volunteer Figures"
    _ruralsw_people_fields = ("assignment_count", "visit_count", "event_count")
    _ruralsw_source_tables = ("ruralsw_volunteer_assignment",)

    assignment_count = fields.Integer(
        string="Assignments", aggregator="sum", readonly=True
    )
    done_count = fields.Integer(string="Done", aggregator="sum", readonly=True)
    visit_count = fields.Integer(string="Field Visits", aggregator="sum", readonly=True)
    event_count = fields.Integer(
        string="Distribution Events", aggregator="sum", readonly=True
    )
    hours_planned = fields.Float(aggregator="sum", readonly=True)
    hours_logged = fields.Float(aggregator="sum", readonly=True)

    def _ruralsw_select(self, now):
        # people_count counts the volunteers
        return SQL(
            """
            WITH cc AS (
                SELECT a.id, a.company_id, a.volunteer_id, a.township_id, a.state,
                       a.task_id, a.event_id, a.hours_planned, a.hours_logged,
                       date_trunc('month', a.date_start)::date AS month
                  FROM ruralsw_volunteer_assignment a
                 WHERE a.state != 'cancel' AND a.township_id IS NOT NULL
            )
            SELECT cc.company_id, cc.month, lv.area_id, lv.area_level,
                   'all' AS channel,
                   count(DISTINCT cc.volunteer_id) AS people_count,
                   count(*) AS assignment_count,
                   count(*) FILTER (WHERE cc.state = 'done') AS done_count,
                   count(*) FILTER (WHERE cc.task_id IS NOT NULL) AS visit_count,
                   count(*) FILTER (WHERE cc.event_id IS NOT NULL) AS event_count,
                   COALESCE(sum(cc.hours_planned), 0) AS hours_planned,
                   COALESCE(sum(cc.hours_logged), 0) AS hours_logged
              FROM cc
              JOIN ruralsw_area t ON t.id = cc.township_id
              CROSS JOIN LATERAL (VALUES
                  ('township', t.id), ('county', t.county_id)
              ) AS lv(area_level, area_id)
             WHERE lv.area_id IS NOT NULL
             GROUP BY cc.company_id, cc.month, lv.area_id, lv.area_level
            """,
            now=now,
        )
