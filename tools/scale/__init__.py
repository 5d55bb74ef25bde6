# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Scale-data steps, one module per addon, run by ``tools/scale_data.py``.

Extension contract: the addon ``ruralsw_<name>`` gets the module
``tools/scale/<name>.py``, which defines

- ``ADDON = "ruralsw_<name>"``;
- ``generate(env, config)``: fill the addon's tables for the county built by
  the steps it depends on, timing each table with
  ``config.recorder.table("<table>")``; small sets through the ORM, big
  tables through :mod:`tools.scale.db` (``COPY`` into a staging table, then
  one ``INSERT ... SELECT`` that also fills the stored computed and related
  columns), then ``env.invalidate_all()``;
- ``check(env, config)``: return :class:`Check` rows (counts and the
  consistency rules of the addon, as SQL);
- ``VERIFY_MODELS``: ``{model: domain}`` of the records whose stored
  computed fields and Python constraints the CLI re-evaluates through the
  ORM on a sample (anything a step forgot to fill shows up there);
- ``TABLES``: the tables to ``ANALYZE`` afterwards.

The CLI imports the step of every installed ``ruralsw_*`` addon, in
dependency order, and skips addons without one. A step may keep its parts
in helper modules named after it (``case_people.py``, ``case_draft.py``):
they have no ``ADDON`` and are never taken for a step. A step finds what
earlier steps made in ``config.shared``, filled by :mod:`tools.scale.case`
with ids: ``county``, ``townships``, ``villages``, ``workers``,
``supervisors``, ``beneficiary_ids`` and ``case_ids``. This package itself
does not import Odoo.
"""

import dataclasses
import importlib
import json
import random
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

ADDON_PREFIX = "ruralsw_"


@dataclasses.dataclass
class TableTiming:
    """Rows written to one table by one step, and the time it took."""

    step: str
    table: str
    rows: int = 0
    seconds: float = 0.0
    written: bool = True

    @property
    def rows_per_second(self):
        """Throughput, 0 when nothing was timed."""
        return self.rows / self.seconds if self.seconds > 0 else 0.0


class Recorder:
    """Time each table of each step and print one line per table."""

    def __init__(self, out=None):
        self.out = out or sys.stdout
        self.timings = []
        self.step = ""

    @contextmanager
    def table(self, table, written=True):
        """Time the block that fills ``table``; set ``.rows`` on the yielded
        :class:`TableTiming`. ``written=False`` is for work that writes no
        rows of its own (drawing, staging, ANALYZE): its time counts in the
        total, its rows do not."""
        timing = TableTiming(self.step, table, written=written)
        start = time.perf_counter()
        yield timing
        timing.seconds = time.perf_counter() - start
        self.timings.append(timing)
        self.out.write(format_timing(timing) + "\n")
        self.out.flush()

    def total(self):
        """Return the :class:`TableTiming` of the whole run: the rows
        written to real tables over all the time spent."""
        return TableTiming(
            "",
            "total (rows written)",
            sum(t.rows for t in self.timings if t.written),
            sum(t.seconds for t in self.timings),
        )

    def as_dict(self):
        """Return the timings as JSON-ready data."""
        rows = [*self.timings, self.total()]
        return [
            {
                "step": t.step,
                "table": t.table,
                "rows": t.rows,
                "seconds": round(t.seconds, 3),
                "rows_per_second": round(t.rows_per_second),
                "written": t.written,
            }
            for t in rows
        ]


TIMING_HEADER = f"{'step':<8} {'table':<34} {'rows':>9} {'seconds':>8} {'rows/s':>9}"


def format_timing(timing):
    """Return one aligned line for a :class:`TableTiming`."""
    return (
        f"{timing.step:<8} {timing.table:<34} {timing.rows:>9,} "
        f"{timing.seconds:>8.2f} {timing.rows_per_second:>9,.0f}"
    )


@dataclasses.dataclass
class Check:
    """One line of a step's check: ``value`` must equal ``expected`` (when
    ``expected`` is not ``None``)."""

    name: str
    value: object
    expected: object = None

    @property
    def ok(self):
        """Whether the value is as expected (always true for a bare figure)."""
        return self.expected is None or self.value == self.expected


@dataclasses.dataclass
class Config:
    """Options shared by every step.

    ``now`` (naive UTC, like Odoo's datetimes) is the moment the synthetic
    history ends: dates are drawn relative to it, so the same ``seed`` and
    ``now`` give the same data.
    """

    seed: int = 1
    scale: float = 1.0
    now: datetime = dataclasses.field(
        default_factory=lambda: datetime.now(timezone.utc).replace(
            tzinfo=None, second=0, microsecond=0
        )
    )
    recorder: Recorder = dataclasses.field(default_factory=Recorder)
    shared: dict = dataclasses.field(default_factory=dict)

    @property
    def today(self):
        """The date of :attr:`now`."""
        return self.now.date()

    def scaled(self, base):
        """Return ``base`` multiplied by the scale, at least 1."""
        return max(1, round(base * self.scale))

    def rng(self, *names):
        """Return a random generator seeded by the seed and ``names``, so that
        each table draws its own reproducible stream."""
        return random.Random("/".join([str(self.seed), *names]))


def step_module_name(addon):
    """Return the module of ``tools.scale`` holding the step of ``addon``
    (``ruralsw_case`` gives ``tools.scale.case``), or ``None`` for an addon
    outside the ruralsw prefix."""
    if not addon.startswith(ADDON_PREFIX):
        return None
    return f"{__name__}.{addon[len(ADDON_PREFIX) :]}"


def load_steps(addons):
    """Return ``[(addon, module)]`` for the addons (given in dependency
    order) that have a step module, i.e. a module of this package named
    after the addon whose ``ADDON`` is the addon; the others are left out."""
    steps = []
    for addon in addons:
        name = step_module_name(addon)
        if not name:
            continue
        if not (Path(__file__).parent / f"{name.rsplit('.', 1)[1]}.py").is_file():
            continue
        module = importlib.import_module(name)
        if getattr(module, "ADDON", None) == addon:
            steps.append((addon, module))
    return steps


def dependency_order(dependencies):
    """Return the names of ``dependencies`` (``{addon: set of addons}``)
    ordered so that each comes after the addons it depends on among them;
    ties are broken by name. Raise ``ValueError`` on a cycle."""
    remaining = {
        name: set(deps) & set(dependencies) for name, deps in dependencies.items()
    }
    ordered = []
    while remaining:
        ready = sorted(name for name, deps in remaining.items() if not deps)
        if not ready:
            raise ValueError(f"dependency cycle among {sorted(remaining)}")
        for name in ready:
            ordered.append(name)
            del remaining[name]
        for deps in remaining.values():
            deps.difference_update(ready)
    return ordered


def write_report(path, data):
    """Write ``data`` as indented JSON to ``path``, creating its folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n",
        encoding="utf-8",
    )
