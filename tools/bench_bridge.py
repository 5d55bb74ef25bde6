#!/usr/bin/env python3
# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark ruralsw_ecommerce_bridge on the generated county
(``tools/scale_data.py`` with the bridge installed): order ingestion, the
signal job, and the applications API against a running server.

    python3 tools/bench_bridge.py --db ruralsw_bench
    python3 tools/bench_bridge.py --db ruralsw_bench --parts ingest --orders 200000
    python3 tools/bench_bridge.py --db ruralsw_bench --parts api --requests 800

Each figure is printed next to a baseline measured in the same run.

- ``signals``: the signal job (``_cron_run_signals``, one committed batch
  after the other, as the scheduler runs it) over every household and the
  generated orders: seconds per rule, signals created. Target: < 60 s.
  The signals it creates are deleted afterwards. Baseline: the job run a
  second time (nothing new to create: the cost of reading alone).
- ``ingest``: ``--orders`` orders (default 1,000,000) sent as the API
  receives them, 5,000 per call: the server-side work of ``POST
  /ruralsw/api/v1/orders`` (JSON decoding, ``services.payload``
  validation, ``_ruralsw_ingest`` as the platform's user, commit per call),
  then the same orders sent again (all duplicates), then the file import
  wizard on a CSV of ``--file-orders`` orders. Baseline: the same records
  created with batched ORM ``create`` (5,000 per call, villages and consent
  links resolved the same way) on ``--orm-sample`` orders, its rate
  extrapolated. Targets: >= 20,000 orders/s and >= 30 times the ORM rate;
  peak memory (``VmHWM``, reset before each measure) < 500 MB. The orders
  go to a benchmark platform (a copy of the county's, with its buyer
  links), deleted afterwards.
- ``api``: an Odoo server (``--workers``, default 2) started on a free
  loopback port, ``--clients`` threads (default 8) sending ``--requests``
  signed ``POST /applications`` (default 400), then as many ``GET
  /applications/<reference>``: requests/s, p50 and p95 latency. Baseline:
  ``GET /web/health`` (no database work) the same way. The server is
  stopped afterwards; the applications it created stay.
"""

import argparse
import base64
import http.client
import io
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import closing
from datetime import timedelta
from pathlib import Path

try:  # run as tools/bench_bridge.py or imported as tools.bench_bridge
    from tools import scale_data
    from tools.scale import ecommerce_bridge_orders as draw
except ImportError:  # pragma: no cover - direct script execution
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tools import scale_data
    from tools.scale import ecommerce_bridge_orders as draw

PLATFORM_CODE = "qingshan-county"
BENCH_CODE = "bench-bridge"
CHUNK = 5000
RATE_TARGET = 20_000
RATIO_TARGET = 30
MEMORY_TARGET_MB = 500
SIGNAL_TARGET = 60
PARTS = ("signals", "ingest", "api")


def parse_args(argv=None):
    """Return the command-line options."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--db", required=True, help="a database made by scale_data")
    parser.add_argument(
        "--parts",
        default=",".join(PARTS),
        help=f"comma-separated, among {', '.join(PARTS)} (default: all)",
    )
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--orm-sample", type=int, default=20_000)
    parser.add_argument("--file-orders", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--odoo-bin", help="odoo-bin to start (default: Odoo's own)")
    parser.add_argument("--addons-path", help="Odoo addons path")
    parser.add_argument("--log-level", default="warn", help="Odoo log level")
    args = parser.parse_args(argv)
    args.parts = [part.strip() for part in args.parts.split(",") if part.strip()]
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    return args


# ----------------------------------------------------------------------
# Memory and load
# ----------------------------------------------------------------------
def peak_rss_mb():
    """The peak resident memory of this process (``VmHWM``), in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def rss_mb():
    """The resident memory of this process now (``VmRSS``), in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def reset_peak_rss():
    """Reset ``VmHWM`` to the current resident size (Linux >= 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        pass


def load_average():
    """The load averages, as text."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# ----------------------------------------------------------------------
# Signals
# ----------------------------------------------------------------------
def run_signal_job(odoo, registry):
    """Run the job as the scheduler does (a committed transaction per
    batch); return ``(seconds, signals created, batches, per-rule seconds)``."""
    totals = {}
    created = batches = 0
    start = time.perf_counter()
    with closing(registry.cursor()) as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        Rule = env["ruralsw.signal.rule"]
        env["ir.config_parameter"].set_param(
            "ruralsw_ecommerce_bridge.signal_cursor", "0"
        )
        cr.commit()
        while True:
            stats = {}
            created += Rule._cron_run_signals(stats=stats)
            cr.commit()
            batches += 1
            for name, seconds in stats.get("seconds", {}).items():
                totals[name] = totals.get(name, 0.0) + seconds
            if not stats.get("remaining"):
                break
    return time.perf_counter() - start, created, batches, totals


def bench_signals(odoo, registry):
    """Measure the signal job; delete the signals it created."""
    with closing(registry.cursor()) as cr:
        cr.execute("SELECT max(id) FROM ruralsw_signal")
        last_id = cr.fetchone()[0] or 0
        cr.execute("SELECT count(*) FROM res_partner WHERE is_household AND active")
        households = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM ruralsw_order")
        orders = cr.fetchone()[0]
    seconds, created, batches, per_rule = run_signal_job(odoo, registry)
    again, created_again, _b, _r = run_signal_job(odoo, registry)
    with closing(registry.cursor()) as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        by_rule = dict(
            env["ruralsw.signal"]._read_group(
                [("id", ">", last_id)], ["rule_id"], ["__count"]
            )
        )
        print(
            f"signal job over {households:,} households and {orders:,} orders: "
            f"{batches} batches"
        )
        print(f"  {'rule':<40} {'seconds':>8} {'signals':>8}")
        for rule in env["ruralsw.signal.rule"].search([]):
            print(
                f"  {rule.name:<40} {per_rule.get(rule.rule_type, 0.0):>8.2f} "
                f"{by_rule.get(rule, 0):>8,}"
            )
        for name, label in (
            ("facts", "household facts (members, ages)"),
            ("create", "known signals skipped, new ones created"),
        ):
            print(f"  {label:<40} {per_rule.get(name, 0.0):>8.2f}")
        print(
            f"  {'whole job':<40} {seconds:>8.2f} {created:>8,}   target < "
            f"{SIGNAL_TARGET} s: {'ok' if seconds < SIGNAL_TARGET else 'MISSED'}"
        )
        print(
            f"  {'baseline: run again (nothing new)':<40} {again:>8.2f} "
            f"{created_again:>8,}"
        )
        # the benchmark leaves the data as it found it
        env["ruralsw.signal"].search([("id", ">", last_id)]).unlink()
        cr.commit()
    print(f"  load average {load_average()}\n")
    return seconds < SIGNAL_TARGET


# ----------------------------------------------------------------------
# Ingestion
# ----------------------------------------------------------------------
def bench_platform(odoo, registry):
    """Create the benchmark platform (a copy of the county's, with its buyer
    links); return ``(platform id, buyers to draw orders for)``."""
    with closing(registry.cursor()) as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        source = env["ruralsw.platform"].search([("code", "=", PLATFORM_CODE)])
        if not source:
            sys.exit(f"no platform {PLATFORM_CODE}: run tools/scale_data.py first")
        old = env["ruralsw.platform"].search([("code", "=", BENCH_CODE)])
        if old:
            drop_platform(cr, old.id)
        platform = source.copy({"name": "Benchmark", "code": BENCH_CODE})
        env.flush_all()
        cr.execute(
            "INSERT INTO ruralsw_platform_buyer (platform_id, company_id, buyer_key, "
            "beneficiary_id, household_id, area_id, create_uid, write_uid, "
            "create_date, write_date) SELECT %s, company_id, buyer_key, "
            "beneficiary_id, household_id, area_id, 1, 1, now(), now() "
            "FROM ruralsw_platform_buyer WHERE platform_id = %s",
            (platform.id, source.id),
        )
        cr.execute(
            "SELECT b.buyer_key, p.village_id FROM ruralsw_platform_buyer b "
            "JOIN res_partner p ON p.id = b.beneficiary_id WHERE b.platform_id = %s "
            "ORDER BY b.id",
            (platform.id,),
        )
        linked = cr.fetchall()
        cr.execute(
            "SELECT v.id, v.code FROM ruralsw_area v WHERE v.level = 'village' "
            "AND v.parent_path LIKE %s ORDER BY v.id",
            (source.area_id.parent_path + "%",),
        )
        villages = dict(cr.fetchall())
        cr.commit()
    rng = random.Random("bench/buyers")
    buyers = draw.draw_buyers(rng, "bench", 200_000, [], list(villages))
    for buyer, (key, village_id) in zip(buyers, linked, strict=False):
        buyer.key, buyer.village_id = key, village_id
        buyer.weight *= draw.LINKED_WEIGHT
    for buyer in buyers:
        buyer.village_id = villages[buyer.village_id]  # the code, as sent
    return platform.id, buyers


def drop_platform(cr, platform_id):
    """Delete a benchmark platform with its orders and buyer links (which
    the database deletes with it: ``ON DELETE CASCADE``)."""
    cr.execute("DELETE FROM ruralsw_platform WHERE id = %s", (platform_id,))
    cr.commit()


def api_bodies(buyers, count, now, prefix):
    """Yield the JSON bodies of ``count`` orders, :data:`CHUNK` per body,
    as a platform sends them (local China time, amounts as numbers)."""
    rng = random.Random(f"bench/orders/{prefix}")
    chunk = []
    for ref, key, code, category, amount, direction, ordered_at in draw.draw_orders(
        rng, buyers, count, now, prefix=prefix
    ):
        chunk.append(
            {
                "order_id": ref,
                "buyer_key": key,
                "village_code": code,
                "category": category,
                "amount": amount,
                "direction": direction,
                "ordered_at": (ordered_at + timedelta(hours=8)).isoformat(" "),
            }
        )
        if len(chunk) == CHUNK:
            yield json.dumps({"orders": chunk}).encode()
            chunk = []
    if chunk:
        yield json.dumps({"orders": chunk}).encode()


def ingest_api(odoo, registry, platform_id, bodies):
    """Do the server-side work of ``POST /orders`` for each body, committing
    each call; return ``(seconds, accepted, duplicates, rejected)`` (the
    seconds exclude drawing the bodies, which the client does)."""
    # pylint: disable=import-outside-toplevel  # the addon is found at run time
    from odoo.addons.ruralsw_ecommerce_bridge.services import payload

    seconds = 0.0
    accepted = duplicates = rejected = 0
    with closing(registry.cursor()) as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        platform = env["ruralsw.platform"].browse(platform_id)
        Order = env["ruralsw.order"].with_user(platform.user_id)
        platform = platform.with_user(platform.user_id)
        for body in bodies:
            start = time.perf_counter()
            data = json.loads(body)
            rows, bad, partial = payload.validate_orders(
                data, odoo.fields.Datetime.now()
            )
            done, dup, more = Order._ruralsw_ingest(
                platform, rows, accept_partial=partial, check_only=bool(bad)
            )
            cr.commit()
            seconds += time.perf_counter() - start
            accepted, duplicates = accepted + done, duplicates + dup
            rejected += len(bad) + len(more)
    return seconds, accepted, duplicates, rejected


def ingest_orm(odoo, registry, platform_id, bodies):
    """Baseline: the same orders created with batched ORM ``create`` as the
    platform's user (villages and consent links resolved as the ingestion
    does, committed per call); return ``(seconds, created)``."""
    # pylint: disable=import-outside-toplevel  # the addon is found at run time
    from odoo.addons.ruralsw_ecommerce_bridge.services import payload

    seconds = 0.0
    created = 0
    with closing(registry.cursor()) as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        platform = env["ruralsw.platform"].browse(platform_id)
        Order = env["ruralsw.order"].with_user(platform.user_id)
        platform = platform.with_user(platform.user_id)
        for body in bodies:
            start = time.perf_counter()
            data = json.loads(body)
            rows, _bad, _partial = payload.validate_orders(
                data, odoo.fields.Datetime.now()
            )
            villages = platform._ruralsw_villages_by_code({v[2] for _i, v in rows})
            links = Order._ruralsw_buyer_links(platform, {v[1] for _i, v in rows})
            records = Order.create(
                [
                    {
                        "platform_id": platform.id,
                        "company_id": platform.company_id.id,
                        "order_ref": values[0],
                        "buyer_key": values[1],
                        "village_id": villages[values[2]][0],
                        "category": values[3],
                        "amount": values[4],
                        "direction": values[5],
                        "ordered_at": values[6],
                        "beneficiary_id": links.get(values[1], (False, False))[0],
                        "household_id": links.get(values[1], (False, False))[1],
                    }
                    for _index, values in rows
                ]
            )
            env.flush_all()
            cr.commit()
            env.invalidate_all()
            seconds += time.perf_counter() - start
            created += len(records)
    return seconds, created


def csv_file(buyers, count, now):
    """Return the bytes of a CSV export with Chinese headers and values
    (UTF-8 with a byte-order mark, as Excel writes it)."""
    # pylint: disable=import-outside-toplevel  # the addon is found at run time
    from odoo.addons.ruralsw_ecommerce_bridge.services import order_file

    directions = {"purchase": "购买", "sale": "销售"}
    categories = {value: label for label, value in order_file.CATEGORY_LABELS.items()}
    out = io.StringIO()
    out.write("订单编号,买家,村居代码,商品类目,实付金额,交易类型,下单时间\n")
    rng = random.Random("bench/file")
    for ref, key, code, category, amount, direction, ordered_at in draw.draw_orders(
        rng, buyers, count, now, prefix="BF"
    ):
        local = ordered_at + timedelta(hours=8)
        out.write(
            f"{ref},{key},{code},{categories[category]},{amount:.2f},"
            f"{directions[direction]},{local:%Y-%m-%d %H:%M:%S}\n"
        )
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def ingest_file(odoo, registry, platform_id, content):
    """Import a CSV through the wizard as the superuser; return ``(seconds,
    imported, duplicates)``."""
    with closing(registry.cursor()) as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        start = time.perf_counter()
        wizard = env["ruralsw.order.import"].create(
            {
                "platform_id": platform_id,
                "file": base64.b64encode(content),
                "filename": "orders.csv",
            }
        )
        wizard.action_import()
        cr.commit()
        seconds = time.perf_counter() - start
        return seconds, wizard.accepted_count, wizard.duplicate_count


def bench_ingest(odoo, registry, args):
    """Measure the ingestion against the ORM baseline; return whether every
    target was met."""
    now = odoo.fields.Datetime.now()
    platform_id, buyers = bench_platform(odoo, registry)
    ok = True
    try:
        reset_peak_rss()
        base_mb = rss_mb()
        seconds, accepted, duplicates, rejected = ingest_api(
            odoo, registry, platform_id, api_bodies(buyers, args.orders, now, "BA")
        )
        peak = peak_rss_mb()
        rate = accepted / seconds
        reset_peak_rss()
        again, _a, dup_again, _r = ingest_api(
            odoo,
            registry,
            platform_id,
            api_bodies(buyers, min(args.orders, 200_000), now, "BA"),
        )
        dup_peak = peak_rss_mb()
        reset_peak_rss()
        orm_s, orm_n = ingest_orm(
            odoo, registry, platform_id, api_bodies(buyers, args.orm_sample, now, "BO")
        )
        orm_peak = peak_rss_mb()
        orm_rate = orm_n / orm_s
        with closing(registry.cursor()) as cr:
            cr.execute(
                "SELECT count(*), count(beneficiary_id) FROM ruralsw_order "
                "WHERE platform_id = %s",
                (platform_id,),
            )
            stored, linked = cr.fetchone()
        print(
            f"order ingestion (POST /orders path, {CHUNK:,} per call, commit per "
            f"call) as the platform's user; process RSS before {base_mb:.0f} MB"
        )
        print(
            f"  {'measure':<44} {'orders':>10} {'seconds':>8} {'orders/s':>9} "
            f"{'peak MB':>8}"
        )
        print(
            f"  {'new orders':<44} {accepted:>10,} {seconds:>8.2f} {rate:>9,.0f} "
            f"{peak:>8.0f}   ({duplicates:,} duplicates, {rejected:,} rejected)"
        )
        print(
            f"  {'the same orders again (all duplicates)':<44} {dup_again:>10,} "
            f"{again:>8.2f} {dup_again / again:>9,.0f} {dup_peak:>8.0f}"
        )
        print(
            f"  {'baseline: batched ORM create':<44} {orm_n:>10,} {orm_s:>8.2f} "
            f"{orm_rate:>9,.0f} {orm_peak:>8.0f}   (1,000,000 would take "
            f"{1_000_000 / orm_rate:,.0f} s)"
        )
        print(f"  {linked:,} of {stored:,} stored orders linked to a consenting person")
        ratio = rate / orm_rate
        checks = [
            (f">= {RATE_TARGET:,} orders/s", rate >= RATE_TARGET),
            (f">= {RATIO_TARGET}x ORM (got {ratio:.1f}x)", ratio >= RATIO_TARGET),
            (f"peak < {MEMORY_TARGET_MB} MB", peak < MEMORY_TARGET_MB),
        ]
        if args.file_orders:
            content = csv_file(buyers, args.file_orders, now)
            del buyers
            reset_peak_rss()
            file_base = rss_mb()
            file_s, imported, file_dup = ingest_file(
                odoo, registry, platform_id, content
            )
            file_peak = peak_rss_mb()
            del content
            file_rate = imported / file_s
            print(
                f"  {'file import wizard (CSV, Chinese headers)':<44} {imported:>10,} "
                f"{file_s:>8.2f} {file_rate:>9,.0f} {file_peak:>8.0f}   "
                f"({file_dup:,} duplicates; RSS before {file_base:.0f} MB with the "
                "file in memory)"
            )
            checks += [
                (f"file >= {RATE_TARGET:,} orders/s", file_rate >= RATE_TARGET),
                (
                    f"file >= {RATIO_TARGET}x ORM (got {file_rate / orm_rate:.1f}x)",
                    file_rate / orm_rate >= RATIO_TARGET,
                ),
                (f"file peak < {MEMORY_TARGET_MB} MB", file_peak < MEMORY_TARGET_MB),
            ]
        print(
            "  targets: "
            + "; ".join(f"{name} {'ok' if good else 'MISSED'}" for name, good in checks)
        )
        ok = all(good for _name, good in checks)
    finally:
        start = time.perf_counter()
        with closing(registry.cursor()) as cr:
            drop_platform(cr, platform_id)
        print(
            f"  (benchmark platform and its orders deleted in "
            f"{time.perf_counter() - start:.0f} s)"
        )
    print(f"  load average {load_average()}\n")
    return ok


# ----------------------------------------------------------------------
# API server
# ----------------------------------------------------------------------
def free_port():
    """A free TCP port on the loopback interface."""
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(odoo, args, port):
    """Start ``odoo-bin`` with ``--workers`` on ``port``; return the process
    once ``/web/health`` answers."""
    odoo_bin = args.odoo_bin or str(
        Path(odoo.__file__).resolve().parent.parent / "odoo-bin"
    )
    command = [
        sys.executable,
        odoo_bin,
        f"--addons-path={args.addons_path or scale_data.default_addons_path(odoo)}",
        f"--database={args.db}",
        f"--db-filter=^{args.db}$",
        f"--workers={args.workers}",
        "--max-cron-threads=0",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        "--log-level=warn",
        "--no-database-list",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the Odoo server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/web/health", timeout=2
            ) as answer:
                if answer.status == 200:
                    return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    sys.exit("the Odoo server did not answer within 120 s")


def stop_server(process):
    """Stop the server started by :func:`start_server`."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run_clients(port, requests, clients):
    """Send ``requests`` (``(method, path, body, headers)``) from ``clients``
    threads with a keep-alive connection each; return ``(seconds,
    latencies in ms, status counts, answers)``."""
    # the answers' order follows the requests'
    answers = [None] * len(requests)
    latencies = [0.0] * len(requests)
    statuses = {}
    lock = threading.Lock()
    position = iter(range(len(requests)))

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                index = next(position, None)
            if index is None:
                break
            method, path, body, headers = requests[index]
            headers = headers(body) if callable(headers) else headers
            start = time.perf_counter()
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
            latencies[index] = (time.perf_counter() - start) * 1000
            answers[index] = data
            with lock:
                statuses[answer.status] = statuses.get(answer.status, 0) + 1
        connection.close()

    threads = [threading.Thread(target=client) for _i in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, latencies, statuses, answers


def percentile(values, share):
    """The ``share`` (0-1) percentile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def bench_api(odoo, registry, args):
    """Measure the applications API on a running server."""
    # pylint: disable=import-outside-toplevel  # the addon is found at run time
    from odoo.addons.ruralsw_ecommerce_bridge.services import signature

    with closing(registry.cursor()) as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        platform = env["ruralsw.platform"].search([("code", "=", PLATFORM_CODE)])
        if not platform:
            sys.exit(f"no platform {PLATFORM_CODE}: run tools/scale_data.py first")
        secret = platform.secret
        cr.execute(
            "SELECT code FROM ruralsw_area WHERE level = 'village' AND parent_path "
            "LIKE %s ORDER BY id",
            (platform.area_id.parent_path + "%",),
        )
        villages = [code for (code,) in cr.fetchall()]
    run = f"{int(time.time()):x}"
    prefix = "/ruralsw/api/v1/applications"

    def signed(body, key=None):
        def make(body=body):
            headers = signature.headers(PLATFORM_CODE, secret, body, time.time())
            headers["Content-Type"] = "application/json"
            if key:
                headers["Idempotency-Key"] = key
            return headers

        return make

    posts = []
    for index in range(args.requests):
        body = json.dumps(
            {
                "external_id": f"bench-{run}-{index}",
                "applicant": {
                    "name": f"测试申请人{index}",
                    "phone": f"139{index % 100_000_000:08d}",
                    "village_code": villages[index % len(villages)],
                },
                "category": "material_aid",
                "description": "冬季取暖困难，申请棉被。",
                "consent": {"data_processing": True, "data_sharing": False},
            },
            ensure_ascii=False,
        ).encode()
        posts.append(("POST", prefix, body, signed(body, f"bench-{run}-{index}")))
    port = free_port()
    print(
        f"applications API: odoo-bin --workers={args.workers} on 127.0.0.1:{port}, "
        f"{args.clients} clients, {args.requests} requests each measure"
    )
    process = start_server(odoo, args, port)
    try:
        health = [("GET", "/web/health", None, {})] * args.requests
        run_clients(port, health[: args.clients * 4], args.clients)  # warm up
        results = [
            ("baseline: GET /web/health", run_clients(port, health, args.clients))
        ]
        post = run_clients(port, posts, args.clients)
        results.append(("POST /applications", post))
        references = [
            json.loads(answer).get("reference") for answer in post[3] if answer
        ]
        gets = [
            ("GET", f"{prefix}/{ref}", b"", signed(b"")) for ref in references if ref
        ]
        results.append(
            ("GET /applications/<reference>", run_clients(port, gets, args.clients))
        )
    finally:
        stop_server(process)
    print(
        f"  {'request':<34} {'n':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}  status"
    )
    for name, (seconds, latencies, statuses, _answers) in results:
        if not latencies:
            print(f"  {name:<34} {0:>6}  (no request to send)")
            continue
        print(
            f"  {name:<34} {len(latencies):>6} {len(latencies) / seconds:>8.1f} "
            f"{statistics.median(latencies):>8.1f} {percentile(latencies, 0.95):>8.1f}"
            f"  {', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))}"
        )
    print(f"  load average {load_average()}\n")
    return True


def main(argv=None):
    """Measure and print."""
    args = parse_args(argv)
    odoo, registry = scale_data.open_database(args)
    print(f"{args.db}: {os.cpu_count()} CPUs, load average {load_average()}\n")
    ok = True
    if "signals" in args.parts:
        ok = bench_signals(odoo, registry) and ok
    if "ingest" in args.parts:
        ok = bench_ingest(odoo, registry, args) and ok
    if "api" in args.parts:
        ok = bench_api(odoo, registry, args) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
