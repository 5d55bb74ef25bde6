# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Shared fixture of the ruralsw_resource tests, independent of the demo.

A county with two townships: T1 has villages V1 and V2, T2 has V3. Three
warehouses: the T1 township centre, the V1 village station and the T2
township centre. Aid products (rice, a lot-tracked quilt, a wheelchair that
needs guidance) and a product that is not aid; households with their
vulnerabilities; one user per role.
"""

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT, TransactionCase

GROUP_WORKER = "ruralsw_case.group_ruralsw_social_worker"
GROUP_SUPERVISOR = "ruralsw_case.group_ruralsw_supervisor"
GROUP_MANAGER = "ruralsw_case.group_ruralsw_manager"
GROUP_OBSERVER = "ruralsw_case.group_ruralsw_observer"
GROUP_DISPATCHER = "ruralsw_resource.group_ruralsw_dispatcher"
GROUP_COORDINATOR = "ruralsw_resource.group_ruralsw_volunteer_coordinator"
GROUP_FINANCE = "ruralsw_resource.group_ruralsw_finance"


class RuralswResourceCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.company = cls.env.company
        Area = cls.env["ruralsw.area"]
        province = Area.create(
            {"name": "P", "code": "530000000000", "level": "province"}
        )
        city = Area.create(
            {
                "name": "C",
                "code": "533100000000",
                "level": "city",
                "parent_id": province.id,
            }
        )
        cls.county = Area.create(
            {
                "name": "County",
                "code": "533102000000",
                "level": "county",
                "parent_id": city.id,
                "latitude": 24.40,
                "longitude": 98.50,
            }
        )
        cls.t1, cls.t2 = Area.create(
            [
                {
                    "name": "T1",
                    "code": "533102100000",
                    "level": "township",
                    "parent_id": cls.county.id,
                    "latitude": 24.45,
                    "longitude": 98.50,
                },
                {
                    "name": "T2",
                    "code": "533102101000",
                    "level": "township",
                    "parent_id": cls.county.id,
                    "latitude": 24.20,
                    "longitude": 98.50,
                },
            ]
        )
        cls.v1, cls.v2, cls.v3 = Area.create(
            [
                {
                    "name": "V1",
                    "code": "533102100001",
                    "level": "village",
                    "parent_id": cls.t1.id,
                    "latitude": 24.50,
                    "longitude": 98.50,
                },
                {
                    "name": "V2",
                    "code": "533102100002",
                    "level": "village",
                    "parent_id": cls.t1.id,
                    # no coordinates: the township's are used
                },
                {
                    "name": "V3",
                    "code": "533102101001",
                    "level": "village",
                    "parent_id": cls.t2.id,
                    "latitude": 24.19,
                    "longitude": 98.50,
                },
            ]
        )
        Station = cls.env["ruralsw.station"]
        cls.st_t1, cls.st_v1, cls.st_t2 = Station.create(
            [
                {
                    "name": "T1 centre",
                    "station_type": "township_centre",
                    "area_id": cls.t1.id,
                },
                {
                    "name": "V1 station",
                    "station_type": "village_station",
                    "area_id": cls.v1.id,
                },
                {
                    "name": "T2 centre",
                    "station_type": "township_centre",
                    "area_id": cls.t2.id,
                },
            ]
        )
        Warehouse = cls.env["stock.warehouse"]
        cls.wh_t1, cls.wh_v1, cls.wh_t2 = Warehouse.create(
            [
                {"name": "WH T1", "code": "RWT1", "ruralsw_station_id": cls.st_t1.id},
                {"name": "WH V1", "code": "RWV1", "ruralsw_station_id": cls.st_v1.id},
                {"name": "WH T2", "code": "RWT2", "ruralsw_station_id": cls.st_t2.id},
            ]
        )
        # an old warehouse of the company without station or coordinates is
        # never chosen
        categ = cls.env.ref("ruralsw_resource.product_category_aid")
        Product = cls.env["product.product"]
        cls.rice, cls.quilt, cls.wheelchair = Product.create(
            [
                {
                    "name": "Rice 10 kg",
                    "default_code": "RICE10",
                    "is_storable": True,
                    "categ_id": categ.id,
                },
                {
                    "name": "Quilt",
                    "default_code": "QUILT",
                    "is_storable": True,
                    "categ_id": categ.id,
                    "tracking": "lot",
                },
                {
                    "name": "Wheelchair",
                    "default_code": "WCHAIR",
                    "is_storable": True,
                    "categ_id": categ.id,
                    "ruralsw_needs_guidance": True,
                },
            ]
        )
        cls.pen = Product.create({"name": "Pen", "is_storable": True})
        cls.quilt_lot = cls.env["stock.lot"].create(
            {"name": "Q-STOCK", "product_id": cls.quilt.id}
        )
        cls._stock(cls.wh_v1, cls.rice, 5)
        cls._stock(cls.wh_t1, cls.rice, 20)
        cls._stock(cls.wh_t2, cls.rice, 50)
        cls._stock(cls.wh_t1, cls.quilt, 10, lot=cls.quilt_lot)
        cls._stock(cls.wh_t1, cls.wheelchair, 2)

        Partner = cls.env["res.partner"]
        cls.h1, cls.h2, cls.h3 = Partner.create(
            [
                {"name": "Household 1", "is_household": True, "village_id": cls.v1.id},
                {"name": "Household 2", "is_household": True, "village_id": cls.v2.id},
                {"name": "Household 3", "is_household": True, "village_id": cls.v3.id},
            ]
        )
        cls.b1, cls.b2, cls.b3 = Partner.create(
            [
                {
                    "name": "Elder One",
                    "is_beneficiary": True,
                    "village_id": cls.v1.id,
                    "household_id": cls.h1.id,
                    "household_role": "head",
                    "is_elderly_alone": True,
                },
                {
                    "name": "Disabled Two",
                    "is_beneficiary": True,
                    "village_id": cls.v2.id,
                    "household_id": cls.h2.id,
                    "household_role": "head",
                    "has_disability": True,
                },
                {
                    "name": "Plain Three",
                    "is_beneficiary": True,
                    "village_id": cls.v3.id,
                    "household_id": cls.h3.id,
                    "household_role": "head",
                },
            ]
        )
        cls.supervisor = new_test_user(
            cls.env,
            login="rsr_supervisor",
            name="Supervisor",
            groups=GROUP_SUPERVISOR,
            ruralsw_area_ids=[Command.set(cls.county.ids)],
        )
        cls.worker = new_test_user(
            cls.env,
            login="rsr_worker",
            name="Worker T1",
            groups=f"{GROUP_WORKER},base.group_partner_manager",
            ruralsw_area_ids=[Command.set(cls.t1.ids)],
        )
        cls.worker2 = new_test_user(
            cls.env,
            login="rsr_worker2",
            name="Worker T2",
            groups=f"{GROUP_WORKER},base.group_partner_manager",
            ruralsw_area_ids=[Command.set(cls.t2.ids)],
        )
        cls.dispatcher = new_test_user(
            cls.env, login="rsr_dispatcher", name="Dispatcher", groups=GROUP_DISPATCHER
        )
        cls.dispatcher2 = new_test_user(
            cls.env,
            login="rsr_dispatcher2",
            name="Dispatcher 2",
            groups=GROUP_DISPATCHER,
        )
        cls.coordinator = new_test_user(
            cls.env,
            login="rsr_coordinator",
            name="Coordinator",
            groups=GROUP_COORDINATOR,
        )
        cls.finance = new_test_user(
            cls.env, login="rsr_finance", name="Finance", groups=GROUP_FINANCE
        )
        cls.manager = new_test_user(
            cls.env, login="rsr_manager", name="Manager", groups=GROUP_MANAGER
        )
        cls.observer = new_test_user(
            cls.env, login="rsr_observer", name="Observer", groups=GROUP_OBSERVER
        )
        cls.case1 = (
            cls.env["ruralsw.case"]
            .with_user(cls.worker)
            .create({"beneficiary_id": cls.b1.id, "user_id": cls.worker.id})
            .with_env(cls.env)
        )
        cls.company.ruralsw_aid_approval_quantity = 50

    @classmethod
    def _stock(cls, warehouse, product, qty, lot=None):
        cls.env["stock.quant"]._update_available_quantity(
            product, warehouse.lot_stock_id, qty, lot_id=lot
        )

    @classmethod
    def _request(cls, lines, submit=True, **vals):
        """An approved request; ``lines``: (product, qty, household)."""
        request = cls.env["ruralsw.aid.request"].create(
            {
                **vals,
                "line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "quantity": qty,
                            "household_id": hh.id,
                        }
                    )
                    for product, qty, hh in lines
                ],
            }
        )
        if submit:
            request.action_submit()
        return request

    def _preview(self, requests, user=None):
        action = requests.with_user(user or self.dispatcher).action_allocate()
        return (
            self.env["ruralsw.aid.allocation"]
            .with_user(user or self.dispatcher)
            .browse(action["res_id"])
        )

    def assertRaisesMessage(self, exception, regex):
        """``assertRaises`` (which rolls back to a savepoint, unlike
        ``assertRaisesRegex``) that also checks the message."""
        return _RaisesMessage(self, exception, regex)

    def _available(self, warehouse, product):
        return self.env["stock.quant"]._get_available_quantity(
            product, warehouse.lot_stock_id
        )


class _RaisesMessage:
    def __init__(self, case, exception, regex):
        self.case = case
        self.manager = case.assertRaises(exception)
        self.regex = regex

    def __enter__(self):
        self.caught = self.manager.__enter__()
        return self.caught

    def __exit__(self, *exc_info):
        result = self.manager.__exit__(*exc_info)
        self.case.assertRegex(str(self.caught.exception), self.regex)
        return result
