#!/usr/bin/env python3
# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark what the web client asks for when a social worker works on the
generated county, in-process through the ORM (no HTTP).

    python3 tools/bench_case.py --db ruralsw_bench
    python3 tools/bench_case.py --db ruralsw_bench --login sw11 --runs 9
    python3 tools/bench_case.py --db ruralsw_bench --explain

Each operation runs ``--runs`` times (default 7) as the social worker, whose
record rules apply, then as the superuser (``su``: no record rules, the same
user and context), each run in a new transaction with an empty record cache.
The first run is reported as "cold" (the process's ORM caches are empty for
that user: rule domains, translations); the median is taken over the other,
"warm", runs. The field specifications come from the views as the user gets
them (``get_views``), the way the web client builds them. The target is a
warm median under 0.5 s as the social worker.

``--explain`` prints ``EXPLAIN (ANALYZE, BUFFERS)`` of the slowest queries of
each operation. The generator's throughput is read from the JSON that
``tools/scale_data.py`` writes.
"""

import argparse
import json
import os
import statistics
import sys
import threading
import time
from contextlib import closing, contextmanager
from pathlib import Path

from lxml import etree

try:  # run as tools/bench_case.py or imported as tools.bench_case
    from tools import scale_data
except ImportError:  # pragma: no cover - direct script execution
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tools import scale_data

TARGET_SECONDS = 0.5
OPEN_CASES = [("phase", "!=", "closed")]
BENEFICIARIES = [("is_beneficiary", "=", True)]
KANBAN_COLUMN_LIMIT = 40
LIST_LIMIT = 80
# the web client counts up to 10,000 records and shows "10,000+" beyond
COUNT_LIMIT = 10_001
X2MANY_LIMIT = 40
# fields the web client's widgets read besides the field itself
WIDGET_FIELDS = {
    "list_activity": {
        "activity_exception_decoration": {},
        "activity_exception_icon": {},
        "activity_state": {},
        "activity_summary": {},
        "activity_type_icon": {},
        "activity_type_id": {"fields": {"display_name": {}}},
    },
}
WIDGET_FIELDS["kanban_activity"] = WIDGET_FIELDS["list_activity"]
SUBVIEW_TAGS = ("list", "kanban", "form")


def parse_args(argv=None):
    """Return the command-line options."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--db", required=True, help="a database made by scale_data")
    parser.add_argument(
        "--login", default="sw01", help="the social worker (default sw01)"
    )
    parser.add_argument("--runs", type=int, default=7, help="runs per operation")
    parser.add_argument(
        "--name", default="秀英", help="name fragment to search (default 秀英)"
    )
    parser.add_argument("--addons-path", help="Odoo addons path (comma-separated)")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN the queries")
    parser.add_argument("--report", help="JSON file for the figures")
    parser.add_argument("--log-level", default="warn", help="Odoo log level")
    args = parser.parse_args(argv)
    if args.runs < 6:
        parser.error("--runs must be at least 6 (a cold run and 5 warm ones)")
    return args


# ----------------------------------------------------------------------
# Field specifications, as the web client derives them from the views
# ----------------------------------------------------------------------
def view_spec(env, model, view_type, view_id=False):
    """Return the ``web_read`` specification of a view as ``env.user`` gets
    it (nodes of groups the user lacks are already gone)."""
    views = env[model].get_views([(view_id, view_type)])
    arch = etree.fromstring(  # pylint: disable=c-extension-no-member
        views["views"][view_type]["arch"]
    )
    spec = _node_spec(arch, model, views["models"])
    if view_type == "form":
        spec["display_name"] = {}
    return spec


def _node_spec(node, model, models):
    """The specification of the fields under ``node`` (not those of the
    sub-views of x2many fields, which get their own)."""
    spec = {}
    fields = models[model]["fields"]
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag != "field":
            spec.update(_node_spec(child, model, models))
            continue
        name = child.get("name")
        meta = fields.get(name, {})
        spec[name] = _field_spec(child, meta, models)
        spec.update(WIDGET_FIELDS.get(child.get("widget"), {}))
    return spec


def _field_spec(node, meta, models):
    """The specification of one ``<field>`` node."""
    if meta.get("type") in ("many2one", "many2one_reference"):
        return {"fields": {"display_name": {}}}
    if meta.get("type") not in ("one2many", "many2many"):
        return {}
    subview = next((c for c in node if c.tag in SUBVIEW_TAGS), None)
    if subview is None:
        if node.get("widget") == "many2many_tags":
            return {"fields": {"display_name": {}}}
        return {}
    return {
        "fields": _node_spec(subview, meta["relation"], models),
        "limit": X2MANY_LIMIT,
        "order": "",
    }


# ----------------------------------------------------------------------
# Operations
# ----------------------------------------------------------------------
class Workload:
    """The operations, with what they need (specs, a case, an ID number)."""

    def __init__(self, env, name):
        self.name = name
        self.list_spec = view_spec(env, "ruralsw.case", "list")
        self.kanban_spec = view_spec(env, "ruralsw.case", "kanban")
        self.form_spec = view_spec(env, "ruralsw.case", "form")
        self.partner_spec = view_spec(
            env,
            "res.partner",
            "list",
            env.ref("ruralsw_case.res_partner_view_list_ruralsw_beneficiary").id,
        )
        # the heaviest form: a closed case of the worker with the most visits
        closed = env["ruralsw.case"].search([("phase", "=", "closed")], limit=500)
        # sudo: only counting, to pick which case to open
        visits = dict(
            env["ruralsw.intervention"]
            .sudo()
            ._read_group([("case_id", "in", closed.ids)], ["case_id"], ["__count"])
        )
        self.case = max(closed, key=lambda case: (visits.get(case, 0), case.id))
        partner = env["res.partner"].search(BENEFICIARIES, limit=1, order="id desc")
        self.id_number = partner.id_number
        self.progress_bar = {
            "field": "risk_level",
            "colors": {
                "critical": "danger",
                "high": "warning",
                "medium": "info",
                "low": "success",
            },
        }

    def operations(self):
        """``[(label, function(env) -> (rows shown, rows matching))]``."""
        return [
            ("case list: open cases, page 1 (80) + count", self.case_list),
            ("case list: search_count alone", self.case_count),
            ("case kanban: groups, progress bars, columns", self.case_kanban),
            ("case form: open one (closed, most visits)", self.case_form),
            ("beneficiaries: ID number (exact)", self.search_id_number),
            (f"beneficiaries: search view '{self.name}'", self.search_view_name),
            (f"  (plain name ilike '{self.name}')", self.search_name),
            (f"beneficiary autocomplete '{self.name}' (8)", self.autocomplete),
        ]

    def case_list(self, env):
        """The first page of the case list with its count."""
        result = env["ruralsw.case"].web_search_read(
            OPEN_CASES, self.list_spec, limit=LIST_LIMIT, count_limit=COUNT_LIMIT
        )
        return len(result["records"]), result["length"]

    def case_count(self, env):
        """The count alone."""
        count = env["ruralsw.case"].search_count(OPEN_CASES)
        return count, count

    def case_kanban(self, env):
        """The kanban's first load: groups by stage, progress bars, then the
        first records of each unfolded column."""
        cases = env["ruralsw.case"]
        groups = cases.web_read_group(OPEN_CASES, [], ["stage_id"], lazy=True)
        cases.read_progress_bar(OPEN_CASES, "stage_id", self.progress_bar)
        shown = total = 0
        for group in groups["groups"]:
            total += group["stage_id_count"]
            if group.get("__fold"):
                continue
            column = cases.web_search_read(
                group["__domain"],
                self.kanban_spec,
                limit=KANBAN_COLUMN_LIMIT,
                count_limit=COUNT_LIMIT,
            )
            shown += len(column["records"])
        return shown, total

    def case_form(self, env):
        """Open one case with every field and sub-list of its form."""
        env["ruralsw.case"].browse(self.case.id).web_read(self.form_spec)
        return 1, 1

    def search_id_number(self, env):
        """Find a beneficiary by resident ID number."""
        result = env["res.partner"].web_search_read(
            [*BENEFICIARIES, ("id_number", "=", self.id_number)],
            self.partner_spec,
            limit=LIST_LIMIT,
            count_limit=COUNT_LIMIT,
        )
        return len(result["records"]), result["length"]

    def search_view_name(self, env):
        """Search the beneficiary list by a fragment of the name as its search
        view does: through the indexed bigrams, confirmed on the name."""
        result = env["res.partner"].web_search_read(
            [*BENEFICIARIES, ("ruralsw_name_search", "ilike", self.name)],
            self.partner_spec,
            limit=LIST_LIMIT,
            count_limit=COUNT_LIMIT,
        )
        return len(result["records"]), result["length"]

    def search_name(self, env):
        """Search the beneficiary list by a fragment of the name with a plain
        ``ilike`` on the name: what the bigrams save."""
        result = env["res.partner"].web_search_read(
            [*BENEFICIARIES, ("name", "ilike", self.name)],
            self.partner_spec,
            limit=LIST_LIMIT,
            count_limit=COUNT_LIMIT,
        )
        return len(result["records"]), result["length"]

    def autocomplete(self, env):
        """The beneficiary field's drop-down on the case form."""
        found = env["res.partner"].name_search(self.name, BENEFICIARIES, limit=8)
        return len(found), len(found)


# ----------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------
@contextmanager
def query_log():
    """Collect ``(seconds, query, params)`` of the queries run meanwhile by
    this thread (Odoo's cursor calls the thread's ``query_hooks``)."""
    thread = threading.current_thread()
    queries = []
    hooks = getattr(thread, "query_hooks", ())
    thread.query_hooks = (
        *hooks,
        lambda _cr, query, params, _start, delay: queries.append(
            (delay, query, params)
        ),
    )
    try:
        yield queries
    finally:
        thread.query_hooks = hooks


def run_once(odoo, registry, uid, context, operation, su):
    """Run ``operation`` in a new transaction; return ``(seconds, sql
    seconds, queries, rows)``."""
    with closing(registry.cursor()) as cr, query_log() as queries:
        env = odoo.api.Environment(cr, uid, context, su=su)
        start = time.perf_counter()
        rows = operation(env)
        seconds = time.perf_counter() - start
        cr.rollback()
    return seconds, sum(q[0] for q in queries), len(queries), rows


def measure(odoo, registry, uid, context, operation, su, runs):
    """Return the cold run and the median of the warm runs."""
    results = [
        run_once(odoo, registry, uid, context, operation, su) for _run in range(runs)
    ]
    warm = results[1:]
    return {
        "cold": results[0][0],
        "median": statistics.median(r[0] for r in warm),
        "sql": statistics.median(r[1] for r in warm),
        "queries": results[-1][2],
        "rows": results[-1][3],
    }


def explain(odoo, registry, uid, context, operation, top=2):
    """Print ``EXPLAIN (ANALYZE, BUFFERS)`` of the slowest SELECTs that
    ``operation`` runs as the user."""
    with closing(registry.cursor()) as cr:
        with query_log() as queries:
            operation(odoo.api.Environment(cr, uid, context))
        selects = [q for q in queries if q[1].lstrip().upper().startswith("SELECT")]
        for delay, query, params in sorted(selects, key=lambda q: -q[0])[:top]:
            cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + query, params)
            plan = "\n".join(f"    {row[0]}" for row in cr.fetchall())
            print(f"  {delay * 1000:.1f} ms: {cr.mogrify(query, params).decode()}")
            print(plan)
        cr.rollback()


# ----------------------------------------------------------------------
# Output
# ----------------------------------------------------------------------
def _ms(seconds):
    """Seconds as whole milliseconds."""
    return f"{seconds * 1000:,.0f}"


def _load():
    """The 1, 5 and 15-minute load averages (other work on the machine
    slows every figure down)."""
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def print_table(results):
    """Print the figures, one line per operation."""
    label_width = max(len(label) for label in results)
    group = f"{'cold':>6} {'median':>6} {'sql':>6} {'qry':>4}"
    print(
        f"{'':<{label_width}} {'':>14}  {'social worker (rules)':^{len(group)}}  "
        f"{'superuser (no rules)':^{len(group)}}  {'rules':>6}  target"
    )
    print(
        f"{'operation':<{label_width}} {'rows shown/all':>14}  {group}  {group}  "
        f"{'cost':>6}  < {TARGET_SECONDS * 1000:.0f} ms"
    )
    for label, (user, sudo) in results.items():
        shown, total = user["rows"]
        cells = [f"{label:<{label_width}} {f'{shown:,}/{total:,}':>14}"]
        for run in (user, sudo):
            cells.append(
                f"{_ms(run['cold']):>6} {_ms(run['median']):>6} "
                f"{_ms(run['sql']):>6} {run['queries']:>4}"
            )
        cells.append(f"{_ms(user['median'] - sudo['median']):>6}")
        cells.append("ok" if user["median"] < TARGET_SECONDS else "MISSED")
        print("  ".join(cells))
    print(
        "times in ms; cold = first run, median of the warm runs; sql = time in "
        "PostgreSQL;\nqry = queries; rules cost = worker median - superuser median"
    )


def print_generator(db):
    """Print the generator's throughput from its JSON report, if any."""
    path = scale_data.REPORT_DIR / f"scale_data-{db}.json"
    if not path.is_file():
        print(f"\n(no generator report at {path})")
        return None
    report = json.loads(path.read_text())
    print(
        f"\nGenerator (tools/scale_data.py, seed {report['seed']}, "
        f"scale {report['scale']}, wall-clock {report['wall_clock_seconds']:.0f} s "
        "including the verification and checks):"
    )
    print(f"{'table':<40} {'rows':>10} {'seconds':>8} {'rows/s':>9}")
    for row in report["tables"]:
        print(
            f"{row['step'] + ' ' + row['table']:<40} {row['rows']:>10,} "
            f"{row['seconds']:>8.2f} {row['rows_per_second']:>9,}"
        )
    return report


def main(argv=None):
    """Measure and print."""
    args = parse_args(argv)
    odoo, registry = scale_data.open_database(args)
    with closing(registry.cursor()) as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        user = env["res.users"].search([("login", "=", args.login)])
        if not user:
            sys.exit(f"No user {args.login} in {args.db}: run tools/scale_data.py.")
        context = user.context_get()
        worker_env = odoo.api.Environment(cr, user.id, context)
        workload = Workload(worker_env, args.name)
        visible = worker_env["ruralsw.case"].search_count([])
        total = env["ruralsw.case"].search_count([])
        print(
            f"{args.db}: {user.login} ({user.name}) serves "
            f"{', '.join(user.ruralsw_area_ids.mapped('name'))}; sees {visible:,} "
            f"of {total:,} cases; {args.runs} runs per operation "
            f"(1 cold + {args.runs - 1} warm); load average {_load()}\n"
        )
        cr.rollback()
    results = {}
    for label, operation in workload.operations():
        results[label] = (
            measure(odoo, registry, user.id, context, operation, False, args.runs),
            measure(odoo, registry, user.id, context, operation, True, args.runs),
        )
    print_table(results)
    print(f"load average at the end: {_load()}")
    if args.explain:
        for label, operation in workload.operations():
            print(f"\n== {label}")
            explain(odoo, registry, user.id, context, operation)
    generator = print_generator(args.db)
    scale_data.scale.write_report(
        args.report or scale_data.REPORT_DIR / f"bench_case-{args.db}.json",
        {
            "db": args.db,
            "login": args.login,
            "runs": args.runs,
            "load_average": [round(load, 2) for load in os.getloadavg()],
            "operations": {
                label: {"social_worker": user_run, "superuser": sudo_run}
                for label, (user_run, sudo_run) in results.items()
            },
            "generator": generator and generator["tables"],
        },
    )
    missed = [
        label for label, (run, _s) in results.items() if run["median"] >= TARGET_SECONDS
    ]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
