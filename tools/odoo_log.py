# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Judge an Odoo server log written by a test run (``--test-enable``).

Pure Python (standard library only) so that it runs, and is unit-tested,
without Odoo. The run fails when:

* any test failed or errored (``N failed, N error(s) of N tests`` summary,
  ``FAIL:``/``ERROR:`` test lines, ``Module x: N failures`` lines);
* any ERROR or CRITICAL line was logged, whoever logged it;
* one of *our* addons caused a WARNING: the logger is ``odoo.addons.<prefix>_*``,
  or the record (message and its continuation lines such as a traceback)
  names one of our addons, models, XML ids or files (``ruralsw_case``,
  ``ruralsw.case``, ``ruralsw_case/views/...``), or it was logged while Odoo
  was installing one of our addons (between ``Loading module ruralsw_x`` and
  ``Module ruralsw_x loaded in``: its models, data, views and at-install
  tests);
* no test ran at all, or the closing test summary is missing (Odoo died).

Warnings from other modules are listed as information only.

Usage: ``python3 tools/odoo_log.py LOGFILE [--db NAME] [--prefix ruralsw]``
"""

import argparse
import dataclasses
import re
import sys
from datetime import datetime

# Odoo's format: '%(asctime)s %(pid)s %(levelname)s %(dbname)s %(name)s: %(message)s'
RECORD_RE = re.compile(
    r"^(?P<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) (?P<pid>\d+) "
    r"(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL|\?) (?P<db>\S+) "
    r"(?P<logger>[^\s:]+): ?(?P<message>.*)$"
)
ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")
SUMMARY_RE = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests"
)
MODULE_SUMMARY_RE = re.compile(
    r"Module (?P<module>\S+): (?P<failed>\d+) failures?, (?P<errors>\d+) errors? "
    r"of (?P<run>\d+) tests"
)
LOADING_MODULE_RE = re.compile(r"^Loading module (?P<module>\S+) \(\d+/\d+\)")
MODULE_LOADED_RE = re.compile(r"^Module \S+ loaded in ")
TEST_OUTCOME_RE = re.compile(r"^(?P<kind>FAIL|ERROR): (?P<test>\S+)")
STARTING_RE = re.compile(r"^Starting (?P<test>\S+) \.\.\.")
FAILING_LEVELS = ("ERROR", "CRITICAL")
MAX_SHOWN_LINES = 12


@dataclasses.dataclass
class Record:
    """One log record: its first line and the continuation lines below it."""

    lineno: int
    time: str
    level: str
    db: str
    logger: str
    message: str
    extra: list = dataclasses.field(default_factory=list)

    @property
    def text(self):
        """Return the whole record text: message plus continuation lines."""
        return "\n".join([self.message, *self.extra])

    def headline(self):
        """Return a one-line view of the record for reports."""
        return f"line {self.lineno}: {self.level} {self.logger}: {self.message}"


@dataclasses.dataclass
class Report:
    """What a log says about a test run, and the verdict."""

    tests_run: int = 0
    failures: int = 0
    errors: int = 0
    summary_found: bool = False
    started_tests: int = 0
    failed_tests: list = dataclasses.field(default_factory=list)
    error_records: list = dataclasses.field(default_factory=list)
    our_warnings: list = dataclasses.field(default_factory=list)
    other_warnings: list = dataclasses.field(default_factory=list)
    elapsed: float = 0.0
    problems: list = dataclasses.field(default_factory=list)

    @property
    def ok(self):
        """Return True when the run is acceptable."""
        return not self.problems


def parse_records(lines):
    """Group raw log lines into :class:`Record` objects.

    Lines that do not start a record (tracebacks, multi-line messages) are
    attached to the record above them; lines before the first record are
    dropped.
    """
    records = []
    for lineno, raw in enumerate(lines, start=1):
        line = ANSI_RE.sub("", raw.rstrip("\n"))
        match = RECORD_RE.match(line)
        if match:
            records.append(
                Record(
                    lineno=lineno,
                    time=match["time"],
                    level=match["level"],
                    db=match["db"],
                    logger=match["logger"],
                    message=match["message"].rstrip(),
                )
            )
        elif records:
            records[-1].extra.append(line)
    return records


def ours_re(prefix, db_name=None):
    """Return a predicate telling whether a record concerns our addons.

    A record is ours when its logger is ``odoo.addons.<prefix>_...`` or its
    text names ``<prefix>_something`` or ``<prefix>.something`` (addon,
    model, XML id, file path). The test database name is ignored.
    """
    pattern = re.compile(rf"(?<![\w-]){re.escape(prefix)}[_.][A-Za-z]\w*")
    logger_pattern = re.compile(rf"^odoo\.addons\.{re.escape(prefix)}_")
    db_pattern = re.compile(rf"\b{re.escape(prefix)}_test_\d+_\d+\b")

    def is_ours(record):
        if logger_pattern.match(record.logger):
            return True
        text = record.text
        if db_name:
            text = text.replace(db_name, "")
        text = db_pattern.sub("", text)
        return bool(pattern.search(text))

    return is_ours


def _elapsed(records):
    """Return seconds between the first and the last record."""
    if not records:
        return 0.0
    fmt = "%Y-%m-%d %H:%M:%S,%f"
    try:
        start = datetime.strptime(records[0].time, fmt)
        end = datetime.strptime(records[-1].time, fmt)
    except ValueError:
        return 0.0
    return max((end - start).total_seconds(), 0.0)


def _count_tests(report, record):
    """Update the report's test counters from one record.

    Returns the number of failed/errored tests a ``Module x: ...`` line reports.
    """
    message = record.message
    summary = SUMMARY_RE.search(message)
    if summary and record.logger == "odoo.tests.result":
        # the last summary is the global one (at_install + post_install)
        report.summary_found = True
        report.tests_run = int(summary["run"])
        report.failures = int(summary["failed"])
        report.errors = int(summary["errors"])
    if STARTING_RE.match(message):
        report.started_tests += 1
    if TEST_OUTCOME_RE.match(message) and record.level in FAILING_LEVELS:
        report.failed_tests.append(record)
    module_summary = MODULE_SUMMARY_RE.search(message)
    if module_summary:
        return int(module_summary["failed"]) + int(module_summary["errors"])
    return 0


def _verdict(report, prefix, module_failures, odoo_rc):
    """Fill ``report.problems`` from the counters."""
    if not report.summary_found:
        report.tests_run = report.started_tests
        report.problems.append(
            "no test summary ('N failed, N error(s) of N tests') in the log: "
            "Odoo stopped before the end of the test run"
        )
    if report.failures or report.errors or module_failures or report.failed_tests:
        report.problems.append(
            f"tests failed: {report.failures} failure(s), {report.errors} error(s), "
            f"{len(report.failed_tests)} FAIL/ERROR test line(s)"
        )
    if report.error_records:
        report.problems.append(f"{len(report.error_records)} ERROR/CRITICAL line(s)")
    if report.our_warnings:
        report.problems.append(
            f"{len(report.our_warnings)} WARNING line(s) from {prefix} addons"
        )
    if report.tests_run == 0:
        report.problems.append("zero tests ran")
    if odoo_rc not in (None, 0):
        report.problems.append(f"Odoo exited with status {odoo_rc}")


def analyse(lines, prefix="ruralsw", db_name=None, odoo_rc=None):
    """Analyse log lines and return a :class:`Report` with its verdict."""
    records = parse_records(lines)
    is_ours = ours_re(prefix, db_name)
    report = Report(elapsed=_elapsed(records))
    module_failures = 0
    loading = None  # the addon Odoo is installing at this point of the log
    for record in records:
        if record.logger == "odoo.modules.loading":
            started = LOADING_MODULE_RE.match(record.message)
            if started:
                loading = started["module"]
            elif MODULE_LOADED_RE.match(record.message):
                loading = None
        module_failures += _count_tests(report, record)
        if record.level in FAILING_LEVELS:
            report.error_records.append(record)
        elif record.level == "WARNING":
            ours_loading = bool(loading and loading.startswith(f"{prefix}_"))
            if ours_loading or is_ours(record):
                report.our_warnings.append(record)
            else:
                report.other_warnings.append(record)
    _verdict(report, prefix, module_failures, odoo_rc)
    return report


def _show(record, out, full=False):
    """Print a record, with its continuation lines cut to a readable length."""
    print(f"  {record.headline()}", file=out)
    extra = record.extra if full else record.extra[:MAX_SHOWN_LINES]
    for line in extra:
        print(f"      {line}", file=out)
    if len(extra) < len(record.extra):
        print(f"      ... ({len(record.extra) - len(extra)} more lines)", file=out)


def format_report(report, out=None, max_info=20):
    """Print the report: summary, offending lines, informational warnings."""
    out = out or sys.stdout
    passed = max(report.tests_run - report.failures - report.errors, 0)
    print("---- Odoo test log summary ----", file=out)
    print(f"tests run:        {report.tests_run}", file=out)
    print(f"failures:         {report.failures}", file=out)
    print(f"errors:           {report.errors}", file=out)
    print(f"ERROR/CRITICAL:   {len(report.error_records)}", file=out)
    print(f"our warnings:     {len(report.our_warnings)}", file=out)
    print(f"other warnings:   {len(report.other_warnings)} (informational)", file=out)
    print(f"elapsed:          {report.elapsed:.0f}s", file=out)
    for record in report.failed_tests:
        print(f"  {record.message}", file=out)
    if report.error_records:
        print("ERROR/CRITICAL lines:", file=out)
        for record in report.error_records:
            _show(record, out)
    if report.our_warnings:
        print("Warnings from our addons (these fail the run):", file=out)
        for record in report.our_warnings:
            _show(record, out)
    if report.other_warnings:
        print("Warnings from other modules (information only):", file=out)
        for record in report.other_warnings[:max_info]:
            print(f"  {record.headline()}", file=out)
        if len(report.other_warnings) > max_info:
            print(f"  ... and {len(report.other_warnings) - max_info} more", file=out)
    if report.ok:
        print("verdict: OK", file=out)
    else:
        print("verdict: FAILED", file=out)
        for problem in report.problems:
            print(f"  - {problem}", file=out)
    print(f"odoo: {passed} passed, {report.tests_run - passed} failed", file=out)


def main(argv=None):
    """Command line entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("logfile", help="Odoo log file written with --log-level=info")
    parser.add_argument("--prefix", default="ruralsw", help="our addons' name prefix")
    parser.add_argument("--db", help="test database name, ignored when matching")
    parser.add_argument("--odoo-rc", type=int, help="Odoo's exit status, if known")
    args = parser.parse_args(argv)
    with open(args.logfile, encoding="utf-8", errors="replace") as handle:
        report = analyse(
            handle, prefix=args.prefix, db_name=args.db, odoo_rc=args.odoo_rc
        )
    format_report(report)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
