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
"""

from odoo.tools import SQL

from . import Check, db

ADDON = "ruralsw_resource"
WAREHOUSES = 200
PRODUCTS = 50
REQUESTS = 2_000
LINES_PER_REQUEST = 5
VOLUNTEERS = 2_000
TASKS = 1_000
MAX_STOCK = 12
VERIFY_MODELS = {
    "stock.warehouse": [("ruralsw_station_id", "!=", False)],
    "ruralsw.aid.request": [],
    "ruralsw.aid.request.line": [],
    "ruralsw.volunteer.assignment": [],
}
TABLES = (
    "stock_warehouse",
    "stock_quant",
    "ruralsw_aid_request",
    "ruralsw_aid_request_line",
    "res_partner",
    "project_task",
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
        for task in tasks:
            task.ruralsw_skill_ids = [(6, 0, [rng.choice(skills)])]
        timing.rows = len(tasks)
    env.flush_all()
    env.invalidate_all()


def check(env, config):
    """Counts of what the step made."""
    del config
    cr = env.cr

    def scalar(query):
        cr.execute(SQL(query))
        return cr.fetchone()[0]

    return [
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
