# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The one test command behind ``make test`` / ``make lint`` / ``make pytest``.

``python3 tools/run_checks.py [all|lint|pytest|odoo]`` runs the parts in
order, keeps going after a failure so that one run shows every problem, and
ends with a summary saying what passed, failed or was skipped, and why.

* lint (no Odoo needed): ruff check, ruff format --check, pylint with
  pylint-odoo on every ``ruralsw_*`` addon (and plain pylint on tools/),
  oca-checks-odoo-module, oca-checks-po, ``msgfmt -c`` on every .po, and the
  Odoo 18 idiom guard;
* pytest: the plain tests under tests/ (no Odoo needed);
* odoo: the Odoo suite (tools/odoo_test.py), where Odoo 18 is found.

The lint tools are taken from PATH (make puts the .venv-ci venv first).
"""

import argparse
import dataclasses
import glob
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

try:  # run as tools/run_checks.py or imported as tools.run_checks
    from tools import check_odoo18_idioms, odoo_test
except ImportError:  # pragma: no cover - direct script execution
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tools import check_odoo18_idioms, odoo_test

REPO_ROOT = Path(__file__).resolve().parent.parent
# OCA's own template disables po-pretty-format too: Odoo's --i18n-export
# does not write entries in the order and wrapping that check wants.
OCA_PO_DISABLE = "po-pretty-format"
DEV_TOOLS = (
    "tools/check_odoo18_idioms.py",
    "tools/odoo_log.py",
    "tools/odoo_test.py",
    "tools/run_checks.py",
)
INSTALL_HINT = (
    "not found on PATH: run `make venv` (or .ci/run), or "
    "`pip install -r requirements-dev.txt`"
)


@dataclasses.dataclass
class Step:
    """The result of one check."""

    part: str
    name: str
    status: str  # passed / failed / skipped
    detail: str = ""
    seconds: float = 0.0
    passed: int = 0
    failed: int = 0


def banner(part, name, out=sys.stdout):
    """Print the header of a step."""
    print(f"\n==> [{part}] {name}", file=out, flush=True)


def finish(step, out=sys.stdout):
    """Print the closing line of a step and return it."""
    detail = f": {step.detail}" if step.detail else ""
    print(
        f"<-- [{step.part}] {step.name}: {step.status.upper()}{detail} "
        f"({step.seconds:.1f}s)",
        file=out,
        flush=True,
    )
    return step


def run_command(part, name, command, out=sys.stdout, cwd=REPO_ROOT):
    """Run one tool; its output goes straight to the terminal."""
    banner(part, name, out)
    print(
        f"$ {' '.join(shlex.quote(str(arg)) for arg in command)}", file=out, flush=True
    )
    if not shutil.which(str(command[0])):
        return finish(Step(part, name, "failed", f"{command[0]} {INSTALL_HINT}"), out)
    started = time.monotonic()
    rc = subprocess.call([str(arg) for arg in command], cwd=cwd)
    status = "passed" if rc == 0 else "failed"
    detail = "" if rc == 0 else f"exit status {rc}"
    return finish(Step(part, name, status, detail, time.monotonic() - started), out)


def skipped(part, name, reason, out=sys.stdout):
    """Record and print a skipped step."""
    banner(part, name, out)
    return finish(Step(part, name, "skipped", reason), out)


def addon_dirs(root=REPO_ROOT):
    """Return the repository's ``ruralsw_*`` folders that have a manifest."""
    return sorted(
        path.name
        for path in Path(root).glob("ruralsw_*")
        if (path / "__manifest__.py").is_file()
    )


def translation_files(addons, root=REPO_ROOT, suffixes=(".po", ".pot")):
    """Return the addons' i18n files with the given suffixes, repo-relative."""
    files = []
    for addon in addons:
        for path in sorted((Path(root) / addon).glob("i18n*/*")):
            if path.suffix in suffixes:
                files.append(str(path.relative_to(root)))
    return files


def lint(out=sys.stdout, root=REPO_ROOT):
    """Run every static check; return the list of steps."""
    addons = addon_dirs(root)
    steps = [
        run_command("lint", "ruff check", ["ruff", "check", "."], out, root),
        run_command(
            "lint", "ruff format --check", ["ruff", "format", "--check", "."], out, root
        ),
    ]
    if addons:
        steps.append(
            run_command(
                "lint",
                "pylint-odoo (addons)",
                [
                    "pylint",
                    "--rcfile=.pylintrc",
                    "--load-plugins=pylint_odoo",
                    "--valid-odoo-versions=18.0",
                    *addons,
                ],
                out,
                root,
            )
        )
    else:
        steps.append(skipped("lint", "pylint-odoo (addons)", "no addon yet", out))
    # the test tooling itself (other scripts in tools/ may need Odoo to be
    # linted by pylint; ruff covers them)
    tool_files = [
        path
        for path in (
            *DEV_TOOLS,
            *sorted(glob.glob("tests/tools/test_tools_*.py", root_dir=root)),
        )
        if (Path(root) / path).is_file()
    ]
    steps.append(
        run_command(
            "lint",
            "pylint (tools)",
            ["pylint", "--rcfile=pyproject.toml", *tool_files],
            out,
            root,
        )
    )
    if addons:
        steps.append(
            run_command(
                "lint",
                "oca-checks-odoo-module",
                ["oca-checks-odoo-module", *addons],
                out,
                root,
            )
        )
    else:
        steps.append(skipped("lint", "oca-checks-odoo-module", "no addon yet", out))
    translations = translation_files(addons, root)
    if translations:
        steps.append(
            run_command(
                "lint",
                "oca-checks-po",
                ["oca-checks-po", f"--disable={OCA_PO_DISABLE}", *translations],
                out,
                root,
            )
        )
    else:
        steps.append(skipped("lint", "oca-checks-po", "no .po/.pot file yet", out))
    steps.append(msgfmt(translation_files(addons, root, (".po",)), out, root))
    steps.append(idiom_guard(addons, out, root))
    return steps


def msgfmt(po_files, out=sys.stdout, root=REPO_ROOT):
    """Run ``msgfmt -c`` on each .po file (one at a time: no cross-file merge)."""
    name = "msgfmt -c"
    if not po_files:
        return skipped("lint", name, "no .po file yet", out)
    banner("lint", name, out)
    if not shutil.which("msgfmt"):
        return finish(
            Step("lint", name, "failed", "msgfmt not found: install gettext"), out
        )
    started = time.monotonic()
    bad = []
    for po_file in po_files:
        rc = subprocess.call(["msgfmt", "-c", "-o", os.devnull, po_file], cwd=root)
        if rc:
            bad.append(po_file)
    seconds = time.monotonic() - started
    if bad:
        return finish(
            Step("lint", name, "failed", f"{len(bad)} bad: {', '.join(bad)}", seconds),
            out,
        )
    detail = f"{len(po_files)} file(s)"
    return finish(Step("lint", name, "passed", detail, seconds), out)


def idiom_guard(addons, out=sys.stdout, root=REPO_ROOT):
    """Run the Odoo 18 idiom guard over the addons."""
    name = "odoo18 idiom guard"
    if not addons:
        return skipped("lint", name, "no addon yet", out)
    banner("lint", name, out)
    started = time.monotonic()
    previous = os.getcwd()
    try:
        os.chdir(root)
        rc = check_odoo18_idioms.main(addons)
    finally:
        os.chdir(previous)
    status = "passed" if rc == 0 else "failed"
    return finish(Step("lint", name, status, "", time.monotonic() - started), out)


def junit_counts(path):
    """Return (passed, failed, skipped) from a pytest JUnit XML report."""
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    total = failed = skipped_count = 0
    for suite in suites:
        total += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped_count += int(suite.get("skipped", 0))
    return total - failed - skipped_count, failed, skipped_count


def pytest_step(out=sys.stdout, root=REPO_ROOT, extra_args=()):
    """Run plain pytest; no test collected (exit 5) is not a failure."""
    name = "pytest (tests/, no Odoo)"
    banner("pytest", name, out)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ruralsw-pytest-") as tmp:
        report = Path(tmp) / "junit.xml"
        command = [sys.executable, "-m", "pytest", f"--junitxml={report}", *extra_args]
        print(
            f"$ {' '.join(shlex.quote(arg) for arg in command)}", file=out, flush=True
        )
        rc = subprocess.call(command, cwd=root)
        counts = junit_counts(report) if report.is_file() else (0, 0, 0)
    seconds = time.monotonic() - started
    passed, failed, skipped_count = counts
    if rc == 5:
        step = Step(
            "pytest", name, "passed", "no test collected (pytest exit 5)", seconds
        )
    elif rc == 0:
        detail = f"{passed} passed, {skipped_count} skipped"
        step = Step("pytest", name, "passed", detail, seconds, passed)
    else:
        detail = f"exit status {rc}: {passed} passed, {failed} failed"
        step = Step("pytest", name, "failed", detail, seconds, passed, max(failed, 1))
    return finish(step, out)


def odoo_step(out=sys.stdout, root=REPO_ROOT):
    """Run the Odoo suite when Odoo 18 is available."""
    name = "Odoo suite (fresh database, --test-enable)"
    banner("odoo", name, out)
    started = time.monotonic()
    outcome = odoo_test.run(out=out, repo_root=root)
    step = Step(
        "odoo",
        name,
        outcome.status,
        outcome.reason,
        time.monotonic() - started,
        outcome.passed,
        outcome.failed or (1 if outcome.status == "failed" else 0),
    )
    return finish(step, out)


def summary(steps, out=sys.stdout):
    """Print the summary table and the closing count line; return exit status."""
    print("\n==== summary ====", file=out)
    for step in steps:
        detail = f" -- {step.detail}" if step.detail else ""
        print(f"  {step.status.upper():8} [{step.part}] {step.name}{detail}", file=out)
    failed_steps = [step for step in steps if step.status == "failed"]
    skipped_steps = [step for step in steps if step.status == "skipped"]
    passed = sum(step.passed for step in steps)
    # a failed check that counts no test (a lint step) counts as one failure
    failed = sum(max(step.failed, 1) for step in failed_steps)
    if failed_steps:
        names = ", ".join(step.name for step in failed_steps)
        print(f"result: FAILED ({names})", file=out)
    else:
        print(f"result: OK ({len(skipped_steps)} part(s) skipped)", file=out)
    print(f"total: {passed} passed, {failed} failed", file=out, flush=True)
    return 1 if failed_steps else 0


PARTS = {
    "lint": lint,
    "pytest": lambda out: [pytest_step(out)],
    "odoo": lambda out: [odoo_step(out)],
}


def main(argv=None):
    """Command line entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument(
        "parts",
        nargs="*",
        choices=["all", *PARTS],
        default=["all"],
        help="what to run (default: all, in the order lint, pytest, odoo)",
    )
    args = parser.parse_args(argv)
    parts = list(PARTS) if "all" in args.parts else args.parts
    steps = []
    for part in parts:
        steps += PARTS[part](sys.stdout)
    return summary(steps)


if __name__ == "__main__":
    sys.exit(main())
