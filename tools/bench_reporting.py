#!/usr/bin/env python3
# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark ruralsw_reporting on the generated county (``tools/scale_data.py``
with ruralsw_reporting installed), in-process through the ORM.

    python3 tools/bench_reporting.py --db ruralsw_rep_bench
    python3 tools/bench_reporting.py --db ruralsw_rep_bench --runs 7 --no-rebuild

1. Rebuilds every reporting table (one transaction per table, committed, as
   the cron does) and prints the seconds and rows of each.
2. Times every dashboard figure as the web client asks for it (the pivot's
   or chart's ``read_group`` on the materialised table, as a supervisor with
   the record rules), next to a baseline measured in the same run: the same
   figure computed from the raw tables by the rebuild's own ``SELECT``
   (what an SQL view would cost at each request). Target: under 1 s.
3. Times the monthly area report of the county (the previous month) and the
   case summary of the case with the most interventions, rendered as HTML,
   next to the baseline of reading the same figures from the raw tables.

Each figure is the median of ``--runs`` runs, each in its own transaction,
rolled back.
"""

import argparse
import os
import statistics
import sys
import time
from contextlib import closing
from datetime import date
from pathlib import Path

try:  # run as tools/bench_reporting.py or imported as tools.bench_reporting
    from tools import scale_data
except ImportError:  # pragma: no cover - direct script execution
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tools import scale_data

TARGET = 1.0
COUNTY_ALL = [("area_level", "=", "county"), ("channel", "=", "all")]
TOWNSHIP_ALL = [("area_level", "=", "township"), ("channel", "=", "all")]
# (figure, model, domain, group by, aggregates): the dashboard's pivots and charts
FIGURES = [
    (
        "response: headline",
        "ruralsw.report.response",
        COUNTY_ALL,
        [],
        [
            "case_count:sum",
            "responded_count:sum",
            "within_deadline_count:sum",
            "response_hours_sum:sum",
        ],
    ),
    (
        "response: median per month",
        "ruralsw.report.response",
        COUNTY_ALL,
        ["month:month"],
        ["response_hours_median:avg"],
    ),
    (
        "case flow: opened per month",
        "ruralsw.report.case.flow",
        COUNTY_ALL,
        ["month:month"],
        ["opened_count:sum", "closed_count:sum"],
    ),
    (
        "case flow: per township",
        "ruralsw.report.case.flow",
        TOWNSHIP_ALL,
        ["area_id"],
        ["open_count:sum", "caseload_per_worker:avg"],
    ),
    (
        "satisfaction: mean per month",
        "ruralsw.report.satisfaction",
        [*COUNTY_ALL, ("need_category", "=", "all")],
        ["month:month"],
        ["satisfaction_avg:avg", "evaluation_count:sum"],
    ),
    (
        "satisfaction: per need category",
        "ruralsw.report.satisfaction",
        COUNTY_ALL,
        ["need_category"],
        ["satisfaction_sum:sum", "evaluation_count:sum"],
    ),
    (
        "coverage: per township",
        "ruralsw.report.coverage",
        TOWNSHIP_ALL,
        ["area_id"],
        ["coverage_rate:avg", "unreached_village_count:sum"],
    ),
    (
        "coverage: over 60 by channel",
        "ruralsw.report.coverage",
        [("area_level", "=", "county")],
        ["channel"],
        ["elderly_reached_count:sum"],
    ),
    (
        "aid: per township",
        "ruralsw.report.aid",
        [("area_level", "=", "township")],
        ["area_id"],
        ["fill_rate:avg", "shortfall_quantity:sum"],
    ),
    (
        "stock: available per township",
        "ruralsw.report.stock",
        [("area_level", "=", "township")],
        ["area_id"],
        ["quantity_available:sum", "quantity_requested:sum"],
    ),
    (
        "volunteers: hours per township",
        "ruralsw.report.volunteer",
        [("area_level", "=", "township")],
        ["area_id"],
        ["hours_logged:sum"],
    ),
    (
        "funds: inflows by source",
        "ruralsw.report.fund",
        [],
        ["fund_source"],
        ["inflow_amount:sum"],
    ),
]


def parse_args(argv=None):
    """Return the command-line options."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--db", required=True, help="a database made by scale_data")
    parser.add_argument("--runs", type=int, default=5, help="runs per measure")
    parser.add_argument("--no-rebuild", action="store_true", help="skip step 1")
    parser.add_argument("--login", default="sup01", help="user for the figures")
    parser.add_argument("--addons-path", help="Odoo addons path")
    parser.add_argument("--log-level", default="warn", help="Odoo log level")
    return parser.parse_args(argv)


def timed(odoo, registry, uid, operation, runs):
    """Median seconds of ``operation(env)`` over ``runs`` rolled-back
    transactions (empty caches), and its last result."""
    seconds = []
    result = None
    for _run in range(runs):
        with closing(registry.cursor()) as cr:
            env = odoo.api.Environment(cr, uid, {"lang": "en_US"})
            start = time.perf_counter()
            result = operation(env)
            seconds.append(time.perf_counter() - start)
            cr.rollback()
    return statistics.median(seconds), result


def view_baseline(model, domain, groupby, aggregates):
    """The figure computed from the raw tables: the rebuild's SELECT as a
    sub-query (an SQL view), filtered and grouped like the read_group."""

    def run(env):
        from odoo.tools import SQL  # pylint: disable=import-outside-toplevel

        Model = env[model]
        where = SQL(" AND ").join(
            [SQL("TRUE")]
            + [SQL("q.%s = %s", SQL.identifier(f), v) for f, _op, v in domain]
        )
        keys = [g.split(":")[0] for g in groupby]
        key_sql = [
            SQL("date_trunc('month', q.month)")
            if g.endswith(":month")
            else SQL("q.%s", SQL.identifier(g.split(":")[0]))
            for g in groupby
        ]
        measures = [
            SQL("%s(q.%s)", SQL(a.split(":")[1]), SQL.identifier(a.split(":")[0]))
            for a in aggregates
        ]
        query = SQL(
            "SELECT %s FROM (%s) AS q WHERE %s %s",
            SQL(", ").join(key_sql + measures),
            Model._ruralsw_select(odoo_now(env)),
            where,
            SQL("GROUP BY %s", SQL(", ").join(key_sql)) if keys else SQL(""),
        )
        env.cr.execute(query)
        return len(env.cr.fetchall())

    return run


def odoo_now(env):
    """The moment the figures are computed at."""
    return env["ruralsw.report.response"].env.cr.now()


def rebuild(odoo, registry):
    """Rebuild every table, one committed transaction each; print them."""
    print(f"{'table':<32} {'rows':>10} {'seconds':>9}")
    total = 0.0
    with closing(registry.cursor()) as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        names = env["ruralsw.report.response"]._ruralsw_report_models()
    for name in names:
        with closing(registry.cursor()) as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            start = time.perf_counter()
            rows = env[name]._ruralsw_rebuild()
            cr.commit()
            seconds = time.perf_counter() - start
        total += seconds
        print(f"{name:<32} {rows:>10,} {seconds:>9.2f}")
    print(f"{'all tables':<32} {'':>10} {total:>9.2f}\n")


def report_measures(env):
    """The two reports' render operations and their baselines."""
    county = env["ruralsw.area"].search([("level", "=", "county")], limit=1)
    today = date.today()
    month = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    env.cr.execute(
        "SELECT case_id FROM ruralsw_intervention GROUP BY case_id "
        "ORDER BY count(*) DESC LIMIT 1"
    )
    case_id = env.cr.fetchone()[0]
    # the donation whose goods reached the most recipients
    env.cr.execute(
        "SELECT lot.ruralsw_donation_id FROM stock_move_line ml "
        "JOIN stock_lot lot ON lot.id = ml.lot_id "
        "WHERE ml.state = 'done' AND lot.ruralsw_donation_id IS NOT NULL "
        "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
    )
    donation_id = (env.cr.fetchone() or [None])[0]
    if not donation_id:  # the generated county's donations are cash only
        env.cr.execute(
            "SELECT id FROM ruralsw_donation ORDER BY amount DESC NULLS LAST, id "
            "LIMIT 1"
        )
        donation_id = (env.cr.fetchone() or [None])[0]

    def monthly(env):
        wizard = env["ruralsw.report.monthly"].create(
            {"area_id": county.id, "month": month}
        )
        html = env["ir.actions.report"]._render_qweb_html(
            "ruralsw_reporting.report_monthly_area", wizard.ids
        )[0]
        return len(html)

    def monthly_raw(env):
        rows = 0
        for name in (
            "ruralsw.report.response",
            "ruralsw.report.case.flow",
            "ruralsw.report.satisfaction",
            "ruralsw.report.coverage",
            "ruralsw.report.aid",
            "ruralsw.report.volunteer",
        ):
            rows += view_baseline(
                name,
                [("month", "=", month), ("channel", "=", "all")],
                ["area_id"],
                ["people_count:sum"],
            )(env)
        return rows

    def summary(env):
        return len(
            env["ir.actions.report"]._render_qweb_html(
                "ruralsw_reporting.report_case_summary", [case_id]
            )[0]
        )

    def summary_raw(env):
        env.cr.execute(
            "SELECT c.*, i.*, e.* FROM ruralsw_case c "
            "LEFT JOIN ruralsw_intervention i ON i.case_id = c.id "
            "LEFT JOIN ruralsw_evaluation e ON e.case_id = c.id WHERE c.id = %s",
            [case_id],
        )
        return len(env.cr.fetchall())

    def donor(env):
        return len(
            env["ir.actions.report"]._render_qweb_html(
                "ruralsw_resource.report_donation_impact", [donation_id]
            )[0]
        )

    def donor_raw(env):
        # what the report traces, read as plain rows: the delivered move
        # lines of the donation's lots
        env.cr.execute(
            "SELECT ml.*, m.* FROM stock_lot lot "
            "JOIN stock_move_line ml ON ml.lot_id = lot.id AND ml.state = 'done' "
            "JOIN stock_move m ON m.id = ml.move_id "
            "WHERE lot.ruralsw_donation_id = %s",
            [donation_id],
        )
        return len(env.cr.fetchall())

    measures = [
        (
            f"monthly area report ({county.name}, {month:%Y-%m})",
            monthly,
            monthly_raw,
            True,
        ),
        # the case may be outside the supervisor's areas: as the superuser
        (f"case summary (case {case_id})", summary, summary_raw, False),
    ]
    if donation_id:
        measures.append(
            (f"donor impact (donation {donation_id})", donor, donor_raw, False)
        )
    return measures


def main(argv=None):
    """Measure and print."""
    args = parse_args(argv)
    odoo, registry = scale_data.open_database(args)
    with closing(registry.cursor()) as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if "ruralsw.report.response" not in env:
            sys.exit(f"{args.db}: ruralsw_reporting is not installed.")
        user = env["res.users"].search([("login", "=", args.login)], limit=1)
        uid = user.id or odoo.SUPERUSER_ID
        env.cr.execute("SELECT count(*) FROM ruralsw_case")
        cases = env.cr.fetchone()[0]
        env.cr.execute("SELECT count(*) FROM ruralsw_intervention")
        interventions = env.cr.fetchone()[0]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"{args.db}: {cases:,} cases, {interventions:,} interventions; "
        f"median of {args.runs} runs as {args.login if user else 'superuser'}; "
        f"load average {load}\n"
    )
    if not args.no_rebuild:
        rebuild(odoo, registry)
    failed = []
    print(f"{'figure':<44} {'groups':>7} {'figure':>10} {'baseline':>10}  target")
    for name, model, domain, groupby, aggregates in FIGURES:

        def figure(
            env, model=model, domain=domain, groupby=groupby, aggregates=aggregates
        ):
            return len(env[model]._read_group(domain, groupby, aggregates))

        seconds, groups = timed(odoo, registry, uid, figure, args.runs)
        base, _rows = timed(
            odoo,
            registry,
            odoo.SUPERUSER_ID,
            view_baseline(model, domain, groupby, aggregates),
            args.runs,
        )
        ok = seconds < TARGET
        failed += [] if ok else [name]
        print(
            f"{name:<44} {groups:>7} {seconds * 1000:>8.1f}ms {base * 1000:>8.1f}ms"
            f"  {'ok' if ok else 'SLOW'}"
        )
    with closing(registry.cursor()) as cr:
        measures = report_measures(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}))
    for name, operation, baseline, as_user in measures:
        seconds, size = timed(
            odoo, registry, uid if as_user else odoo.SUPERUSER_ID, operation, args.runs
        )
        base, _rows = timed(odoo, registry, odoo.SUPERUSER_ID, baseline, args.runs)
        ok = seconds < TARGET
        failed += [] if ok else [name]
        print(
            f"{name:<44} {size // 1024:>5}kB {seconds * 1000:>8.1f}ms "
            f"{base * 1000:>8.1f}ms  {'ok' if ok else 'SLOW'}"
        )
    print(
        "\nfigure: read_group on the materialised table (record rules on); "
        "baseline: the same from the raw tables (the rebuild's SELECT as a view)"
    )
    print(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
