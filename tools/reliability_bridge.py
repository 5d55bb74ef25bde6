#!/usr/bin/env python3
# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reliability tests of the ruralsw_ecommerce_bridge API against a real
Odoo 18 server on loopback (2 workers), bounded in count and time.

    .venv-ci/bin/python tools/reliability_bridge.py            # new database
    .venv-ci/bin/python tools/reliability_bridge.py --db mydb  # existing one
    make reliability-bridge

The tool creates a database ``ruralsw_brel_<time>`` with the bridge and its
demo data (unless ``--db`` names an existing one), adds its own fixture
(two fresh townships with villages and social workers, and four platforms),
starts ``odoo --workers=2`` on a free loopback port and runs:

1. ``applications``: 1,000 POSTs from 8 concurrent clients, 900 distinct
   applications and 100 of them re-sent with the same Idempotency-Key and
   body (half of them right next to the original, so concurrently): exactly
   900 applications stored, no 5xx, each answered reference stored.
2. ``kill``: a batch of 5,000 orders interrupted by SIGKILL of the server's
   process group while its transaction is open leaves 0 or all of its
   orders; after a restart, re-sending it (same key, then a new key) gives
   no duplicate.
3. ``fuzz``: schemathesis generates at least 500 requests (valid and
   invalid) from ``/ruralsw/api/v1/openapi.json``, signed over the exact
   body sent: no 5xx, every 4xx is a JSON ``{"error": {"code",
   "message"}}``, responses match the description.
4. ``signature``: wrong secret, stale and future timestamps, body altered
   after signing, each missing header, another platform's reference,
   inactive platform, not JSON, body over 1 MB, rate limit.

One line per scenario with its counts and PASS/FAIL; the exit status is 1
when a scenario fails. The server is stopped and the database it created
dropped (``--keep-db`` keeps it). Needs the dev-tools venv (``requests``,
``schemathesis``), ``psql`` and an Odoo 18 found as ``make odoo-test`` finds
it (``ODOO_PYTHON``, ``ODOO_PATH``, ``ODOO_BIN``).
"""

import argparse
import collections
import concurrent.futures
import hashlib
import hmac
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

try:  # run as tools/reliability_bridge.py or imported as tools.reliability_bridge
    from tools import odoo_test
except ImportError:  # pragma: no cover - direct script execution
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tools import odoo_test

ADDON = "ruralsw_ecommerce_bridge"
DB_PREFIX = "ruralsw_brel_"
API = "/ruralsw/api/v1"
CLIENTS = 8
APPLICATIONS = 900
RESENDS = 100
ORDER_BATCH = 5000
FUZZ_REQUESTS = 500
# operations with neither parameters nor body
WITHOUT_PARAMETERS = ("/catalog", "/openapi.json")
REQUEST_TIMEOUT = 180
# over the 300 s the API allows, with room for whole-second rounding
SKEW = 310
START_TIMEOUT = 300
INSTALL_TIMEOUT = 1800

# Runs inside `odoo shell` (stdin): the fixture of the run, committed, then
# printed as one JSON line. %(run)s is the run's tag, %(secrets)s the JSON
# of the platforms' secrets.
SETUP_SCRIPT = r"""
import json
run = %(run)r
secrets = json.loads(%(secrets)r)
Area = env["ruralsw.area"]
county = env.ref("ruralsw_case.area_huishui")
used = set(Area.with_context(active_test=False).search(
    [("code", "=like", county.code[:6] + "9__000")]).mapped("code"))
free = [n for n in range(100) if f"{county.code[:6]}9{n:02d}000" not in used]
worker_group = env.ref("ruralsw_case.group_ruralsw_social_worker")
platform_group = env.ref("ruralsw_ecommerce_bridge.group_ruralsw_platform")
villages = []
for number in free[:2]:
    prefix = f"{county.code[:6]}9{number:02d}"
    township = Area.create({"name": f"可靠性镇{number}", "code": prefix + "000",
                            "level": "township", "parent_id": county.id})
    villages += Area.create([{"name": f"可靠性镇{number}村{v}",
                              "code": f"{prefix}{v:03d}",
                              "level": "village", "parent_id": township.id}
                             for v in range(201, 204)]).mapped("code")
    env["res.users"].create([{
        "name": f"可靠性社工{number}-{w}", "login": f"rel-{run}-sw{number}-{w}",
        "groups_id": [(4, worker_group.id)],
        "ruralsw_area_ids": [(6, 0, township.ids)]} for w in range(2)])
platforms = {}
for name, rate, active in (("main", 100000, True), ("other", 100000, True),
                           ("off", 100000, False), ("slow", 5, True)):
    user = env["res.users"].create({
        "name": f"可靠性平台 {name}", "login": f"rel-{run}-{name}",
        "groups_id": [(4, platform_group.id)],
        "ruralsw_area_ids": [(6, 0, county.ids)]})
    platform = env["ruralsw.platform"].create({
        "name": f"可靠性平台 {name} {run}", "code": f"rel-{run}-{name}",
        "secret": secrets[name], "user_id": user.id, "area_id": county.id,
        "rate_limit": rate, "intake_mode": "lead"})
    platform.active = active
    platforms[name] = platform.code
env.cr.commit()
print("RELIABILITY_SETUP " + json.dumps({"villages": villages, "platforms": platforms}))
"""


# ----------------------------------------------------------------------
# Signing (written from the API description, not from the addon's code)
# ----------------------------------------------------------------------
def sign(secret, timestamp, body):
    """Return the X-Ruralsw-Signature value of ``body`` at ``timestamp``."""
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_headers(code, secret, body, key=None, now=None):
    """The headers of a signed JSON request."""
    timestamp = str(int(time.time() if now is None else now))
    headers = {
        "Content-Type": "application/json",
        "X-Ruralsw-Platform": code,
        "X-Ruralsw-Timestamp": timestamp,
        "X-Ruralsw-Signature": sign(secret, timestamp, body),
    }
    if key is not None:
        headers["Idempotency-Key"] = key
    return headers


class Platform:
    """A platform of the fixture and a client signing as it."""

    def __init__(self, code, secret, server):
        self.code = code
        self.secret = secret
        self.server = server

    @property
    def base_url(self):
        """The URL of the server (its port changes when it restarts)."""
        return self.server.base_url

    def call(self, method, path, data=None, key=None, session=None, **options):
        """Send a signed request; ``raw`` sends bytes as they are."""
        raw = options.pop("raw", None)
        body = raw if raw is not None else (b"" if data is None else encode(data))
        headers = signed_headers(
            self.code,
            options.pop("secret", self.secret),
            body,
            key,
            options.pop("now", None),
        )
        headers.update(options.pop("headers", {}))
        for name in options.pop("drop", ()):
            headers.pop(name, None)
        return (session or requests).request(
            method,
            self.base_url + API + path,
            data=options.pop("send", body) or None,
            headers=headers,
            timeout=REQUEST_TIMEOUT,
        )


def encode(data):
    """The JSON bytes of a body."""
    return json.dumps(data, ensure_ascii=False).encode()


def is_error_body(response):
    """Whether a response is JSON ``{"error": {"code": str, "message": str}}``."""
    # requests' headers, or schemathesis' (lowercase keys, lists of values)
    content_type = response.headers.get("Content-Type") or response.headers.get(
        "content-type", ""
    )
    if isinstance(content_type, list):
        content_type = content_type[0] if content_type else ""
    if not content_type.startswith("application/json"):
        return False
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        return False
    return (
        isinstance(error, dict)
        and isinstance(error.get("code"), str)
        and isinstance(error.get("message"), str)
        and "Traceback" not in response.text
    )


# ----------------------------------------------------------------------
# PostgreSQL (through psql, so that the tool needs no driver in its venv)
# ----------------------------------------------------------------------
class Psql:
    """A psql process answering one query at a time."""

    END = "__ruralsw_end__"

    def __init__(self, db):
        self.process = subprocess.Popen(
            ["psql", "-X", "-q", "-A", "-t", "-d", db],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )

    def rows(self, query):
        """Return the rows of ``query`` as lists of strings."""
        self.process.stdin.write(f"{query};\n\\echo {self.END}\n")
        self.process.stdin.flush()
        rows = []
        for line in self.process.stdout:
            line = line.rstrip("\n")
            if line == self.END:
                return rows
            if line.startswith(("ERROR:", "FATAL:")):
                raise RuntimeError(f"psql: {line} ({query[:200]})")
            if line:
                rows.append(line.split("|"))
        raise RuntimeError("psql stopped")

    def value(self, query):
        """Return the first column of the first row of ``query``."""
        rows = self.rows(query)
        return rows[0][0] if rows else None

    def close(self):
        """End psql."""
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=30)


def quote(text):
    """A SQL string literal."""
    return "'" + str(text).replace("'", "''") + "'"


# ----------------------------------------------------------------------
# The Odoo server
# ----------------------------------------------------------------------
def server_command(odoo):
    """The command that starts Odoo: ``odoo-bin`` where it is found, since the
    prefork server starts its gevent process as ``python <argv[0]> gevent``,
    which fails for ``python -c``."""
    if "-c" not in odoo.command:
        return list(odoo.command)
    for path in odoo.addons_paths:
        for folder in (Path(path).parent, Path(path).parent.parent):
            if (folder / "odoo-bin").is_file():
                return [odoo.command[0], str(folder / "odoo-bin")]
    return list(odoo.command)


class OdooServer:
    """``odoo --workers=2`` on a free loopback port, in its own process group
    (a SIGKILL of the group kills the master and its workers at once)."""

    def __init__(self, odoo, db, data_dir, log_path, environ):
        self.odoo = odoo
        self.db = db
        self.data_dir = data_dir
        self.log_path = log_path
        self.environ = environ
        self.process = None
        self.port = None

    @property
    def base_url(self):
        """The server's URL."""
        return f"http://127.0.0.1:{self.port}"

    def options(self):
        """The options every Odoo command of the run takes."""
        paths = [*self.odoo.addons_paths, str(odoo_test.REPO_ROOT)]
        return [
            f"--addons-path={','.join(paths)}",
            f"--database={self.db}",
            f"--db-filter=^{self.db}$",
            f"--data-dir={self.data_dir}",
            *odoo_test.db_args(self.environ),
        ]

    def install(self):
        """Create the database with the bridge and its demo data."""
        command = [
            *self.odoo.command,
            *self.options(),
            f"--init={ADDON}",
            "--without-demo=",
            "--stop-after-init",
            "--workers=0",
            "--max-cron-threads=0",
            "--no-http",
            "--log-level=warn",
        ]
        with open(self.log_path, "a", encoding="utf-8") as log:
            subprocess.run(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=True,
                timeout=INSTALL_TIMEOUT,
                env=self.environ,
            )

    def shell(self, script):
        """Run ``script`` in ``odoo shell``; return its output."""
        command = [*self.odoo.command, "shell", *self.options(), "--no-http"]
        done = subprocess.run(
            command,
            input=script,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
            env=self.environ,
        )
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(done.stderr)
        if done.returncode:
            raise RuntimeError(f"odoo shell failed: {done.stderr[-2000:]}")
        return done.stdout

    def start(self):
        """Start the server and wait until it answers."""
        self.port = odoo_test.free_port()
        command = [
            *server_command(self.odoo),
            *self.options(),
            "--workers=2",
            "--max-cron-threads=0",
            "--http-interface=127.0.0.1",
            f"--http-port={self.port}",
            f"--gevent-port={odoo_test.free_port()}",
            "--limit-time-real=600",
            "--limit-time-cpu=300",
            "--log-level=info",
        ]
        log = open(self.log_path, "a", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self.environ,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Odoo stopped at start; see {self.log_path}")
            try:
                if requests.get(self.base_url + "/web/health", timeout=5).ok:
                    # the first request of each worker loads the registry
                    requests.get(self.base_url + API + "/openapi.json", timeout=120)
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"Odoo did not answer in {START_TIMEOUT} s")

    def kill(self):
        """SIGKILL the server's whole process group."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=60)

    def stop(self):
        """Stop the server (SIGTERM, then SIGKILL after 30 s)."""
        if not self.process or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
        # the workers may outlive the master by a moment
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


# ----------------------------------------------------------------------
# Scenarios
# ----------------------------------------------------------------------
class Result:
    """What a scenario found."""

    def __init__(self, name):
        self.name = name
        self.counts = collections.Counter()
        self.problems = []
        self.started = time.monotonic()

    def fail(self, message):
        """Record a failure (the first 20 are shown)."""
        self.problems.append(message)

    def distinct_problems(self):
        """``(problem, count)`` pairs, problems alike in their first 100
        characters counted together."""
        counts = collections.Counter(problem[:100] for problem in self.problems)
        first = {}
        for problem in self.problems:
            first.setdefault(problem[:100], problem)
        return [(first[key], count) for key, count in counts.items()]

    @property
    def ok(self):
        """Whether nothing failed."""
        return not self.problems

    def line(self):
        """The scenario's summary line."""
        counts = ", ".join(
            f"{key}={value}" for key, value in sorted(self.counts.items())
        )
        seconds = time.monotonic() - self.started
        verdict = "PASS" if self.ok else "FAIL"
        return f"{verdict}  {self.name:<12} {seconds:7.1f}s  {counts}"


def application(run, number, village):
    """A valid application body, a different person for each number."""
    return {
        "external_id": f"REL1-{run}-{number:05d}",
        "applicant": {
            "name": f"可靠性申请人{number}",
            "phone": f"139{number:08d}",
            "village_code": village,
        },
        "category": ("material_aid", "medical", "elderly_care", "training")[number % 4],
        "description": f"可靠性测试申请 {number}",
        "consent": {"data_processing": True, "data_sharing": number % 2 == 0},
    }


def scenario_applications(context):
    """1,000 application POSTs from 8 clients, 10 % re-sent with the same key."""
    result = Result("applications")
    run, platform = context["run"], context["platforms"]["main"]
    villages = context["villages"]
    rng = random.Random(run)
    jobs = [
        (number, application(run, number, villages[number % len(villages)]))
        for number in range(APPLICATIONS)
    ]
    resent = rng.sample(range(APPLICATIONS), RESENDS)
    # half the re-sends go right after the original (another client takes
    # them at the same moment), half at a random later place
    queue = [("first", number, body) for number, body in jobs]
    for position, number in enumerate(sorted(resent, reverse=True)):
        entry = ("again", number, jobs[number][1])
        if position % 2:
            queue.insert(number + 1, entry)
        else:
            queue.insert(rng.randrange(number + 1, len(queue) + 1), entry)
    answers = collections.defaultdict(list)
    lock = threading.Lock()
    local = threading.local()

    def send(entry):
        kind, number, body = entry
        session = getattr(local, "session", None) or requests.Session()
        local.session = session
        try:
            response = platform.call(
                "POST",
                "/applications",
                body,
                key=f"rel1-{run}-{number}",
                session=session,
            )
        except requests.RequestException as error:
            with lock:
                result.counts["no_answer"] += 1
                result.fail(f"{kind} {number}: {error!r}")
            return
        with lock:
            result.counts[f"http_{response.status_code}"] += 1
            if response.status_code >= 500 or response.status_code not in (200, 201):
                result.fail(
                    f"{kind} {number}: {response.status_code} {response.text[:300]}"
                )
                return
            answers[number].append(
                (kind, response.status_code, response.json()["reference"])
            )

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(send, queue))
    elapsed = time.monotonic() - started
    result.counts["requests"] = len(queue)
    result.counts["per_s"] = round(len(queue) / elapsed, 1)
    references = {ref for replies in answers.values() for _k, _s, ref in replies}
    for number, replies in answers.items():
        if len({ref for _k, _s, ref in replies}) != 1:
            result.fail(f"application {number} got several references: {replies}")
        if sorted(status for _k, status, _r in replies).count(201) > 1:
            result.fail(f"application {number} was created twice: {replies}")
    db = context["psql"]
    platform_id = db.value(
        f"SELECT id FROM ruralsw_platform WHERE code = {quote(platform.code)}"
    )
    stored = db.value(
        "SELECT count(*) FROM crm_lead WHERE ruralsw_platform_id = "
        f"{platform_id} AND ruralsw_external_id LIKE {quote(f'REL1-{run}-%')}"
    )
    with_task = db.value(
        "SELECT count(*) FROM crm_lead l JOIN project_task t ON t.id = "
        f"l.ruralsw_follow_up_task_id WHERE l.ruralsw_platform_id = {platform_id} "
        f"AND l.ruralsw_external_id LIKE {quote(f'REL1-{run}-%')}"
    )
    found = {
        row[0]
        for row in db.rows(
            "SELECT ruralsw_reference FROM crm_lead WHERE ruralsw_platform_id = "
            f"{platform_id}"
        )
    }
    result.counts["stored"] = int(stored)
    result.counts["with_task"] = int(with_task)
    result.counts["lost"] = len(references - found)
    if int(stored) != APPLICATIONS:
        result.fail(f"{stored} applications stored, {APPLICATIONS} expected")
    if int(with_task) != APPLICATIONS:
        result.fail(f"{with_task} applications have their follow-up task")
    if references - found:
        result.fail(f"answered but not stored: {sorted(references - found)[:5]}")
    return result


def order_batch(run, tag, villages, size=ORDER_BATCH):
    """A batch of valid orders with ids ``REL2-<run>-<tag>-N``."""
    when = (datetime.now(UTC) - timedelta(days=3)).replace(microsecond=0, tzinfo=None)
    return {
        "orders": [
            {
                "order_id": f"REL2-{run}-{tag}-{index:05d}",
                "buyer_key": f"rb-{index % 500:04d}",
                "village_code": villages[index % len(villages)],
                "category": "produce" if index % 3 else "medical",
                "amount": round(10 + (index % 97) * 1.5, 2),
                "direction": "sale" if index % 3 else "purchase",
                "ordered_at": (when - timedelta(minutes=index)).isoformat(),
            }
            for index in range(size)
        ]
    }


def post_orders(platform, batch, key, outcome):
    """POST an order batch; put its ``response`` or ``error`` in ``outcome``."""
    try:
        outcome["response"] = platform.call("POST", "/orders", batch, key=key)
    except requests.RequestException as error:
        outcome["error"] = error


def scenario_kill(context):
    """An order batch interrupted by SIGKILL leaves 0 or all of its orders;
    re-sending it after the restart gives no duplicate."""
    result = Result("kill")
    run, server, db = context["run"], context["server"], context["psql"]
    platform = context["platforms"]["main"]
    watch = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND "
        "(query LIKE '%INSERT INTO ruralsw_idempotency_key%' OR "
        "query LIKE '%ruralsw_order%')"
    )
    for attempt in range(1, 4):
        tag = f"k{attempt}"
        batch = order_batch(run, tag, context["villages"])
        key = f"rel2-{run}-{tag}"
        like = quote(f"REL2-{run}-{tag}-%")
        outcome = {}

        client = threading.Thread(
            target=post_orders, args=(platform, batch, key, outcome)
        )
        client.start()
        deadline = time.monotonic() + 120
        seen = False
        while client.is_alive() and time.monotonic() < deadline:
            if db.value(watch) != "0":
                seen = True
                server.kill()
                break
        client.join(REQUEST_TIMEOUT)
        result.counts["attempts"] = attempt
        if not seen:
            # answered before the watch saw the transaction: another batch
            continue
        # the killed backends end their transactions as their clients vanish
        gone = time.monotonic() + 60
        while (
            time.monotonic() < gone
            and db.value(
                "SELECT count(*) FROM pg_stat_activity WHERE "
                "datname = current_database() AND pid <> pg_backend_pid()"
            )
            != "0"
        ):
            time.sleep(0.2)
        count = int(
            db.value(f"SELECT count(*) FROM ruralsw_order WHERE order_ref LIKE {like}")
        )
        result.counts["after_kill"] = count
        if count not in (0, ORDER_BATCH):
            result.fail(f"partial batch after the kill: {count} of {ORDER_BATCH}")
        server.start()
        if "response" in outcome:
            # answered before the kill landed: not an interruption
            result.counts["answered_before_kill"] += 1
            continue
        result.counts["interrupted"] = 1
        again = platform.call("POST", "/orders", batch, key=key)
        result.counts[f"resend_same_key_{again.status_code}"] += 1
        expected = (202, ORDER_BATCH) if count == 0 else (200, ORDER_BATCH)
        got = (again.status_code, again.json().get("accepted"))
        if got != expected:
            result.fail(f"re-sent with the same key: {got}, expected {expected}")
        other = platform.call("POST", "/orders", batch, key=key + "-new")
        answer = other.json()
        result.counts[f"resend_new_key_{other.status_code}"] += 1
        if (other.status_code, answer.get("accepted"), answer.get("duplicates")) != (
            202,
            0,
            ORDER_BATCH,
        ):
            result.fail(
                f"re-sent with a new key: {other.status_code} {other.text[:200]}"
            )
        final = int(
            db.value(f"SELECT count(*) FROM ruralsw_order WHERE order_ref LIKE {like}")
        )
        distinct = int(
            db.value(
                "SELECT count(DISTINCT order_ref) FROM ruralsw_order "
                f"WHERE order_ref LIKE {like}"
            )
        )
        result.counts["stored"] = final
        if final != ORDER_BATCH or distinct != ORDER_BATCH:
            result.fail(
                f"{final} orders ({distinct} distinct) stored, {ORDER_BATCH} expected"
            )
        return result
    result.fail("the kill never landed while the batch's transaction was open")
    return result


class SignedSession(requests.Session):
    """A session that signs every request over the exact body it sends."""

    def __init__(self, platform):
        super().__init__()
        self.platform = platform

    def send(self, request, **kwargs):  # pylint: disable=arguments-differ
        """Sign, then send."""
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        timestamp = str(int(time.time()))
        request.headers["X-Ruralsw-Platform"] = self.platform.code
        request.headers["X-Ruralsw-Timestamp"] = timestamp
        request.headers["X-Ruralsw-Signature"] = sign(
            self.platform.secret, timestamp, body
        )
        kwargs.setdefault("timeout", REQUEST_TIMEOUT)
        return super().send(request, **kwargs)


def scenario_fuzz(context, target=FUZZ_REQUESTS):
    """Schemathesis-generated requests from the OpenAPI description."""
    # imported here: the other scenarios run without schemathesis
    import hypothesis  # pylint: disable=import-outside-toplevel
    import schemathesis  # pylint: disable=import-outside-toplevel
    from schemathesis import GenerationMode  # pylint: disable=import-outside-toplevel
    from schemathesis.core.failures import (  # pylint: disable=import-outside-toplevel
        FailureGroup,
    )
    from schemathesis.specs.openapi import (  # pylint: disable=import-outside-toplevel
        checks as openapi_checks,
    )

    result = Result("fuzz")
    platform = context["platforms"]["main"]
    session = SignedSession(platform)
    schema = schemathesis.openapi.from_url(platform.base_url + API + "/openapi.json")
    base_url = platform.base_url + API
    # valid and invalid data for each operation, more for the bodies
    budget = {"POST": 160, "GET": 40}
    examples = []

    # the answers against the description; not ignored_auth and the like,
    # which re-send with other headers that the session would sign again
    checks = [
        schemathesis.checks.not_a_server_error,
        openapi_checks.status_code_conformance,
        openapi_checks.content_type_conformance,
        openapi_checks.response_schema_conformance,
    ]

    def check(case, mode):
        try:
            response = case.call(base_url=base_url, session=session)
        except (requests.RequestException, UnicodeError, ValueError) as error:
            # a header value requests cannot put on the wire
            result.counts["unsendable"] += 1
            examples.append(f"unsendable {case.method} {case.path}: {error!r}"[:200])
            return
        result.counts["requests"] += 1
        result.counts[f"http_{response.status_code // 100}xx"] += 1
        label = f"{mode.value} {case.method} {case.path} -> {response.status_code}"
        body = str(case.body)[:300]
        if response.status_code >= 500:
            result.fail(f"{label}: {response.text[:300]} body={body}")
        elif response.status_code >= 400 and not is_error_body(response):
            result.fail(f"{label}: not a JSON error: {response.text[:200]}")
        try:
            case.validate_response(response, checks=checks)
        except (AssertionError, FailureGroup) as error:
            result.counts["nonconforming"] += 1
            result.fail(f"{label}: {str(error)[:300]}")
        partial = isinstance(case.body, dict) and case.body.get("accept_partial")
        if mode is GenerationMode.NEGATIVE and response.status_code < 400:
            if partial is True and response.status_code == 202:
                # invalid orders of a partial batch come back as rejected rows
                result.counts["negative_partial_202"] += 1
            elif case.path in WITHOUT_PARAMETERS:
                # the only invalid data there can be is in the signature
                # headers, which the session signs again
                result.counts["negative_signature_only"] += 1
            else:
                result.counts["negative_accepted"] += 1
                result.fail(f"{label}: invalid data accepted: {body}")

    def fuzzer(strategy, mode, limit):
        """A hypothesis test sending ``limit`` cases drawn from ``strategy``."""

        @hypothesis.settings(
            max_examples=limit,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[hypothesis.Phase.generate],
            suppress_health_check=list(hypothesis.HealthCheck),
        )
        @hypothesis.given(case=strategy)
        def send(case):
            check(case, mode)

        return send

    for operation in schema.get_all_operations():
        operation = operation.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            limit = budget.get(operation.method.upper(), 40)
            if operation.path.endswith("openapi.json"):
                limit = 5
            strategy = operation.as_strategy(generation_mode=mode)
            try:
                # hypothesis supplies the case
                fuzzer(strategy, mode, limit)()  # pylint: disable=no-value-for-parameter
            except hypothesis.errors.Unsatisfiable:
                result.counts["unsatisfiable"] += 1
    if result.counts["requests"] < target:
        result.fail(f"only {result.counts['requests']} requests, {target} wanted")
    context["fuzz_examples"] = examples[:5]
    return result


def scenario_signature(context):
    """The signature and other refusals, each with its status and code."""
    result = Result("signature")
    platforms = context["platforms"]
    signer, other = platforms["main"], platforms["other"]
    run = context["run"]
    body = application(run, 99999, context["villages"][0])
    raw = encode(body)
    created = other.call("POST", "/applications", body, key=f"rel4-{run}")
    result.counts[f"setup_{created.status_code}"] += 1
    reference = created.json().get("reference", "none")
    cases = [
        (
            "wrong secret",
            401,
            "bad_signature",
            lambda: signer.call(
                "POST", "/applications", body, key="s1", secret="wrong"
            ),
        ),
        (
            "stale timestamp",
            401,
            "stale_timestamp",
            lambda: signer.call(
                "POST", "/applications", body, key="s2", now=time.time() - SKEW
            ),
        ),
        (
            "future timestamp",
            401,
            "stale_timestamp",
            lambda: signer.call(
                "POST", "/applications", body, key="s3", now=time.time() + SKEW
            ),
        ),
        (
            "bad timestamp",
            401,
            "bad_timestamp",
            lambda: signer.call(
                "GET", "/catalog", headers={"X-Ruralsw-Timestamp": "soon"}
            ),
        ),
        (
            "body altered",
            401,
            "bad_signature",
            lambda: signer.call(
                "POST",
                "/applications",
                body,
                key="s4",
                send=raw.replace("可靠性".encode(), "可靠".encode()),
            ),
        ),
        (
            "unknown platform",
            401,
            "bad_signature",
            lambda: signer.call(
                "GET", "/catalog", headers={"X-Ruralsw-Platform": "nobody"}
            ),
        ),
        *[
            (
                f"missing {header}",
                401,
                "missing_header",
                lambda header=header: signer.call(
                    "POST", "/applications", body, key="s5", drop=[header]
                ),
            )
            for header in (
                "X-Ruralsw-Platform",
                "X-Ruralsw-Timestamp",
                "X-Ruralsw-Signature",
            )
        ],
        (
            "missing Idempotency-Key",
            400,
            "missing_idempotency_key",
            lambda: signer.call("POST", "/applications", body),
        ),
        (
            "another platform's reference",
            404,
            "not_found",
            lambda: signer.call("GET", f"/applications/{reference}"),
        ),
        (
            "own reference",
            200,
            None,
            lambda: other.call("GET", f"/applications/{reference}"),
        ),
        (
            "inactive platform",
            403,
            "platform_inactive",
            lambda: platforms["off"].call("GET", "/catalog"),
        ),
        (
            "not JSON",
            415,
            "not_json",
            lambda: signer.call(
                "POST",
                "/orders",
                raw=b"orders=1",
                key="s6",
                headers={"Content-Type": "text/plain"},
            ),
        ),
        (
            "body over 1 MB",
            413,
            "too_large",
            lambda: signer.call(
                "POST", "/orders", raw=b" " * (1024 * 1024 + 1), key="s7"
            ),
        ),
    ]
    for _index in range(5):
        cases.append(
            (
                "under the rate limit",
                200,
                None,
                lambda: platforms["slow"].call("GET", "/catalog"),
            )
        )
    cases.append(
        (
            "rate limit",
            429,
            "rate_limited",
            lambda: platforms["slow"].call("GET", "/catalog"),
        )
    )
    for label, status, code, send in cases:
        try:
            response = send()
        except requests.RequestException as error:
            result.fail(f"{label}: no answer ({error!r})")
            continue
        result.counts["requests"] += 1
        got_code = response.json().get("error", {}).get("code") if code else None
        if (
            response.status_code != status
            or got_code != code
            or (code and not is_error_body(response))
        ):
            result.fail(
                f"{label}: {response.status_code} {response.text[:200]}, "
                f"expected {status} {code}"
            )
        else:
            result.counts["as_expected"] += 1
    stored = context["psql"].value(
        "SELECT count(*) FROM crm_lead WHERE ruralsw_external_id = "
        f"{quote(body['external_id'])}"
    )
    if stored != "1":
        result.fail(f"the refused requests stored something: {stored} leads")
    return result


SCENARIOS = {
    "applications": scenario_applications,
    "kill": scenario_kill,
    "fuzz": scenario_fuzz,
    "signature": scenario_signature,
}


# ----------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------
def parse_args(argv=None):
    """Return the command-line options."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--db", help="an existing database with the bridge installed")
    parser.add_argument("--keep-db", action="store_true", help="keep the database made")
    parser.add_argument(
        "--scenarios",
        default=",".join(SCENARIOS),
        help="comma-separated subset of: " + ", ".join(SCENARIOS),
    )
    parser.add_argument("--log", help="Odoo's log file (default: a temporary file)")
    return parser.parse_args(argv)


def drop_database(db, environ):
    """Drop ``db`` (after the server stopped)."""
    subprocess.run(["dropdb", "--if-exists", db], check=False, env=environ)


def main(argv=None):
    """Run the scenarios; return the exit status."""
    options = parse_args(argv)
    names = [name.strip() for name in options.scenarios.split(",") if name.strip()]
    unknown = [name for name in names if name not in SCENARIOS]
    if unknown:
        print(f"unknown scenarios: {', '.join(unknown)}", file=sys.stderr)
        return 2
    environ = dict(os.environ)
    odoo = odoo_test.find_odoo(environ)
    run = datetime.now(UTC).strftime("%m%d%H%M%S")
    created = not options.db
    db = options.db or f"{DB_PREFIX}{datetime.now(UTC):%Y%m%d%H%M%S}_{os.getpid()}"
    data_dir = tempfile.mkdtemp(prefix="ruralsw-brel-")
    log_path = options.log or os.path.join(data_dir, "odoo.log")
    server = OdooServer(odoo, db, data_dir, log_path, environ)
    print(
        f"reliability: Odoo {odoo.version} ({odoo.source}), database {db}, "
        f"log {log_path}"
    )
    results = []
    psql = None
    try:
        started = time.monotonic()
        if created:
            server.install()
            print(
                f"reliability: installed {ADDON} with demo data in "
                f"{time.monotonic() - started:.0f}s"
            )
        secrets = {
            name: f"rel-{run}-{name}-{os.urandom(8).hex()}"
            for name in ("main", "other", "off", "slow")
        }
        output = server.shell(
            SETUP_SCRIPT % {"run": run, "secrets": json.dumps(secrets)}
        )
        setup = json.loads(output.split("RELIABILITY_SETUP ", 1)[1].splitlines()[0])
        server.start()
        psql = Psql(db)
        context = {
            "run": run,
            "server": server,
            "psql": psql,
            "villages": setup["villages"],
            "platforms": {
                name: Platform(code, secrets[name], server)
                for name, code in setup["platforms"].items()
            },
        }
        for name in names:
            try:
                result = SCENARIOS[name](context)
            except Exception as error:  # pylint: disable=broad-except
                result = Result(name)
                result.fail(f"the scenario crashed: {type(error).__name__}: {error}")
            results.append(result)
            print(result.line(), flush=True)
            for problem, count in result.distinct_problems()[:20]:
                print(f"      {count} x {problem}" if count > 1 else f"      {problem}")
    finally:
        if psql:
            psql.close()
        server.stop()
        if created and not options.keep_db:
            drop_database(db, environ)
        if not options.log and not all(result.ok for result in results):
            kept = Path(tempfile.gettempdir()) / f"{db}.log"
            shutil.copy(log_path, kept)
            print(f"reliability: Odoo log kept in {kept}")
        shutil.rmtree(data_dir, ignore_errors=True)
    failed = [result.name for result in results if not result.ok]
    print(
        f"reliability: {len(results) - len(failed)} passed, {len(failed)} failed"
        + (f" ({', '.join(failed)})" if failed else "")
    )
    return 1 if failed or len(results) != len(names) else 0


if __name__ == "__main__":
    sys.exit(main())
