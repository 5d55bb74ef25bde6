# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, models

from .ruralsw_platform import PLATFORM_GROUP


class RuralswCase(models.Model):
    _inherit = "ruralsw.case"

    @api.model
    def _ruralsw_assign_social_worker(self, area):
        """The social worker serving ``area`` with the lowest open caseload:
        open cases plus open applications not yet turned into a case (so
        that a burst of online applications is spread out). Social workers
        come before supervisors; the platforms' technical users hold
        social-worker rights but never get work."""
        group = self.env.ref("ruralsw_case.group_ruralsw_social_worker")
        platform_group = self.env.ref(PLATFORM_GROUP)
        ancestors = [int(a) for a in (area.parent_path or "").split("/") if a]
        # sudo: the assignment looks at every worker of the area, whoever
        # asks (ruralsw_case does the same)
        workers = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("ruralsw_area_ids", "in", ancestors),
                    ("groups_id", "in", group.ids),
                    ("groups_id", "not in", platform_group.ids),
                    ("share", "=", False),
                ]
            )
        )
        # supervisors serve whole counties: they follow up only where no
        # social worker of their own serves the village
        supervisor_group = self.env.ref("ruralsw_case.group_ruralsw_supervisor")
        workers = (
            workers.filtered(lambda u: supervisor_group not in u.groups_id) or workers
        )
        if not workers:
            return workers
        caseloads = workers._ruralsw_open_caseloads()
        applications = (
            self.env["crm.lead"]
            .sudo()
            ._read_group(
                [
                    ("user_id", "in", workers.ids),
                    ("ruralsw_intake", "=", True),
                    ("ruralsw_case_ids", "=", False),
                    ("ruralsw_reference", "!=", False),
                ],
                ["user_id"],
                ["__count"],
            )
        )
        for user, count in applications:
            caseloads[user.id] += count
        return min(workers, key=lambda u: (caseloads[u.id], u.id))
