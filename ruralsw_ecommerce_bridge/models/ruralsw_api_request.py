# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.tools import SQL


class RuralswApiRequest(models.Model):
    """One request to the API or the public application page: the audit
    trail, and what the rate limits count. Written with plain SQL (one row
    per request, no ORM overhead) and never updated."""

    _name = "ruralsw.api.request"
    _description = "API Request"
    _order = "id desc"
    _log_access = False

    platform_id = fields.Many2one(
        "ruralsw.platform", index=True, ondelete="cascade", readonly=True
    )
    create_date = fields.Datetime(string="Date", readonly=True, index=True)
    method = fields.Char(readonly=True)
    path = fields.Char(readonly=True, index=True)
    status = fields.Integer(readonly=True)
    error_code = fields.Char(readonly=True)
    client_hash = fields.Char(
        readonly=True,
        index="btree_not_null",
        help="Hash of the client address: enough to rate-limit, not to locate.",
    )
    duration_ms = fields.Integer(string="Duration (ms)", readonly=True)

    @api.model
    def _ruralsw_log(self, platform, method, path, status, error_code=None, **extra):
        """Insert one request row (a NUL of the path, from ``%00``, which
        PostgreSQL cannot store, is shown as U+FFFD)."""
        self.env.cr.execute(
            SQL(
                "INSERT INTO ruralsw_api_request (platform_id, method, path, status, "
                "error_code, client_hash, duration_ms, create_date) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, now() AT TIME ZONE 'UTC')",
                platform.id or None,
                method,
                path[:200].replace("\x00", "\ufffd"),
                status,
                error_code,
                extra.get("client_hash"),
                extra.get("duration_ms"),
            )
        )

    @api.model
    def _ruralsw_count_recent(
        self, seconds, platform=None, client_hash=None, path=None
    ):
        """Number of requests of a platform or a client in the last seconds."""
        conditions = [
            SQL(
                "create_date > (now() AT TIME ZONE 'UTC') - make_interval(secs => %s)",
                seconds,
            )
        ]
        if platform is not None:
            conditions.append(SQL("platform_id = %s", platform.id))
        if client_hash is not None:
            conditions.append(SQL("client_hash = %s", client_hash))
        if path is not None:
            conditions.append(SQL("path = %s", path))
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM ruralsw_api_request WHERE %s",
                SQL(" AND ").join(conditions),
            )
        )
        return self.env.cr.fetchone()[0]

    @api.autovacuum
    def _gc_old_requests(self):
        """Keep 90 days of requests."""
        self.env.cr.execute(
            SQL(
                "DELETE FROM ruralsw_api_request WHERE create_date < "
                "(now() AT TIME ZONE 'UTC') - interval '90 days'"
            )
        )
