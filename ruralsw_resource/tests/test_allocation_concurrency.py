# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Two dispatchers confirm plans for the same last stock at the same time,
each in its own database connection (as two HTTP requests would).

The fixture is committed (another connection cannot see the test
transaction), so the class builds it with its own cursor and deletes it
afterwards, as Odoo's own concurrency tests do (onboarding).
"""

import threading
import time

import psycopg2.errors

import odoo
from odoo.exceptions import RedirectWarning
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name, tagged
from odoo.tools import SQL, mute_logger

LAST_STOCK = 5
TIMEOUT = 30
MAX_TRIES = 5


@tagged("post_install", "-at_install")
class TestAllocationConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.addClassCleanup(cls._delete_fixture)
        cls.ids = {}
        with cls.registry.cursor() as cr:
            env = cls._env(cr)
            Area = env["ruralsw.area"]
            # a division of its own (province 65 is used by no other
            # test nor the demo): the codes are unique in the database
            province = Area.create(
                {
                    "name": "Concurrency Province",
                    "code": "650000000000",
                    "level": "province",
                }
            )
            city = Area.create(
                {
                    "name": "Concurrency City",
                    "code": "659900000000",
                    "level": "city",
                    "parent_id": province.id,
                }
            )
            county = Area.create(
                {
                    "name": "Concurrency County",
                    "code": "659901000000",
                    "level": "county",
                    "parent_id": city.id,
                    "latitude": 25.0,
                    "longitude": 99.0,
                }
            )
            township = Area.create(
                {
                    "name": "Concurrency Township",
                    "code": "659901100000",
                    "level": "township",
                    "parent_id": county.id,
                    "latitude": 25.1,
                    "longitude": 99.0,
                }
            )
            village = Area.create(
                {
                    "name": "Concurrency Village",
                    "code": "659901100001",
                    "level": "village",
                    "parent_id": township.id,
                    "latitude": 25.2,
                    "longitude": 99.0,
                }
            )
            station = env["ruralsw.station"].create(
                {
                    "name": "Concurrency station",
                    "station_type": "village_station",
                    "area_id": village.id,
                }
            )
            warehouse = env["stock.warehouse"].create(
                {
                    "name": "WH Concurrency",
                    "code": "RWCC",
                    "ruralsw_station_id": station.id,
                }
            )
            product = env["product.product"].create(
                {
                    "name": "Last quilts",
                    "is_storable": True,
                    "categ_id": env.ref("ruralsw_resource.product_category_aid").id,
                }
            )
            env["stock.quant"]._update_available_quantity(
                product, warehouse.lot_stock_id, LAST_STOCK
            )
            household = env["res.partner"].create(
                {
                    "name": "Concurrency household",
                    "is_household": True,
                    "village_id": village.id,
                }
            )
            requests = env["ruralsw.aid.request"].create(
                [
                    {
                        "line_ids": [
                            odoo.Command.create(
                                {
                                    "product_id": product.id,
                                    "quantity": LAST_STOCK,
                                    "household_id": household.id,
                                }
                            )
                        ]
                    }
                    for _dispatcher in range(2)
                ]
            )
            requests._ruralsw_approve()
            cls.ids = {
                "areas": (village | township | county | city | province).ids,
                "station": station.id,
                "warehouse": warehouse.id,
                "product": product.id,
                "household": household.id,
                "requests": requests.ids,
                "previews": [],
            }

    @classmethod
    def _env(cls, cr):
        """A superuser environment on ``cr``. While the tests run, the test
        runner holds the lock of the registries: a new environment would
        look the registry up by name and wait for it, so the cursor gets
        its transaction on the known registry first."""
        if cr.transaction is None:
            cr.transaction = odoo.api.Transaction(cls.registry)
        return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})

    @classmethod
    def _delete_fixture(cls):
        if not cls.ids:
            return
        with cls.registry.cursor() as cr:
            env = cls._env(cr)
            requests = env["ruralsw.aid.request"].browse(cls.ids["requests"])
            pickings = requests.line_ids.move_ids.picking_id
            pickings.action_cancel()
            pickings.move_ids.unlink()
            pickings.unlink()
            requests.action_cancel()
            env["ruralsw.aid.allocation"].browse(cls.ids["previews"]).unlink()
            requests.unlink()
            # the quants of the test product: it leaves no stock behind
            cr.execute(
                SQL("DELETE FROM stock_quant WHERE product_id = %s", cls.ids["product"])
            )
            env["res.partner"].browse(cls.ids["household"]).unlink()
            env["product.product"].browse(cls.ids["product"]).unlink()
            warehouse = env["stock.warehouse"].browse(cls.ids["warehouse"])
            warehouse.ruralsw_station_id = False
            warehouse.active = False
            env["ruralsw.station"].browse(cls.ids["station"]).unlink()
            env["ruralsw.area"].browse(cls.ids["areas"]).unlink()

    def _waiting_for_lock(self):
        """Whether another connection of this database waits for a lock."""
        with self.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            )
            return cr.fetchone()[0] > 0

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_two_dispatchers_cannot_both_reserve_the_last_stock(self):
        """The first dispatcher reserves the last stock and holds its
        transaction open; the second's confirmation waits on the locked
        stock, fails to serialise when the first commits, and on retry (as
        the server retries a request) is refused with the recomputed plan
        offered: nothing is reserved twice."""
        with self.registry.cursor() as cr:
            env = self._env(cr)
            # each dispatcher opened the plan of a request before either
            # confirmed: both plans take the same last stock
            previews = env["ruralsw.aid.allocation"]
            for request in env["ruralsw.aid.request"].browse(self.ids["requests"]):
                previews |= previews.browse(request.action_allocate()["res_id"])
            self.assertEqual(
                previews.line_ids.mapped("quantity"), [LAST_STOCK, LAST_STOCK]
            )
            self.assertEqual(previews.line_ids.warehouse_id.id, self.ids["warehouse"])
            self.ids["previews"] = previews.ids
        first_reserved = threading.Event()
        first_may_commit = threading.Event()
        outcome = {}

        def first():
            with self.registry.cursor() as cr:
                env = self._env(cr)
                preview = env["ruralsw.aid.allocation"].browse(self.ids["previews"][0])
                preview.action_confirm()
                env.flush_all()
                first_reserved.set()
                first_may_commit.wait(TIMEOUT)
            outcome["first"] = "confirmed"

        def second():
            if not first_reserved.wait(TIMEOUT):
                return
            # what the server does with a request that fails to serialise
            # (odoo.service.model.retrying, which cannot be called here: it
            # looks the registry up by name): roll back, run it again
            for _attempt in range(MAX_TRIES):
                with self.registry.cursor() as cr:
                    env = self._env(cr)
                    preview = env["ruralsw.aid.allocation"].browse(
                        self.ids["previews"][1]
                    )
                    try:
                        preview.action_confirm()
                        outcome["second"] = "confirmed"
                        return
                    except psycopg2.errors.SerializationFailure:
                        cr.rollback()
                        outcome["serialization failures"] = (
                            outcome.get("serialization failures", 0) + 1
                        )
                    except RedirectWarning as error:
                        cr.rollback()
                        outcome["second"] = error.args[0]
                        return

        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        for thread in threads:
            thread.start()
        try:
            self.assertTrue(first_reserved.wait(TIMEOUT), "the first never reserved")
            deadline = time.monotonic() + TIMEOUT
            waited = False
            while not waited and time.monotonic() < deadline:
                waited = self._waiting_for_lock()
                time.sleep(0.05)
        finally:
            first_may_commit.set()
            for thread in threads:
                thread.join(TIMEOUT)
        self.assertTrue(waited, "the second confirmation never waited for the stock")
        self.assertEqual(outcome.get("first"), "confirmed")
        # the second read the stock before the first committed: it could not
        # serialise, and saw the stock taken when it ran again
        self.assertEqual(outcome.get("serialization failures"), 1)
        self.assertIn("WH Concurrency has 0", outcome.get("second", ""))

        with self.registry.cursor() as cr:
            env = self._env(cr)
            first_request, second_request = env["ruralsw.aid.request"].browse(
                self.ids["requests"]
            )
            self.assertEqual(first_request.state, "allocated")
            self.assertEqual(
                first_request.line_ids.move_ids.mapped("state"), ["assigned"]
            )
            self.assertEqual(second_request.state, "approved")
            self.assertFalse(second_request.line_ids.move_ids)
            quants = env["stock.quant"].search(
                [("product_id", "=", self.ids["product"])]
            )
            self.assertEqual(sum(quants.mapped("quantity")), LAST_STOCK)
            self.assertEqual(sum(quants.mapped("reserved_quantity")), LAST_STOCK)
