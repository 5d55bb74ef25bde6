#!/usr/bin/env python3
# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark aid allocation, its confirmation and volunteer suggestions on
the generated county (``tools/scale_data.py`` with ruralsw_resource
installed), in-process through the ORM.

    python3 tools/bench_resource.py --db ruralsw_bench
    python3 tools/bench_resource.py --db ruralsw_bench --confirm-lines 1000 --runs 5

Each figure is printed next to its baseline, measured in the same run, each
run in its own transaction, rolled back (the stock is the same for every
run); the median of ``--runs`` runs is reported.

- allocation plan of every approved request line (10,000 lines, 200
  warehouses, 50 products): read the lines, the warehouses and the
  available stock, run the service. Baseline: the same service fed with a
  nearest-first ranking recomputed for every line. Target: under 2 s.
- confirmation of the plan of ``--confirm-lines`` lines (default 2,000):
  the wizard's *Confirm* (lock and check the stock, create the deliveries,
  confirm and reserve them, follow the requests). Baseline: the same
  deliveries created, confirmed and reserved directly with batched ORM
  calls. Target: at least 80 % of the baseline's rate.
- volunteer suggestions for 1,000 field visits among 2,000 volunteers:
  read the volunteers, their load and the visits, rank. Baseline: every
  volunteer scored for every visit. Target: under 2 s.
"""

import argparse
import os
import statistics
import sys
import time
from contextlib import closing
from datetime import timedelta
from pathlib import Path

try:  # run as tools/bench_resource.py or imported as tools.bench_resource
    from tools import scale_data
except ImportError:  # pragma: no cover - direct script execution
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tools import scale_data

PLAN_TARGET = 2.0
SUGGEST_TARGET = 2.0
CONFIRM_RATIO = 0.8


def parse_args(argv=None):
    """Return the command-line options."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--db", required=True, help="a database made by scale_data")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure")
    parser.add_argument(
        "--confirm-lines", type=int, default=2000, help="lines confirmed per run"
    )
    parser.add_argument("--addons-path", help="Odoo addons path")
    parser.add_argument("--log-level", default="warn", help="Odoo log level")
    return parser.parse_args(argv)


def timed(odoo, registry, operation, runs):
    """Median seconds of ``operation(env)`` over ``runs`` rolled-back
    transactions, and its last result."""
    seconds = []
    result = None
    for _run in range(runs):
        with closing(registry.cursor()) as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            prepared = operation.prepare(env) if hasattr(operation, "prepare") else None
            start = time.perf_counter()
            result = operation(env, prepared)
            seconds.append(time.perf_counter() - start)
            cr.rollback()
    return statistics.median(seconds), result


def approved_lines(env):
    """The request lines waiting for an allocation."""
    return env["ruralsw.aid.request.line"].search(
        [("request_id.state", "=", "approved"), ("state", "in", ("open", "partial"))]
    )


class Plan:
    """The allocation plan of every approved line, through the wizard's
    reading and the service."""

    @staticmethod
    def __call__(env, _prepared):
        lines = approved_lines(env)
        result, _warehouses, _demands = env["ruralsw.aid.allocation"]._ruralsw_plan(
            lines
        )
        return len(lines), len(result.rows), sum(result.shortfalls.values())


class PlanNaive:
    """Baseline: the service with a ranking recomputed for every line."""

    @staticmethod
    def prepare(env):
        lines = approved_lines(env)
        result, warehouses, demands = env["ruralsw.aid.allocation"]._ruralsw_plan(lines)
        del result
        return warehouses, demands

    @staticmethod
    def __call__(env, prepared):
        # pylint: disable=import-outside-toplevel  # the addon is found at run time
        from odoo.addons.ruralsw_resource.services import allocation

        warehouses, demands = prepared
        Wizard = env["ruralsw.aid.allocation"]
        stock = Wizard._ruralsw_available(
            warehouses,
            env["product.product"].browse(sorted({d.product for d in demands})),
        )
        sources = [
            allocation.Source(
                w.id, w.ruralsw_area_id.id, w.ruralsw_latitude, w.ruralsw_longitude
            )
            for w in warehouses
        ]
        remaining = dict(stock)
        rows = 0
        for demand in sorted(demands, key=allocation.sort_key):
            needed = demand.quantity
            for _km, source in allocation.rank_sources(demand, sources):
                have = remaining.get((source.key, demand.product), 0)
                if have <= 0:
                    continue
                take = min(have, needed)
                remaining[(source.key, demand.product)] = have - take
                needed -= take
                rows += 1
                if needed <= 0:
                    break
        return len(demands), rows, None


class Confirm:
    """The wizard's confirmation of the plan of the first ``count`` lines."""

    def __init__(self, count, direct=False):
        self.count = count
        self.direct = direct

    def prepare(self, env):
        lines = approved_lines(env)[: self.count]
        wizard = env["ruralsw.aid.allocation"].create(
            {"request_ids": [(6, 0, lines.request_id.ids)]}
        )
        result, _warehouses, _demands = wizard._ruralsw_plan(lines)
        env["ruralsw.aid.allocation.line"].create(
            [
                {
                    "allocation_id": wizard.id,
                    "request_line_id": row.demand,
                    "warehouse_id": row.source,
                    "quantity": row.quantity,
                    "distance_km": row.distance_km,
                }
                for row in result.rows
            ]
        )
        env.flush_all()
        env.invalidate_all()
        return wizard

    def __call__(self, env, wizard):
        if self.direct:
            rows = wizard.line_ids
            pickings = env["stock.picking"].create(wizard._ruralsw_picking_vals(rows))
            pickings.action_confirm()
            pickings.action_assign()
        else:
            wizard.action_confirm()
            rows = wizard.line_ids
        env.flush_all()
        return len(rows)


class Suggest:
    """Suggestions for every generated field visit, as the wizard does."""

    def __init__(self, naive=False):
        self.naive = naive

    @staticmethod
    def prepare(env):
        return env["project.task"].search([("ruralsw_skill_ids", "!=", False)])

    def __call__(self, env, tasks):
        # pylint: disable=import-outside-toplevel  # the addon is found at run time
        from odoo.addons.ruralsw_resource.services import volunteer_match

        start = env.cr.now().replace(
            tzinfo=None, hour=1, minute=0, second=0, microsecond=0
        )
        volunteers = env["ruralsw.volunteer.suggest"]._ruralsw_match_volunteers(start)
        match_tasks = [
            task._ruralsw_match_task(
                start + timedelta(hours=2 * (index % 40)),
                start + timedelta(hours=2 * (index % 40) + 2),
                hours=2.0,
            )
            for index, task in enumerate(tasks)
        ]
        if self.naive:
            result = {
                t.key: volunteer_match.rank(t, volunteers, limit=3) for t in match_tasks
            }
        else:
            result = volunteer_match.suggest_bulk(match_tasks, volunteers)
        return len(match_tasks), len(volunteers), sum(1 for s in result.values() if s)


def main(argv=None):
    """Measure and print."""
    args = parse_args(argv)
    odoo, registry = scale_data.open_database(args)
    with closing(registry.cursor()) as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if "ruralsw.aid.allocation" not in env or not approved_lines(env):
            sys.exit(f"{args.db}: no approved aid request: run tools/scale_data.py.")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{args.db}: median of {args.runs} runs; load average {load}\n")
    failed = []

    plan_s, (lines, rows, short) = timed(odoo, registry, Plan(), args.runs)
    naive_s, _r = timed(odoo, registry, PlanNaive(), args.runs)
    print(f"{'measure':<44} {'figure':>12} {'baseline':>12}  target")
    print(
        f"{f'allocation plan ({lines:,} lines, {rows:,} rows)':<44} "
        f"{plan_s:>10.2f} s {naive_s:>10.2f} s  < {PLAN_TARGET:.0f} s "
        f"(baseline: ranking per line; shortfall {short:g})"
    )
    if plan_s >= PLAN_TARGET:
        failed.append("allocation plan")

    ours_s, confirmed = timed(odoo, registry, Confirm(args.confirm_lines), args.runs)
    direct_s, _n = timed(
        odoo, registry, Confirm(args.confirm_lines, direct=True), args.runs
    )
    ours_rate, direct_rate = confirmed / ours_s, confirmed / direct_s
    ratio = ours_rate / direct_rate
    print(
        f"{f'confirm plan ({confirmed:,} rows), rows/s':<44} {ours_rate:>12,.0f} "
        f"{direct_rate:>12,.0f}  >= {CONFIRM_RATIO:.0%} (got {ratio:.0%}; "
        f"{ours_s:.2f} s vs {direct_s:.2f} s direct batched ORM)"
    )
    if ratio < CONFIRM_RATIO:
        failed.append("confirmation")

    suggest_s, (tasks, volunteers, served) = timed(odoo, registry, Suggest(), args.runs)
    naive_s, _r = timed(odoo, registry, Suggest(naive=True), args.runs)
    print(
        f"{f'suggestions ({tasks:,} visits, {volunteers:,} volunteers)':<44} "
        f"{suggest_s:>10.2f} s {naive_s:>10.2f} s  < {SUGGEST_TARGET:.0f} s "
        f"(baseline: every volunteer scored per visit; {served:,} visits staffed)"
    )
    if suggest_s >= SUGGEST_TARGET:
        failed.append("suggestions")
    print(
        f"\nload average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    if failed:
        print("missed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
