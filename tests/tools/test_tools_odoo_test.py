# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of tools/odoo_test.py (the Odoo suite runner), without Odoo."""

import importlib.util
import io
import sys
from datetime import datetime

import pytest

from tools import odoo_test


def make_addon(root, name, manifest=None):
    """Create an addon folder with a manifest; return its path."""
    folder = root / name
    folder.mkdir(parents=True)
    text = manifest if manifest is not None else '{"name": "X", "depends": ["base"]}'
    (folder / "__manifest__.py").write_text(text, encoding="utf-8")
    return folder


def make_fake_odoo(root, major=18):
    """Create a fake Odoo source tree (release.py, odoo-bin, addons/web)."""
    package = root / "odoo"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "release.py").write_text(
        f"version_info = ({major}, 0, 0, 'final', 0, '')\nversion = '{major}.0'\n",
        encoding="utf-8",
    )
    (root / "odoo-bin").write_text("import odoo\n", encoding="utf-8")
    web = root / "addons" / "web"
    web.mkdir(parents=True)
    (web / "__manifest__.py").write_text("{}", encoding="utf-8")
    return root


def test_discover_addons_finds_installable_ruralsw_addons(tmp_path):
    """Only ruralsw_* folders with an installable manifest are addons."""
    make_addon(tmp_path, "ruralsw_case")
    make_addon(tmp_path, "ruralsw_old", '{"name": "Old", "installable": False}')
    make_addon(tmp_path, "other_addon")
    (tmp_path / "ruralsw_draft").mkdir()
    extra = tmp_path / "extra"
    make_addon(extra, "ruralsw_fake")
    make_addon(extra, "ruralsw_case")  # shadowed by the first folder
    found = odoo_test.discover_addons([tmp_path, extra, tmp_path / "missing"])
    assert sorted(found) == ["ruralsw_case", "ruralsw_fake"]
    assert found["ruralsw_case"] == tmp_path / "ruralsw_case"


def test_select_addons():
    """ADDONS restricts the run; unknown names are an error."""
    found = {"ruralsw_a": None, "ruralsw_b": None}
    assert odoo_test.select_addons(found, "") == ["ruralsw_a", "ruralsw_b"]
    assert odoo_test.select_addons(found, " ruralsw_b ,") == ["ruralsw_b"]
    with pytest.raises(ValueError, match="ruralsw_zzz"):
        odoo_test.select_addons(found, "ruralsw_zzz")


def test_find_odoo_missing_python():
    """A python that does not exist: no Odoo, with the reason."""
    with pytest.raises(odoo_test.OdooUnavailable, match="not found"):
        odoo_test.find_odoo({"ODOO_PYTHON": "/nonexistent/python3"})


def test_find_odoo_python_without_odoo():
    """A python that cannot import odoo: no Odoo, with the import error."""
    if importlib.util.find_spec("odoo"):  # pragma: no cover
        pytest.skip("this python imports odoo")
    with pytest.raises(odoo_test.OdooUnavailable, match="cannot import odoo"):
        odoo_test.find_odoo({"ODOO_PYTHON": sys.executable})


def test_find_odoo_source_tree(tmp_path):
    """ODOO_PATH to an 18.0 tree gives '<python> <path>/odoo-bin'."""
    make_fake_odoo(tmp_path)
    odoo = odoo_test.find_odoo(
        {"ODOO_PYTHON": sys.executable, "ODOO_PATH": str(tmp_path)}
    )
    assert odoo.command == [sys.executable, str(tmp_path / "odoo-bin")]
    assert odoo.addons_paths == [str(tmp_path / "addons")]
    assert odoo.version == "18.0"


def test_find_odoo_wrong_version(tmp_path):
    """Another major version is refused."""
    make_fake_odoo(tmp_path, major=17)
    with pytest.raises(odoo_test.OdooUnavailable, match="gives Odoo 17.0"):
        odoo_test.find_odoo({"ODOO_PYTHON": sys.executable, "ODOO_PATH": str(tmp_path)})


def test_find_odoo_path_without_odoo_bin(tmp_path):
    """ODOO_PATH without odoo-bin is refused."""
    with pytest.raises(odoo_test.OdooUnavailable, match="has no odoo-bin"):
        odoo_test.find_odoo({"ODOO_PATH": str(tmp_path)})


def test_database_name_is_unique_per_time_and_pid():
    """Test database names carry a timestamp and the pid."""
    name = odoo_test.database_name(datetime(2026, 1, 2, 3, 4, 5), 77)
    assert name == "ruralsw_test_20260102030405_77"


def test_build_command():
    """The command installs with tests, our tags, demo data, and extra args last."""
    odoo = odoo_test.Odoo(["py", "odoo-bin"], ["/odoo/addons"], "18.0", "test")
    environ = {
        "PGHOST": "db",
        "PGPORT": "5433",
        "PGUSER": "odoo",
        "PGPASSWORD": "secret",
        "ODOO_ARGS": "--log-level=debug --test-tags=/ruralsw_a:TestX",
    }
    command = odoo_test.build_command(
        odoo, ["ruralsw_a", "ruralsw_b"], ["/repo"], "db1", "/tmp/d", 8123, environ
    )
    assert command[:2] == ["py", "odoo-bin"]
    assert "--addons-path=/odoo/addons,/repo" in command
    assert "--init=ruralsw_a,ruralsw_b" in command
    assert "--test-enable" in command
    assert "--test-tags=/ruralsw_a,/ruralsw_b" in command
    assert "--stop-after-init" in command
    assert "--http-port=8123" in command
    assert "--db_host=db" in command
    assert "--db_port=5433" in command
    assert "--db_user=odoo" in command
    assert "--load-language=zh_CN" in command
    assert "--without-demo=" in command  # i.e. demo data on, whatever the odoorc
    assert not any("secret" in part for part in command)  # libpq reads PGPASSWORD
    assert command[-2:] == ["--log-level=debug", "--test-tags=/ruralsw_a:TestX"]


def test_build_command_without_language():
    """ODOO_TEST_LANG='' loads no extra language."""
    odoo = odoo_test.Odoo(["odoo"], [], "18.0", "test")
    command = odoo_test.build_command(
        odoo, ["ruralsw_a"], [], "db1", "/tmp/d", 1, {"ODOO_TEST_LANG": ""}
    )
    assert not any(part.startswith("--load-language") for part in command)


def test_run_skips_without_addons(tmp_path):
    """No addon: the suite is skipped, and says so."""
    out = io.StringIO()
    outcome = odoo_test.run({"ODOO_PYTHON": "/nonexistent"}, out, tmp_path)
    assert outcome.status == "skipped"
    assert "no ruralsw_* addon" in out.getvalue()


def test_run_skips_without_odoo(tmp_path):
    """Addons but no Odoo 18: skipped, or failed when ODOO_REQUIRED=1."""
    make_addon(tmp_path, "ruralsw_case")
    out = io.StringIO()
    outcome = odoo_test.run({"ODOO_PYTHON": "/nonexistent"}, out, tmp_path)
    assert outcome.status == "skipped"
    assert "Odoo suite SKIPPED: no Odoo 18 here" in out.getvalue()
    environ = {"ODOO_PYTHON": "/nonexistent", "ODOO_REQUIRED": "1"}
    assert odoo_test.run(environ, io.StringIO(), tmp_path).status == "failed"


def test_run_unknown_addon_fails(tmp_path):
    """ADDONS naming an unknown addon fails the run."""
    make_addon(tmp_path, "ruralsw_case")
    environ = {"ODOO_PYTHON": "/nonexistent", "ADDONS": "ruralsw_nope"}
    assert odoo_test.run(environ, io.StringIO(), tmp_path).status == "failed"


def test_progress_view_filters_lines():
    """The progress view shows loading steps, our tests and problems only."""
    head = "2026-01-01 12:00:00,000 1 {} ruralsw_test_1_1 {}: {}"
    ours = "odoo.addons.ruralsw_case.tests.t"
    lines = [
        head.format("INFO", "odoo.modules.loading", "Loading module crm (3/40)"),
        head.format("INFO", "odoo.modules.loading", "loading crm/views/a.xml"),
        head.format("INFO", ours, "Starting T.test_a ..."),
        head.format("INFO", ours, "some chatter"),
        head.format("ERROR", ours, "FAIL: T.test_a"),
        "Traceback (most recent call last):",
        head.format("INFO", "odoo.models", "Prepare computation of x"),
        "continuation of a hidden record",
    ]
    out = io.StringIO()
    printer = odoo_test.ProgressPrinter(out)
    for raw in lines:
        printer.feed(raw + "\n")
    shown = out.getvalue()
    assert "Loading module crm (3/40)" in shown
    assert "crm/views/a.xml" not in shown
    assert "Starting T.test_a" in shown
    assert "some chatter" not in shown
    assert "FAIL: T.test_a" in shown
    assert "Traceback" in shown
    assert "Prepare computation" not in shown
    assert "hidden record" not in shown


def test_stream_odoo_tees_log_and_returns_status(tmp_path):
    """The runner keeps the whole log and returns the process status."""
    script = "print('line one'); print('line two'); raise SystemExit(3)"
    log = tmp_path / "odoo.log"
    out = io.StringIO()
    rc = odoo_test.stream_odoo(
        [sys.executable, "-c", script], log, None, str(tmp_path), 60, out
    )
    assert rc == 3
    assert log.read_text(encoding="utf-8") == "line one\nline two\n"


def test_stream_odoo_timeout(tmp_path):
    """A run past the timeout is stopped and reported as status 124."""
    out = io.StringIO()
    rc = odoo_test.stream_odoo(
        [sys.executable, "-c", "import time; time.sleep(30)"],
        tmp_path / "odoo.log",
        None,
        str(tmp_path),
        1,
        out,
    )
    assert rc == 124
    assert "timeout" in out.getvalue()


def test_prune_logs_keeps_the_newest(tmp_path):
    """Only the newest test logs are kept (names sort by time)."""
    for stamp in range(5):
        (tmp_path / f"ruralsw_test_2026010100000{stamp}_1.log").write_text("")
    (tmp_path / "latest.log").write_text("")
    odoo_test.prune_logs(tmp_path, keep=2)
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [
        "latest.log",
        "ruralsw_test_20260101000003_1.log",
        "ruralsw_test_20260101000004_1.log",
    ]
