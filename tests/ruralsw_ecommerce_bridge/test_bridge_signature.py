# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Request signatures (ruralsw_ecommerce_bridge.services.signature)."""

import hashlib
import hmac

import pytest

from ruralsw_ecommerce_bridge.services import idempotency, signature
from ruralsw_ecommerce_bridge.services.errors import BridgeError

SECRET = "s3cr3t-key"
NOW = 1_780_000_000
BODY = b'{"orders": []}'


def test_digest_is_hmac_sha256_of_timestamp_dot_body():
    expected = hmac.new(
        SECRET.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256
    ).hexdigest()
    assert signature.sign(SECRET, NOW, BODY) == "sha256=" + expected
    assert signature.verify(SECRET, str(NOW), "sha256=" + expected, BODY, NOW) == NOW


def test_headers_round_trip():
    headers = signature.headers("demo", SECRET, BODY, NOW)
    assert headers["X-Ruralsw-Platform"] == "demo"
    signature.verify(
        SECRET,
        headers["X-Ruralsw-Timestamp"],
        headers["X-Ruralsw-Signature"],
        BODY,
        NOW + 10,
    )


@pytest.mark.parametrize(
    ("secret", "body", "code"),
    [
        ("wrong", BODY, "bad_signature"),
        (SECRET, BODY + b" ", "bad_signature"),
        (SECRET, b'{"orders": [1]}', "bad_signature"),
    ],
)
def test_wrong_secret_or_altered_body(secret, body, code):
    header = signature.sign(SECRET, NOW, BODY)
    with pytest.raises(BridgeError) as caught:
        signature.verify(secret, str(NOW), header, body, NOW)
    assert caught.value.code == code
    assert caught.value.status == 401


@pytest.mark.parametrize("offset", [301, -301, 10_000])
def test_stale_or_future_timestamp(offset):
    timestamp = NOW + offset
    header = signature.sign(SECRET, timestamp, BODY)
    with pytest.raises(BridgeError) as caught:
        signature.verify(SECRET, str(timestamp), header, BODY, NOW)
    assert caught.value.code == "stale_timestamp"
    assert caught.value.params["skew"] == abs(offset)


@pytest.mark.parametrize("offset", [300, -300, 0])
def test_window_edges_accepted(offset):
    timestamp = NOW + offset
    header = signature.sign(SECRET, timestamp, BODY)
    assert signature.verify(SECRET, str(timestamp), header, BODY, NOW) == timestamp


@pytest.mark.parametrize(
    ("timestamp", "sig", "code", "field"),
    [
        (None, "sha256=00", "missing_header", "X-Ruralsw-Timestamp"),
        ("", "sha256=00", "missing_header", "X-Ruralsw-Timestamp"),
        (str(NOW), None, "missing_header", "X-Ruralsw-Signature"),
        ("12.5", "sha256=00", "bad_timestamp", "X-Ruralsw-Timestamp"),
        ("-5", "sha256=00", "bad_timestamp", "X-Ruralsw-Timestamp"),
        ("１２３", "sha256=00", "bad_timestamp", "X-Ruralsw-Timestamp"),
        (str(NOW), "sha256=zz", "bad_signature", "X-Ruralsw-Signature"),
        (str(NOW), "签名", "bad_signature", "X-Ruralsw-Signature"),
    ],
)
def test_missing_or_malformed_headers(timestamp, sig, code, field):
    with pytest.raises(BridgeError) as caught:
        signature.verify(SECRET, timestamp, sig, BODY, NOW)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert caught.value.as_json()["error"]["field"] == field


def test_signature_without_prefix_is_refused():
    bare = signature.digest(SECRET, NOW, BODY)
    with pytest.raises(BridgeError):
        signature.verify(SECRET, str(NOW), bare, BODY, NOW)


@pytest.mark.parametrize("key", ["a", "x" * 64, "order-2026-01-01T10:00:00Z#1", "~!"])
def test_idempotency_key_accepted(key):
    assert idempotency.validate_key(key) == key


@pytest.mark.parametrize(
    ("key", "code"),
    [
        (None, "missing_idempotency_key"),
        ("", "missing_idempotency_key"),
        ("x" * 65, "bad_idempotency_key"),
        ("with space", "bad_idempotency_key"),
        ("键", "bad_idempotency_key"),
        ("tab\t", "bad_idempotency_key"),
    ],
)
def test_idempotency_key_refused(key, code):
    with pytest.raises(BridgeError) as caught:
        idempotency.validate_key(key)
    assert caught.value.code == code
    assert caught.value.field == "Idempotency-Key"


def test_body_hash_ignores_whitespace_and_key_order():
    first = idempotency.body_hash({"a": 1, "b": [1, 2], "c": "村"})
    assert first == idempotency.body_hash({"c": "村", "b": [1, 2], "a": 1})
    assert first != idempotency.body_hash({"a": 1, "b": [2, 1], "c": "村"})
    assert len(first) == 64
