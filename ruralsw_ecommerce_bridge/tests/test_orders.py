# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import timedelta

import psycopg2

from odoo import fields
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT, TransactionCase

from ..services import payload
from .common import VILLAGE_B_CODE, order, setup_bridge_data


class TestOrders(TransactionCase):
    """Bulk ingestion: set-based, all-or-nothing, duplicates counted, and
    linked to a household only with a valid sharing consent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        setup_bridge_data(cls)
        Partner = cls.env["res.partner"]
        cls.household = Partner.create(
            {
                "name": "罗家（芒晃村）",
                "is_household": True,
                "village_id": cls.village_a.id,
            }
        )
        cls.person = Partner.create(
            {
                "name": "罗秀英",
                "is_beneficiary": True,
                "village_id": cls.village_a.id,
                "household_id": cls.household.id,
                "household_role": "head",
            }
        )
        cls.Order = cls.env["ruralsw.order"].with_user(cls.platform_user)

    def _rows(self, *orders):
        rows, rejected, _partial = payload.validate_orders(
            {"orders": list(orders)}, fields.Datetime.now()
        )
        self.assertFalse(rejected)
        return rows

    def _ingest(self, *orders, platform=None, partial=False):
        platform = platform or self.platform
        return (
            self.env["ruralsw.order"]
            .with_user(platform.user_id)
            ._ruralsw_ingest(platform, self._rows(*orders), accept_partial=partial)
        )

    def test_ingest_counts_duplicates_in_and_across_batches(self):
        accepted, duplicates, rejected = self._ingest(
            order("A"), order("B"), order("A")
        )
        self.assertEqual((accepted, duplicates, rejected), (2, 1, []))
        accepted, duplicates, rejected = self._ingest(order("B"), order("C"))
        self.assertEqual((accepted, duplicates), (1, 1))
        orders = self.env["ruralsw.order"].search(
            [("platform_id", "=", self.platform.id)]
        )
        self.assertEqual(sorted(orders.mapped("order_ref")), ["A", "B", "C"])
        self.assertEqual(orders.village_id, self.village_a)
        self.assertEqual(orders.township_id, self.township_a)
        self.assertTrue(all(orders.mapped("received_at")), "the reception is dated")

    def test_unknown_or_foreign_village_refuses_the_batch(self):
        accepted, duplicates, rejected = self._ingest(
            order("A"),
            order("B", village_code=VILLAGE_B_CODE),
            platform=self.platform_a,
        )
        self.assertEqual((accepted, duplicates), (0, 0))
        self.assertEqual(
            rejected,
            [
                {
                    "index": 1,
                    "code": "unknown_village",
                    "message": rejected[0]["message"],
                    "field": "orders.1.village_code",
                }
            ],
        )
        self.assertFalse(
            self.env["ruralsw.order"].search([("platform_id", "=", self.platform_a.id)])
        )
        accepted, _dup, rejected = self._ingest(
            order("A"),
            order("B", village_code=VILLAGE_B_CODE),
            platform=self.platform_a,
            partial=True,
        )
        self.assertEqual((accepted, len(rejected)), (1, 1))

    def test_orders_link_to_the_household_only_with_sharing_consent(self):
        link = self.env["ruralsw.platform.buyer"].create(
            {
                "platform_id": self.platform.id,
                "buyer_key": "buyer-luo",
                "beneficiary_id": self.person.id,
            }
        )
        self._ingest(order("A"))
        first = self.env["ruralsw.order"].search([("order_ref", "=", "A")])
        self.assertFalse(
            first.household_id, "no consent yet: the order stays anonymous"
        )
        self.assertFalse(link.has_valid_consent)
        consent = self.env["ruralsw.consent"].create(
            {
                "beneficiary_id": self.person.id,
                "purpose": "platform_sharing",
                "method": "online",
                "date_given": self.today - timedelta(days=1),
            }
        )
        self.assertEqual(
            first.household_id, self.household, "consent links earlier orders"
        )
        self._ingest(order("B"))
        second = self.env["ruralsw.order"].search([("order_ref", "=", "B")])
        self.assertEqual(second.beneficiary_id, self.person)
        self.assertEqual(second.household_id, self.household)
        consent._ruralsw_revoke("不再同意")
        self.assertFalse((first | second).household_id, "revoking unlinks at once")
        self.assertFalse((first | second).beneficiary_id)

    def test_links_need_a_valid_consent_when_the_order_arrives(self):
        Consent = self.env["ruralsw.consent"]
        others = self.env["res.partner"].create(
            [
                {
                    "name": name,
                    "is_beneficiary": True,
                    "village_id": self.village_a.id,
                    "household_id": self.household.id,
                    "household_role": "spouse",
                }
                for name in ("罗桂兰", "罗明")
            ]
        )
        expired, revoked = others
        self.env["ruralsw.platform.buyer"].create(
            [
                {
                    "platform_id": self.platform.id,
                    "buyer_key": key,
                    "beneficiary_id": p.id,
                }
                for key, p in (
                    ("buyer-luo", self.person),
                    ("buyer-expired", expired),
                    ("buyer-revoked", revoked),
                )
            ]
        )
        Consent.create(
            [
                {
                    "beneficiary_id": self.person.id,
                    "purpose": "platform_sharing",
                    "method": "online",
                    "date_given": self.today - timedelta(days=30),
                },
                {
                    "beneficiary_id": expired.id,
                    "purpose": "platform_sharing",
                    "method": "online",
                    "date_given": self.today - timedelta(days=400),
                    "valid_until": self.today - timedelta(days=1),
                },
                {
                    "beneficiary_id": revoked.id,
                    "purpose": "case_management",
                    "method": "online",
                    "date_given": self.today - timedelta(days=30),
                },
            ]
        )
        self._ingest(
            order("L1"),
            order("L2", buyer_key="buyer-expired"),
            order("L3", buyer_key="buyer-revoked"),
            order("L4", buyer_key="buyer-unknown"),
        )
        orders = self.env["ruralsw.order"].search(
            [("platform_id", "=", self.platform.id)], order="order_ref"
        )
        nobody = self.env["res.partner"]
        self.assertEqual(
            [(o.order_ref, o.beneficiary_id, o.household_id) for o in orders],
            [
                ("L1", self.person, self.household),
                ("L2", nobody, nobody),
                ("L3", nobody, nobody),
                ("L4", nobody, nobody),
            ],
            "only a valid platform-sharing consent links an order",
        )

    def test_values_are_stored_as_sent(self):
        rows = self._rows(
            order('PO-1,"2"', buyer_key='k,"x"', amount="1234.56"),
            order("PO-2", category="medical", direction="purchase", amount=0),
        )
        self.Order._ruralsw_ingest(self.platform.with_user(self.platform_user), rows)
        orders = self.env["ruralsw.order"].search(
            [("platform_id", "=", self.platform.id)], order="order_ref"
        )
        self.assertEqual(orders.mapped("order_ref"), ['PO-1,"2"', "PO-2"])
        self.assertEqual(orders.mapped("buyer_key"), ['k,"x"', "buyer-luo"])
        self.assertEqual(orders.mapped("amount"), [1234.56, 0.0])
        self.assertEqual(orders.mapped("category"), ["produce", "medical"])
        self.assertEqual(orders[1].direction, "purchase")
        self.assertLess(abs(orders[0].ordered_at - rows[0][1][6]), timedelta(seconds=1))

    def test_a_failing_batch_leaves_nothing_behind(self):
        Order = self.env["ruralsw.order"].with_user(self.platform_user)
        platform = self.platform.with_user(self.platform_user)
        rows = self._rows(order("F1"), order("F2"), order("F3"))
        # the second row loses its buyer after validation: the insert fails
        # on it, after the first row, and must take the first one back too
        rows[1] = (rows[1][0], (rows[1][1][0], None, *rows[1][1][2:]))
        with (
            self.assertRaises(psycopg2.errors.NotNullViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            Order._ruralsw_ingest(platform, rows)
        self.assertFalse(
            self.env["ruralsw.order"].search([("platform_id", "=", self.platform.id)])
        )

    def test_area_rule_on_orders(self):
        self._ingest(order("A"), order("B", village_code=VILLAGE_B_CODE))
        Order = self.env["ruralsw.order"]
        self.assertEqual(
            Order.with_user(self.worker_a)
            .search([("platform_id", "=", self.platform.id)])
            .mapped("order_ref"),
            ["A"],
        )
        self.assertEqual(
            len(
                Order.with_user(self.manager).search(
                    [("platform_id", "=", self.platform.id)]
                )
            ),
            2,
        )

    def test_bulk_insert_queries_do_not_grow_with_the_batch(self):
        Order = self.env["ruralsw.order"].with_user(self.platform_user)
        platform = self.platform.with_user(self.platform_user)
        counts = []
        # the first call warms the access and rule caches
        for size in (1, 50, 1000):
            rows = self._rows(*[order(f"Q{size}-{n}") for n in range(size)])
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            accepted, _dup, _rej = Order._ruralsw_ingest(platform, rows)
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(accepted, size)
        self.assertEqual(counts[1], counts[2], "set-based: no query per order")
        self.assertLessEqual(counts[2], 6)
