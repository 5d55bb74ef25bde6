# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    ruralsw_station_id = fields.Many2one(
        "ruralsw.station",
        string="Service Station",
        index="btree_not_null",
        check_company=True,
        help="The station that runs this warehouse; its place gives the "
        "warehouse's coordinates.",
    )
    ruralsw_area_id = fields.Many2one(
        related="ruralsw_station_id.area_id", store=True, string="Area", index=True
    )
    ruralsw_latitude = fields.Float(
        string="Latitude",
        digits=(10, 7),
        compute="_compute_ruralsw_coordinates",
        store=True,
    )
    ruralsw_longitude = fields.Float(
        string="Longitude",
        digits=(10, 7),
        compute="_compute_ruralsw_coordinates",
        store=True,
    )

    @api.depends(
        "ruralsw_station_id.latitude",
        "ruralsw_station_id.longitude",
        "ruralsw_station_id.area_id.latitude",
        "ruralsw_station_id.area_id.longitude",
    )
    def _compute_ruralsw_coordinates(self):
        for warehouse in self:
            station = warehouse.ruralsw_station_id
            if station.latitude or station.longitude:
                source = station
            else:
                source = station.area_id
            warehouse.ruralsw_latitude = source.latitude
            warehouse.ruralsw_longitude = source.longitude
