# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Idempotency keys of the POST requests.

A key is 1 to 64 visible ASCII characters (``!`` to ``~``). The body a key
was first used with is remembered by its hash: the hash of the parsed JSON
in canonical form (sorted keys, no spaces), so that a platform re-sending
the same data with other whitespace or key order is recognised.

Error codes: ``missing_idempotency_key``, ``bad_idempotency_key`` (field
``Idempotency-Key``, status 400).
"""

import hashlib
import json

from .errors import BridgeError

HEADER = "Idempotency-Key"
MAX_LENGTH = 64


def validate_key(key):
    """Return the key, or raise :class:`BridgeError` when it is missing or not
    1-64 visible ASCII characters."""
    if key is None or key == "":
        raise BridgeError("missing_idempotency_key", HEADER)
    if len(key) > MAX_LENGTH or any(not 0x21 <= ord(char) <= 0x7E for char in key):
        raise BridgeError("bad_idempotency_key", HEADER)
    return key


def canonical(data):
    """Return the canonical JSON text of parsed data."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def body_hash(data):
    """Return the hex SHA-256 of the canonical JSON of parsed data."""
    return hashlib.sha256(canonical(data).encode("utf-8")).hexdigest()
