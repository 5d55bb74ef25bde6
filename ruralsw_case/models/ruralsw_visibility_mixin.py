# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.osv import expression


class RuralswVisibilityMixin(models.AbstractModel):
    """A ``ruralsw_visible`` field that a global record rule filters on.

    Core models (contacts, CRM leads) have no group rule that could confine
    our records to an area, and group rules only widen access: a global rule
    ``[('ruralsw_visible', '=', True)]`` narrows it instead. Each model says in
    ``_ruralsw_visible_domain`` which of its records the current user sees;
    the computed value and the search agree by construction.
    """

    _name = "ruralsw.visibility.mixin"
    _description = "Visibility by Social-Work Area"

    ruralsw_visible = fields.Boolean(
        string="Visible to me",
        compute="_compute_ruralsw_visible",
        search="_search_ruralsw_visible",
        help="Technical: whether the current user's social-work role and areas "
        "give access to this record.",
    )

    def _ruralsw_visible_domain(self):
        """Domain of the records the current user may see."""
        raise NotImplementedError

    def _ruralsw_user_scope(self):
        """Return ``"all"``, ``"area"`` or ``"none"``: how far the current
        user's social-work role reaches."""
        partners = self.env["res.partner"]
        user = self.env.user
        if any(
            user.has_group(xmlid) for xmlid in partners._ruralsw_full_scope_groups()
        ):
            return "all"
        if any(
            user.has_group(xmlid) for xmlid in partners._ruralsw_area_scope_groups()
        ):
            return "area"
        return "none"

    def _search_ruralsw_visible(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on visibility."))
        domain = self._ruralsw_visible_domain()
        if (operator == "=") == value:
            return domain
        return ["!", *expression.normalize_domain(domain)]

    def _compute_ruralsw_visible(self):
        # sudo: the record rule must not filter the records it is computed on
        visible = (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "in", self.ids), *self._ruralsw_visible_domain()])
        )
        for record in self:
            record.ruralsw_visible = record.id in visible.ids
