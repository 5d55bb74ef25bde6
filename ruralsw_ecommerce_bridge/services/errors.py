# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The error type of the bridge's pure services and of its HTTP API.

A :class:`BridgeError` carries the HTTP ``status`` the API answers with, a
stable machine ``code``, the dotted ``field`` path at fault (``""`` when no
single field is) and ``params``. The English message is built from
:data:`MESSAGES`; the API sends it as is (platform developers read it), the
portal and the import wizard translate the code in the Odoo layer.
"""

MESSAGES = {
    # 400: the request is well formed JSON but a field is wrong
    "required": "{field} is required.",
    "type": "{field} must be {expected}.",
    "length": "{field} must have from {min} to {max} characters.",
    "format": "{field} is not a valid {what}.",
    "choice": "{field} must be one of: {choices}.",
    "range": "{field} must be from {min} to {max}.",
    "unknown_field": "{field} is not a known field.",
    "too_many": "{field} holds {count} entries; at most {max} are allowed.",
    "empty": "{field} must hold at least one entry.",
    "future": "{field} cannot be in the future.",
    "personal_data": (
        "{field} looks like a phone number; send the platform's opaque buyer id, "
        "never a phone number or a name."
    ),
    "unknown_village": "{field}: no village has the code {code}.",
    "area_not_allowed": "{field}: the village {code} is outside the platform's areas.",
    "unknown_sku": "{field}: no aid item has the SKU {sku}.",
    "consent_required": (
        "{field}: the applicant must consent to data processing before an "
        "application can be recorded."
    ),
    "invalid_rows": "{count} of {total} orders are invalid; nothing was stored.",
    "invalid_id_number": "{field}: {reason}",
    "bad_idempotency_key": (
        "The Idempotency-Key header must be 1 to 64 visible ASCII characters."
    ),
    "missing_idempotency_key": "The Idempotency-Key header is required on POST.",
    "bad_json": "The body is not valid JSON: {reason}.",
    "invalid": "The data was refused: {reason}",
    # 401
    "missing_header": "The {field} header is missing.",
    "bad_timestamp": "X-Ruralsw-Timestamp must be a whole number of Unix seconds.",
    "stale_timestamp": (
        "X-Ruralsw-Timestamp is {skew} s away from the server time; at most "
        "{window} s are allowed."
    ),
    "bad_signature": "The signature does not match the body and timestamp.",
    "unknown_platform": "The signature does not match the body and timestamp.",
    # 403 / 404 / 405 / 409 / 413 / 415 / 429 / 500 / 503
    "platform_inactive": "The platform is not active.",
    "forbidden": (
        "The platform's user may not do this; its administrator should check "
        "the user's groups and areas."
    ),
    "not_found": "Nothing found at this address.",
    "method_not_allowed": "This address does not accept {method}.",
    "idempotency_conflict": ("The Idempotency-Key was already used with another body."),
    "too_large": "The body is larger than {max} bytes.",
    "not_json": "The body must be JSON (Content-Type: application/json).",
    "rate_limited": "More than {limit} requests in {window} s; retry later.",
    "internal": "An unexpected error occurred; it was logged as {ref}.",
    "busy": "Concurrent requests kept this one from completing; retry it.",
    "rule.parameter": "Rule parameter {name} has an invalid value {value!r}.",
}

STATUS = {
    "missing_header": 401,
    "bad_timestamp": 401,
    "stale_timestamp": 401,
    "bad_signature": 401,
    "unknown_platform": 401,
    "platform_inactive": 403,
    "forbidden": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "idempotency_conflict": 409,
    "too_large": 413,
    "not_json": 415,
    "rate_limited": 429,
    "internal": 500,
    "busy": 503,
}


class BridgeError(ValueError):
    """A refused request or an invalid value.

    ``status`` defaults from :data:`STATUS` (400 for field errors).
    """

    def __init__(self, code, field="", params=None, status=None):
        """Build the error and its English message from ``code`` and ``params``."""
        self.code = code
        self.field = field
        self.params = dict(params or {})
        self.status = status or STATUS.get(code, 400)
        super().__init__(self._build_message())

    def _build_message(self):
        """Return the English message; never fails, even on a bad template."""
        template = MESSAGES.get(self.code)
        if template is None:
            return f"{self.code} ({self.field})"
        try:
            return template.format(field=self.field or "the value", **self.params)
        except (KeyError, IndexError, ValueError):
            return f"{self.code} ({self.field})"

    @property
    def message(self):
        """The English message (same as ``str(error)``)."""
        return self.args[0]

    def as_json(self):
        """Return the API's error body ``{"error": {code, message, field}}``."""
        error = {"code": self.code, "message": self.message}
        if self.field:
            error["field"] = self.field
        return {"error": error}

    def as_row(self, index):
        """Return a rejected-row entry ``{index, code, message, field}``."""
        return {
            "index": index,
            "code": self.code,
            "message": self.message,
            "field": self.field,
        }

    def __reduce__(self):
        """Pickle by constructor arguments."""
        return (type(self), (self.code, self.field, self.params, self.status))

    def __repr__(self):
        """Show the code, field and params, which tests compare on."""
        return f"BridgeError({self.code!r}, {self.field!r}, {self.params!r})"
