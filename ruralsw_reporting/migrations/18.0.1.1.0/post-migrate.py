# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.1.0: the rebuild also hides the rows and counts that would let a
small cell be worked out by subtraction (``suppressed_mask`` is new), and
there is a stock table. Mark every reporting table stale, so that the
hourly cron rebuilds them all with the new rules."""

PARAM_PREFIX = "ruralsw_reporting.rebuilt."


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "DELETE FROM ir_config_parameter WHERE key LIKE %s",
        (PARAM_PREFIX.replace("_", r"\_") + "%",),
    )
