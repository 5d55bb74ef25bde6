# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.tools import SQL

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
    "create_uid",
    "write_uid",
    "create_date",
    "write_date",
)


class RuralswOrder(models.Model):
    """An order a platform reports: a purchase or a produce sale by an
    opaque buyer in a village. Orders are written in bulk with set-based SQL
    (thousands per call) and linked to a person and household only while
    that person consents to sharing with the platform."""

    _name = "ruralsw.order"
    _description = "Platform Order"
    _order = "ordered_at desc, id desc"
    _check_company_auto = True
    _rec_name = "order_ref"

    platform_id = fields.Many2one(
        "ruralsw.platform", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
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
        """Store validated orders of a platform in one statement.

        ``rows`` are ``(index, (order_id, buyer_key, village_code, category,
        amount, direction, ordered_at))`` pairs (``services.payload``).
        Villages are resolved inside the platform's area; a row whose village
        is unknown there is rejected. Unless ``accept_partial``, any rejected
        row stores nothing; ``check_only`` stores nothing at all. Return
        ``(accepted,
        duplicates, rejected)``; an order number already stored (or repeated
        in the batch) is a duplicate, never an error.
        """
        self.check_access("create")
        villages = platform._ruralsw_villages_by_code(
            {values[2] for _i, values in rows}
        )
        accepted_rows, rejected = [], []
        for index, values in rows:
            village = villages.get(values[2])
            if village is None:
                rejected.append(
                    BridgeError(
                        "unknown_village",
                        f"{label}.{index}.village_code",
                        {"code": values[2]},
                    ).as_row(index)
                )
            else:
                accepted_rows.append((values, village))
        if check_only or (rejected and not accept_partial) or not accepted_rows:
            return 0, 0, rejected
        links = self._ruralsw_buyer_links(platform, {v[1] for v, _vil in accepted_rows})
        columns = list(
            zip(*[values for values, _village in accepted_rows], strict=True)
        )
        village_ids = [village[0] for _values, village in accepted_rows]
        township_ids = [village[1] for _values, village in accepted_rows]
        people = [links.get(buyer, (None, None)) for buyer in columns[1]]
        self.env.cr.execute(
            SQL(
                "INSERT INTO ruralsw_order (%s) "
                "SELECT %s, %s, t.ref, t.buyer, t.village, t.township, t.category, "
                "t.amount, t.direction, t.ordered_at, t.beneficiary, t.household, "
                "%s, %s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' "
                "FROM unnest(%s::varchar[], %s::varchar[], %s::int[], %s::int[], "
                "%s::varchar[], %s::numeric[], %s::varchar[], %s::timestamp[], "
                "%s::int[], %s::int[]) AS t(ref, buyer, village, township, category, "
                "amount, direction, ordered_at, beneficiary, household) "
                "ON CONFLICT (platform_id, order_ref) DO NOTHING",
                SQL(", ").join(SQL.identifier(column) for column in INSERT_COLUMNS),
                platform.id,
                platform.company_id.id,
                self.env.uid,
                self.env.uid,
                list(columns[0]),
                list(columns[1]),
                village_ids,
                township_ids,
                list(columns[3]),
                list(columns[4]),
                list(columns[5]),
                list(columns[6]),
                [person[0] for person in people],
                [person[1] for person in people],
            )
        )
        accepted = self.env.cr.rowcount
        return accepted, len(accepted_rows) - accepted, rejected

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
