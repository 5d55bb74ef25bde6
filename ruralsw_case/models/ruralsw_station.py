# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

STATION_TYPES = [
    ("county_centre", "County E-commerce Operation Centre"),
    ("township_centre", "Township Service Centre"),
    ("village_station", "Village Service Station"),
]
STATION_LEVEL = {
    "county_centre": "county",
    "township_centre": "township",
    "village_station": "village",
}


class RuralswStation(models.Model):
    """A service point of the rural e-commerce network.

    County operation centres, township centres and village stations are where
    villagers apply in person, where clerks act as proxies and where aid is
    stored; each sits in the area of its own level.
    """

    _name = "ruralsw.station"
    _description = "Service Station"
    _inherit = ["mail.thread"]
    _order = "station_type, name"
    _check_company_auto = True

    name = fields.Char(required=True, index="trigram", tracking=True)
    station_type = fields.Selection(
        STATION_TYPES, string="Type", required=True, default="village_station"
    )
    area_id = fields.Many2one("ruralsw.area", required=True, index=True, tracking=True)
    township_id = fields.Many2one(related="area_id.township_id", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    street = fields.Char(string="Address")
    phone = fields.Char()
    latitude = fields.Float(
        digits=(10, 7), compute="_compute_coordinates", store=True, readonly=False
    )
    longitude = fields.Float(
        digits=(10, 7), compute="_compute_coordinates", store=True, readonly=False
    )
    user_ids = fields.Many2many(
        "res.users",
        "ruralsw_station_res_users_rel",
        "station_id",
        "user_id",
        string="Responsible Staff",
        domain=[("share", "=", False)],
    )
    active = fields.Boolean(default=True)

    @api.depends("area_id")
    def _compute_coordinates(self):
        for station in self:
            if station.latitude or station.longitude:
                continue
            coordinates = (
                station.area_id._get_coordinates() if station.area_id else None
            )
            station.latitude, station.longitude = coordinates or (0.0, 0.0)

    @api.constrains("station_type", "area_id")
    def _check_area_level(self):
        level_names = dict(
            self.env["ruralsw.area"]._fields["level"]._description_selection(self.env)
        )
        for station in self:
            expected = STATION_LEVEL[station.station_type]
            if station.area_id.level != expected:
                raise ValidationError(
                    self.env._(
                        "Station %(station)s: a %(type)s must be located in a "
                        "%(level)s area.",
                        station=station.name,
                        type=dict(
                            self._fields["station_type"]._description_selection(
                                self.env
                            )
                        )[station.station_type],
                        level=level_names[expected],
                    )
                )
