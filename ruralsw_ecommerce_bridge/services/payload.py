# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Validation of the API's JSON bodies.

Each validator returns a normalised copy of the data or raises
:class:`~.errors.BridgeError` (status 400) naming the dotted path of the
field at fault (``applicant.village_code``, ``orders.12.amount``). Unknown
fields are refused, so that a typo never silently drops data.

Codes: ``required``, ``type`` (params ``expected``), ``length`` (``min``,
``max``), ``format`` (``what``), ``choice`` (``choices``), ``range``
(``min``, ``max``), ``unknown_field``, ``too_many`` (``count``, ``max``),
``empty``, ``future``, ``personal_data``, ``consent_required``.
"""

import json
import math
import re
from datetime import date, datetime, timedelta, timezone

from .errors import BridgeError

APPLICATION_CATEGORIES = (
    "material_aid",
    "equipment",
    "training",
    "consultation",
    "medical",
    "elderly_care",
    "other",
)
PROXY_RELATIONS = ("volunteer", "relative", "station_staff")
ORDER_CATEGORIES = (
    "produce",
    "medical",
    "assistive",
    "food",
    "daily",
    "agricultural_input",
    "other",
)
DIRECTIONS = ("purchase", "sale")
MAX_ORDERS = 5000
MAX_ITEMS = 50
MAX_QUANTITY = 1000
MAX_AMOUNT = 10_000_000
# orders may be stamped by a platform clock slightly ahead of ours
FUTURE_TOLERANCE = timedelta(days=1)

_VILLAGE_CODE = re.compile(r"\d{12}\Z", re.ASCII)
_PHONE = re.compile(r"\+?[0-9][0-9 \-]{5,18}[0-9]\Z", re.ASCII)
_MOBILE_LIKE = re.compile(r"(\+?86)?1[3-9]\d{9}\Z", re.ASCII)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z", re.ASCII)
# a JSON escape of a UTF-16 surrogate, paired or not
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")

APPLICATION_FIELDS = {
    "external_id",
    "applicant",
    "category",
    "description",
    "items",
    "submitted_by",
    "consent",
    "buyer_key",
}
APPLICANT_FIELDS = {"name", "phone", "id_number", "village_code", "birth_date"}
PROXY_FIELDS = {"name", "phone", "relation"}
CONSENT_FIELDS = {"data_processing", "data_sharing"}
ITEM_FIELDS = {"sku", "quantity"}
ORDER_FIELDS = (
    "order_id",
    "buyer_key",
    "village_code",
    "category",
    "amount",
    "direction",
    "ordered_at",
)
ORDER_FIELD_SET = frozenset(ORDER_FIELDS)
ORDERS_FIELDS = {"orders", "accept_partial"}


def loads(body):
    """Return the parsed JSON of a raw request body (bytes).

    Raise ``bad_json`` (status 400, param ``reason``) when the body is not
    UTF-8, not JSON, nested too deeply to parse, or holds a lone surrogate
    escape (``"\\ud800"``), which no UTF-8 text, and so neither the
    database nor an answer, can hold.
    """
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BridgeError("bad_json", "", {"reason": str(error)[:200]}) from None
    except RecursionError:
        raise BridgeError("bad_json", "", {"reason": "nested too deeply"}) from None
    if _SURROGATE_ESCAPE.search(body):
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise BridgeError(
                "bad_json", "", {"reason": "a \\u escape is a lone surrogate"}
            ) from None
    return data


def _path(prefix, name):
    """Join a dotted path."""
    return f"{prefix}.{name}" if prefix else str(name)


def _object(value, path, allowed):
    """Return ``value`` when it is a JSON object without unknown keys."""
    if not isinstance(value, dict):
        raise BridgeError("type", path, {"expected": "an object"})
    for key in value:
        if key not in allowed:
            raise BridgeError("unknown_field", _path(path, key))
    return value


def text(value, path, min_length=1, max_length=255, required=True):
    """Return a stripped string of ``min_length`` to ``max_length`` characters,
    or ``None`` for a missing optional value."""
    if value is None:
        if required:
            raise BridgeError("required", path)
        return None
    if not isinstance(value, str):
        raise BridgeError("type", path, {"expected": "a string"})
    value = value.strip()
    if not value and not required:
        return None
    if not min_length <= len(value) <= max_length:
        raise BridgeError("length", path, {"min": min_length, "max": max_length})
    if "\x00" in value:
        # PostgreSQL text cannot hold NUL
        raise BridgeError("format", path, {"what": "text (it holds a NUL character)"})
    return value


def phone(value, path, required=True):
    """Return a phone number with its spaces and dashes removed."""
    value = text(value, path, 7, 20, required)
    if value is None:
        return None
    if not _PHONE.match(value):
        raise BridgeError("format", path, {"what": "phone number"})
    return value.replace(" ", "").replace("-", "")


def village_code(value, path):
    """Return a 12-digit statistical division code."""
    if value is None:
        raise BridgeError("required", path)
    if not isinstance(value, str):
        raise BridgeError("type", path, {"expected": "a string of 12 digits"})
    value = value.strip()
    if not _VILLAGE_CODE.match(value):
        raise BridgeError("format", path, {"what": "12-digit village code"})
    return value


def boolean(value, path):
    """Return a JSON boolean (numbers and strings are refused)."""
    if value is None:
        raise BridgeError("required", path)
    if not isinstance(value, bool):
        raise BridgeError("type", path, {"expected": "true or false"})
    return value


def choice(value, path, choices):
    """Return ``value`` when it is one of ``choices``."""
    if value is None:
        raise BridgeError("required", path)
    if not isinstance(value, str) or value not in choices:
        raise BridgeError("choice", path, {"choices": ", ".join(choices)})
    return value


def integer(value, path, minimum, maximum):
    """Return a JSON integer from ``minimum`` to ``maximum`` (not a bool)."""
    if value is None:
        raise BridgeError("required", path)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BridgeError("type", path, {"expected": "a whole number"})
    if not minimum <= value <= maximum:
        raise BridgeError("range", path, {"min": minimum, "max": maximum})
    return value


def amount(value, path):
    """Return a money amount >= 0 rounded to cents; numeric strings such as
    ``"12.50"`` are accepted (many platforms send decimals as strings)."""
    if value is None:
        raise BridgeError("required", path)
    if isinstance(value, bool):
        raise BridgeError("type", path, {"expected": "a number"})
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise BridgeError("type", path, {"expected": "a number"}) from None
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise BridgeError("type", path, {"expected": "a number"})
    if not 0 <= value <= MAX_AMOUNT:
        raise BridgeError("range", path, {"min": 0, "max": MAX_AMOUNT})
    return round(float(value), 2)


def past_date(value, path, today, required=False):
    """Return a ``YYYY-MM-DD`` date from 1900-01-01 to ``today``."""
    if value is None:
        if required:
            raise BridgeError("required", path)
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        raise BridgeError("format", path, {"what": "date (YYYY-MM-DD)"})
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise BridgeError("format", path, {"what": "date (YYYY-MM-DD)"}) from None
    if parsed > today:
        raise BridgeError("future", path)
    if parsed.year < 1900:
        raise BridgeError("range", path, {"min": "1900-01-01", "max": str(today)})
    return parsed


def timestamp(value, path, now):
    """Return an ISO 8601 date-time as a naive UTC datetime.

    Values without a zone are China Standard Time (UTC+8), what platforms
    in China write; a value more than a day ahead of ``now`` is refused.
    ``now`` is a naive UTC datetime.
    """
    if value is None:
        raise BridgeError("required", path)
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise BridgeError("format", path, {"what": "ISO 8601 date-time"}) from None
    else:
        raise BridgeError("type", path, {"expected": "an ISO 8601 date-time"})
    try:
        if parsed.tzinfo is None:
            parsed = parsed - timedelta(hours=8)
        else:
            parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    except OverflowError:
        # a first or last day of the calendar moved out of it by the zone
        raise BridgeError("range", path, {"min": "2000-01-01", "max": "now"}) from None
    if parsed > now + FUTURE_TOLERANCE:
        raise BridgeError("future", path)
    if parsed.year < 2000:
        raise BridgeError("range", path, {"min": "2000-01-01", "max": "now"})
    return parsed


def buyer_key(value, path):
    """Return the platform's opaque buyer id; refuse what looks like a phone
    number, which would put personal data where none belongs."""
    value = text(value, path, 1, 128)
    if _MOBILE_LIKE.match(value.replace(" ", "").replace("-", "")):
        raise BridgeError("personal_data", path)
    return value


def validate_application(data, today, id_number_check=None):
    """Validate the body of ``POST /applications`` and return it normalised.

    ``id_number_check(value) -> str`` validates a resident ID number (the
    Odoo layer passes ruralsw_case's checker) and raises ``ValueError`` with
    a message when it is wrong.
    """
    data = _object(data, "", APPLICATION_FIELDS)
    result = {
        "external_id": text(data.get("external_id"), "external_id", 1, 64),
        "category": choice(data.get("category"), "category", APPLICATION_CATEGORIES),
        "description": text(data.get("description"), "description", 1, 4000),
    }
    if data.get("applicant") is None:
        raise BridgeError("required", "applicant")
    applicant = _object(data["applicant"], "applicant", APPLICANT_FIELDS)
    id_number = text(
        applicant.get("id_number"), "applicant.id_number", 15, 18, required=False
    )
    if id_number and id_number_check:
        try:
            id_number = id_number_check(id_number)
        except ValueError as error:
            raise BridgeError(
                "invalid_id_number", "applicant.id_number", {"reason": str(error)}
            ) from error
    result["applicant"] = {
        "name": text(applicant.get("name"), "applicant.name", 1, 64),
        "phone": phone(applicant.get("phone"), "applicant.phone"),
        "id_number": id_number,
        "village_code": village_code(
            applicant.get("village_code"), "applicant.village_code"
        ),
        "birth_date": past_date(
            applicant.get("birth_date"), "applicant.birth_date", today
        ),
    }
    result["items"] = _items(data.get("items"))
    result["submitted_by"] = _proxy(data.get("submitted_by"))
    if data.get("consent") is None:
        raise BridgeError("required", "consent")
    consent = _object(data["consent"], "consent", CONSENT_FIELDS)
    result["consent"] = {
        "data_processing": boolean(
            consent.get("data_processing"), "consent.data_processing"
        ),
        "data_sharing": boolean(consent.get("data_sharing"), "consent.data_sharing"),
    }
    if not result["consent"]["data_processing"]:
        raise BridgeError("consent_required", "consent.data_processing")
    result["buyer_key"] = (
        buyer_key(data["buyer_key"], "buyer_key")
        if data.get("buyer_key") is not None
        else None
    )
    return result


def _items(items):
    """Validate the optional ``items`` list of an application."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise BridgeError("type", "items", {"expected": "a list"})
    if len(items) > MAX_ITEMS:
        raise BridgeError("too_many", "items", {"count": len(items), "max": MAX_ITEMS})
    result = []
    for index, item in enumerate(items):
        path = f"items.{index}"
        item = _object(item, path, ITEM_FIELDS)
        result.append(
            {
                "sku": text(item.get("sku"), f"{path}.sku", 1, 64),
                "quantity": integer(
                    item.get("quantity"), f"{path}.quantity", 1, MAX_QUANTITY
                ),
            }
        )
    return result


def _proxy(proxy):
    """Validate the optional ``submitted_by`` object (a proxy)."""
    if proxy is None:
        return None
    proxy = _object(proxy, "submitted_by", PROXY_FIELDS)
    return {
        "name": text(proxy.get("name"), "submitted_by.name", 1, 64),
        "phone": phone(proxy.get("phone"), "submitted_by.phone"),
        "relation": choice(
            proxy.get("relation"), "submitted_by.relation", PROXY_RELATIONS
        ),
    }


def validate_order(row, path, now):
    """Validate one order (a dict) and return the tuple
    ``(order_id, buyer_key, village_code, category, amount, direction,
    ordered_at)``."""
    if not isinstance(row, dict):
        raise BridgeError("type", path, {"expected": "an object"})
    if not ORDER_FIELD_SET.issuperset(row):
        unknown = sorted(str(key) for key in row if key not in ORDER_FIELD_SET)[0]
        raise BridgeError("unknown_field", f"{path}.{unknown}")
    return (
        text(row.get("order_id"), f"{path}.order_id", 1, 64),
        buyer_key(row.get("buyer_key"), f"{path}.buyer_key"),
        village_code(row.get("village_code"), f"{path}.village_code"),
        choice(row.get("category"), f"{path}.category", ORDER_CATEGORIES),
        amount(row.get("amount"), f"{path}.amount"),
        choice(row.get("direction"), f"{path}.direction", DIRECTIONS),
        timestamp(row.get("ordered_at"), f"{path}.ordered_at", now),
    )


def validate_orders(data, now, max_orders=MAX_ORDERS):
    """Validate the body of ``POST /orders``.

    Return ``(rows, rejected, accept_partial)``: ``rows`` the valid orders as
    ``(index, tuple)`` pairs (see :func:`validate_order`), ``rejected`` a list
    of ``{index, code, message, field}`` for the invalid ones. A body that is
    not an object with an ``orders`` list raises :class:`BridgeError`. An
    order id repeated within the batch is kept: storage counts it as a
    duplicate, like an order sent again in a later batch.
    """
    data = _object(data, "", ORDERS_FIELDS)
    orders = data.get("orders")
    if orders is None:
        raise BridgeError("required", "orders")
    if not isinstance(orders, list):
        raise BridgeError("type", "orders", {"expected": "a list"})
    if not orders:
        raise BridgeError("empty", "orders")
    if len(orders) > max_orders:
        raise BridgeError(
            "too_many", "orders", {"count": len(orders), "max": max_orders}
        )
    accept_partial = data.get("accept_partial", False)
    if not isinstance(accept_partial, bool):
        raise BridgeError("type", "accept_partial", {"expected": "true or false"})
    rows, rejected = [], []
    for index, row in enumerate(orders):
        try:
            rows.append((index, validate_order(row, f"orders.{index}", now)))
        except BridgeError as error:
            rejected.append(error.as_row(index))
    return rows, rejected, accept_partial
