# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import json

from odoo import api, fields, models
from odoo.tools import SQL


class RuralswIdempotencyKey(models.Model):
    """An Idempotency-Key a platform used, the hash of the body it came
    with and the answer it got, so that a retried POST answers the same and
    creates nothing.

    The row is inserted first in the request's transaction: a concurrent
    request with the same key waits on the unique index and, once the first
    one commits, fails to serialise (``INSERT ... ON CONFLICT`` under
    repeatable read) and is retried by Odoo, then finds the stored answer;
    if the first one rolls back, the waiting one claims the key.
    """

    _name = "ruralsw.idempotency.key"
    _description = "Idempotency Key"
    _order = "id desc"

    platform_id = fields.Many2one(
        "ruralsw.platform", required=True, ondelete="cascade", readonly=True
    )
    key = fields.Char(required=True, readonly=True)
    endpoint = fields.Char(required=True, readonly=True)
    body_hash = fields.Char(required=True, readonly=True)
    status = fields.Integer(readonly=True)
    response = fields.Text(readonly=True)

    _sql_constraints = [
        (
            "key_unique",
            "unique(platform_id, key)",
            "An idempotency key is used once per platform.",
        ),
    ]

    @api.model
    def _ruralsw_claim(self, platform, key, endpoint, body_hash):
        """Claim a key. Return ``None`` when it is new (the caller goes on
        and calls :meth:`_ruralsw_store`), else ``(endpoint, body_hash,
        status, response dict)`` of the earlier request."""
        cr = self.env.cr
        cr.execute(
            SQL(
                "INSERT INTO ruralsw_idempotency_key (platform_id, key, endpoint, "
                "body_hash, create_uid, create_date, write_uid, write_date) "
                "VALUES (%s, %s, %s, %s, %s, now() AT TIME ZONE 'UTC', %s, "
                "now() AT TIME ZONE 'UTC') "
                "ON CONFLICT (platform_id, key) DO NOTHING RETURNING id",
                platform.id,
                key,
                endpoint,
                body_hash,
                self.env.uid,
                self.env.uid,
            ),
            # a concurrent claim of the key fails to serialise: Odoo runs the
            # request again, which is not an error worth a log line
            log_exceptions=False,
        )
        if cr.fetchone():
            return None
        cr.execute(
            SQL(
                "SELECT endpoint, body_hash, status, response "
                "FROM ruralsw_idempotency_key WHERE platform_id = %s AND key = %s",
                platform.id,
                key,
            )
        )
        endpoint, stored_hash, status, response = cr.fetchone()
        return endpoint, stored_hash, status, json.loads(response or "null")

    @api.model
    def _ruralsw_store(self, platform, key, status, response):
        """Remember the answer given to a claimed key."""
        self.env.cr.execute(
            SQL(
                "UPDATE ruralsw_idempotency_key SET status = %s, response = %s "
                "WHERE platform_id = %s AND key = %s",
                status,
                json.dumps(response, ensure_ascii=False),
                platform.id,
                key,
            )
        )

    @api.autovacuum
    def _gc_old_keys(self):
        """Platforms retry within hours; keep keys 30 days."""
        self.env.cr.execute(
            SQL(
                "DELETE FROM ruralsw_idempotency_key WHERE create_date < "
                "(now() AT TIME ZONE 'UTC') - interval '30 days'"
            )
        )
