# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models


class ProjectTask(models.Model):
    """Field visits are tasks: project managers schedule them with the
    project tools; finishing the task finishes the intervention."""

    _inherit = "project.task"

    ruralsw_case_id = fields.Many2one(
        "ruralsw.case", string="Case", index="btree_not_null", ondelete="set null"
    )
    ruralsw_intervention_id = fields.Many2one(
        "ruralsw.intervention",
        string="Intervention",
        index="btree_not_null",
        ondelete="set null",
    )
    ruralsw_area_id = fields.Many2one(
        related="ruralsw_case_id.area_id", string="Village", store=True
    )

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") == "1_done":
            interventions = self.ruralsw_intervention_id.filtered(
                lambda i: i.state == "planned"
            )
            # even empty, the write would call back this one through the intervention's
            if interventions:
                interventions.write({"state": "done"})
        return res

    @api.model
    def _ruralsw_create_field_visits(self, visits):
        """Create one task per visit in its township's project.

        :param visits: dicts with ``case``, ``name``, ``user``, ``deadline``
            and optionally ``intervention``.
        """
        cases = self.env["ruralsw.case"].union(*[visit["case"] for visit in visits])
        projects = {}
        for company in cases.company_id:
            company_cases = cases.filtered(lambda c, co=company: c.company_id == co)
            for township, project in (
                self.env["project.project"]
                ._ruralsw_field_visit_projects(company_cases.township_id, company)
                .items()
            ):
                projects[(township, company)] = project
        vals_list = []
        for visit in visits:
            case = visit["case"]
            vals_list.append(
                {
                    "name": visit["name"],
                    "project_id": projects[(case.township_id, case.company_id)].id,
                    "ruralsw_case_id": case.id,
                    "ruralsw_intervention_id": visit.get(
                        "intervention", self.env["ruralsw.intervention"]
                    ).id,
                    "user_ids": [fields.Command.set(visit["user"].ids)],
                    "date_deadline": fields.Datetime.to_datetime(visit["deadline"]),
                    "company_id": case.company_id.id,
                }
            )
        return self.create(vals_list)
