# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import RedirectWarning, UserError
from odoo.tools import SQL

from ..services import allocation


class RuralswAidAllocation(models.TransientModel):
    """Preview of the allocation of approved aid requests: the dispatcher
    checks and adjusts the rows, then confirms them into reserved
    deliveries."""

    _name = "ruralsw.aid.allocation"
    _description = "Aid Allocation Preview"

    request_ids = fields.Many2many("ruralsw.aid.request", string="Requests")
    line_ids = fields.One2many(
        "ruralsw.aid.allocation.line", "allocation_id", string="Plan"
    )
    refill_ids = fields.One2many(
        "ruralsw.aid.allocation.refill", "allocation_id", string="Refill Suggestions"
    )
    quantity_total = fields.Float(string="Requested", compute="_compute_totals")
    planned_total = fields.Float(string="Planned", compute="_compute_totals")
    shortfall_total = fields.Float(string="Shortfall", compute="_compute_totals")
    warning = fields.Char(readonly=True)

    @api.depends("line_ids.quantity", "line_ids.shortfall", "request_ids")
    def _compute_totals(self):
        for wizard in self:
            lines = wizard.line_ids.request_line_id
            wizard.quantity_total = sum(lines.mapped("qty_to_allocate"))
            wizard.planned_total = sum(wizard.line_ids.mapped("quantity"))
            wizard.shortfall_total = max(
                wizard.quantity_total - wizard.planned_total, 0.0
            )

    # ------------------------------------------------------------------
    # Building the plan
    # ------------------------------------------------------------------
    @api.model
    def _ruralsw_open_for(self, requests, warning=False):
        """Create the preview of requests and return the action showing it."""
        if not requests:
            raise UserError(self.env._("Select the aid requests to allocate."))
        not_ready = requests.filtered(
            lambda r: r.state not in ("approved", "allocated")
        )
        if not_ready:
            raise UserError(
                self.env._(
                    "Only approved requests can be allocated: %(names)s.",
                    names=", ".join(not_ready.mapped("name")),
                )
            )
        wizard = self.create(
            {"request_ids": [Command.set(requests.ids)], "warning": warning}
        )
        wizard._ruralsw_build_plan()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Allocation Preview"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.model
    def _ruralsw_action_open(self):
        """Server action: the preview of the requests in the context."""
        requests = self.env["ruralsw.aid.request"].browse(
            self.env.context.get("active_ids", [])
        )
        return self._ruralsw_open_for(
            requests.filtered(lambda r: r.state in ("approved", "allocated")),
            warning=self.env.context.get("ruralsw_allocation_warning", False),
        )

    def _ruralsw_build_plan(self):
        """Compute the plan with the allocation service and store it as rows."""
        self.ensure_one()
        request_lines = self.request_ids.line_ids.filtered(
            lambda line: line.state in ("open", "partial") and line.qty_to_allocate > 0
        )
        result, warehouses, demands = self._ruralsw_plan(request_lines)
        self.line_ids.unlink()
        self.refill_ids.unlink()
        rows_by_demand = defaultdict(list)
        for row in result.rows:
            rows_by_demand[row.demand].append(row)
        names = {warehouse.id: warehouse.name for warehouse in warehouses}
        vals_list = []
        for demand in demands:
            alternatives = "; ".join(
                self.env._(
                    "%(warehouse)s (%(qty)g left, %(km).1f km)",
                    warehouse=names[source],
                    qty=left,
                    km=km,
                )
                for source, left, km in result.alternatives.get(demand.key, ())
            )
            rows = rows_by_demand.get(demand.key, [])
            shortfall = result.shortfalls.get(demand.key, 0.0)
            for index, row in enumerate(rows):
                vals_list.append(
                    {
                        "allocation_id": self.id,
                        "request_line_id": demand.key,
                        "warehouse_id": row.source,
                        "quantity": row.quantity,
                        "distance_km": row.distance_km,
                        "shortfall": shortfall if index == len(rows) - 1 else 0.0,
                        "alternatives": alternatives,
                    }
                )
            if not rows:
                vals_list.append(
                    {
                        "allocation_id": self.id,
                        "request_line_id": demand.key,
                        "warehouse_id": False,
                        "quantity": 0.0,
                        "shortfall": shortfall,
                        "alternatives": alternatives,
                    }
                )
        self.env["ruralsw.aid.allocation.line"].create(vals_list)
        self._ruralsw_build_refills(result, request_lines, warehouses)

    @api.model
    def _ruralsw_plan(self, request_lines):
        """Run the allocation service on request_lines.

        :return: (plan, warehouses, demands)
        """
        companies = request_lines.company_id or self.env.company
        warehouses = self.env["stock.warehouse"].search(
            [("company_id", "in", companies.ids)]
        )
        products = request_lines.product_id
        stock = self._ruralsw_available(warehouses, products)
        demands = self._ruralsw_demands(request_lines)
        sources = [
            allocation.Source(
                warehouse.id,
                warehouse.ruralsw_area_id.id,
                warehouse.ruralsw_latitude,
                warehouse.ruralsw_longitude,
            )
            for warehouse in warehouses
        ]
        road = self.env["ruralsw.road.distance"]._ruralsw_table()
        try:
            result = allocation.plan(demands, sources, stock, road)
        except allocation.AllocationError as error:
            line = self.env["ruralsw.aid.request.line"].browse(error.key)
            raise UserError(
                self.env._(
                    "Request %(request)s, %(product)s: %(field)s — %(error)s",
                    request=line.request_id.name,
                    product=line.product_id.display_name,
                    field=line._fields[error.field_name].get_description(self.env)[
                        "string"
                    ]
                    if error.field_name in line._fields
                    else error.field_name,
                    error=str(error),
                )
            ) from error
        return result, warehouses, demands

    @api.model
    def _ruralsw_demands(self, request_lines):
        """Request lines as the service's demands, with the coordinates of
        the destination village or, failing those, of its nearest ancestor."""
        areas = request_lines.area_id
        ancestor_ids = {
            int(part)
            for area in areas
            for part in (area.parent_path or "").split("/")
            if part
        }
        ancestors = self.env["ruralsw.area"].browse(ancestor_ids)
        coords = {a.id: (a.latitude, a.longitude) for a in ancestors}
        place = {}
        for area in areas:
            chain = [int(part) for part in (area.parent_path or "").split("/") if part]
            for area_id in reversed(chain):
                lat, lon = coords.get(area_id, (0.0, 0.0))
                if lat or lon:
                    place[area.id] = (lat, lon)
                    break
        demands = []
        for line in request_lines:
            request = line.request_id
            lat, lon = place.get(line.area_id.id, (None, None))
            if lat is None:
                raise UserError(
                    self.env._(
                        "Request %(request)s: the Destination Village %(village)s has "
                        "no "
                        "coordinates, nor has any area above it.",
                        request=request.name,
                        village=line.area_id.display_name,
                    )
                )
            demands.append(
                allocation.Demand(
                    key=line.id,
                    product=line.product_id.id,
                    quantity=line.qty_to_allocate,
                    area=line.area_id.id,
                    latitude=lat,
                    longitude=lon,
                    life_threatening=request.life_threatening,
                    priority=int(request.priority or 0),
                    age=(request.create_date or fields.Datetime.now(), request.id),
                )
            )
        return demands

    @api.model
    def _ruralsw_available(self, warehouses, products, lock=False):
        """{(warehouse id, product id): on hand - reserved} in the stock
        locations of warehouses; with lock, the quants are locked
        first (FOR UPDATE) so that a concurrent confirmation waits."""
        if not warehouses or not products:
            return {}
        where = SQL(
            """
            FROM stock_quant q
            JOIN stock_location l ON l.id = q.location_id
            JOIN stock_warehouse w ON w.id = l.warehouse_id
            JOIN stock_location s ON s.id = w.lot_stock_id
            WHERE l.usage = 'internal'
              AND l.parent_path LIKE s.parent_path || %s
              AND w.id = ANY(%s)
              AND q.product_id = ANY(%s)
            """,
            "%",
            warehouses.ids,
            products.ids,
        )
        self.env["stock.quant"].flush_model(
            ["quantity", "reserved_quantity", "location_id"]
        )
        if lock:
            self.env.cr.execute(
                SQL("SELECT q.id %s ORDER BY q.id FOR UPDATE OF q", where)
            )
            # what we read below must be what is locked, not a cached value
            self.env["stock.quant"].invalidate_model(["quantity", "reserved_quantity"])
        self.env.cr.execute(
            SQL(
                "SELECT w.id, q.product_id, SUM(q.quantity - q.reserved_quantity) %s "
                "GROUP BY w.id, q.product_id",
                where,
            )
        )
        return {
            (wh, product): qty for wh, product, qty in self.env.cr.fetchall() if qty > 0
        }

    def _ruralsw_build_refills(self, result, request_lines, warehouses):
        """Internal transfers that would bring each township served by this
        plan back to at least what it was asked for, from the warehouses of
        other townships with the most left."""
        township_of = {}
        township_sources = {}
        for warehouse in warehouses:
            area = warehouse.ruralsw_area_id
            township = area if area.level == "township" else area.township_id
            township_of[warehouse.id] = township.id
            if warehouse.ruralsw_station_id.station_type == "township_centre":
                township_sources.setdefault(township.id, warehouse.id)
        needs = defaultdict(float)
        for line in request_lines:
            needs[(line.township_id.id, line.product_id.id)] += line.qty_to_allocate
        left = defaultdict(float)
        for (warehouse, product), qty in result.remaining.items():
            left[(township_of.get(warehouse), product)] += qty
        shortfalls = {
            key: need - left[key]
            for key, need in needs.items()
            if need > left[key] + 1e-9
        }
        if not shortfalls:
            return
        suggestions = allocation.refill_suggestions(
            shortfalls, result.remaining, township_of, township_sources
        )
        self.env["ruralsw.aid.allocation.refill"].create(
            [
                {
                    "allocation_id": self.id,
                    "from_warehouse_id": source,
                    "to_warehouse_id": target,
                    "product_id": product,
                    "quantity": qty,
                }
                for source, target, product, qty in suggestions
            ]
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_recompute(self):
        self.ensure_one()
        self.warning = False
        self._ruralsw_build_plan()
        return self._ruralsw_reopen()

    def _ruralsw_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Allocation Preview"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_confirm(self):
        """Create the reserved deliveries of the plan, one picking per source
        warehouse and destination village.

        The quants of the warehouses and products involved are locked, then
        the plan is checked against what is available now: a plan made
        before another dispatcher's confirmation took the same stock is
        refused, with a button that opens the plan recomputed."""
        self.ensure_one()
        rows = self._ruralsw_check_rows()
        if not rows:
            raise UserError(self.env._("The plan allocates nothing."))
        warehouses = rows.warehouse_id
        products = rows.product_id
        available = self._ruralsw_available(warehouses, products, lock=True)
        short = allocation.check_reservable(
            [(row.warehouse_id.id, row.product_id.id, row.quantity) for row in rows],
            available,
        )
        if short:
            self._ruralsw_raise_stock_changed(short)
        pickings = self._ruralsw_create_pickings(rows)
        pickings.action_confirm()
        pickings.action_assign()
        moves = pickings.move_ids
        unreserved = moves.filtered(lambda m: m.state != "assigned")
        if unreserved:
            raise UserError(
                self.env._(
                    "Stock moved while the deliveries were reserved (%(products)s). "
                    "Recompute the plan.",
                    products=", ".join(unreserved.product_id.mapped("display_name")),
                )
            )
        self.request_ids._ruralsw_update_state()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action["domain"] = [("id", "in", pickings.ids)]
        action["context"] = {"create": False}
        return action

    def _ruralsw_check_rows(self):
        """Rows to confirm, after checking the dispatcher's adjustments."""
        rows = self.line_ids.filtered(lambda r: r.quantity)
        for row in rows:
            if row.quantity < 0:
                raise UserError(
                    self.env._(
                        "%(line)s: Quantity cannot be negative.",
                        line=row.request_line_id.display_name,
                    )
                )
            if not row.warehouse_id:
                raise UserError(
                    self.env._(
                        "%(line)s: choose the Source Warehouse.",
                        line=row.request_line_id.display_name,
                    )
                )
            if row.warehouse_id.company_id != row.request_line_id.company_id:
                raise UserError(
                    self.env._(
                        "%(line)s: warehouse %(warehouse)s belongs to another "
                        "organisation.",
                        line=row.request_line_id.display_name,
                        warehouse=row.warehouse_id.name,
                    )
                )
        planned = defaultdict(float)
        for row in rows:
            planned[row.request_line_id] += row.quantity
        for line, qty in planned.items():
            if line.state in ("done", "cancel") or qty > line.qty_to_allocate + 1e-6:
                raise UserError(
                    self.env._(
                        "%(line)s: the plan gives %(planned)g but only %(open)g "
                        "remain to "
                        "allocate.",
                        line=line.display_name,
                        planned=qty,
                        open=line.qty_to_allocate,
                    )
                )
        return rows

    def _ruralsw_raise_stock_changed(self, short):
        Warehouse = self.env["stock.warehouse"]
        Product = self.env["product.product"]
        details = "; ".join(
            self.env._(
                "%(warehouse)s has %(available)g %(product)s, the plan takes "
                "%(planned)g",
                warehouse=Warehouse.browse(warehouse).name,
                product=Product.browse(product).display_name,
                available=have,
                planned=planned,
            )
            for warehouse, product, planned, have in short
        )
        message = self.env._(
            "Another confirmation took this stock since the plan was made: "
            "%(details)s. "
            "Nothing was reserved; open the recomputed plan.",
            details=details,
        )
        action = self.env.ref("ruralsw_resource.ruralsw_aid_allocation_action_open")
        raise RedirectWarning(
            message,
            action.id,
            self.env._("Recompute the Plan"),
            {
                "active_model": "ruralsw.aid.request",
                "active_ids": self.request_ids.ids,
                "ruralsw_allocation_warning": message,
            },
        )

    def _ruralsw_create_pickings(self, rows):
        """One delivery per (source warehouse, destination village), one move
        per row; created in one batch."""
        return self.env["stock.picking"].create(self._ruralsw_picking_vals(rows))

    @api.model
    def _ruralsw_picking_vals(self, rows):
        """Values of the deliveries of ``rows`` (see _ruralsw_create_pickings)."""
        customers = self.env["stock.picking"]._ruralsw_customer_location()
        groups = defaultdict(list)
        for row in rows:
            groups[(row.warehouse_id, row.request_line_id.area_id)].append(row)
        vals_list = []
        for (warehouse, village), group in groups.items():
            origin = ", ".join(
                sorted({row.request_line_id.request_id.name for row in group})
            )
            vals_list.append(
                {
                    "picking_type_id": warehouse.out_type_id.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "location_dest_id": customers.id,
                    "company_id": warehouse.company_id.id,
                    "origin": origin[:250],
                    "ruralsw_is_aid_delivery": True,
                    "ruralsw_destination_area_id": village.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": row.product_id.display_name,
                                "product_id": row.product_id.id,
                                "product_uom_qty": row.quantity,
                                "product_uom": row.product_id.uom_id.id,
                                "location_id": warehouse.lot_stock_id.id,
                                "location_dest_id": customers.id,
                                "company_id": warehouse.company_id.id,
                                "ruralsw_request_line_id": row.request_line_id.id,
                            }
                        )
                        for row in group
                    ],
                }
            )
        return vals_list

    def action_create_refills(self):
        """Create the suggested internal transfers as drafts."""
        self.ensure_one()
        refills = self.refill_ids.filtered(lambda r: r.quantity > 0)
        if not refills:
            raise UserError(self.env._("There is no refill to create."))
        pickings = refills._ruralsw_create_transfers()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action["domain"] = [("id", "in", pickings.ids)]
        return action


class RuralswAidAllocationLine(models.TransientModel):
    _name = "ruralsw.aid.allocation.line"
    _description = "Aid Allocation Row"
    _order = "id"

    allocation_id = fields.Many2one(
        "ruralsw.aid.allocation", required=True, ondelete="cascade", index=True
    )
    request_line_id = fields.Many2one(
        "ruralsw.aid.request.line",
        required=True,
        ondelete="cascade",
    )
    request_id = fields.Many2one(related="request_line_id.request_id", string="Request")
    product_id = fields.Many2one(
        related="request_line_id.product_id", string="Aid Material"
    )
    area_id = fields.Many2one(related="request_line_id.area_id", string="Destination")
    requested = fields.Float(
        related="request_line_id.qty_to_allocate", string="Requested"
    )
    warehouse_id = fields.Many2one("stock.warehouse", string="Source Warehouse")
    quantity = fields.Float(digits="Product Unit of Measure")
    distance_km = fields.Float(string="Distance (km)", digits=(10, 1))
    shortfall = fields.Float(digits="Product Unit of Measure")
    alternatives = fields.Char()

    @api.onchange("warehouse_id")
    def _onchange_warehouse_id(self):
        road = self.env["ruralsw.road.distance"]._ruralsw_table()
        for row in self.filtered("warehouse_id"):
            warehouse = row.warehouse_id
            area = row.request_line_id.area_id
            km = road.get((warehouse.ruralsw_area_id.id, area.id))
            if km is None and (area.latitude or area.longitude):
                km = allocation.great_circle_km(
                    warehouse.ruralsw_latitude,
                    warehouse.ruralsw_longitude,
                    area.latitude,
                    area.longitude,
                )
            row.distance_km = km or 0.0


class RuralswAidAllocationRefill(models.TransientModel):
    _name = "ruralsw.aid.allocation.refill"
    _description = "Aid Refill Suggestion"

    allocation_id = fields.Many2one(
        "ruralsw.aid.allocation", required=True, ondelete="cascade", index=True
    )
    from_warehouse_id = fields.Many2one("stock.warehouse", string="From", required=True)
    to_warehouse_id = fields.Many2one("stock.warehouse", string="To", required=True)
    product_id = fields.Many2one(
        "product.product", string="Aid Material", required=True
    )
    quantity = fields.Float(digits="Product Unit of Measure")

    def _ruralsw_create_transfers(self):
        vals_list = []
        for refill in self:
            source = refill.from_warehouse_id
            target = refill.to_warehouse_id
            vals_list.append(
                {
                    "picking_type_id": source.int_type_id.id,
                    "location_id": source.lot_stock_id.id,
                    "location_dest_id": target.lot_stock_id.id,
                    "company_id": source.company_id.id,
                    "origin": self.env._("Aid refill"),
                    "move_ids": [
                        Command.create(
                            {
                                "name": refill.product_id.display_name,
                                "product_id": refill.product_id.id,
                                "product_uom_qty": refill.quantity,
                                "product_uom": refill.product_id.uom_id.id,
                                "location_id": source.lot_stock_id.id,
                                "location_dest_id": target.lot_stock_id.id,
                            }
                        )
                    ],
                }
            )
        return self.env["stock.picking"].create(vals_list)
