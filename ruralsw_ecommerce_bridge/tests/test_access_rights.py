# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo.exceptions import AccessError

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT, TransactionCase

from .common import setup_bridge_data


class TestAccessRights(TransactionCase):
    """What each role may do with platforms, orders, signals and the logs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        setup_bridge_data(cls)

    def test_secret_visible_to_administrators_only(self):
        self.assertEqual(self.platform.secret, "test-secret-0123456789")
        for user in (self.manager, self.worker_a, self.platform_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.platform.with_user(user).read(["secret"])
        self.assertEqual(
            self.platform.with_user(self.manager).read(["code"])[0]["code"], "mangshi"
        )
        admin = self.env.ref("base.user_admin")
        old = self.platform.secret
        self.platform.with_user(admin).action_rotate_secret()
        self.assertNotEqual(self.platform.secret, old)

    def test_manager_configures_workers_read(self):
        Platform = self.env["ruralsw.platform"]
        vals = {
            "name": "新平台",
            "code": "new",
            "user_id": self.platform_user.id,
            "area_id": self.county.id,
        }
        Platform.with_user(self.manager).create(vals)
        with self.assertRaises(AccessError):
            Platform.with_user(self.worker_a).create(dict(vals, code="new2"))
        with self.assertRaises(AccessError):
            self.platform.with_user(self.worker_a).write({"rate_limit": 1})
        with self.assertRaises(AccessError):
            Platform.with_user(self.observer).search([])

    def test_orders_written_only_by_platforms_and_managers(self):
        Order = self.env["ruralsw.order"]
        with self.assertRaises(AccessError):
            Order.with_user(self.worker_a)._ruralsw_ingest(self.platform, [])
        self.assertEqual(
            Order.with_user(self.platform_user)._ruralsw_ingest(self.platform, []),
            (0, 0, []),
        )
        with self.assertRaises(AccessError):
            Order.with_user(self.observer).search([])

    def test_logs_and_keys_for_managers_only(self):
        for model in ("ruralsw.api.request", "ruralsw.idempotency.key"):
            self.env[model].with_user(self.manager).search([])
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.worker_a).search([])

    def test_import_wizard_for_managers(self):
        with self.assertRaises(AccessError):
            self.env["ruralsw.order.import"].with_user(self.worker_a).create(
                {"platform_id": self.platform.id, "file": b"eA=="}
            )

    def test_signal_rules_configured_by_managers(self):
        rule = self.env.ref("ruralsw_ecommerce_bridge.signal_rule_income_drop")
        rule.with_user(self.manager).months = 4
        with self.assertRaises(AccessError):
            rule.with_user(self.worker_a).months = 5

    def test_platform_user_is_never_assigned_work(self):
        worker = self.env["ruralsw.case"]._ruralsw_assign_social_worker(self.village_b)
        self.assertEqual(worker, self.worker_b)
        self.worker_b.action_archive()
        # only the supervisor and the platform serve the village now
        self.assertEqual(
            self.env["ruralsw.case"]._ruralsw_assign_social_worker(self.village_b),
            self.supervisor,
        )
