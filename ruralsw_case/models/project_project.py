# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models


class ProjectProject(models.Model):
    _inherit = "project.project"

    ruralsw_township_id = fields.Many2one(
        "ruralsw.area",
        string="Field Visits of Township",
        domain=[("level", "=", "township")],
        index="btree_not_null",
        help="This project holds the field visits of the township's cases.",
    )

    _sql_constraints = [
        (
            "ruralsw_township_company_unique",
            "unique(ruralsw_township_id, company_id)",
            "A township has one field-visit project per organisation.",
        ),
    ]

    @api.model
    def _ruralsw_field_visit_projects(self, townships, company):
        """Return ``{township: project}``, creating the missing projects.

        sudo: the per-township project is infrastructure that appears on the
        first visit; social workers schedule tasks but may not create projects.
        """
        Project = self.sudo().with_company(company)
        projects = {
            project.ruralsw_township_id: project
            for project in Project.search(
                [
                    ("ruralsw_township_id", "in", townships.ids),
                    ("company_id", "=", company.id),
                ]
            )
        }
        missing = townships.filtered(lambda t: t not in projects)
        if missing:
            stages = (
                self.env["project.task.type"]
                .sudo()
                .search([("ruralsw_field_visit", "=", True)])
            )
            created = Project.create(
                [
                    {
                        "name": self.env._(
                            "Field visits — %(township)s", township=township.name
                        ),
                        "ruralsw_township_id": township.id,
                        "company_id": company.id,
                        "privacy_visibility": "employees",
                        "type_ids": [fields.Command.set(stages.ids)],
                    }
                    for township in missing
                ]
            )
            projects.update(zip(missing, created, strict=True))
        return {
            township: projects[township].with_env(self.env) for township in townships
        }
