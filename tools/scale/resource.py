# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Scale data of ``ruralsw_resource``: the dispatch and volunteer workload
that ``tools/bench_resource.py`` measures.

On the county of :mod:`tools.scale.case`: 200 warehouses (one per station,
the others a second warehouse at the county centre and the township
centres), 50 aid products, their stock (0 to 12 of each product in each
warehouse, as quants), 2,000 approved aid requests with 10,000 lines for
the villages, 2,000 active volunteers (skills, dialects, home villages) and
1,000 field-visit tasks of cases with a skill each. ``--scale`` does not
change these sizes: they are the benchmark's.

Then the history the reporting reads, drawn by :mod:`tools.scale.resource_draw`
and scaled by ``--scale``: 20,000 aid requests of cases over three years
with their deliveries (done pickings, moves and move lines; backorders for
partial fills), 2,500 distribution events with their volunteers and hours,
a planned volunteer on some open field visits, and the funds of the three
source types with their donations (posted through the ORM) and spending.
"""

from datetime import date, datetime, time, timedelta

from odoo.tools import SQL

from . import Check, db, resource_draw, synth

ADDON = "ruralsw_resource"
WAREHOUSES = 200
PRODUCTS = 50
REQUESTS = 2_000
LINES_PER_REQUEST = 5
VOLUNTEERS = 2_000
TASKS = 1_000
MAX_STOCK = 12
HISTORY_YEARS = 3
VERIFY_MODELS = {
    "stock.warehouse": [("ruralsw_station_id", "!=", False)],
    "ruralsw.aid.request": [],
    "ruralsw.aid.request.line": [],
    "stock.picking": [("ruralsw_is_aid_delivery", "=", True)],
    "stock.move": [("ruralsw_request_line_id", "!=", False)],
    "stock.move.line": [("move_id.ruralsw_request_line_id", "!=", False)],
    "ruralsw.volunteer.assignment": [],
    "ruralsw.donation": [],
    "account.analytic.line": [("ruralsw_purpose", "!=", False)],
}
TABLES = (
    "stock_warehouse",
    "stock_quant",
    "ruralsw_aid_request",
    "ruralsw_aid_request_line",
    "res_partner",
    "project_task",
    "stock_picking",
    "stock_move",
    "stock_move_line",
    "calendar_event",
    "calendar_attendee",
    "ruralsw_volunteer_assignment",
    "ruralsw_donation",
    "account_move",
    "account_move_line",
    "account_analytic_line",
)
PRODUCT_NAMES = (
    "棉被",
    "大米",
    "食用油",
    "种子",
    "取暖器",
    "轮椅",
    "助行器",
    "棉衣",
    "化肥",
    "药箱",
)


def generate(env, config):
    """Warehouses, products and stock, requests, volunteers and tasks."""
    recorder = config.recorder
    county = env["ruralsw.area"].browse(config.shared["county"])
    stations = env["ruralsw.station"].search(
        [("area_id", "child_of", county.id)], order="station_type, id"
    )
    rng = config.rng("resource")
    with recorder.table("stock_warehouse") as timing:
        centres = stations.filtered(lambda s: s.station_type != "village_station")
        extra = [centres[i % len(centres)] for i in range(WAREHOUSES - len(stations))]
        stations_list = list(stations) + extra
        warehouses = env["stock.warehouse"].create(
            [
                {
                    "name": f"仓库 {index:03d} {station.name}",
                    "code": f"R{index:03d}",
                    "ruralsw_station_id": station.id,
                }
                for index, station in enumerate(stations_list, start=1)
            ]
        )
        timing.rows = len(warehouses)
    with recorder.table("product_product") as timing:
        categ = env.ref("ruralsw_resource.product_category_aid")
        products = env["product.product"].create(
            [
                {
                    "name": f"{PRODUCT_NAMES[i % len(PRODUCT_NAMES)]} {i + 1:02d}",
                    "default_code": f"AID-{i + 1:03d}",
                    "is_storable": True,
                    "categ_id": categ.id,
                }
                for i in range(PRODUCTS)
            ]
        )
        timing.rows = len(products)
    with recorder.table("stock_quant") as timing:
        env.flush_all()
        rows = [
            (product.id, warehouse.lot_stock_id.id, warehouse.company_id.id, qty)
            for warehouse in warehouses
            for product in products
            if (qty := rng.randint(0, MAX_STOCK))
        ]
        staging = db.Staging(
            "tmp_rsw_quant",
            [
                ("product_id", "int4"),
                ("location_id", "int4"),
                ("company_id", "int4"),
                ("quantity", "numeric"),
            ],
        )
        for row in rows:
            staging.add(*row)
        staging.copy(env.cr)
        timing.rows = db.execute(
            env.cr,
            SQL(
                """
            INSERT INTO stock_quant (product_id, location_id, company_id, quantity,
                   reserved_quantity, in_date, inventory_quantity_set,
                   create_uid, write_uid, create_date, write_date)
            SELECT product_id, location_id, company_id, quantity,
                   0, now() at time zone 'UTC', false, 1, 1,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM tmp_rsw_quant
            """
            ),
        )
        db.drop(env.cr, staging)
        env.invalidate_all()
    villages = config.shared["villages"]
    _deliveries(env, config, warehouses, products)
    with recorder.table("ruralsw_aid_request(+lines)") as timing:
        Request = env["ruralsw.aid.request"]
        created = Request.browse()
        for start in range(0, REQUESTS, 500):
            created |= Request.create(
                [
                    {
                        "priority": rng.choice("0001112"),
                        "life_threatening": rng.random() < 0.03,
                        "line_ids": [
                            (
                                0,
                                0,
                                {
                                    "product_id": rng.choice(products).id,
                                    "quantity": rng.randint(1, 5),
                                    "area_id": rng.choice(villages),
                                },
                            )
                            for _line in range(LINES_PER_REQUEST)
                        ],
                    }
                    for _request in range(start, min(start + 500, REQUESTS))
                ]
            )
        created._ruralsw_approve()
        env.flush_all()
        timing.rows = len(created) * (1 + LINES_PER_REQUEST)
    skills = env["ruralsw.volunteer.skill"].search([]).ids
    dialects = env["ruralsw.dialect"].search([]).ids
    with recorder.table("res_partner (volunteers)") as timing:
        volunteers = env["res.partner"].create(
            [
                {
                    "name": f"志愿者 {i + 1:04d}",
                    "ruralsw_is_volunteer": True,
                    "ruralsw_volunteer_state": "active",
                    "ruralsw_home_area_id": rng.choice(villages),
                    "ruralsw_max_hours_week": rng.choice((4, 6, 8, 10)),
                    "ruralsw_skill_ids": [
                        (6, 0, rng.sample(skills, rng.randint(1, 3)))
                    ],
                    "ruralsw_dialect_ids": [
                        (6, 0, rng.sample(dialects, rng.randint(1, 2)))
                    ],
                }
                for i in range(VOLUNTEERS)
            ]
        )
        timing.rows = len(volunteers)
    with recorder.table("project_task (field visits)") as timing:
        cases = (
            env["ruralsw.case"]
            .browse(rng.sample(config.shared["case_ids"], TASKS * 2))
            .filtered(lambda c: c.user_id)[:TASKS]
        )
        tasks = env["project.task"]._ruralsw_create_field_visits(
            [
                {
                    "case": case,
                    "name": f"入户走访 {case.name}",
                    "user": case.user_id,
                    "deadline": config.today,
                }
                for case in cases
            ]
        )
        # one write per skill, not one per task
        by_skill = {}
        for task in tasks:
            by_skill.setdefault(rng.choice(skills), []).append(task.id)
        for skill, task_ids in by_skill.items():
            env["project.task"].browse(task_ids).ruralsw_skill_ids = [(6, 0, [skill])]
        timing.rows = len(tasks)
    env.flush_all()
    _volunteering(env, config, volunteers, tasks)
    _funds(env, config)
    env.flush_all()
    env.invalidate_all()


# ----------------------------------------------------------------------
# History: aid requests of cases, delivered over the past years
# ----------------------------------------------------------------------
def _sequence_affixes(env, config, code):
    """The plain sequence of ``code``: its id, next number, padding and its
    prefix and suffix for each year of the history."""
    sequence = env["ir.sequence"].search([("code", "=", code)], limit=1)
    if not sequence or sequence.use_date_range:
        raise RuntimeError(f"no plain ir.sequence with the code {code}")
    years = range(config.now.year - HISTORY_YEARS - 1, config.now.year + 1)
    return sequence, {
        year: sequence.with_context(
            ir_sequence_date=f"{year}-07-01"
        )._get_prefix_suffix()
        for year in years
    }


def _history_cases(env, config):
    """The cases that asked for material aid: from the intervention phase
    on, with a material, equipment or medical need."""
    env.cr.execute(
        SQL(
            """
        SELECT c.id, c.intake_date, COALESCE(c.closed_date, %(now)s), c.area_id,
               c.township_id, c.beneficiary_id, c.household_id, c.user_id,
               c.supervisor_id, c.priority
          FROM ruralsw_case c
         WHERE c.phase IN ('intervention', 'evaluation', 'closed')
           AND c.household_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM ruralsw_case_need n
                        WHERE n.case_id = c.id
                          AND n.category IN ('material_aid', 'equipment', 'medical'))
         ORDER BY c.id
            """,
            now=config.now,
        )
    )
    return [resource_draw.CaseRef(*row) for row in env.cr.fetchall()]


def _deliveries(env, config, warehouses, products):
    """Aid requests of cases over the history with their deliveries (done
    pickings, moves and move lines; backorders for partial fills), written
    by SQL before the benchmark's requests so that references follow the
    dates."""
    recorder = config.recorder
    rng = config.rng("resource", "deliveries")
    company = env.company
    with recorder.table("draw aid requests and deliveries", written=False) as timing:
        cases = _history_cases(env, config)
        by_area = {}
        for warehouse in warehouses:
            by_area.setdefault(warehouse.ruralsw_area_id.id, []).append(warehouse.id)
        county_ids = by_area.get(config.shared["county"], [warehouses[0].id])

        def sources(case):
            return (
                by_area.get(case.village_id, [])
                + by_area.get(case.township_id, [])
                + county_ids
            )

        requests = resource_draw.draw_requests(
            rng,
            cases,
            config.scaled(resource_draw.HISTORY_REQUESTS),
            products.ids,
            config.now,
            sources,
            {
                "threshold": company.ruralsw_aid_approval_quantity,
                "deadline_days": company._ruralsw_aid_deadline_days(),
            },
        )
        tables = _stage_deliveries(env, config, requests, warehouses, products)
        timing.rows = sum(staging.rows for staging in tables)
    with recorder.table("COPY into staging tables", written=False) as timing:
        timing.rows = sum(staging.copy(env.cr) for staging in tables)
    _insert_deliveries(env, config)
    db.drop(env.cr, *tables)


def _stage_deliveries(env, config, requests, warehouses, products):
    """Fill the staging tables of the requests, lines, pickings and moves;
    references are numbered as the sequences would have given them."""
    cr = env.cr
    request_sequence, affixes = _sequence_affixes(env, config, "ruralsw.aid.request")
    request_stage = db.Staging(
        "tmp_rsw_request",
        [
            ("key", "int4"),
            ("name", "varchar"),
            ("case_id", "int4"),
            ("user_id", "int4"),
            ("priority", "varchar"),
            ("life_threatening", "bool"),
            ("state", "varchar"),
            ("create_date", "timestamp"),
            ("date_approved", "timestamp"),
            ("approved_by_id", "int4"),
            ("date_deadline", "date"),
            ("quantity_total", "float8"),
            ("qty_allocated_total", "float8"),
            ("write_date", "timestamp"),
        ],
        ids_from=db.id_sequence(cr, "ruralsw_aid_request"),
    )
    line_stage = db.Staging(
        "tmp_rsw_request_line",
        [
            ("key", "int4"),
            ("request_key", "int4"),
            ("product_id", "int4"),
            ("quantity", "float8"),
            ("qty_allocated", "float8"),
            ("qty_delivered", "float8"),
            ("date_delivered", "timestamp"),
            ("state", "varchar"),
        ],
        ids_from=db.id_sequence(cr, "ruralsw_aid_request_line"),
    )
    picking_stage = db.Staging(
        "tmp_rsw_picking",
        [
            ("key", "int4"),
            ("request_key", "int4"),
            ("name", "varchar"),
            ("warehouse_id", "int4"),
            ("state", "varchar"),
            ("create_date", "timestamp"),
            ("date_done", "timestamp"),
            ("backorder_key", "int4"),
        ],
        ids_from=db.id_sequence(cr, "stock_picking"),
    )
    move_stage = db.Staging(
        "tmp_rsw_move",
        [
            ("picking_key", "int4"),
            ("line_key", "int4"),
            ("product_id", "int4"),
            ("name", "varchar"),
            ("description", "varchar"),
            ("quantity", "float8"),
            ("state", "varchar"),
            ("date", "timestamp"),
        ],
        ids_from=db.id_sequence(cr, "stock_move"),
    )
    names = {p.id: (p.display_name, p.name) for p in products}
    out_types = {w.id: w.out_type_id.sequence_id for w in warehouses}
    next_number = {w: seq.number_next_actual for w, seq in out_types.items()}
    first = request_sequence.number_next_actual
    padding = request_sequence.padding
    for request in requests:
        prefix, suffix = affixes[request.created.year]
        name = f"{prefix}{first + request.key:0{padding}d}{suffix}"
        request_stage.add(
            request.key,
            name,
            request.case.id,
            request.case.user_id,
            request.case.priority,
            request.life_threatening,
            request.state,
            request.created,
            request.approved,
            request.approved_by,
            request.deadline,
            request.quantity_total,
            request.qty_allocated_total,
            request.write_date,
        )
        for line in request.lines:
            line_stage.add(
                line.key,
                request.key,
                line.product_id,
                line.quantity,
                line.qty_allocated,
                line.qty_delivered,
                line.date_delivered,
                line.state,
            )
    pickings = sorted(
        (picking for request in requests for picking in request.pickings),
        key=lambda picking: (picking.created, picking.key),
    )
    request_of = {
        picking.key: request.key for request in requests for picking in request.pickings
    }
    for picking in pickings:
        sequence = out_types[picking.warehouse]
        prefix, suffix = sequence._get_prefix_suffix()
        number = next_number[picking.warehouse]
        next_number[picking.warehouse] += 1
        picking_stage.add(
            picking.key,
            request_of[picking.key],
            f"{prefix}{number:0{sequence.padding}d}{suffix}",
            picking.warehouse,
            picking.state,
            picking.created,
            picking.date_done,
            picking.backorder_of,
        )
        for line, quantity in picking.moves:
            display_name, name = names[line.product_id]
            move_stage.add(
                picking.key,
                line.key,
                line.product_id,
                display_name,
                name,
                quantity,
                picking.state,
                picking.date_done or picking.created,
            )
    with config.recorder.table("ir_sequence (aid references)") as timing:
        request_sequence.number_next_actual = first + len(requests)
        for warehouse, sequence in out_types.items():
            if next_number[warehouse] != sequence.number_next_actual:
                sequence.number_next_actual = next_number[warehouse]
                timing.rows += 1
        timing.rows += 1
        env.flush_all()
    return request_stage, line_stage, picking_stage, move_stage


def _insert_deliveries(env, config):
    """One INSERT ... SELECT per table: requests, lines, pickings, moves and
    the move lines of the done moves."""
    cr = env.cr
    recorder = config.recorder
    customers = env["stock.picking"]._ruralsw_customer_location().id
    with recorder.table("ruralsw_aid_request (history)") as timing:
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO ruralsw_aid_request (
                id, name, company_id, case_id, user_id, priority, life_threatening,
                date_deadline, state, date_approved, approved_by_id, quantity_total,
                qty_allocated_total, create_uid, create_date, write_uid, write_date
            )
            SELECT r.id, r.name, c.company_id, c.id, r.user_id, r.priority,
                   r.life_threatening, r.date_deadline, r.state, r.date_approved,
                   r.approved_by_id, r.quantity_total, r.qty_allocated_total,
                   r.user_id, r.create_date, r.user_id, r.write_date
              FROM tmp_rsw_request r
              JOIN ruralsw_case c ON c.id = r.case_id
             ORDER BY r.key
            """
            ),
        )
    with recorder.table("ruralsw_aid_request_line (history)") as timing:
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO ruralsw_aid_request_line (
                id, request_id, company_id, case_id, product_id, quantity,
                beneficiary_id, household_id, area_id, township_id, qty_allocated,
                qty_delivered, date_delivered, state,
                create_uid, create_date, write_uid, write_date
            )
            SELECT l.id, r.id, c.company_id, c.id, l.product_id, l.quantity,
                   c.beneficiary_id, c.household_id, c.area_id, c.township_id,
                   l.qty_allocated, l.qty_delivered, l.date_delivered, l.state,
                   r.user_id, r.create_date, r.user_id, r.write_date
              FROM tmp_rsw_request_line l
              JOIN tmp_rsw_request r ON r.key = l.request_key
              JOIN ruralsw_case c ON c.id = r.case_id
             ORDER BY l.key
            """
            ),
        )
    with recorder.table("stock_picking (aid deliveries)") as timing:
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO stock_picking (
                id, name, origin, backorder_id, location_id, location_dest_id,
                picking_type_id, company_id, user_id, move_type, state, priority,
                has_deadline_issue, is_locked, scheduled_date, date, date_done,
                ruralsw_is_aid_delivery, ruralsw_destination_area_id,
                ruralsw_recipient_name, ruralsw_date_received,
                create_uid, create_date, write_uid, write_date
            )
            SELECT p.id, p.name, r.name, b.id, w.lot_stock_id, %(customers)s,
                   w.out_type_id, w.company_id, r.user_id, 'direct', p.state, '0',
                   FALSE, TRUE, p.create_date, p.create_date, p.date_done,
                   TRUE, c.area_id,
                   CASE WHEN p.state = 'done' THEN partner.name END,
                   p.date_done,
                   r.user_id, p.create_date, r.user_id,
                   COALESCE(p.date_done, p.create_date)
              FROM tmp_rsw_picking p
              JOIN tmp_rsw_request r ON r.key = p.request_key
              JOIN ruralsw_case c ON c.id = r.case_id
              JOIN res_partner partner ON partner.id = c.beneficiary_id
              JOIN stock_warehouse w ON w.id = p.warehouse_id
              LEFT JOIN tmp_rsw_picking b ON b.key = p.backorder_key
             ORDER BY p.key
            """,
                customers=customers,
            ),
        )
    with recorder.table("stock_move (aid deliveries)") as timing:
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO stock_move (
                id, sequence, company_id, product_id, product_uom, location_id,
                location_dest_id, picking_id, picking_type_id, name, priority, state,
                procure_method, reference, reservation_date, description_picking,
                product_qty, product_uom_qty, quantity, picked, scrapped,
                propagate_cancel, additional, date, ruralsw_request_line_id,
                create_uid, create_date, write_uid, write_date
            )
            SELECT m.id, 10, sp.company_id, m.product_id, t.uom_id, sp.location_id,
                   sp.location_dest_id, sp.id, sp.picking_type_id, m.name, '0',
                   m.state, 'make_to_stock', sp.name, sp.create_date::date,
                   m.description, m.quantity, m.quantity,
                   CASE WHEN m.state = 'done' THEN m.quantity ELSE 0 END,
                   m.state = 'done', FALSE, TRUE, FALSE, m.date, l.id,
                   sp.create_uid, sp.create_date, sp.write_uid, sp.write_date
              FROM tmp_rsw_move m
              JOIN tmp_rsw_picking p ON p.key = m.picking_key
              JOIN stock_picking sp ON sp.id = p.id
              JOIN tmp_rsw_request_line l ON l.key = m.line_key
              JOIN product_product pp ON pp.id = m.product_id
              JOIN product_template t ON t.id = pp.product_tmpl_id
            """
            ),
        )
    with recorder.table("stock_move_line (aid deliveries)") as timing:
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO stock_move_line (
                picking_id, move_id, company_id, product_id, product_uom_id,
                location_id, location_dest_id, state, reference, quantity,
                quantity_product_uom, picked, date,
                create_uid, create_date, write_uid, write_date
            )
            SELECT sm.picking_id, sm.id, sm.company_id, sm.product_id, sm.product_uom,
                   sm.location_id, sm.location_dest_id, 'done', sm.reference,
                   sm.quantity, sm.quantity, TRUE, sm.date,
                   sm.create_uid, sm.create_date, sm.write_uid, sm.write_date
              FROM tmp_rsw_move m
              JOIN stock_move sm ON sm.id = m.id
             WHERE m.state = 'done'
            """
            ),
        )


# ----------------------------------------------------------------------
# Volunteering: distribution events with their volunteers, visit helpers
# ----------------------------------------------------------------------
def _volunteering(env, config, volunteers, tasks):
    """Past distribution events in the villages with their volunteers
    (done or cancelled, hours logged), by SQL, and a planned volunteer for
    some of the open field visits, through the ORM (the conflict checks
    run)."""
    cr = env.cr
    recorder = config.recorder
    rng = config.rng("resource", "volunteering")
    county = env["ruralsw.area"].browse(config.shared["county"])
    with recorder.table("draw distribution events", written=False) as timing:
        villages = env["ruralsw.area"].search(
            [("id", "child_of", county.id), ("level", "=", "village")]
        )
        by_township = {}
        for volunteer in volunteers:
            township = volunteer.ruralsw_home_area_id.township_id.id
            by_township.setdefault(township, []).append(volunteer.id)
        worker_of = {}
        for user in env["res.users"].browse(config.shared["workers"]):
            for area in user.ruralsw_area_ids:
                for village in area | area.child_ids:
                    worker_of.setdefault(village.id, user)
        events = resource_draw.draw_events(
            rng,
            config.scaled(resource_draw.EVENTS),
            [(v.id, v.township_id.id) for v in villages],
            by_township,
            lambda village: worker_of[village].id,
            config.now,
            HISTORY_YEARS * 365,
        )
        names = {v.id: v.name for v in villages}
        partner_of = {u.id: u.partner_id.id for u in worker_of.values()}
        event_stage = db.Staging(
            "tmp_rsw_event",
            [
                ("key", "int4"),
                ("name", "varchar"),
                ("user_id", "int4"),
                ("partner_id", "int4"),
                ("area_id", "int4"),
                ("start", "timestamp"),
                ("stop", "timestamp"),
                ("access_token", "varchar"),
            ],
            ids_from=db.id_sequence(cr, "calendar_event"),
        )
        assignment_stage = db.Staging(
            "tmp_rsw_assignment",
            [
                ("event_key", "int4"),
                ("volunteer_id", "int4"),
                ("state", "varchar"),
                ("hours_logged", "float8"),
            ],
        )
        for key, event in enumerate(events):
            event_stage.add(
                key,
                env._("Aid distribution: %(village)s", village=names[event.village_id]),
                event.user_id,
                partner_of[event.user_id],
                event.village_id,
                event.start,
                event.stop,
                f"{rng.getrandbits(128):032x}",
            )
            for volunteer, state, hours in event.assignments:
                assignment_stage.add(key, volunteer, state, hours)
        timing.rows = event_stage.rows + assignment_stage.rows
    event_stage.copy(cr)
    assignment_stage.copy(cr)
    with recorder.table("calendar_event (distributions)") as timing:
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO calendar_event (
                id, name, user_id, show_as, start, stop, allday, duration, active,
                recurrency, access_token, ruralsw_area_id,
                create_uid, create_date, write_uid, write_date
            )
            SELECT e.id, e.name, e.user_id, 'busy', e.start, e.stop, FALSE,
                   extract(epoch FROM e.stop - e.start) / 3600, TRUE, FALSE,
                   e.access_token, e.area_id,
                   e.user_id, e.start - interval '7 days', e.user_id, e.stop
              FROM tmp_rsw_event e
             ORDER BY e.key
            """
            ),
        )
    with recorder.table("calendar_attendee (distributions)") as timing:
        # the organiser and the volunteers are the attendees, as
        # _ruralsw_sync_attendees makes them
        cr.execute(
            SQL(
                """
            CREATE TEMPORARY TABLE tmp_rsw_attendee ON COMMIT DROP AS
            SELECT e.id AS event_id, e.partner_id, e.start, e.user_id
              FROM tmp_rsw_event e
             UNION
            SELECT e.id, a.volunteer_id, e.start, e.user_id
              FROM tmp_rsw_assignment a
              JOIN tmp_rsw_event e ON e.key = a.event_key
            """
            )
        )
        db.execute(
            cr,
            SQL(
                """
            INSERT INTO calendar_event_res_partner_rel (calendar_event_id,
                                                        res_partner_id)
            SELECT event_id, partner_id FROM tmp_rsw_attendee
            """
            ),
        )
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO calendar_attendee (
                event_id, partner_id, common_name, access_token, state,
                availability, create_uid, create_date, write_uid, write_date
            )
            SELECT a.event_id, a.partner_id, p.name, md5(a.event_id || '/' || p.id),
                   'accepted', 'busy', a.user_id, a.start - interval '7 days',
                   a.user_id, a.start - interval '7 days'
              FROM tmp_rsw_attendee a
              JOIN res_partner p ON p.id = a.partner_id
            """
            ),
        )
    with recorder.table("ruralsw_volunteer_assignment") as timing:
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO ruralsw_volunteer_assignment (
                volunteer_id, event_id, company_id, township_id, state,
                date_start, date_stop, hours_planned, hours_logged,
                create_uid, create_date, write_uid, write_date
            )
            SELECT a.volunteer_id, e.id, u.company_id, area.township_id, a.state,
                   e.start, e.stop, extract(epoch FROM e.stop - e.start) / 3600,
                   a.hours_logged, e.user_id, e.start - interval '7 days',
                   e.user_id, e.stop
              FROM tmp_rsw_assignment a
              JOIN tmp_rsw_event e ON e.key = a.event_key
              JOIN res_users u ON u.id = e.user_id
              JOIN ruralsw_area area ON area.id = e.area_id
            """
            ),
        )
    db.drop(cr, event_stage, assignment_stage)
    cr.execute(SQL("DROP TABLE tmp_rsw_attendee"))
    _visit_helpers(env, config, rng, volunteers, tasks, events)


def _visit_helpers(env, config, rng, volunteers, tasks, events):
    """A volunteer of the township (free that week) for some of the open
    field visits, planned through the ORM so that its checks run."""
    recent = config.now - timedelta(days=8)
    busy = {
        volunteer
        for event in events
        if event.stop > recent
        for volunteer, _state, _hours in event.assignments
    }
    free = {}
    for volunteer in volunteers:
        if volunteer.id not in busy:
            township = volunteer.ruralsw_home_area_id.township_id.id
            free.setdefault(township, []).append(volunteer.id)
    vals_list = []
    for task in tasks:
        pool = free.get(task.ruralsw_area_id.township_id.id)
        if not pool or rng.random() > resource_draw.VISIT_ASSIGNMENT_SHARE:
            continue
        start = datetime.combine(config.today, time(2, 0))
        vals_list.append(
            {
                "volunteer_id": pool.pop(rng.randrange(len(pool))),
                "task_id": task.id,
                "date_start": start,
                "date_stop": start + timedelta(hours=1.5),
            }
        )
    with config.recorder.table("ruralsw_volunteer_assignment (ORM)") as timing:
        assignments = env["ruralsw.volunteer.assignment"].create(vals_list)
        env.flush_all()
        timing.rows = len(assignments)


# ----------------------------------------------------------------------
# Funds: inflows of every source, spending within the restrictions
# ----------------------------------------------------------------------
FUNDS = (
    ("government", "县民政局社会工作服务专项资金", {}),
    ("government", "乡村振兴衔接资金（物资）", {"ruralsw_restrict_purpose": "aid"}),
    ("social_capital", "县慈善总会乡村关爱基金", {}),
    ("social_capital", "爱心企业助老助残基金", {"area": True}),
    ("social_capital", "个人小额捐赠", {}),
    ("profit_feedback", "农产品电商利润反哺", {}),
    ("profit_feedback", "合作社分红反哺", {"ruralsw_restrict_purpose": "volunteer"}),
)
DONORS = {
    "government": ("青山县民政局", "青山县乡村振兴局"),
    "profit_feedback": ("青山县农产品电商服务中心", "青山县苗绣农民专业合作社"),
    "social_capital": (
        "青山县慈善总会",
        "黔东南爱心助学协会",
        "贵州山里红食品有限公司",
        "青山县建工集团有限公司",
        "青山县邮政分公司",
        "黔东南农商银行青山支行",
    ),
}
INDIVIDUAL_DONORS = 300


def _funds(env, config):
    """The fund accounts (one or more per source type, some restricted),
    donors and fund pools through the ORM; the cash donations through the
    ORM too, so that each has a posted journal entry with its analytic line
    (the account module's own sequence, balance and hash rules); the
    spending of each fund, month by month, by SQL."""
    cr = env.cr
    recorder = config.recorder
    rng = config.rng("resource", "funds")
    company = env.company
    with recorder.table("account_analytic_account (funds)") as timing:
        company._ruralsw_setup_donation_accounting()
        plan = env.ref("ruralsw_resource.analytic_plan_funds")
        townships = config.shared["townships"]
        restricted_township = townships[0]
        funds = env["account.analytic.account"].create(
            [
                {
                    "name": name,
                    "plan_id": plan.id,
                    "company_id": company.id,
                    "ruralsw_fund_source": source,
                    "ruralsw_restrict_purpose": extra.get("ruralsw_restrict_purpose"),
                    "ruralsw_restrict_area_id": (
                        restricted_township if extra.get("area") else False
                    ),
                }
                for source, name, extra in FUNDS
            ]
        )
        timing.rows = len(funds)
    with recorder.table("res_partner (donors)") as timing:
        organisations = env["res.partner"].create(
            [
                {"name": name, "is_company": True, "lang": env.lang}
                for names in DONORS.values()
                for name in names
            ]
        )
        by_name = {partner.name: partner.id for partner in organisations}
        people = env["res.partner"].create(
            [
                {
                    "name": synth.person_name(
                        rng,
                        synth.surname(rng),
                        rng.choice(("male", "female")),
                        rng.randint(1950, 2000),
                    ),
                    "lang": env.lang,
                }
                for _index in range(config.scaled(INDIVIDUAL_DONORS))
            ]
        )
        timing.rows = len(organisations) + len(people)
    donors = {source: [by_name[n] for n in names] for source, names in DONORS.items()}
    donors["social_capital"] += people.ids
    fund_ids = {}
    for fund in funds:
        fund_ids.setdefault(fund.ruralsw_fund_source, []).append(fund.id)
    start = (config.now - timedelta(days=HISTORY_YEARS * 365)).date()
    months = resource_draw.month_starts(start, config.today)
    gifts = [
        gift
        for gift in resource_draw.draw_inflows(
            rng,
            months,
            fund_ids,
            donors,
            max(2, round(resource_draw.SOCIAL_DONATIONS_PER_MONTH * config.scale)),
        )
        if start <= gift.date <= config.today
    ]
    with recorder.table("ruralsw_donation (ORM, posted)") as timing:
        Donation = env["ruralsw.donation"]
        for index in range(0, len(gifts), 500):
            batch = Donation.create(
                [
                    {
                        "donor_id": gift.donor,
                        "donation_type": "cash",
                        "amount": gift.amount,
                        "fund_id": gift.fund,
                        "date": gift.date,
                        "company_id": company.id,
                    }
                    for gift in gifts[index : index + 500]
                ]
            )
            batch.action_confirm()
            timing.rows += len(batch)
        env.flush_all()
    with recorder.table("ruralsw_fund_pool (ORM)") as timing:
        pools = env["ruralsw.fund.pool"].create(
            [
                {
                    "name": env._("Fund mix %(year)s", year=year),
                    "company_id": company.id,
                    "date_from": date(year, 1, 1),
                    "date_to": date(year, 12, 31),
                }
                for year in sorted({month.year for month in months})
            ]
        )
        env.flush_all()
        timing.rows = len(pools)
    county = env["ruralsw.area"].browse(config.shared["county"])
    areas = env["ruralsw.area"].search([("id", "child_of", county.id)])
    rules = {}
    for fund in funds:
        allowed = fund.ruralsw_restrict_area_id
        rules[fund.id] = {
            "purpose": fund.ruralsw_restrict_purpose or None,
            "areas": (
                areas.filtered(
                    lambda a, p=allowed.parent_path: a.parent_path.startswith(p)
                ).ids
                if allowed
                else None
            ),
            "date_from": fund.ruralsw_restrict_date_from or None,
            "date_to": fund.ruralsw_restrict_date_to or None,
        }
    spending = resource_draw.draw_spending(
        rng,
        gifts,
        rules,
        areas.filtered(lambda a: a.level in ("township", "village")).ids,
        config.today,
    )
    staging = db.Staging(
        "tmp_rsw_spending",
        [
            ("fund_id", "int4"),
            ("date", "date"),
            ("amount", "numeric"),
            ("purpose", "varchar"),
            ("area_id", "int4"),
        ],
    )
    labels = dict(
        env["account.analytic.line"]
        ._fields["ruralsw_purpose"]
        ._description_selection(env)
    )
    for row in spending:
        staging.add(*row)
    staging.copy(cr)
    column = env["account.analytic.line"]._ruralsw_fund_fname()
    with recorder.table("account_analytic_line (spending)") as timing:
        cr.execute(
            SQL(
                "CREATE TEMPORARY TABLE tmp_rsw_purpose "
                "(purpose varchar, label varchar) ON COMMIT DROP"
            )
        )
        for purpose, label in labels.items():
            cr.execute(
                SQL("INSERT INTO tmp_rsw_purpose VALUES (%s, %s)", purpose, label)
            )
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO account_analytic_line (
                name, date, amount, unit_amount, company_id, currency_id, category,
                %(column)s, ruralsw_purpose, ruralsw_area_id,
                create_uid, create_date, write_uid, write_date
            )
            SELECT l.label, s.date, s.amount, 0, %(company)s, %(currency)s, 'other',
                   s.fund_id, s.purpose, s.area_id,
                   %(uid)s, s.date::timestamp, %(uid)s, s.date::timestamp
              FROM tmp_rsw_spending s
              JOIN tmp_rsw_purpose l ON l.purpose = s.purpose
             ORDER BY s.date, s.fund_id
            """,
                column=SQL.identifier(column),
                company=company.id,
                currency=company.currency_id.id,
                uid=env.uid,
            ),
        )
    db.drop(cr, staging)
    cr.execute(SQL("DROP TABLE tmp_rsw_purpose"))


def check(env, config):
    """Counts of what the step made, and the consistency rules of its
    history (each must be 0)."""
    cr = env.cr

    def scalar(query):
        cr.execute(SQL(query))
        return cr.fetchone()[0]

    checks = [
        Check(
            "warehouses of stations",
            scalar(
                "SELECT count(*) FROM stock_warehouse "
                "WHERE ruralsw_station_id IS NOT NULL"
            ),
            WAREHOUSES,
        ),
        Check(
            "warehouses without coordinates",
            scalar(
                "SELECT count(*) FROM stock_warehouse "
                "WHERE ruralsw_station_id IS NOT NULL "
                "AND coalesce(ruralsw_latitude, 0) = 0 "
                "AND coalesce(ruralsw_longitude, 0) = 0"
            ),
            0,
        ),
        Check(
            "approved request lines",
            scalar(
                "SELECT count(*) FROM ruralsw_aid_request_line l "
                "JOIN ruralsw_aid_request r ON r.id = l.request_id "
                "WHERE r.state = 'approved'"
            ),
            REQUESTS * LINES_PER_REQUEST,
        ),
        Check(
            "active volunteers",
            scalar(
                "SELECT count(*) FROM res_partner WHERE ruralsw_is_volunteer "
                "AND ruralsw_volunteer_state = 'active'"
            ),
            VOLUNTEERS,
        ),
        Check(
            "field visits needing a skill",
            scalar(
                "SELECT count(DISTINCT project_task_id) "
                "FROM project_task_ruralsw_volunteer_skill_rel"
            ),
            TASKS,
        ),
    ]
    cr.execute(
        SQL(
            """
        SELECT count(*) FILTER (WHERE r.case_id IS NOT NULL),
               count(*) FILTER (WHERE r.state = 'done'),
               count(*) FILTER (WHERE r.state = 'allocated'),
               count(*) FILTER (WHERE r.state = 'cancel')
          FROM ruralsw_aid_request r
            """
        )
    )
    history, done, allocated, cancelled = cr.fetchone()
    checks += [
        Check("aid requests of cases", history),
        Check("aid requests delivered", done),
        Check("aid requests partly delivered, backorder waiting", allocated),
        Check("aid requests cancelled", cancelled),
        Check(
            "aid request lines delivered in part",
            scalar(
                "SELECT count(*) FROM ruralsw_aid_request_line "
                "WHERE qty_delivered > 0 AND qty_delivered < quantity"
            ),
        ),
        Check(
            "aid deliveries done",
            scalar(
                "SELECT count(*) FROM stock_picking "
                "WHERE ruralsw_is_aid_delivery AND state = 'done'"
            ),
        ),
        Check(
            "volunteer assignments done",
            scalar(
                "SELECT count(*) FROM ruralsw_volunteer_assignment WHERE state = 'done'"
            ),
        ),
        Check(
            "volunteer hours logged",
            round(
                scalar(
                    "SELECT COALESCE(sum(hours_logged), 0) "
                    "FROM ruralsw_volunteer_assignment"
                )
            ),
        ),
        Check(
            "donations confirmed",
            scalar("SELECT count(*) FROM ruralsw_donation WHERE state = 'confirmed'"),
        ),
    ]
    cr.execute(
        SQL(
            """
        SELECT a.ruralsw_fund_source, round(sum(l.amount))
          FROM account_analytic_line l
          JOIN account_analytic_account a ON a.id = l.%s
         WHERE l.amount > 0 AND a.ruralsw_fund_source IS NOT NULL
         GROUP BY 1
            """,
            SQL.identifier(env["account.analytic.line"]._ruralsw_fund_fname()),
        )
    )
    inflows = dict(cr.fetchall())
    total = sum(inflows.values()) or 1
    checks += [
        Check(
            f"inflows: {source} (% of all)", round(100 * inflows.get(source, 0) / total)
        )
        for source in ("government", "social_capital", "profit_feedback")
    ]
    checks += [
        Check(name, _history_scalar(env, query, config), 0)
        for name, query in HISTORY_CHECKS.items()
    ]
    return checks


def _history_scalar(env, query, config):
    """Run one check of :data:`HISTORY_CHECKS`."""
    fund = SQL.identifier(env["account.analytic.line"]._ruralsw_fund_fname())
    env.cr.execute(SQL(query, now=config.now, fund=fund, any="%"))
    return env.cr.fetchone()[0]


HISTORY_CHECKS = {
    "aid lines whose figures disagree with their moves": """
        SELECT count(*) FROM ruralsw_aid_request_line l
          LEFT JOIN (
                SELECT ruralsw_request_line_id AS line_id,
                       sum(product_uom_qty) FILTER (WHERE state != 'cancel')
                           AS allocated,
                       sum(quantity) FILTER (WHERE state = 'done') AS delivered
                  FROM stock_move WHERE ruralsw_request_line_id IS NOT NULL
                 GROUP BY 1
               ) m ON m.line_id = l.id
         WHERE COALESCE(m.allocated, 0) != l.qty_allocated
            OR COALESCE(m.delivered, 0) != l.qty_delivered
    """,
    "done aid moves without a done move line of their quantity": """
        SELECT count(*) FROM stock_move m
         WHERE m.ruralsw_request_line_id IS NOT NULL AND m.state = 'done'
           AND m.quantity != (SELECT COALESCE(sum(ml.quantity), 0)
                                FROM stock_move_line ml
                               WHERE ml.move_id = m.id AND ml.state = 'done')
    """,
    "aid deliveries before the approval or in the future": """
        SELECT count(*) FROM stock_picking p
          JOIN stock_move m ON m.picking_id = p.id
          JOIN ruralsw_aid_request_line l ON l.id = m.ruralsw_request_line_id
          JOIN ruralsw_aid_request r ON r.id = l.request_id
         WHERE p.create_date < r.date_approved OR p.date_done > %(now)s
            OR r.create_date < (SELECT intake_date FROM ruralsw_case
                                 WHERE id = r.case_id)
    """,
    "volunteers at two places at once": """
        SELECT count(*) FROM ruralsw_volunteer_assignment a
          JOIN ruralsw_volunteer_assignment b
            ON b.volunteer_id = a.volunteer_id AND b.id > a.id
           AND b.date_start < a.date_stop AND a.date_start < b.date_stop
         WHERE a.state != 'cancel' AND b.state != 'cancel'
    """,
    "confirmed cash donations without a posted entry of their amount": """
        SELECT count(*) FROM ruralsw_donation d
          LEFT JOIN account_move m ON m.id = d.move_id
         WHERE d.state = 'confirmed' AND d.donation_type = 'cash'
           AND (m.state IS DISTINCT FROM 'posted' OR m.amount_total != d.amount)
    """,
    "spending outside its fund's purpose or area": """
        SELECT count(*) FROM account_analytic_line l
          JOIN account_analytic_account f ON f.id = l.%(fund)s
          LEFT JOIN ruralsw_area area ON area.id = l.ruralsw_area_id
          LEFT JOIN ruralsw_area allowed ON allowed.id = f.ruralsw_restrict_area_id
         WHERE l.amount < 0
           AND ((f.ruralsw_restrict_purpose IS NOT NULL
                 AND l.ruralsw_purpose IS DISTINCT FROM f.ruralsw_restrict_purpose)
             OR (allowed.id IS NOT NULL
                 AND area.parent_path NOT LIKE allowed.parent_path || %(any)s))
    """,
}
