# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RuralswRoadDistance(models.Model):
    """Road distance between two areas, used instead of the great-circle
    distance where mountain roads make the straight line misleading."""

    _name = "ruralsw.road.distance"
    _description = "Road Distance"
    _order = "from_area_id, to_area_id"

    from_area_id = fields.Many2one(
        "ruralsw.area", string="From", required=True, index=True
    )
    to_area_id = fields.Many2one("ruralsw.area", string="To", required=True, index=True)
    distance_km = fields.Float(string="Road Distance (km)", required=True)

    _sql_constraints = [
        (
            "pair_unique",
            "unique(from_area_id, to_area_id)",
            "There is already a road distance between these areas.",
        ),
    ]

    @api.constrains("distance_km", "from_area_id", "to_area_id")
    def _check_distance(self):
        for record in self:
            if record.distance_km < 0:
                raise ValidationError(
                    self.env._("Road Distance (km) cannot be negative.")
                )
            if record.from_area_id == record.to_area_id:
                raise ValidationError(
                    self.env._("A road distance joins two different areas.")
                )

    @api.model
    def _ruralsw_table(self):
        """Return {(from_area_id, to_area_id): km} in both directions."""
        table = {}
        for record in self.search_fetch(
            [], ["from_area_id", "to_area_id", "distance_km"]
        ):
            key = (record.from_area_id.id, record.to_area_id.id)
            table[key] = record.distance_km
            table.setdefault((key[1], key[0]), record.distance_km)
        return table
