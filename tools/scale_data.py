#!/usr/bin/env python3
# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Fill an Odoo 18 database with a synthetic county at realistic scale.

    python3 tools/scale_data.py --db ruralsw_bench --create
    python3 tools/scale_data.py --db ruralsw_quick --create --scale 0.05
    python3 tools/scale_data.py --db ruralsw_bench --check-only

``--create`` creates the database and installs every ``ruralsw_*`` addon of
the repository without demo data. The steps of the installed ``ruralsw_*``
addons (``tools/scale/<name>.py``) then run in dependency order in one
transaction; each prints, per table, the rows written, the seconds and the
rows per second. Afterwards the tables are analysed, a sample of every
generated model is re-computed and re-validated through the ORM (stored
computed fields and Python constraints must agree with what was written),
and the steps' checks run as SQL. The figures are saved as JSON (default
``.benchmarks/scale_data-<db>.json``) for ``tools/bench_case.py``.

Odoo: the ``odoo`` package this python imports, else the source tree in
``ODOO_PATH``. The addons path defaults to Odoo's ``addons`` folder plus this
repository. The exit status is 1 when a check or the verification fails.
"""

import argparse
import ast
import os
import random
import sys
import time
from contextlib import closing
from datetime import datetime
from pathlib import Path

try:  # run as tools/scale_data.py or imported as tools.scale_data
    from tools import scale
except ImportError:  # pragma: no cover - direct script execution
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tools import scale

REPO_ROOT = Path(__file__).resolve().parent.parent

DEFAULT_VERIFY_SAMPLE = 200
REPORT_DIR = REPO_ROOT / ".benchmarks"


def parse_args(argv=None):
    """Return the command-line options."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--db", required=True, help="database name")
    parser.add_argument(
        "--create",
        action="store_true",
        help="create the database and install the ruralsw addons (no demo data)",
    )
    parser.add_argument(
        "--addons",
        help="with --create: the addons to install, comma-separated (default: "
        "every installable ruralsw_* addon of the repository)",
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="multiply households, beneficiaries and cases (default 1)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--now",
        type=datetime.fromisoformat,
        help="end of the synthetic history, UTC, e.g. 2026-11-22T12:00 "
        "(default: now); with --seed it makes the data reproducible",
    )
    parser.add_argument("--addons-path", help="Odoo addons path (comma-separated)")
    parser.add_argument(
        "--verify",
        type=int,
        default=DEFAULT_VERIFY_SAMPLE,
        metavar="N",
        help="records per model re-computed through the ORM (0: skip; "
        f"default {DEFAULT_VERIFY_SAMPLE})",
    )
    parser.add_argument(
        "--check-only",
        action="store_true",
        help="generate nothing: run the verification and the checks",
    )
    parser.add_argument(
        "--user-password",
        help="password of the generated staff users (default: none, they "
        "cannot log in until one is set)",
    )
    parser.add_argument("--report", help="JSON file for the figures")
    parser.add_argument("--log-level", default="warn", help="Odoo log level")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    return args


def import_odoo():
    """Import Odoo 18: the installed package, else ``$ODOO_PATH``."""
    # pylint: disable=import-outside-toplevel  # Odoo is found at run time
    try:
        import odoo
    except ImportError:
        path = os.environ.get("ODOO_PATH")
        if not path:
            sys.exit("Odoo is not importable: install it or set ODOO_PATH.")
        sys.path.insert(0, path)
        import odoo
    if odoo.release.version_info[0] != 18:
        sys.exit(f"Odoo 18 is required, found {odoo.release.version}.")
    return odoo


def default_addons_path(odoo):
    """Odoo's ``addons`` folder (in a source tree) and this repository."""
    root = Path(odoo.__file__).resolve().parent.parent
    paths = [root / "addons"] if (root / "addons").is_dir() else []
    return ",".join(str(path) for path in [*paths, REPO_ROOT])


def repository_addons():
    """The installable ``ruralsw_*`` addons of this repository."""
    addons = []
    for manifest in sorted(REPO_ROOT.glob(f"{scale.ADDON_PREFIX}*/__manifest__.py")):
        if ast.literal_eval(manifest.read_text(encoding="utf-8")).get(
            "installable", True
        ):
            addons.append(manifest.parent.name)
    return addons


def configure(odoo, args):
    """Configure Odoo for this database (and the installation, if any)."""
    options = [
        f"--addons-path={args.addons_path or default_addons_path(odoo)}",
        f"--database={args.db}",
        f"--log-level={args.log_level}",
        "--without-demo=all",
    ]
    if args.create:
        options.append("--init=" + (args.addons or ",".join(repository_addons())))
    odoo.tools.config.parse_config(options)


def open_database(args):
    """Import Odoo, configure it for the existing database ``args.db``
    (``args.addons_path`` and ``args.log_level`` too) and return
    ``(odoo, registry)``: how every benchmark starts."""
    odoo = import_odoo()
    configure(
        odoo,
        argparse.Namespace(
            addons_path=args.addons_path,
            db=args.db,
            log_level=args.log_level,
            create=False,
            addons=None,
        ),
    )
    return odoo, odoo.modules.registry.Registry(args.db)


def create_database(odoo, db):
    """Create ``db`` and install the addons given to :func:`configure`, as
    ``odoo-bin -d db -i ... --without-demo=all --stop-after-init`` does."""
    start = time.perf_counter()
    try:
        # what `odoo-bin -d NEW_DB -i ...` calls to create the database
        odoo.service.db._create_empty_database(db)  # pylint: disable=protected-access
    except odoo.service.db.DatabaseExists:
        sys.exit(f"Database {db} already exists: drop it or leave out --create.")
    odoo.tools.config["init"]["base"] = True
    odoo.modules.registry.Registry.new(db, update_module=True)
    odoo.tools.config["init"] = {}
    print(
        f"created {db} and installed the addons in {time.perf_counter() - start:.0f} s"
    )


def installed_addons(odoo, cr):
    """The installed ``ruralsw_*`` addons, dependencies first."""
    cr.execute(
        odoo.tools.SQL(
            """
        SELECT m.name, d.name
          FROM ir_module_module m
          LEFT JOIN ir_module_module_dependency d ON d.module_id = m.id
         WHERE m.state = 'installed' AND m.name LIKE %s
            """,
            scale.ADDON_PREFIX + "%",
        )
    )
    dependencies = {}
    for name, dependency in cr.fetchall():
        dependencies.setdefault(name, set())
        if dependency:
            dependencies[name].add(dependency)
    return scale.dependency_order(dependencies)


def environment(odoo, cr):
    """A superuser environment in the administrator's language."""
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    admin = env.ref("base.user_admin")
    return env(context={"lang": admin.lang or "en_US", "tz": admin.tz or "UTC"})


def generate(odoo, registry, steps, config, args):
    """Run every step in one transaction, then analyse the tables."""
    recorder = config.recorder
    print(scale.TIMING_HEADER)
    with registry.cursor() as cr:
        cr.execute(odoo.tools.SQL("SET LOCAL synchronous_commit TO off"))
        env = environment(odoo, cr)
        for addon, module in steps:
            recorder.step = addon[len(scale.ADDON_PREFIX) :]
            module.generate(env, config)
        env.flush_all()
        if args.user_password:
            set_password(odoo, env, config, args.user_password)
        env.invalidate_all()
    recorder.step = "all"
    with registry.cursor() as cr, recorder.table("ANALYZE", written=False) as timing:
        for _addon, module in steps:
            for table in module.TABLES:
                cr.execute(
                    odoo.tools.SQL("ANALYZE %s", odoo.tools.SQL.identifier(table))
                )
                timing.rows += 1
    print(scale.format_timing(recorder.total()))


def set_password(odoo, env, config, password):
    """Give every generated staff user the same password (hashed once)."""
    users = config.shared.get("workers", []) + config.shared.get("supervisors", [])
    # the hashing scheme res.users itself uses
    hashed = env["res.users"]._crypt_context().hash(password)  # pylint: disable=protected-access
    env.cr.execute(
        odoo.tools.SQL(
            "UPDATE res_users SET password = %s WHERE id IN %s", hashed, tuple(users)
        )
    )


def verify(odoo, registry, steps, sample_size, seed):
    """Re-compute the stored computed fields and re-run the Python
    constraints of a sample of each generated model through the ORM; return
    the problems found. Nothing is written: the transaction is rolled back."""
    problems = []
    with closing(registry.cursor()) as cr:
        env = environment(odoo, cr)
        rng = random.Random(seed)
        try:
            for _addon, module in steps:
                for model_name, domain in module.VERIFY_MODELS.items():
                    problems += _verify_model(
                        odoo, env, model_name, domain, sample_size, rng
                    )
        finally:
            cr.rollback()
    return problems


def _verify_model(odoo, env, model_name, domain, sample_size, rng):
    """Check a sample of the records of ``model_name`` matching ``domain``;
    return ``["model(id).field: problem", ...]`` (at most 20)."""
    model = env[model_name].with_context(active_test=False)
    ids = model.search(domain, order="id").ids
    records = model.browse(sorted(rng.sample(ids, min(sample_size, len(ids)))))
    if not records:
        return [f"{model_name}: no record to verify"]
    fields = [
        field
        for field in model._fields.values()
        if field.store and field.compute and field.name not in ("display_name",)
    ]
    names = [field.name for field in fields]
    written = {row["id"]: row for row in records.read(names, load=False)}
    env.invalidate_all(flush=False)
    for field in fields:
        env.add_to_compute(field, records)
    problems = []
    for record in records:
        for field in fields:
            expected = field.convert_to_read(
                record[field.name], record, use_display_name=False
            )
            actual = written[record.id][field.name]
            if not _same(field, expected, actual):
                problems.append(
                    f"{model_name}({record.id}).{field.name}: written {actual!r}, "
                    f"the ORM computes {expected!r}"
                )
    try:
        records._validate_fields(list(model._fields))  # pylint: disable=protected-access
    except (odoo.exceptions.ValidationError, odoo.exceptions.UserError) as error:
        problems.append(f"{model_name}: constraint failed: {error}")
    print(
        f"verify   {model_name:<34} {len(records):>9,} records, "
        f"{len(fields)} computed fields, {len(problems)} problems"
    )
    return problems[:20]


def _same(field, expected, actual):
    """Compare a computed and a written value (floats to 1e-6)."""
    if field.type in ("float", "monetary"):
        return abs((expected or 0.0) - (actual or 0.0)) < 1e-6
    return (expected or False) == (actual or False)


def run_checks(odoo, registry, steps, config):
    """Run the checks of every step; return them."""
    checks = []
    with closing(registry.cursor()) as cr:
        env = environment(odoo, cr)
        for addon, module in steps:
            for check in module.check(env, config):
                check.name = f"{addon[len(scale.ADDON_PREFIX) :]}: {check.name}"
                checks.append(check)
        cr.rollback()
    width = max((len(check.name) for check in checks), default=10)
    print(f"\n{'check':<{width}} {'value':>10} {'expected':>10}")
    for check in checks:
        expected = "" if check.expected is None else f"{check.expected:,}"
        mark = "" if check.ok else "  <-- FAILED"
        print(f"{check.name:<{width}} {check.value:>10,} {expected:>10}{mark}")
    return checks


def main(argv=None):
    """Generate, verify, check and report."""
    args = parse_args(argv)
    started = time.perf_counter()
    odoo = import_odoo()
    configure(odoo, args)
    if args.create:
        create_database(odoo, args.db)
    registry = odoo.modules.registry.Registry(args.db)
    with closing(registry.cursor()) as cr:
        addons = installed_addons(odoo, cr)
    steps = scale.load_steps(addons)
    if not steps:
        sys.exit(f"No ruralsw addon with a scale step is installed in {args.db}.")
    config = scale.Config(seed=args.seed, scale=args.scale)
    if args.now:
        config.now = args.now.replace(second=0, microsecond=0, tzinfo=None)
    print(
        f"{args.db}: steps {', '.join(addon for addon, _m in steps)}; "
        f"seed {config.seed}, scale {config.scale}, history up to {config.now} UTC"
    )
    if not args.check_only:
        generate(odoo, registry, steps, config, args)
    problems = []
    if args.verify:
        problems = verify(odoo, registry, steps, args.verify, config.seed)
        for problem in problems:
            print(f"  {problem}")
    checks = run_checks(odoo, registry, steps, config)
    elapsed = time.perf_counter() - started
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"\nwall-clock time: {elapsed:.0f} s (load average now {load})")
    failed = problems or not all(check.ok for check in checks)
    if not args.check_only:
        scale.write_report(
            args.report or REPORT_DIR / f"scale_data-{args.db}.json",
            {
                "db": args.db,
                "seed": config.seed,
                "scale": config.scale,
                "now": config.now,
                "created": args.create,
                "wall_clock_seconds": round(elapsed, 1),
                "load_average": [round(load, 2) for load in os.getloadavg()],
                "tables": config.recorder.as_dict(),
                "checks": [
                    {"name": c.name, "value": c.value, "expected": c.expected}
                    for c in checks
                ],
                "verify_problems": problems,
            },
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
