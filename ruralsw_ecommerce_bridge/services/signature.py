# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Request signatures of the platforms (HMAC-SHA256).

A platform signs ``"<timestamp>.<raw body>"`` with its secret and sends
``X-Ruralsw-Timestamp: <unix seconds>`` and
``X-Ruralsw-Signature: sha256=<hex digest>``. The server refuses a
timestamp more than :data:`WINDOW` seconds away from its clock (replays of
old requests, and clocks far off), and compares digests in constant time.

Error codes (:class:`~.errors.BridgeError`, status 401): ``missing_header``
(field: the header name), ``bad_timestamp``, ``stale_timestamp`` (params
``skew``, ``window``), ``bad_signature``.
"""

import hashlib
import hmac

from .errors import BridgeError

WINDOW = 300
PREFIX = "sha256="
HEADER_PLATFORM = "X-Ruralsw-Platform"
HEADER_TIMESTAMP = "X-Ruralsw-Timestamp"
HEADER_SIGNATURE = "X-Ruralsw-Signature"


def _as_bytes(value):
    """Return ``value`` as bytes (str values are UTF-8 encoded)."""
    return value.encode() if isinstance(value, str) else bytes(value)


def digest(secret, timestamp, body):
    """Return the hex HMAC-SHA256 of ``"<timestamp>.<body>"`` under ``secret``."""
    message = _as_bytes(str(timestamp)) + b"." + _as_bytes(body)
    return hmac.new(_as_bytes(secret), message, hashlib.sha256).hexdigest()


def sign(secret, timestamp, body):
    """Return the ``X-Ruralsw-Signature`` header value for a request."""
    return PREFIX + digest(secret, timestamp, body)


def headers(code, secret, body, now):
    """Return the three signature headers a platform sends (for clients and
    tests)."""
    timestamp = str(int(now))
    return {
        HEADER_PLATFORM: code,
        HEADER_TIMESTAMP: timestamp,
        HEADER_SIGNATURE: sign(secret, timestamp, body),
    }


def parse_timestamp(value, now, window=WINDOW):
    """Return the timestamp header as an int, refusing a malformed one or one
    more than ``window`` seconds away from ``now``."""
    if value is None or value == "":
        raise BridgeError("missing_header", HEADER_TIMESTAMP)
    text = value.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 12:
        raise BridgeError("bad_timestamp", HEADER_TIMESTAMP)
    timestamp = int(text)
    skew = abs(int(now) - timestamp)
    if skew > window:
        raise BridgeError(
            "stale_timestamp", HEADER_TIMESTAMP, {"skew": skew, "window": window}
        )
    return timestamp


def verify(secret, timestamp_header, signature_header, body, now, window=WINDOW):
    """Check a request's timestamp and signature; raise :class:`BridgeError`
    (401) when either is missing, malformed, stale or wrong.

    The comparison runs in constant time whatever the header holds.
    """
    timestamp = parse_timestamp(timestamp_header, now, window)
    if not signature_header:
        raise BridgeError("missing_header", HEADER_SIGNATURE)
    given = signature_header.strip()
    expected = sign(secret, str(timestamp_header).strip(), body)
    # compare_digest needs ASCII str or bytes: compare bytes of the header
    if not hmac.compare_digest(
        given.encode("utf-8", "replace"), expected.encode("ascii")
    ):
        raise BridgeError("bad_signature", HEADER_SIGNATURE)
    return timestamp
