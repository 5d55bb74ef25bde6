# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Validation of the API bodies (ruralsw_ecommerce_bridge.services.payload)."""

import copy
from datetime import date, datetime

import pytest

from ruralsw_ecommerce_bridge.services import openapi, payload
from ruralsw_ecommerce_bridge.services.errors import BridgeError

TODAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 9, 0)
APPLICATION = {
    "external_id": "APP-1",
    "applicant": {
        "name": "罗秀英",
        "phone": "138-1234-5678",
        "village_code": "522731100201",
        "birth_date": "1948-05-02",
    },
    "category": "equipment",
    "description": "需要一辆轮椅",
    "items": [{"sku": "WHEELCHAIR", "quantity": 1}],
    "submitted_by": {"name": "杨建国", "phone": "13900001111", "relation": "relative"},
    "consent": {"data_processing": True, "data_sharing": False},
}
ORDER = {
    "order_id": "O-1",
    "buyer_key": "b7c1e2",
    "village_code": "522731100201",
    "category": "produce",
    "amount": "128.50",
    "direction": "sale",
    "ordered_at": "2026-11-30T10:00:00+08:00",
}


def _with(data, path, value):
    """Return a deep copy of ``data`` with the dotted ``path`` set (or removed
    when ``value`` is ``...``)."""
    data = copy.deepcopy(data)
    *parents, last = path.split(".")
    target = data
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return data


def test_valid_application_is_normalised():
    result = payload.validate_application(APPLICATION, TODAY)
    assert result["applicant"]["phone"] == "13812345678"
    assert result["applicant"]["birth_date"] == date(1948, 5, 2)
    assert result["submitted_by"]["relation"] == "relative"
    assert result["items"] == [{"sku": "WHEELCHAIR", "quantity": 1}]
    assert result["buyer_key"] is None


@pytest.mark.parametrize(
    ("path", "value", "code"),
    [
        ("external_id", ..., "required"),
        ("external_id", 5, "type"),
        ("applicant", ..., "required"),
        ("applicant.name", "", "length"),
        ("applicant.phone", "call me", "format"),
        ("applicant.village_code", "52273110020", "format"),
        ("applicant.village_code", 522731100201, "type"),
        ("applicant.birth_date", "1948-02-30", "format"),
        ("applicant.birth_date", "2030-01-01", "future"),
        ("applicant.nickname", "x", "unknown_field"),
        ("category", "loan", "choice"),
        ("description", "x" * 4001, "length"),
        ("items", {"sku": "A"}, "type"),
        ("items.0.quantity", 0, "range"),
        ("items.0.quantity", True, "type"),
        ("items.0.quantity", 1.5, "type"),
        ("items.0.sku", None, "required"),
        ("submitted_by.relation", "friend", "choice"),
        ("consent", ..., "required"),
        ("consent.data_sharing", "yes", "type"),
        ("consent.data_processing", False, "consent_required"),
        ("buyer_key", "13812345678", "personal_data"),
        ("extra", 1, "unknown_field"),
    ],
)
def test_invalid_application_names_the_field(path, value, code):
    with pytest.raises(BridgeError) as caught:
        payload.validate_application(_with(APPLICATION, path, value), TODAY)
    assert caught.value.code == code
    assert caught.value.field == path
    assert caught.value.status == 400
    body = caught.value.as_json()
    assert body["error"]["field"] == path and body["error"]["message"]


def test_application_must_be_an_object():
    with pytest.raises(BridgeError) as caught:
        payload.validate_application([1, 2], TODAY)
    assert caught.value.code == "type"


def test_id_number_checker_is_called_and_its_error_reported():
    def check(value):
        if value.endswith("X"):
            raise ValueError("wrong check character")
        return value.upper()

    data = _with(APPLICATION, "applicant.id_number", "52273119480502123x")
    assert (
        payload.validate_application(data, TODAY, str.upper)["applicant"]["id_number"]
        == "52273119480502123X"
    )
    with pytest.raises(BridgeError) as caught:
        payload.validate_application(
            _with(APPLICATION, "applicant.id_number", "52273119480502123X"),
            TODAY,
            check,
        )
    assert caught.value.field == "applicant.id_number"
    assert "wrong check character" in caught.value.message


def test_valid_orders():
    rows, rejected, partial = payload.validate_orders({"orders": [ORDER]}, NOW)
    assert rejected == [] and partial is False
    index, values = rows[0]
    assert index == 0
    assert values[:6] == ("O-1", "b7c1e2", "522731100201", "produce", 128.5, "sale")
    # +08:00 becomes UTC; a naive value is China time
    assert values[6] == datetime(2026, 11, 30, 2, 0)
    naive = _with(ORDER, "ordered_at", "2026-11-30T10:00:00")
    assert payload.validate_order(naive, "o", NOW)[6] == datetime(2026, 11, 30, 2, 0)


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("order_id", ..., "required"),
        ("buyer_key", "+8613812345678", "personal_data"),
        ("village_code", "abc", "format"),
        ("category", "weapons", "choice"),
        ("amount", -1, "range"),
        ("amount", "12,5", "type"),
        ("amount", float("nan"), "type"),
        ("amount", True, "type"),
        ("direction", "refund", "choice"),
        ("ordered_at", "yesterday", "format"),
        ("ordered_at", "2027-06-01T00:00:00Z", "future"),
        ("ordered_at", "1999-06-01T00:00:00Z", "range"),
        ("colour", "red", "unknown_field"),
    ],
)
def test_invalid_orders_are_rejected_by_index(field, value, code):
    bad = _with(ORDER, field, value)
    good = _with(ORDER, "order_id", "O-2")
    rows, rejected, _partial = payload.validate_orders(
        {"orders": [good, bad], "accept_partial": True}, NOW
    )
    assert [index for index, _values in rows] == [0]
    assert len(rejected) == 1
    assert rejected[0]["index"] == 1
    assert rejected[0]["code"] == code
    assert rejected[0]["field"] == f"orders.1.{field}"


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({}, "required", "orders"),
        ({"orders": {}}, "type", "orders"),
        ({"orders": []}, "empty", "orders"),
        ({"orders": [ORDER], "accept_partial": "yes"}, "type", "accept_partial"),
        ({"orders": [ORDER], "x": 1}, "unknown_field", "x"),
        ("orders", "type", ""),
    ],
)
def test_invalid_batches(body, code, field):
    with pytest.raises(BridgeError) as caught:
        payload.validate_orders(body, NOW)
    assert (caught.value.code, caught.value.field) == (code, field)


def test_batch_size_limit():
    orders = [_with(ORDER, "order_id", f"O-{n}") for n in range(6)]
    with pytest.raises(BridgeError) as caught:
        payload.validate_orders({"orders": orders}, NOW, max_orders=5)
    assert caught.value.code == "too_many"
    assert caught.value.params == {"count": 6, "max": 5}


def test_repeated_order_id_in_batch_is_kept_for_storage_to_count():
    rows, rejected, _partial = payload.validate_orders({"orders": [ORDER, ORDER]}, NOW)
    assert len(rows) == 2 and not rejected


def test_openapi_describes_every_endpoint_and_the_validators_enums():
    document = openapi.spec("http://localhost:8069")
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {
        "/applications",
        "/applications/{reference}",
        "/orders",
        "/catalog",
        "/openapi.json",
    }
    schemas = document["components"]["schemas"]
    assert schemas["Order"]["properties"]["category"]["enum"] == list(
        payload.ORDER_CATEGORIES
    )
    assert set(schemas["Order"]["required"]) == set(payload.ORDER_FIELDS)
    assert document["servers"][0]["url"].endswith("/ruralsw/api/v1")


def test_loads_parses_a_utf8_json_body():
    body = '{"name": "罗秀英", "emoji": "\\ud83d\\ude00"}'.encode()
    assert payload.loads(body) == {"name": "罗秀英", "emoji": "\U0001f600"}


@pytest.mark.parametrize(
    "body",
    [
        b"{no",
        b"\xff\xfe{}",
        b"[" * 200_000 + b"]" * 200_000,
        b'{"name": "\\ud800"}',
        b'{"\\udfff": 1}',
        b'["ok", "\\ud83d"]',
    ],
    ids=["syntax", "not-utf8", "nested", "lone-high", "lone-in-key", "cut-pair"],
)
def test_loads_refuses_what_no_utf8_text_can_hold(body):
    with pytest.raises(BridgeError) as caught:
        payload.loads(body)
    assert (caught.value.code, caught.value.status) == ("bad_json", 400)
    assert caught.value.message.startswith("The body is not valid JSON")


@pytest.mark.parametrize(
    "path", ["external_id", "description", "applicant.name", "buyer_key"]
)
def test_nul_character_is_refused_where_text_is_stored(path):
    data = _with(APPLICATION, path, "A\x00B")
    with pytest.raises(BridgeError) as caught:
        payload.validate_application(data, TODAY)
    assert (caught.value.code, caught.value.field) == ("format", path)


@pytest.mark.parametrize(
    "value",
    ["0001-01-01T00:00:00", "0001-01-01T03:00:00+05:00", "9999-12-31T23:00:00-05:00"],
)
def test_order_time_moved_out_of_the_calendar_is_a_range_error(value):
    rows, rejected, _partial = payload.validate_orders(
        {"orders": [dict(ORDER, ordered_at=value)]}, NOW
    )
    assert rows == []
    assert [(row["code"], row["field"]) for row in rejected] == [
        ("range", "orders.0.ordered_at")
    ]
