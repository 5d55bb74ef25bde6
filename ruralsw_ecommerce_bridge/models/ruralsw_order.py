# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import io

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_index

from ..services import order_file
from ..services.errors import BridgeError

ORDER_CATEGORIES = [
    ("produce", "Farm Produce"),
    ("medical", "Medical Supplies"),
    ("assistive", "Assistive Devices"),
    ("food", "Food"),
    ("daily", "Daily Necessities"),
    ("agricultural_input", "Agricultural Inputs"),
    ("other", "Other"),
]
DIRECTIONS = [("purchase", "Purchase"), ("sale", "Sale")]
INSERT_COLUMNS = (
    "platform_id",
    "company_id",
    "order_ref",
    "buyer_key",
    "village_id",
    "township_id",
    "category",
    "amount",
    "direction",
    "ordered_at",
    "beneficiary_id",
    "household_id",
    "received_at",
)
STAGING_TABLE = "ruralsw_order_staging"
# indexes of earlier versions: the unique (platform_id, order_ref) index
# serves searches by platform, and one company per database is the rule
REDUNDANT_INDEXES = (
    "ruralsw_order__platform_id_index",
    "ruralsw_order__company_id_index",
)


class RuralswOrder(models.Model):
    """An order a platform reports: a purchase or a produce sale by an
    opaque buyer in a village. Orders are written in bulk with set-based SQL
    (thousands per call) and linked to a person and household only while
    that person consents to sharing with the platform."""

    _name = "ruralsw.order"
    _description = "Platform Order"
    _order = "ordered_at desc, id desc"
    # Orders are facts a platform reports, stored by the million and never
    # edited: no create/write user and date columns, whose two foreign keys
    # alone cost a third of each insert. Who sent them is the platform (each
    # call is logged in ruralsw.api.request, each file import on the
    # platform's chatter) and when is ``received_at``.
    _log_access = False
    _check_company_auto = True
    _rec_name = "order_ref"

    # no index of their own: every index is written for each of the millions
    # of orders (see REDUNDANT_INDEXES)
    platform_id = fields.Many2one("ruralsw.platform", required=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True)
    order_ref = fields.Char(string="Order Number", required=True)
    buyer_key = fields.Char(string="Buyer", required=True)
    village_id = fields.Many2one("ruralsw.area", required=True, index=True)
    township_id = fields.Many2one("ruralsw.area", index=True)
    category = fields.Selection(ORDER_CATEGORIES, required=True)
    amount = fields.Float(digits=(16, 2), aggregator="sum")
    direction = fields.Selection(DIRECTIONS, required=True)
    ordered_at = fields.Datetime(string="Ordered On", required=True)
    beneficiary_id = fields.Many2one(
        "res.partner", index="btree_not_null", ondelete="set null"
    )
    household_id = fields.Many2one(
        "res.partner", index="btree_not_null", ondelete="set null"
    )
    received_at = fields.Datetime(
        string="Received On", default=fields.Datetime.now, readonly=True
    )

    _sql_constraints = [
        (
            "order_unique",
            "unique(platform_id, order_ref)",
            "A platform reports each order once.",
        ),
    ]

    def init(self):
        super().init()
        # the signal job sums a household's orders over a window
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS ruralsw_order_household_date_idx "
                "ON ruralsw_order (household_id, ordered_at) "
                "WHERE household_id IS NOT NULL"
            )
        )
        for name in REDUNDANT_INDEXES:
            drop_index(self.env.cr, name, self._table)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("village_id") and not vals.get("township_id"):
                village = self.env["ruralsw.area"].browse(vals["village_id"])
                vals["township_id"] = village.township_id.id
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Bulk ingestion
    # ------------------------------------------------------------------
    @api.model
    def _ruralsw_ingest(
        self, platform, rows, accept_partial=False, label="orders", check_only=False
    ):
        """Store validated orders of a platform, set-based.

        ``rows`` are ``(index, (order_id, buyer_key, village_code, category,
        amount, direction, ordered_at))`` pairs (``services.payload``), any
        iterable. Villages are resolved inside the platform's area; a row
        whose village is unknown there is rejected. Unless ``accept_partial``,
        any rejected row stores nothing; ``check_only`` stores nothing at all.
        Return ``(accepted, duplicates, rejected)``; an order number already
        stored (or repeated in the batch) is a duplicate, never an error.

        The accepted rows are copied (``COPY``) into a temporary table and
        moved with one ``INSERT ... SELECT ... ON CONFLICT DO NOTHING``, which
        also links each order to its buyer's person and household when the
        person's sharing consent is valid: one statement, so a call stores all
        its rows or none.
        """
        self.check_access("create")
        rows = list(rows)
        villages = platform._ruralsw_villages_by_code(
            {values[2] for _i, values in rows}
        )
        rejected = [
            BridgeError(
                "unknown_village",
                f"{label}.{index}.village_code",
                {"code": values[2]},
            ).as_row(index)
            for index, values in rows
            if values[2] not in villages
        ]
        if check_only or (rejected and not accept_partial):
            return 0, 0, rejected
        buffer = io.StringIO()
        count = order_file.write_copy_rows(
            buffer,
            (
                (*values[:2], *villages[values[2]], *values[3:])
                for _index, values in rows
                if values[2] in villages
            ),
        )
        if not count:
            return 0, 0, rejected
        accepted = self._ruralsw_insert_copied(platform, buffer)
        return accepted, count - accepted, rejected

    @api.model
    def _ruralsw_insert_copied(self, platform, buffer):
        """Copy the CSV rows of ``buffer`` (see
        :func:`~..services.order_file.write_copy_rows`) into the staging
        table and insert them as orders of ``platform``; return the number of
        orders inserted (the others were duplicates)."""
        self._ruralsw_flush_links()
        cr = self.env.cr
        cr.execute(
            SQL(
                "CREATE TEMPORARY TABLE IF NOT EXISTS %s (ref varchar, buyer varchar, "
                "village int4, township int4, category varchar, amount numeric, "
                "direction varchar, ordered_at timestamp) ON COMMIT DELETE ROWS",
                SQL.identifier(STAGING_TABLE),
            )
        )
        cr.execute(SQL("TRUNCATE %s", SQL.identifier(STAGING_TABLE)))
        buffer.seek(0)
        cr.copy_expert(
            SQL(
                "COPY %s FROM STDIN WITH (FORMAT csv)", SQL.identifier(STAGING_TABLE)
            ).code,
            buffer,
        )
        consent = self.env["ruralsw.platform.buyer"]._ruralsw_consent_sql(
            SQL("b.beneficiary_id")
        )
        cr.execute(
            SQL(
                "INSERT INTO ruralsw_order (%s) "
                "SELECT %s, %s, t.ref, t.buyer, t.village, t.township, t.category, "
                "t.amount, t.direction, t.ordered_at, l.beneficiary_id, "
                "l.household_id, now() AT TIME ZONE 'UTC' "
                "FROM %s t LEFT JOIN ("
                " SELECT b.buyer_key, b.beneficiary_id, p.household_id "
                " FROM ruralsw_platform_buyer b "
                " JOIN res_partner p ON p.id = b.beneficiary_id "
                " WHERE b.platform_id = %s AND %s"
                ") l ON l.buyer_key = t.buyer "
                "ON CONFLICT (platform_id, order_ref) DO NOTHING",
                SQL(", ").join(SQL.identifier(column) for column in INSERT_COLUMNS),
                platform.id,
                platform.company_id.id,
                SQL.identifier(STAGING_TABLE),
                platform.id,
                consent,
            )
        )
        return cr.rowcount

    @api.model
    def _ruralsw_buyer_links(self, platform, buyer_keys):
        """Return ``{buyer_key: (beneficiary_id, household_id)}`` for the
        buyers linked to a person with a valid sharing consent."""
        if not buyer_keys:
            return {}
        self._ruralsw_flush_links()
        self.env.cr.execute(
            SQL(
                "SELECT b.buyer_key, p.id, p.household_id "
                "FROM ruralsw_platform_buyer b "
                "JOIN res_partner p ON p.id = b.beneficiary_id "
                "WHERE b.platform_id = %s AND b.buyer_key = ANY(%s) AND %s",
                platform.id,
                list(buyer_keys),
                self.env["ruralsw.platform.buyer"]._ruralsw_consent_sql(
                    SQL("b.beneficiary_id")
                ),
            )
        )
        return {
            buyer: (person, household)
            for buyer, person, household in self.env.cr.fetchall()
        }

    @api.model
    def _ruralsw_flush_links(self):
        """Write pending ORM changes the link queries read."""
        self.env["ruralsw.consent"].flush_model()
        self.env["ruralsw.platform.buyer"].flush_model()
        self.env["res.partner"].flush_model(["household_id"])

    @api.model
    def _ruralsw_relink(self, platform_ids=None):
        """Recompute the person and household of orders from the buyer links
        and today's consents, in two statements: links appear when consent is
        given and vanish when it is revoked or expires."""
        self._ruralsw_flush_links()
        platform_filter = (
            SQL("o.platform_id = ANY(%s)", list(platform_ids))
            if platform_ids
            else SQL("TRUE")
        )
        consent = self.env["ruralsw.platform.buyer"]._ruralsw_consent_sql(
            SQL("b.beneficiary_id")
        )
        self.env.cr.execute(
            SQL(
                "UPDATE ruralsw_order o SET beneficiary_id = b.beneficiary_id, "
                "household_id = p.household_id "
                "FROM ruralsw_platform_buyer b JOIN res_partner p "
                "ON p.id = b.beneficiary_id "
                "WHERE b.platform_id = o.platform_id AND b.buyer_key = o.buyer_key "
                "AND %s AND %s AND (o.beneficiary_id IS DISTINCT FROM b.beneficiary_id "
                "OR o.household_id IS DISTINCT FROM p.household_id)",
                platform_filter,
                consent,
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE ruralsw_order o SET beneficiary_id = NULL, household_id = NULL "
                "WHERE o.beneficiary_id IS NOT NULL AND %s AND NOT EXISTS ("
                "SELECT 1 FROM ruralsw_platform_buyer b WHERE b.platform_id = "
                "o.platform_id AND b.buyer_key = o.buyer_key "
                "AND b.beneficiary_id = o.beneficiary_id AND %s)",
                platform_filter,
                consent,
            )
        )
        self.invalidate_model(["beneficiary_id", "household_id"])
