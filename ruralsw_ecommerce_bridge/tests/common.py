# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Shared fixture of the bridge tests, independent of the demo data.

A county (Dehong, Yunnan: codes outside the Guizhou demo) with townships A
and B and a village in each; a social worker per township, a supervisor
for the county, a manager, a volunteer with the proxy group; two platforms
acting as technical users (one limited to township A), and helpers that
build and sign API bodies.
"""

import json
import time
from datetime import date, timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from ..services import signature

CITY_CODE = "533100000000"
COUNTY_CODE = "533102000000"
TOWNSHIP_A_CODE = "533102100000"
TOWNSHIP_B_CODE = "533102101000"
VILLAGE_A_CODE = "533102100201"
VILLAGE_B_CODE = "533102101201"
SECRET = "test-secret-0123456789"
SECRET_A = "test-secret-township-a"

GROUP_WORKER = "ruralsw_case.group_ruralsw_social_worker"
GROUP_SUPERVISOR = "ruralsw_case.group_ruralsw_supervisor"
GROUP_MANAGER = "ruralsw_case.group_ruralsw_manager"
GROUP_OBSERVER = "ruralsw_case.group_ruralsw_observer"
GROUP_PLATFORM = "ruralsw_ecommerce_bridge.group_ruralsw_platform"
GROUP_PROXY = "ruralsw_ecommerce_bridge.group_ruralsw_application_proxy"
GROUP_CONTACTS = "base.group_partner_manager"


def setup_bridge_data(cls):
    """Create the fixture on ``cls`` (a TransactionCase or HttpCase)."""
    env = cls.env
    Area = env["ruralsw.area"]
    province = Area.create(
        {"name": "云南省", "code": "530000000000", "level": "province"}
    )
    city = Area.create(
        {"name": "德宏州", "code": CITY_CODE, "level": "city", "parent_id": province.id}
    )
    cls.county = Area.create(
        {"name": "芒市", "code": COUNTY_CODE, "level": "county", "parent_id": city.id}
    )
    cls.township_a, cls.township_b = Area.create(
        [
            {
                "name": "勐焕街道",
                "code": TOWNSHIP_A_CODE,
                "level": "township",
                "parent_id": cls.county.id,
            },
            {
                "name": "遮放镇",
                "code": TOWNSHIP_B_CODE,
                "level": "township",
                "parent_id": cls.county.id,
            },
        ]
    )
    cls.village_a, cls.village_b = Area.create(
        [
            {
                "name": "芒晃村",
                "code": VILLAGE_A_CODE,
                "level": "village",
                "parent_id": cls.township_a.id,
            },
            {
                "name": "弄坎村",
                "code": VILLAGE_B_CODE,
                "level": "village",
                "parent_id": cls.township_b.id,
            },
        ]
    )
    cls.supervisor = new_test_user(
        env,
        login="rsw_b_supervisor",
        name="段丽华",
        groups=f"{GROUP_SUPERVISOR},{GROUP_CONTACTS}",
        ruralsw_area_ids=[Command.set(cls.county.ids)],
    )
    cls.worker_a = new_test_user(
        env,
        login="rsw_b_worker_a",
        name="赵雪梅",
        groups=f"{GROUP_WORKER},{GROUP_CONTACTS}",
        ruralsw_area_ids=[Command.set(cls.township_a.ids)],
        ruralsw_supervisor_id=cls.supervisor.id,
    )
    cls.worker_a2 = new_test_user(
        env,
        login="rsw_b_worker_a2",
        name="杨帆",
        groups=f"{GROUP_WORKER},{GROUP_CONTACTS}",
        ruralsw_area_ids=[Command.set(cls.village_a.ids)],
        ruralsw_supervisor_id=cls.supervisor.id,
    )
    cls.worker_b = new_test_user(
        env,
        login="rsw_b_worker_b",
        name="王磊",
        groups=f"{GROUP_WORKER},{GROUP_CONTACTS}",
        ruralsw_area_ids=[Command.set(cls.township_b.ids)],
        ruralsw_supervisor_id=cls.supervisor.id,
    )
    cls.manager = new_test_user(
        env,
        login="rsw_b_manager",
        name="刘洋",
        groups=f"{GROUP_MANAGER},{GROUP_CONTACTS}",
    )
    cls.observer = new_test_user(
        env, login="rsw_b_observer", name="孙伟", groups=GROUP_OBSERVER
    )
    cls.volunteer = new_test_user(
        env,
        login="rsw_b_volunteer",
        password="rsw_b_volunteer",
        name="张建华",
        groups=f"base.group_portal,{GROUP_PROXY}",
    )
    cls.platform_user = new_test_user(
        env,
        login="rsw_b_platform",
        name="平台接口",
        groups=f"{GROUP_PLATFORM},{GROUP_CONTACTS}",
        ruralsw_area_ids=[Command.set(cls.county.ids)],
    )
    cls.platform_user_a = new_test_user(
        env,
        login="rsw_b_platform_a",
        name="街道平台接口",
        groups=f"{GROUP_PLATFORM},{GROUP_CONTACTS}",
        ruralsw_area_ids=[Command.set(cls.township_a.ids)],
    )
    Platform = env["ruralsw.platform"]
    cls.platform = Platform.create(
        {
            "name": "芒市电商平台",
            "code": "mangshi",
            "secret": SECRET,
            "user_id": cls.platform_user.id,
            "area_id": cls.county.id,
            "rate_limit": 1000,
        }
    )
    cls.platform_a = Platform.create(
        {
            "name": "勐焕小程序",
            "code": "menghuan",
            "secret": SECRET_A,
            "user_id": cls.platform_user_a.id,
            "area_id": cls.township_a.id,
            "intake_mode": "case",
        }
    )
    cls.today = fields.Date.context_today(env["ruralsw.consent"])
    # the aid catalogue: a wheelchair in stock at the township A centre
    station = env["ruralsw.station"].create(
        {
            "name": "勐焕社工站",
            "station_type": "township_centre",
            "area_id": cls.township_a.id,
        }
    )
    cls.warehouse = env["stock.warehouse"].create(
        {"name": "勐焕仓库", "code": "RBMH", "ruralsw_station_id": station.id}
    )
    cls.wheelchair = env["product.product"].create(
        {
            "name": "轮椅",
            "default_code": "RSW-WHEELCHAIR",
            "is_storable": True,
            "categ_id": env.ref("ruralsw_resource.product_category_aid").id,
            "ruralsw_needs_guidance": True,
        }
    )
    env["stock.quant"]._update_available_quantity(
        cls.wheelchair, cls.warehouse.lot_stock_id, 4
    )


def applicant(name, phone, village_code=VILLAGE_A_CODE, **extra):
    """The ``applicant`` object of an application body."""
    return {"name": name, "phone": phone, "village_code": village_code, **extra}


def application_body(external_id="EXT-1", **overrides):
    """A valid application body (an elderly woman, applied for by her son)."""
    body = {
        "external_id": external_id,
        "applicant": applicant("罗秀英", "13812345678", birth_date="1948-05-02"),
        "category": "equipment",
        "description": "腿脚不便，需要一辆轮椅。",
        "items": [{"sku": "RSW-WHEELCHAIR", "quantity": 1}],
        "submitted_by": {
            "name": "杨建国",
            "phone": "13900001111",
            "relation": "relative",
        },
        "consent": {"data_processing": True, "data_sharing": True},
        "buyer_key": "buyer-luo",
    }
    body.update(overrides)
    return body


def validated_application(env, **overrides):
    """The normalised form of :func:`application_body`."""
    from ..services import payload  # pylint: disable=import-outside-toplevel

    return payload.validate_application(
        application_body(**overrides), fields.Date.context_today(env.user)
    )


def create_application(env, platform, options=None, **overrides):
    """Record :func:`application_body` (with ``overrides``) as the platform's
    user would through the API, or as ``env``'s user when ``platform`` is
    ``None`` (the public page; ``options`` as in
    ``crm.lead._ruralsw_create_application``)."""
    Lead = env["crm.lead"]
    if platform:
        Lead = Lead.with_user(platform.user_id)
        platform = platform.with_user(platform.user_id)
    return Lead._ruralsw_create_application(
        validated_application(env, **overrides), platform, **(options or {})
    )


def order(order_id, village_code=VILLAGE_A_CODE, **overrides):
    """A valid order dict."""
    values = {
        "order_id": order_id,
        "buyer_key": "buyer-luo",
        "village_code": village_code,
        "category": "produce",
        "amount": 100.0,
        "direction": "sale",
        "ordered_at": (fields.Datetime.now() - timedelta(days=10)).isoformat(),
    }
    values.update(overrides)
    return values


def signed_headers(
    code, secret, body, key=None, now=None, content_type="application/json"
):
    """Headers of a signed request."""
    headers = signature.headers(
        code, secret, body, now if now is not None else time.time()
    )
    headers["Content-Type"] = content_type
    if key is not None:
        headers["Idempotency-Key"] = key
    return headers


def encode(data):
    """JSON bytes of a body."""
    return json.dumps(data, ensure_ascii=False).encode()


def birth_years_ago(years):
    """A birth date ``years`` years ago."""
    today = date.today()
    return today.replace(year=today.year - years, day=min(today.day, 28))
