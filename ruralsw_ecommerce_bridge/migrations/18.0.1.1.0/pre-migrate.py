# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.1.0, before the models load: ``received_at`` is made from
``create_date`` (the ORM would otherwise give every existing order the
upgrade's time); ``post-migrate`` drops the old log-access columns."""

from odoo.tools.sql import column_exists


def migrate(cr, version):
    if not version or not column_exists(cr, "ruralsw_order", "create_date"):
        return
    cr.execute(
        "ALTER TABLE ruralsw_order ADD COLUMN IF NOT EXISTS received_at timestamp"
    )
    cr.execute(
        "UPDATE ruralsw_order SET received_at = create_date WHERE received_at IS NULL"
    )
