# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models
from odoo.tools import SQL


class RuralswReportStock(models.Model):
    """Aid materials in stock per service station (救助物资库存): on hand,
    reserved and available in the internal locations of each station's
    warehouses, and what open aid request lines still wait for from them.

    Stock is a snapshot, not a flow: the rows describe the moment of the
    rebuild and ``month`` is the month of that rebuild (the mixin's month
    key, so that the figures sit in the same filters as the others). Each
    rebuild replaces the snapshot; the table keeps no history.

    One row per company, station, warehouse, aid material and area level of
    the station's area: a township centre has a township and a county row,
    a village station a village, a township and a county row. Summing a
    level over stations gives the stock held in each area.

    The rows count goods, not people: ``people_count`` stays 0, so no row
    is a small cell and nothing is suppressed for observers (there is no
    per-person figure to protect here).
    """

    _name = "ruralsw.report.stock"
    _inherit = ["ruralsw.report.mixin"]
    _description = "Aid Stock per Station"
    _order = "month desc, area_level, area_id, station_id, product_id"
    _ruralsw_source_tables = (
        "stock_quant",
        "stock_move",
        "stock_warehouse",
        "ruralsw_aid_request_line",
    )

    station_id = fields.Many2one("ruralsw.station", index=True, readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    product_id = fields.Many2one(
        "product.product", string="Aid Material", index=True, readonly=True
    )
    product_categ_id = fields.Many2one(
        "product.category", string="Product Category", readonly=True
    )
    quantity_on_hand = fields.Float(string="On Hand", aggregator="sum", readonly=True)
    quantity_reserved = fields.Float(string="Reserved", aggregator="sum", readonly=True)
    quantity_available = fields.Float(
        string="Available",
        aggregator="sum",
        readonly=True,
        help="On hand minus reserved.",
    )
    quantity_requested = fields.Float(
        string="Requested (Open)",
        aggregator="sum",
        readonly=True,
        help="Still to be delivered from this warehouse on open aid request "
        "lines (neither delivered nor cancelled): their deliveries not done "
        "yet. Quantities not allocated to any warehouse are not counted here.",
    )

    def _ruralsw_select(self, now):
        # the internal locations of a warehouse: child_of its view location
        return SQL(
            """
            WITH wh AS (
                SELECT w.id AS warehouse_id, w.company_id,
                       w.ruralsw_station_id AS station_id, s.area_id,
                       vl.parent_path
                  FROM stock_warehouse w
                  JOIN ruralsw_station s ON s.id = w.ruralsw_station_id
                  JOIN stock_location vl ON vl.id = w.view_location_id
                 WHERE w.active
            ), cc AS (
                SELECT wh.warehouse_id, q.product_id,
                       q.quantity AS on_hand, q.reserved_quantity AS reserved,
                       0.0 AS requested
                  FROM wh
                  JOIN stock_location l
                    ON l.parent_path LIKE wh.parent_path || %(any)s
                   AND l.usage = 'internal'
                  JOIN stock_quant q ON q.location_id = l.id
                UNION ALL
                SELECT wh.warehouse_id, m.product_id, 0.0, 0.0, m.product_qty
                  FROM wh
                  JOIN stock_location l
                    ON l.parent_path LIKE wh.parent_path || %(any)s
                   AND l.usage = 'internal'
                  JOIN stock_move m ON m.location_id = l.id
                  JOIN ruralsw_aid_request_line rl
                    ON rl.id = m.ruralsw_request_line_id
                 WHERE m.state NOT IN ('done', 'cancel')
                   AND rl.state NOT IN ('done', 'cancel')
            )
            SELECT wh.company_id,
                   date_trunc('month', %(now)s::timestamp)::date AS month,
                   lv.area_id, lv.area_level, 'all' AS channel,
                   0 AS people_count,
                   wh.station_id, wh.warehouse_id, cc.product_id,
                   t.categ_id AS product_categ_id,
                   sum(cc.on_hand) AS quantity_on_hand,
                   sum(cc.reserved) AS quantity_reserved,
                   sum(cc.on_hand - cc.reserved) AS quantity_available,
                   sum(cc.requested) AS quantity_requested
              FROM cc
              JOIN wh ON wh.warehouse_id = cc.warehouse_id
              JOIN product_product p ON p.id = cc.product_id
              JOIN product_template t ON t.id = p.product_tmpl_id
              JOIN ruralsw_area v ON v.id = wh.area_id
             CROSS JOIN LATERAL (VALUES
                    ('village', CASE WHEN v.level = 'village' THEN v.id END),
                    ('township', v.township_id), ('county', v.county_id)
                ) AS lv(area_level, area_id)
             WHERE t.ruralsw_is_aid AND lv.area_id IS NOT NULL
             GROUP BY wh.company_id, lv.area_id, lv.area_level, wh.station_id,
                      wh.warehouse_id, cc.product_id, t.categ_id
            """,
            now=now,
            any="%",
        )
