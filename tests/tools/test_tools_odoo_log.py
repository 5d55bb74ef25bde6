# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of tools/odoo_log.py (the Odoo test-log checker)."""

import io

from tools import odoo_log

DB = "ruralsw_test_20260101120000_4242"


def line(level, logger, message, clock="12:00:00,000", db=DB):
    """Return one Odoo log line."""
    return f"2026-01-01 {clock} 4242 {level} {db} {logger}: {message}"


def clean_log(tests=3, extra=()):
    """Return a log of a successful run, with extra lines in the middle."""
    return [
        line("INFO", "?", "odoo: Odoo version 18.0", "12:00:00,000", "?"),
        line("INFO", "odoo.modules.loading", "loading 42 modules..."),
        line(
            "INFO",
            "odoo.addons.ruralsw_case.tests.test_case",
            "Starting TestCase.test_a ...",
        ),
        *extra,
        line("INFO", "odoo.service.server", "1 post-tests in 3.00s, 10 queries"),
        line(
            "INFO",
            "odoo.tests.result",
            f"0 failed, 0 error(s) of {tests} tests when loading database '{DB}'",
            "12:02:30,500",
        ),
    ]


def analyse(lines):
    """Analyse lines the way the runner does."""
    return odoo_log.analyse(lines, db_name=DB)


def test_clean_run_passes():
    """A run with tests and no problem is OK, with counts and elapsed time."""
    report = analyse(clean_log())
    assert report.ok, report.problems
    assert (report.tests_run, report.failures, report.errors) == (3, 0, 0)
    assert report.elapsed == 150.5


def test_failed_test_fails_and_is_shown():
    """FAIL lines and the failed summary make the run fail; the traceback is kept."""
    lines = clean_log(
        extra=[
            line(
                "ERROR",
                "odoo.addons.ruralsw_case.tests.test_case",
                "FAIL: TestCase.test_a",
            ),
            "Traceback (most recent call last):",
            '  File "/repo/ruralsw_case/tests/test_case.py", line 9, in test_a',
            "AssertionError: 1 != 2",
        ]
    )
    lines[-1] = line(
        "ERROR",
        "odoo.tests.result",
        f"1 failed, 0 error(s) of 3 tests when loading database '{DB}'",
    )
    report = analyse(lines)
    assert not report.ok
    assert report.failures == 1
    assert report.failed_tests[0].extra[-1] == "AssertionError: 1 != 2"
    out = io.StringIO()
    odoo_log.format_report(report, out)
    text = out.getvalue()
    assert "verdict: FAILED" in text
    assert "\n  FAIL: TestCase.test_a\n" in text
    assert "AssertionError: 1 != 2" in text
    assert text.rstrip().endswith("odoo: 2 passed, 1 failed")


def test_error_in_test_counts():
    """An errored test (ERROR: ...) fails the run."""
    lines = clean_log()
    lines[-1] = line(
        "ERROR",
        "odoo.tests.result",
        f"0 failed, 1 error(s) of 3 tests when loading database '{DB}'",
    )
    report = analyse(lines)
    assert not report.ok
    assert report.errors == 1


def test_any_error_line_fails_even_from_other_modules():
    """An ERROR line from any logger fails the run."""
    report = analyse(clean_log(extra=[line("ERROR", "odoo.sql_db", "bad query")]))
    assert not report.ok
    assert "1 ERROR/CRITICAL line(s)" in report.problems


def test_critical_line_fails():
    """A CRITICAL line fails the run."""
    extra = [line("CRITICAL", "odoo.service.server", "Failed to initialize database")]
    assert not analyse(clean_log(extra=extra)).ok


def test_our_warnings_fail_by_logger_and_by_name():
    """Warnings from our loggers, or naming our addons/models/files, fail."""
    extra = [
        line("WARNING", "odoo.addons.ruralsw_case.models.case", "odd value"),
        line(
            "WARNING",
            "odoo.modules.loading",
            "The models ['ruralsw.case.need'] have no access rules in module "
            "ruralsw_case, consider adding some",
        ),
        line(
            "WARNING", "odoo.fields", "Field ruralsw.case.name: unknown parameter 'x'"
        ),
        line("WARNING", "py.warnings", "DeprecationWarning: deprecated call"),
        '  File "/repo/ruralsw_resource/models/stock.py", line 3, in f',
        line("WARNING", "odoo.tools.translate", "ruralsw_case/i18n/zh_CN.po: bad line"),
    ]
    report = analyse(clean_log(extra=extra))
    assert not report.ok
    assert len(report.our_warnings) == 5
    assert not report.other_warnings


def test_other_modules_warnings_are_information_only():
    """Other modules' warnings are listed but do not fail the run."""
    extra = [
        line("WARNING", "odoo.addons.stock.models.x", "something in stock"),
        line("WARNING", "odoo.modules.registry", f"slow start of database {DB}"),
        line("WARNING", "odoo.models", "ruralsws is not ours; nor is myruralsw_x"),
    ]
    report = analyse(clean_log(extra=extra))
    assert report.ok, report.problems
    assert len(report.other_warnings) == 3
    out = io.StringIO()
    odoo_log.format_report(report, out)
    assert "Warnings from other modules (information only):" in out.getvalue()


def test_warnings_while_installing_our_addon_are_ours():
    """A warning logged while Odoo installs one of our addons is ours."""
    loading = "odoo.modules.loading"
    extra = [
        line("INFO", loading, "Loading module crm (40/42)"),
        line("WARNING", "odoo.models", "crm: a warning of crm's own"),
        line("INFO", loading, "Module crm loaded in 2.00s, 900 queries"),
        line("INFO", loading, "Loading module ruralsw_case (41/42)"),
        line("WARNING", "odoo.fields", "Field res.partner.village_id: unknown param"),
        line("INFO", loading, "Module ruralsw_case loaded in 2.00s, 900 queries"),
        line("INFO", loading, "Loading module other (42/42)"),
        line("WARNING", "odoo.models", "other: a warning of another module"),
    ]
    report = analyse(clean_log(extra=extra))
    assert [r.message for r in report.our_warnings] == [
        "Field res.partner.village_id: unknown param"
    ]
    assert len(report.other_warnings) == 2


def test_test_database_name_is_not_ours():
    """The ruralsw_test_* database name in a message does not make it ours."""
    other_db = "ruralsw_test_20250101000000_1"
    extra = [line("WARNING", "odoo.sql_db", f"database {other_db} is slow")]
    assert analyse(clean_log(extra=extra)).ok


def test_zero_tests_fails():
    """A run where no test ran fails."""
    report = analyse(clean_log(tests=0))
    assert not report.ok
    assert "zero tests ran" in report.problems


def test_missing_summary_fails():
    """A log without the closing summary (Odoo died) fails."""
    report = analyse(clean_log()[:-1])
    assert not report.ok
    assert report.tests_run == 1  # counted from the "Starting" lines
    assert any("no test summary" in problem for problem in report.problems)


def test_module_summary_counts_failures():
    """'Module x: N failures' lines fail the run even without other signs."""
    extra = [
        line(
            "INFO",
            "odoo.modules.loading",
            "Module ruralsw_case: 1 failures, 0 errors of 2 tests",
        )
    ]
    assert not analyse(clean_log(extra=extra)).ok


def test_odoo_exit_status_fails():
    """A non-zero Odoo exit status fails the run."""
    report = odoo_log.analyse(clean_log(), db_name=DB, odoo_rc=1)
    assert "Odoo exited with status 1" in report.problems


def test_colour_codes_are_ignored():
    """ANSI colour codes (a log written to a terminal) do not hide levels."""
    coloured = line("\x1b[1;31m\x1b[1;49mERROR\x1b[0m", "odoo.sql_db", "boom")
    report = analyse(clean_log(extra=[coloured]))
    assert len(report.error_records) == 1


def test_cli(tmp_path, capsys):
    """The command line prints the summary and exits 0 or 1."""
    log = tmp_path / "odoo.log"
    log.write_text("\n".join(clean_log()) + "\n", encoding="utf-8")
    assert odoo_log.main([str(log), "--db", DB]) == 0
    assert "odoo: 3 passed, 0 failed" in capsys.readouterr().out
    log.write_text(
        "\n".join(clean_log(extra=[line("WARNING", "odoo.addons.ruralsw_x", "w")])),
        encoding="utf-8",
    )
    assert odoo_log.main([str(log)]) == 1
    assert "Warnings from our addons" in capsys.readouterr().out
