# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Run the ruralsw addons' Odoo test suite on a fresh database.

Standard library only: it runs under any python3 and *uses* an Odoo 18 that
it finds, never installs one. Where Odoo lives:

* ``ODOO_PATH``: an Odoo source tree, run as ``$ODOO_PYTHON $ODOO_PATH/odoo-bin``;
* ``ODOO_BIN``: an ``odoo-bin`` (or Debian's ``/usr/bin/odoo``) script, run
  with ``$ODOO_PYTHON``;
* otherwise the ``odoo`` package that ``$ODOO_PYTHON`` (default ``python3``)
  imports.

When none is Odoo 18 the suite is skipped (exit 0) with the reason, unless
``ODOO_REQUIRED=1``, which turns the skip into a failure.

A run creates the database ``ruralsw_test_<timestamp>_<pid>`` (PostgreSQL
through ``PGHOST``/``PGPORT``/``PGUSER``/``PGPASSWORD``; defaults: local
socket, current user), installs every ``ruralsw_*`` addon found (or
``ADDONS=a,b``) with demo data, ``--test-enable --stop-after-init``, logs to
``.odoo-test-logs/`` (``ODOO_TEST_LOG_DIR``), then judges the log with
``tools/odoo_log.py`` and drops the database unless ``KEEP_DB=1``.

Other variables: ``ODOO_ARGS`` (extra Odoo arguments, appended last so they
win), ``EXTRA_ADDONS_PATH`` (more addon folders, ``:`` or ``,`` separated;
``ruralsw_*`` addons there are tested too), ``ODOO_TEST_LANG`` (language
loaded during the run, default ``zh_CN``; empty for none),
``ODOO_TEST_TIMEOUT`` (seconds, default 3600).
"""

import argparse
import ast
import dataclasses
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

try:  # run as tools/odoo_test.py or imported as tools.odoo_test
    from tools import odoo_log
except ImportError:  # pragma: no cover - direct script execution
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tools import odoo_log

REPO_ROOT = Path(__file__).resolve().parent.parent
PREFIX = "ruralsw"
REQUIRED_MAJOR = 18
BROWSERS = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")
DEFAULT_TIMEOUT = 3600
KEEP_LOGS = 20

# Runs under ODOO_PYTHON: prints what Odoo it imports, as JSON.
PROBE = r"""
import json, os, sys
extra = sys.argv[1:]
sys.path[:0] = [p for p in extra if p]
try:
    import odoo
    import odoo.release
except Exception as exc:
    print(json.dumps({"error": "%s: %s" % (type(exc).__name__, exc)}))
    raise SystemExit(0)
root = os.path.dirname(os.path.abspath(odoo.__file__))
print(json.dumps({
    "version_info": list(odoo.release.version_info[:2]),
    "version": odoo.release.version,
    "root": root,
    "python": sys.executable,
}))
"""

# Runs under ODOO_PYTHON (psycopg2 is an Odoo requirement): libpq reads
# PGHOST/PGPORT/PGUSER/PGPASSWORD from the environment.
PG_SCRIPT = r"""
import sys
try:
    import psycopg2
    from psycopg2 import sql
except ImportError as exc:
    print("psycopg2 is missing: %s" % exc)
    raise SystemExit(3)
action, name = sys.argv[1], sys.argv[2]
conn = None
for maintenance_db in ("postgres", "template1"):
    try:
        conn = psycopg2.connect(dbname=maintenance_db)
        break
    except psycopg2.OperationalError as exc:
        error = exc
if conn is None:
    print("cannot connect to PostgreSQL: %s" % str(error).strip())
    raise SystemExit(2)
conn.autocommit = True
with conn.cursor() as cr:
    cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    exists = bool(cr.fetchone())
    if action == "exists":
        raise SystemExit(0 if exists else 1)
    ident = sql.Identifier(name)
    if action == "drop" and exists:
        try:
            cr.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(ident))
        except psycopg2.Error:  # PostgreSQL < 13
            cr.execute(sql.SQL("DROP DATABASE {}").format(ident))
"""

# Odoo INFO lines worth showing in the short progress view: logger -> regex.
PROGRESS_INFO = {
    "odoo.modules.loading": re.compile(
        r"^(?:init db|loading \d+ modules|Loading module \S+ \(\d+/\d+\)"
        r"|\d+ modules loaded|Modules loaded)"
    ),
    "odoo.modules.registry": re.compile(r"^Registry loaded"),
    "odoo.service.server": re.compile(r"post tests|post-tests|HTTP service"),
    "odoo.tests.result": re.compile(""),
    "odoo.tests.stats": re.compile(""),
}
MAX_PROGRESS_EXTRA = 25


class OdooUnavailable(Exception):
    """No usable Odoo 18 here: the suite is skipped (or fails if required)."""


@dataclasses.dataclass
class Odoo:
    """An Odoo 18 installation found on this machine."""

    command: list
    addons_paths: list
    version: str
    source: str


@dataclasses.dataclass
class Outcome:
    """What happened to the Odoo part of the test run."""

    status: str  # "passed", "failed" or "skipped"
    reason: str = ""
    passed: int = 0
    failed: int = 0


def env_flag(name, environ=None):
    """Return True when the environment variable is set to a true value."""
    value = (environ if environ is not None else os.environ).get(name, "")
    return value.strip().lower() in ("1", "true", "yes", "on")


def split_paths(value):
    """Split a ``:`` or ``,`` separated list of folders; drop empty items."""
    if not value:
        return []
    return [item for item in value.replace(",", ":").split(":") if item.strip()]


def read_manifest(path):
    """Return the manifest dict of an addon folder, or None when unreadable."""
    try:
        text = (Path(path) / "__manifest__.py").read_text(encoding="utf-8")
        manifest = ast.literal_eval(text)
    except (OSError, ValueError, SyntaxError):
        return None
    return manifest if isinstance(manifest, dict) else None


def discover_addons(folders, prefix=PREFIX):
    """Return ``{name: folder}`` for installable ``<prefix>_*`` addons.

    An addon is a sub-folder of one of ``folders`` named ``<prefix>_*`` with
    a ``__manifest__.py`` whose ``installable`` is not False. The first
    folder holding a name wins, as in Odoo's addons path.
    """
    found = {}
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for child in sorted(folder.iterdir()):
            if not child.name.startswith(f"{prefix}_") or child.name in found:
                continue
            if not (child / "__manifest__.py").is_file():
                continue
            manifest = read_manifest(child)
            if manifest is not None and manifest.get("installable", True) is False:
                continue
            found[child.name] = child
    return found


def select_addons(found, requested):
    """Return the addons to test: all found, or those named in ``requested``.

    Raises ValueError when a requested addon was not found.
    """
    if not requested:
        return sorted(found)
    names = [name.strip() for name in requested.split(",") if name.strip()]
    missing = [name for name in names if name not in found]
    if missing:
        raise ValueError(
            f"ADDONS names unknown addon(s) {', '.join(missing)}; "
            f"found: {', '.join(sorted(found)) or 'none'}"
        )
    return names


def _probe(python, extra_paths=()):
    """Run the probe script with ``python`` and return its JSON answer."""
    try:
        result = subprocess.run(
            [python, "-c", PROBE, *extra_paths],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except FileNotFoundError as exc:
        raise OdooUnavailable(f"ODOO_PYTHON={python}: not found") from exc
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OdooUnavailable(f"ODOO_PYTHON={python}: cannot run ({exc})") from exc
    lines = result.stdout.strip().splitlines()
    try:
        answer = json.loads(lines[-1]) if lines else None
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:]
        raise OdooUnavailable(
            f"ODOO_PYTHON={python}: probe failed ({' '.join(detail) or 'no output'})"
        )
    if "error" in answer:
        raise OdooUnavailable(f"{python} cannot import odoo ({answer['error']})")
    return answer


def _odoo_addons_paths(root):
    """Return Odoo's own addons folders for a package root (``.../odoo``)."""
    root = Path(root)
    candidates = [root / "addons", root.parent / "addons"]
    return [
        str(path)
        for path in candidates
        if (path / "web" / "__manifest__.py").is_file()
        or (path / "base" / "__manifest__.py").is_file()
    ]


def find_odoo(environ=None):
    """Locate an Odoo 18; return :class:`Odoo` or raise OdooUnavailable."""
    environ = environ if environ is not None else os.environ
    python = environ.get("ODOO_PYTHON") or "python3"
    odoo_path = environ.get("ODOO_PATH", "").strip()
    odoo_bin = environ.get("ODOO_BIN", "").strip()
    if odoo_path:
        script = Path(odoo_path) / "odoo-bin"
        if not script.is_file():
            raise OdooUnavailable(f"ODOO_PATH={odoo_path} has no odoo-bin")
        answer = _probe(python, [str(Path(odoo_path).resolve())])
        command = [python, str(script.resolve())]
        source = f"ODOO_PATH={odoo_path}"
    elif odoo_bin:
        script = Path(odoo_bin)
        if not script.is_file():
            raise OdooUnavailable(f"ODOO_BIN={odoo_bin}: no such file")
        answer = _probe(python, [str(script.resolve().parent)])
        command = [python, str(script.resolve())]
        source = f"ODOO_BIN={odoo_bin}"
    else:
        answer = _probe(python)
        # TZ=UTC is what odoo-bin sets before anything else
        command = [answer["python"], "-c", "import odoo; odoo.cli.main()"]
        source = f"ODOO_PYTHON={python}"
    major = answer["version_info"][0]
    if major != REQUIRED_MAJOR:
        raise OdooUnavailable(
            f"{source} gives Odoo {answer['version']}, "
            f"the addons need {REQUIRED_MAJOR}.0"
        )
    addons_paths = _odoo_addons_paths(answer["root"])
    if not addons_paths:
        raise OdooUnavailable(f"no Odoo addons folder next to {answer['root']}")
    return Odoo(command, addons_paths, answer["version"], source)


def find_browser():
    """Return the Chrome/Chromium executable Odoo's HttpCase will use, or None."""
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def free_port():
    """Return a TCP port free on 127.0.0.1 (for Odoo's HTTP server in tours)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_name(now=None, pid=None):
    """Return a fresh, unique test database name."""
    now = now or datetime.now()
    return f"{PREFIX}_test_{now:%Y%m%d%H%M%S}_{pid or os.getpid()}"


def db_args(environ):
    """Return Odoo's --db_* options for PGHOST/PGPORT/PGUSER (password: env)."""
    args = []
    for variable, option in (("PGHOST", "--db_host"), ("PGPORT", "--db_port")):
        if environ.get(variable):
            args.append(f"{option}={environ[variable]}")
    if environ.get("PGUSER"):
        args.append(f"--db_user={environ['PGUSER']}")
    return args


def build_command(odoo, addons, addon_folders, db_name, data_dir, port, environ):
    """Return the Odoo command line for a test run."""
    addons_path = [*odoo.addons_paths]
    for folder in addon_folders:
        if str(folder) not in addons_path:
            addons_path.append(str(folder))
    command = [
        *odoo.command,
        f"--addons-path={','.join(addons_path)}",
        f"--database={db_name}",
        f"--db-filter=^{db_name}$",
        f"--init={','.join(addons)}",
        # empty: demo data is loaded even if an odoorc file says without_demo
        "--without-demo=",
        "--test-enable",
        # our tests only: the dependencies' own suites would take hours
        f"--test-tags={','.join('/' + name for name in addons)}",
        "--stop-after-init",
        "--log-level=info",
        "--workers=0",
        "--max-cron-threads=0",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        f"--data-dir={data_dir}",
        *db_args(environ),
    ]
    language = environ.get("ODOO_TEST_LANG", "zh_CN").strip()
    if language:
        command.append(f"--load-language={language}")
    command += shlex.split(environ.get("ODOO_ARGS", ""))
    return command


def shown_command(command):
    """Return the command as a line that can be pasted into a shell."""
    return " ".join(shlex.quote(part) for part in command)


def progress_line(record, prefix=PREFIX):
    """Return True when a log record belongs in the short progress view."""
    if record.level in ("WARNING", "ERROR", "CRITICAL"):
        return True
    if record.logger.startswith(f"odoo.addons.{prefix}_"):
        return record.message.startswith(("Starting ", "skipped "))
    pattern = PROGRESS_INFO.get(record.logger)
    return bool(pattern and pattern.search(record.message))


class ProgressPrinter:
    """Prints a short view of Odoo's log as it arrives."""

    def __init__(self, out=None, prefix=PREFIX):
        self.out = out or sys.stdout
        self.prefix = prefix
        self.showing = False
        self.extra_shown = 0

    def feed(self, line):
        """Consume one raw log line and print it when it matters."""
        match = odoo_log.RECORD_RE.match(odoo_log.ANSI_RE.sub("", line.rstrip("\n")))
        if match:
            record = odoo_log.Record(
                0,
                match["time"],
                match["level"],
                match["db"],
                match["logger"],
                match["message"],
            )
            self.showing = progress_line(record, self.prefix)
            self.extra_shown = 0
            if self.showing:
                clock = record.time[11:19]
                text = f"{clock} {record.level} {record.logger}: {record.message}"
                print(f"  odoo| {text[:240]}", file=self.out, flush=True)
        elif self.showing:
            self.extra_shown += 1
            if self.extra_shown <= MAX_PROGRESS_EXTRA:
                print(f"  odoo|     {line.rstrip()[:240]}", file=self.out, flush=True)
            elif self.extra_shown == MAX_PROGRESS_EXTRA + 1:
                print("  odoo|     ... (see the log file)", file=self.out, flush=True)


def run_pg(odoo, action, name, environ):
    """Run a PostgreSQL action (``exists``/``drop``) with Odoo's python.

    Returns (status, output): for ``exists`` 0 when the database exists, 1
    when it does not; 2 when PostgreSQL cannot be reached, 3 when psycopg2
    is missing.
    """
    python = odoo.command[0]
    result = subprocess.run(
        [python, "-c", PG_SCRIPT, action, name],
        capture_output=True,
        text=True,
        env=environ,
        timeout=300,
        check=False,
    )
    return result.returncode, (result.stdout + result.stderr).strip()


def _kill_group(process):
    """Terminate Odoo and its children (Chromium), then kill if needed."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        return
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def stream_odoo(command, log_path, environ, cwd, timeout, out=None):
    """Run Odoo, tee its log to ``log_path`` and a progress view; return rc."""
    out = out or sys.stdout
    printer = ProgressPrinter(out)
    timed_out = threading.Event()
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
            env=environ,
            cwd=cwd,
            start_new_session=True,
        )

        def on_timeout():
            timed_out.set()
            _kill_group(process)

        timer = threading.Timer(timeout, on_timeout)
        timer.daemon = True
        timer.start()
        try:
            for line in process.stdout:
                log.write(line)
                printer.feed(line)
            rc = process.wait()
        except KeyboardInterrupt:
            _kill_group(process)
            raise
        finally:
            timer.cancel()
            process.stdout.close()
    if timed_out.is_set():
        print(f"Odoo was stopped after the {timeout}s timeout", file=out)
        return 124
    return rc


def run(environ=None, out=None, repo_root=REPO_ROOT):
    """Run the Odoo suite; return an :class:`Outcome`."""
    out = out or sys.stdout
    environ = dict(environ if environ is not None else os.environ)
    extra = [Path(p).resolve() for p in split_paths(environ.get("EXTRA_ADDONS_PATH"))]
    folders = [Path(repo_root).resolve(), *extra]
    found = discover_addons(folders)
    required = env_flag("ODOO_REQUIRED", environ)

    def skip(reason):
        print(f"Odoo suite SKIPPED: {reason}", file=out)
        if required:
            print("ODOO_REQUIRED=1: a skipped Odoo suite fails the run", file=out)
            return Outcome("failed", reason)
        return Outcome("skipped", reason)

    if not found:
        where = ", ".join(map(str, folders))
        return skip(f"no {PREFIX}_* addon with a __manifest__.py in {where}")
    try:
        addons = select_addons(found, environ.get("ADDONS", ""))
    except ValueError as exc:
        print(f"Odoo suite FAILED: {exc}", file=out)
        return Outcome("failed", str(exc))
    try:
        odoo = find_odoo(environ)
    except OdooUnavailable as exc:
        return skip(f"no Odoo 18 here: {exc}")

    print(f"Odoo {odoo.version} from {odoo.source}", file=out)
    print(f"addons under test: {', '.join(addons)}", file=out)
    browser = find_browser()
    if browser:
        print(f"chromium: {browser} (browser tours will run)", file=out)
    else:
        print(
            "chromium: NOT on PATH (google-chrome/chromium): Odoo skips the "
            "browser tours (HttpCase.start_tour)",
            file=out,
        )
    folders_used = sorted({str(path.parent) for path in found.values()})
    return _run_suite(odoo, addons, folders_used, environ, out, repo_root)


def prune_logs(log_dir, keep=KEEP_LOGS):
    """Delete all but the ``keep`` newest test logs of earlier runs."""
    logs = sorted(Path(log_dir).glob(f"{PREFIX}_test_*.log"))
    for old in logs[: max(len(logs) - keep, 0)]:
        try:
            old.unlink()
        except OSError:
            pass


def _raise_interrupt(signum, frame):
    """Turn SIGTERM into KeyboardInterrupt so that cleanup still runs."""
    del signum, frame
    raise KeyboardInterrupt


def _run_suite(odoo, addons, addon_folders, environ, out, repo_root):
    """Create the database, run Odoo, judge its log, clean up."""
    db_name = database_name()
    rc, message = run_pg(odoo, "exists", db_name, environ)
    if rc != 1:
        reason = message or f"database {db_name} already exists"
        print(f"Odoo suite FAILED: {reason}", file=out)
        return Outcome("failed", reason)
    log_dir = Path(environ.get("ODOO_TEST_LOG_DIR") or repo_root / ".odoo-test-logs")
    log_dir.mkdir(parents=True, exist_ok=True)
    prune_logs(log_dir)
    log_path = log_dir / f"{db_name}.log"
    data_dir = tempfile.mkdtemp(prefix="odoo-test-data-")
    command = build_command(
        odoo, addons, addon_folders, db_name, data_dir, free_port(), environ
    )
    environ.setdefault("TZ", "UTC")
    print(f"database: {db_name}", file=out)
    print(f"log file: {log_path}", file=out)
    print(f"command: {shown_command(command)}", file=out, flush=True)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _raise_interrupt)
    started = time.monotonic()
    odoo_rc = None
    try:
        timeout = int(environ.get("ODOO_TEST_TIMEOUT") or DEFAULT_TIMEOUT)
        odoo_rc = stream_odoo(command, log_path, environ, data_dir, timeout, out)
    finally:
        _cleanup(odoo, db_name, data_dir, env_flag("KEEP_DB", environ), environ, out)
        try:
            shutil.copyfile(log_path, log_dir / "latest.log")
        except OSError:
            pass
    with open(log_path, encoding="utf-8", errors="replace") as handle:
        report = odoo_log.analyse(
            handle, prefix=PREFIX, db_name=db_name, odoo_rc=odoo_rc
        )
    report.elapsed = time.monotonic() - started
    odoo_log.format_report(report, out=out)
    passed = max(report.tests_run - report.failures - report.errors, 0)
    failed = report.tests_run - passed
    if report.ok:
        return Outcome("passed", f"{report.tests_run} Odoo tests", passed, failed)
    return Outcome("failed", "; ".join(report.problems), passed, failed)


def _cleanup(odoo, db_name, data_dir, keep, environ, out):
    """Drop the test database and its data dir, unless KEEP_DB=1."""
    if keep:
        print(f"KEEP_DB=1: database {db_name} kept (data dir {data_dir})", file=out)
        return
    rc, message = run_pg(odoo, "drop", db_name, environ)
    if rc == 0:
        print(f"database {db_name} dropped", file=out)
    else:
        print(f"could not drop database {db_name}: {message}", file=out)
    shutil.rmtree(data_dir, ignore_errors=True)


def main(argv=None):
    """Command line entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument(
        "--list-addons",
        action="store_true",
        help="print the addons a run would install (comma-separated) and exit",
    )
    args = parser.parse_args(argv)
    if args.list_addons:
        folders = [REPO_ROOT, *split_paths(os.environ.get("EXTRA_ADDONS_PATH"))]
        try:
            addons = select_addons(discover_addons(folders), os.environ.get("ADDONS"))
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(",".join(addons))
        return 0
    outcome = run()
    return 1 if outcome.status == "failed" else 0


if __name__ == "__main__":
    sys.exit(main())
