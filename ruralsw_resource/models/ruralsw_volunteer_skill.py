# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models


class RuralswVolunteerSkill(models.Model):
    _name = "ruralsw.volunteer.skill"
    _description = "Volunteer Skill"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "unique(name)", "A skill with this name already exists.")
    ]


class RuralswDialect(models.Model):
    _name = "ruralsw.dialect"
    _description = "Spoken Dialect or Language"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "unique(name)", "A dialect with this name already exists.")
    ]
