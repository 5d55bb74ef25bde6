# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Scale data of ``ruralsw_case``: one synthetic county and its case load.

At ``--scale 1``: 1 county (under its province and city), 10 townships,
168 villages, 179 stations (one per village, one per township, the county
operation centre), 6 supervisors and 40 social workers (``sw01``-``sw10``
serve a whole township each, ``sw11``-``sw40`` a few villages each), 50,000
households, 120,000 beneficiaries and 100,000 cases with their consents,
needs, assessments, plans (goals, planned interventions), interventions and
evaluations. ``--scale`` multiplies households, beneficiaries and cases only:
the county keeps its shape so that the record rules see the same structure.

The county is fictional (division code 522690, in the real prefecture of
Qiandongnan, Guizhou) and so are all the people. Every case satisfies the
gates of its phase, as if it had been moved there through the ORM.
"""

# pylint: disable=protected-access  # the ORM's own helpers and metadata

from odoo import Command
from odoo.tools import SQL

from . import Check, db, synth
from .case_draft import CASES, PHASE_ORDER, CaseDraft, draw_consents
from .case_people import (
    BENEFICIARIES,
    HISTORY_DAYS,
    HOUSEHOLDS,
    County,
    draw_people,
    insert_beneficiaries,
    insert_households,
)
from .case_tables import CaseTables, write_all
from .synth import apportion, person_name, surname, township_names, village_names

ADDON = "ruralsw_case"
# model: domain of the generated records whose computed fields are re-checked
VERIFY_MODELS = {
    "res.partner": ["|", ("is_beneficiary", "=", True), ("is_household", "=", True)],
    "ruralsw.case": [],
    "ruralsw.case.need": [],
    "ruralsw.consent": [],
    "ruralsw.assessment": [],
    "ruralsw.case.plan": [],
    "ruralsw.case.goal": [],
    "ruralsw.case.plan.line": [],
    "ruralsw.intervention": [],
    "ruralsw.evaluation": [],
}
TABLES = (
    "ruralsw_area",
    "ruralsw_station",
    "res_partner",
    "ruralsw_case",
    "ruralsw_case_need",
    "ruralsw_consent",
    "ruralsw_assessment",
    "ruralsw_case_plan",
    "ruralsw_case_goal",
    "ruralsw_case_plan_line",
    "ruralsw_intervention",
    "ruralsw_evaluation",
)

PROVINCE = ("520000000000", "贵州省")
CITY = ("522600000000", "黔东南苗族侗族自治州")
COUNTY = ("522690000000", "青山县")
COUNTY_COORDINATES = (26.38, 108.22)
TIMEZONE = "Asia/Shanghai"
TOWNSHIPS = 10
VILLAGES = 168
MIN_VILLAGES_PER_TOWNSHIP = 8
SUPERVISORS = 6
VILLAGE_WORKERS = 30  # plus one social worker per township

QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
}


def generate(env, config):
    """Build the county through the ORM, then its people and cases in bulk."""
    env = env(context=dict(env.context, **QUIET_CONTEXT))
    if (
        env["ruralsw.area"]
        .with_context(active_test=False)
        .search_count([("code", "=", COUNTY[0])])
    ):
        raise RuntimeError(
            f"{COUNTY[1]} ({COUNTY[0]}) already exists in this database: "
            "generate into a new one (--create)."
        )
    county = _create_county(env, config)
    _prepare_drawing(env, config)
    env.flush_all()
    cr = env.cr
    households, residents = draw_people(config, county)
    tables = CaseTables.create(cr)
    draft = CaseDraft(config, county, residents, tables)
    draft.draw_all()
    draw_consents(config, draft)
    partner_defaults = db.orm_defaults(env, "res.partner")
    insert_households(cr, config, county, households, residents)
    insert_beneficiaries(cr, config, county, residents)
    db.drop_defaults(cr, partner_defaults)
    write_all(env, config, county, tables)
    env.invalidate_all()
    _advance_case_sequence(env, config, tables.case.rows)
    cr.execute(SQL("SELECT array_agg(id ORDER BY key) FROM tmp_case"))
    case_ids = cr.fetchone()[0]
    cr.execute(SQL("SELECT array_agg(id ORDER BY key) FROM tmp_beneficiary"))
    config.shared.update(
        county=county.county_id,
        townships=county.township_ids,
        villages=[village["id"] for village in county.villages],
        workers=county.worker_ids,
        supervisors=county.supervisor_ids,
        beneficiary_ids=cr.fetchone()[0],
        case_ids=case_ids,
    )


# ----------------------------------------------------------------------
# The county through the ORM: areas, stations, staff
# ----------------------------------------------------------------------
def _create_county(env, config):
    """Create the areas, stations and staff; return a :class:`County`."""
    townships, villages = _create_areas(env, config)
    stations = _create_stations(env, config, townships, villages)
    staff = _create_staff(env, config, townships, villages)
    company = env.company
    stages = {
        phase: env["ruralsw.case"]._stage_for_phase(phase).id for phase in PHASE_ORDER
    }
    return County(
        company_id=company.id,
        county_id=townships.parent_id.id,
        township_ids=townships.ids,
        villages=[
            {"id": v.id, "name": v.name, "township_id": v.township_id.id}
            for v in villages
        ],
        station_by_area={s.area_id.id: s.id for s in stations},
        response_hours=company._ruralsw_response_hours(),
        stage_by_phase=stages,
        admin_id=env.ref("base.user_admin").id,
        lang=env["res.partner"].default_get(["lang"]).get("lang") or "en_US",
        **staff,
    )


def _create_areas(env, config):
    """Create the county, its townships and villages (and the province and
    city when the database does not have them yet)."""
    rng = config.rng("areas")
    area_model = env["ruralsw.area"]
    with config.recorder.table("ruralsw_area (ORM)") as timing:
        parent = area_model
        for (code, name), level in ((PROVINCE, "province"), (CITY, "city")):
            area = area_model.search([("code", "=", code)], limit=1)
            if not area:
                area = area_model.create(
                    {"name": name, "code": code, "level": level, "parent_id": parent.id}
                )
                timing.rows += 1
            parent = area
        latitude, longitude = COUNTY_COORDINATES
        county = area_model.create(
            {
                "name": COUNTY[1],
                "code": COUNTY[0],
                "level": "county",
                "parent_id": parent.id,
                "latitude": latitude,
                "longitude": longitude,
            }
        )
        townships = area_model.create(
            [
                {
                    "name": name,
                    "code": f"{COUNTY[0][:6]}{100 + index:03d}000",
                    "level": "township",
                    "parent_id": county.id,
                    "latitude": round(latitude + rng.uniform(-0.3, 0.3), 5),
                    "longitude": round(longitude + rng.uniform(-0.3, 0.3), 5),
                }
                for index, name in enumerate(township_names(rng, TOWNSHIPS))
            ]
        )
        sizes = apportion(
            VILLAGES,
            [rng.uniform(0.6, 1.6) for _township in townships],
            minimum=MIN_VILLAGES_PER_TOWNSHIP,
        )
        names = iter(village_names(rng, VILLAGES))
        village_vals = []
        for township, size in zip(townships, sizes, strict=True):
            for number in range(1, size + 1):
                village_vals.append(
                    {
                        "name": next(names),
                        "code": f"{township.code[:9]}{200 + number:03d}",
                        "level": "village",
                        "parent_id": township.id,
                        "latitude": round(
                            township.latitude + rng.uniform(-0.08, 0.08), 5
                        ),
                        "longitude": round(
                            township.longitude + rng.uniform(-0.08, 0.08), 5
                        ),
                    }
                )
        villages = area_model.create(village_vals)
        timing.rows += 1 + len(townships) + len(villages)
    return townships, villages


def _create_stations(env, config, townships, villages):
    """Create the county operation centre and one station per township and
    village."""
    county = townships.parent_id
    vals_list = [
        {
            "name": f"{county.name}电商运营中心",
            "station_type": "county_centre",
            "area_id": county.id,
            "street": f"{county.name}城关大道1号",
        }
    ]
    vals_list += [
        {
            "name": f"{township.name}服务中心",
            "station_type": "township_centre",
            "area_id": township.id,
            "street": f"{township.name}街上",
        }
        for township in townships
    ]
    vals_list += [
        {
            "name": f"{village.name}服务站",
            "station_type": "village_station",
            "area_id": village.id,
        }
        for village in villages
    ]
    with config.recorder.table("ruralsw_station (ORM)") as timing:
        stations = env["ruralsw.station"].create(vals_list)
        timing.rows = len(stations)
    return stations


def _staff_vals(rng, login, group, areas, supervisor=None):
    """Return the values of one staff user."""
    gender = "female" if rng.random() < 0.6 else "male"
    vals = {
        "name": person_name(rng, surname(rng), gender, rng.randint(1975, 1998)),
        "login": login,
        "tz": TIMEZONE,
        "groups_id": [Command.link(group.id)],
        "ruralsw_area_ids": [Command.set(areas.ids)],
    }
    if supervisor:
        vals["ruralsw_supervisor_id"] = supervisor.id
    return vals


def _create_staff(env, config, townships, villages):
    """Create the supervisors and the social workers; return the ids the
    bulk part needs."""
    rng = config.rng("staff")
    with config.recorder.table("res_users (ORM)") as timing:
        supervisor_of_township = _create_supervisors(env, rng, townships)
        workers, blocks = _create_workers(
            env, rng, townships, villages, supervisor_of_township
        )
        supervisors = env["res.users"].union(*supervisor_of_township.values())
        timing.rows = len(supervisors) + len(workers)
    township_workers = workers[: len(townships)]
    village_workers = workers[len(townships) :]
    return {
        "supervisor_ids": supervisors.ids,
        "worker_ids": workers.ids,
        "supervisor_of": {w.id: w.ruralsw_supervisor_id.id for w in workers},
        "township_worker": {
            t.id: w.id for t, w in zip(townships, township_workers, strict=True)
        },
        "village_worker": {
            village.id: worker.id
            for worker, block in zip(village_workers, blocks, strict=True)
            for village in block
        },
    }


def _create_supervisors(env, rng, townships):
    """Create the supervisors, one or two neighbouring townships each;
    return ``{township id: supervisor}``."""
    group = env.ref("ruralsw_case.group_ruralsw_supervisor")
    supervised = synth.blocks(townships, SUPERVISORS)
    supervisors = env["res.users"].create(
        [
            _staff_vals(rng, f"sup{number:02d}", group, areas)
            for number, areas in enumerate(supervised, 1)
        ]
    )
    return {
        township.id: supervisor
        for supervisor, areas in zip(supervisors, supervised, strict=True)
        for township in areas
    }


def _create_workers(env, rng, townships, villages, supervisor_of_township):
    """Create the social workers: ``sw01``... serve a whole township each,
    the others a block of neighbouring villages (more workers where there
    are more villages); return the workers and the village blocks of the
    village workers."""
    group = env.ref("ruralsw_case.group_ruralsw_social_worker")
    vals_list = [
        _staff_vals(
            rng,
            f"sw{number:02d}",
            group,
            township,
            supervisor_of_township[township.id],
        )
        for number, township in enumerate(townships, 1)
    ]
    by_township = [
        villages.filtered(lambda v, t=t: v.parent_id == t) for t in townships
    ]
    counts = apportion(VILLAGE_WORKERS, [len(v) for v in by_township], minimum=1)
    blocks = []
    for township, its_villages, count in zip(
        townships, by_township, counts, strict=True
    ):
        for block in synth.blocks(its_villages, min(count, len(its_villages))):
            blocks.append(block)
            vals_list.append(
                _staff_vals(
                    rng,
                    f"sw{len(vals_list) + 1:02d}",
                    group,
                    block,
                    supervisor_of_township[township.id],
                )
            )
    return env["res.users"].create(vals_list), blocks


def _prepare_drawing(env, config):
    """Read what the drawing needs from the ORM: the case sequence (its
    next number, padding, and its prefix and suffix for each year of the
    history) and the assessment's translated explanations."""
    sequence = _case_sequence(env)
    if not sequence or sequence.use_date_range:
        raise RuntimeError("no plain ir.sequence with the code ruralsw.case")
    years = range(config.now.year - HISTORY_DAYS // 365 - 1, config.now.year + 1)
    config.shared["case_sequence"] = {
        "id": sequence.id,
        "next": sequence.number_next_actual,
        "padding": sequence.padding,
        "affixes": {
            year: sequence.with_context(
                ir_sequence_date=f"{year}-07-01"
            )._get_prefix_suffix()
            for year in years
        },
    }
    config.shared["explain_reason"] = env["ruralsw.assessment"]._explain_reason


def _case_sequence(env):
    """The sequence ``next_by_code("ruralsw.case")`` draws from."""
    return env["ir.sequence"].search(
        [("code", "=", "ruralsw.case"), ("company_id", "in", [env.company.id, False])],
        order="company_id",
        limit=1,
    )


def _advance_case_sequence(env, config, count):
    """Move the case sequence past the ``count`` generated references."""
    with config.recorder.table("ir_sequence (case references)") as timing:
        sequence = env["ir.sequence"].browse(config.shared["case_sequence"]["id"])
        sequence.number_next_actual = config.shared["case_sequence"]["next"] + count
        env.flush_all()
        timing.rows = 1


# ----------------------------------------------------------------------
# Checks
# ----------------------------------------------------------------------
GATE_CHECKS = {
    "cases past intake without a valid case-management consent": """
        SELECT count(*) FROM ruralsw_case c
         WHERE c.phase != 'intake'
           AND NOT EXISTS (
                SELECT 1 FROM ruralsw_consent k
                 WHERE k.beneficiary_id = c.beneficiary_id
                   AND k.purpose = 'case_management'
                   AND k.revoked_date IS NULL
                   AND k.date_given <= %(today)s
                   AND (k.valid_until IS NULL OR k.valid_until >= %(today)s))
    """,
    "cases past intake without a first contact": """
        SELECT count(*) FROM ruralsw_case
         WHERE phase != 'intake' AND first_contact_date IS NULL
    """,
    "cases past intake without an assessment": """
        SELECT count(*) FROM ruralsw_case c
         WHERE c.phase != 'intake'
           AND NOT EXISTS (SELECT 1 FROM ruralsw_assessment a WHERE a.case_id = c.id)
    """,
    "cases from intervention on without an approved plan with a goal": """
        SELECT count(*) FROM ruralsw_case c
         WHERE c.phase IN ('intervention', 'evaluation', 'closed')
           AND NOT EXISTS (
                SELECT 1 FROM ruralsw_case_plan p
                  JOIN ruralsw_case_goal g ON g.plan_id = p.id
                 WHERE p.id = c.approved_plan_id AND p.state = 'approved')
    """,
    "cases from evaluation on without a done intervention": """
        SELECT count(*) FROM ruralsw_case c
         WHERE c.phase IN ('evaluation', 'closed')
           AND NOT EXISTS (
                SELECT 1 FROM ruralsw_intervention i
                 WHERE i.case_id = c.id AND i.state = 'done')
    """,
    "closed cases without an evaluation, closure reason or closed date": """
        SELECT count(*) FROM ruralsw_case c
         WHERE c.phase = 'closed'
           AND (c.closure_reason IS NULL OR c.closed_date IS NULL
                OR c.evaluation_id IS NULL)
    """,
    "interventions or evaluations in cases before their phase": """
        SELECT (SELECT count(*) FROM ruralsw_intervention i
                  JOIN ruralsw_case c ON c.id = i.case_id
                 WHERE c.phase IN ('intake', 'assessment', 'plan'))
             + (SELECT count(*) FROM ruralsw_evaluation e
                  JOIN ruralsw_case c ON c.id = e.case_id
                 WHERE c.phase IN ('intake', 'assessment', 'plan', 'intervention'))
    """,
    "dates out of order (before the intake, or in the future)": """
        SELECT (SELECT count(*) FROM ruralsw_case
                 WHERE first_contact_date < intake_date
                    OR first_contact_date > %(now)s OR intake_date > %(now)s)
             + (SELECT count(*) FROM ruralsw_assessment a
                  JOIN ruralsw_case c ON c.id = a.case_id
                 WHERE a.date < c.intake_date::date)
             + (SELECT count(*) FROM ruralsw_intervention i
                  JOIN ruralsw_case c ON c.id = i.case_id
                 WHERE i.date_start < c.intake_date)
    """,
    "cases whose social worker does not serve the village": """
        SELECT count(*) FROM ruralsw_case c
          JOIN ruralsw_area v ON v.id = c.area_id
         WHERE NOT EXISTS (
                SELECT 1 FROM ruralsw_area_res_users_rel r
                  JOIN ruralsw_area a ON a.id = r.area_id
                 WHERE r.user_id = c.user_id
                   AND starts_with(v.parent_path, a.parent_path))
    """,
    "duplicate or missing resident ID numbers of beneficiaries": """
        SELECT count(*) - count(DISTINCT id_number) + count(*) FILTER (
                   WHERE id_number IS NULL OR length(id_number) != 18)
          FROM res_partner WHERE is_beneficiary
    """,
    "households without exactly one head": """
        SELECT count(*) FROM res_partner h
          LEFT JOIN (
                SELECT household_id, count(*) AS heads FROM res_partner
                 WHERE household_role = 'head' AND household_id IS NOT NULL
                 GROUP BY household_id
               ) m ON m.household_id = h.id
         WHERE h.is_household AND COALESCE(m.heads, 0) != 1
    """,
}


def _scalar(cr, query, **params):
    """Run a one-value query."""
    cr.execute(SQL(query, **params) if params else SQL(query))
    return cr.fetchone()[0]


def check(env, config):
    """Return the counts of the county and the gate checks (each must be 0)."""
    cr = env.cr
    county = env["ruralsw.area"].search([("code", "=", COUNTY[0])], limit=1)
    if not county:
        return [Check("county generated", 0, 1)]
    path = county.parent_path + "%"
    cr.execute(
        SQL(
            """
        SELECT level, count(*) FROM ruralsw_area
         WHERE parent_path LIKE %s GROUP BY level
        """,
            path,
        )
    )
    levels = dict(cr.fetchall())
    scaled = config.scale == 1
    checks = [
        Check("areas: county", levels.get("county", 0), 1),
        Check("areas: townships", levels.get("township", 0), TOWNSHIPS),
        Check("areas: villages", levels.get("village", 0), VILLAGES),
        Check(
            "stations",
            _scalar(
                cr,
                "SELECT count(*) FROM ruralsw_station s JOIN ruralsw_area a "
                "ON a.id = s.area_id WHERE a.parent_path LIKE %(path)s",
                path=path,
            ),
            1 + TOWNSHIPS + VILLAGES,
        ),
    ]
    partner_counts = """
        SELECT count(*) FILTER (WHERE p.is_household),
               count(*) FILTER (WHERE p.is_beneficiary)
          FROM res_partner p JOIN ruralsw_area a ON a.id = p.village_id
         WHERE a.parent_path LIKE %(path)s
    """
    cr.execute(SQL(partner_counts, path=path))
    households, beneficiaries = cr.fetchone()
    checks += [
        Check("households", households, HOUSEHOLDS if scaled else None),
        Check("beneficiaries", beneficiaries, BENEFICIARIES if scaled else None),
    ]
    cr.execute(
        SQL(
            """
        SELECT c.phase, count(*) FROM ruralsw_case c
          JOIN ruralsw_area a ON a.id = c.area_id
         WHERE a.parent_path LIKE %s GROUP BY c.phase
            """,
            path,
        )
    )
    phases = dict(cr.fetchall())
    checks.append(Check("cases", sum(phases.values()), CASES if scaled else None))
    checks += [Check(f"cases: {phase}", phases.get(phase, 0)) for phase in PHASE_ORDER]
    checks.append(Check("phases with cases", len(phases), len(PHASE_ORDER)))
    cr.execute(
        SQL(
            """
        SELECT count(*) FILTER (WHERE is_response_late),
               count(*) FILTER (WHERE first_contact_date IS NULL
                                  AND response_deadline < %s AND phase != 'closed')
          FROM ruralsw_case
            """,
            config.now,
        )
    )
    late, overdue = cr.fetchone()
    checks += [
        Check("cases: responded late", late),
        Check("cases: overdue now", overdue),
    ]
    cr.execute(
        SQL(
            """
        SELECT count(*) FILTER (WHERE u.id IN (
                   SELECT uid FROM res_groups_users_rel WHERE gid = %s)),
               count(*)
          FROM res_users u
         WHERE EXISTS (SELECT 1 FROM ruralsw_area_res_users_rel r
                         JOIN ruralsw_area a ON a.id = r.area_id
                        WHERE r.user_id = u.id AND a.parent_path LIKE %s)
            """,
            env.ref("ruralsw_case.group_ruralsw_supervisor").id,
            path,
        )
    )
    supervisors, staff = cr.fetchone()
    checks += [
        Check("supervisors", supervisors, SUPERVISORS),
        Check("social workers", staff - supervisors, TOWNSHIPS + VILLAGE_WORKERS),
    ]
    for name, query in GATE_CHECKS.items():
        checks.append(
            Check(name, _scalar(cr, query, today=config.today, now=config.now), 0)
        )
    return checks
