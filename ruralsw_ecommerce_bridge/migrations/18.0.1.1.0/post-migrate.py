# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.1.0: ``ruralsw.order`` keeps no create/write user and date; its
``received_at`` (filled by ``pre-migrate``) tells when an order came. Odoo
leaves the columns of log-access fields in place, with their foreign keys
to ``res_users`` that every insert of millions of orders would still
check: drop them."""

from odoo.tools import SQL

LOG_ACCESS_COLUMNS = ("create_uid", "create_date", "write_uid", "write_date")


def migrate(cr, version):
    if not version:
        return
    for column in LOG_ACCESS_COLUMNS:
        cr.execute(
            SQL(
                "ALTER TABLE ruralsw_order DROP COLUMN IF EXISTS %s",
                SQL.identifier(column),
            )
        )
