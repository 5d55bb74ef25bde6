# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The OpenAPI 3.1 description of ``/ruralsw/api/v1``.

Built from the same constants the validators use (:mod:`.payload`), so the
description and the checks cannot drift apart; fuzzers generate requests
from it (``tools/reliability_bridge.py``).
"""

from . import payload

API_PREFIX = "/ruralsw/api/v1"

_STR = {"type": "string"}


def _error_response(description):
    """A response holding the error object."""
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
        },
    }


ERRORS = {
    "400": _error_response("A field is invalid (see error.field)"),
    "401": _error_response("Missing or bad signature, or stale timestamp"),
    "403": _error_response("The platform is not active"),
    "413": _error_response("Body over 1 MB"),
    "415": _error_response("The body is not JSON"),
    "429": _error_response("Over the platform's rate limit"),
    "500": _error_response("Unexpected error (logged; no traceback)"),
    "503": _error_response("Concurrent requests kept this one from completing: retry"),
}


def _json_body(ref):
    """A required JSON request body."""
    return {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": ref}}},
    }


def _ok(description, ref):
    """A JSON success response."""
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": ref}}},
    }


def _schemas():
    """The component schemas."""
    phone = {"type": "string", "pattern": r"^\+?[0-9][0-9 \-]{5,18}[0-9]$"}
    return {
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": _STR,
                        "message": _STR,
                        "field": {"type": "string", "description": "dotted path"},
                    },
                }
            },
        },
        "Application": {
            "type": "object",
            "additionalProperties": False,
            "required": [
                "external_id",
                "applicant",
                "category",
                "description",
                "consent",
            ],
            "properties": {
                "external_id": {"type": "string", "minLength": 1, "maxLength": 64},
                "applicant": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["name", "phone", "village_code"],
                    "properties": {
                        "name": {"type": "string", "minLength": 1, "maxLength": 64},
                        "phone": phone,
                        "id_number": {
                            "type": "string",
                            "minLength": 18,
                            "maxLength": 18,
                        },
                        "village_code": {"type": "string", "pattern": r"^\d{12}$"},
                        "birth_date": {"type": "string", "format": "date"},
                    },
                },
                "category": {"enum": list(payload.APPLICATION_CATEGORIES)},
                "description": {"type": "string", "minLength": 1, "maxLength": 4000},
                "items": {
                    "type": "array",
                    "maxItems": payload.MAX_ITEMS,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["sku", "quantity"],
                        "properties": {
                            "sku": {"type": "string", "minLength": 1, "maxLength": 64},
                            "quantity": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": payload.MAX_QUANTITY,
                            },
                        },
                    },
                },
                "submitted_by": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["name", "phone", "relation"],
                    "properties": {
                        "name": {"type": "string", "minLength": 1, "maxLength": 64},
                        "phone": phone,
                        "relation": {"enum": list(payload.PROXY_RELATIONS)},
                    },
                },
                "consent": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["data_processing", "data_sharing"],
                    "properties": {
                        "data_processing": {"type": "boolean"},
                        "data_sharing": {"type": "boolean"},
                    },
                },
                "buyer_key": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 128,
                    "description": "the platform's opaque buyer id, linked to the "
                    "applicant only with data_sharing consent",
                },
            },
        },
        "ApplicationReceipt": {
            "type": "object",
            "required": ["reference", "status"],
            "properties": {
                "reference": _STR,
                "status": {
                    "enum": [
                        "received",
                        "assigned",
                        "in_follow_up",
                        "resolved",
                        "rejected",
                    ]
                },
                "follow_up_due": {"type": ["string", "null"], "format": "date-time"},
                "next_step_date": {"type": ["string", "null"], "format": "date-time"},
            },
        },
        "Order": {
            "type": "object",
            "additionalProperties": False,
            "required": list(payload.ORDER_FIELDS),
            "properties": {
                "order_id": {"type": "string", "minLength": 1, "maxLength": 64},
                "buyer_key": {"type": "string", "minLength": 1, "maxLength": 128},
                "village_code": {"type": "string", "pattern": r"^\d{12}$"},
                "category": {"enum": list(payload.ORDER_CATEGORIES)},
                "amount": {
                    "type": "number",
                    "minimum": 0,
                    "maximum": payload.MAX_AMOUNT,
                },
                "direction": {"enum": list(payload.DIRECTIONS)},
                "ordered_at": {"type": "string", "format": "date-time"},
            },
        },
        "OrderBatch": {
            "type": "object",
            "additionalProperties": False,
            "required": ["orders"],
            "properties": {
                "orders": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": payload.MAX_ORDERS,
                    "items": {"$ref": "#/components/schemas/Order"},
                },
                "accept_partial": {
                    "type": "boolean",
                    "default": False,
                    "description": "store the valid orders even when some are "
                    "invalid (by default an invalid order refuses the batch)",
                },
            },
        },
        "OrderReceipt": {
            "type": "object",
            "required": ["accepted", "duplicates", "rejected"],
            "properties": {
                "accepted": {"type": "integer"},
                "duplicates": {"type": "integer"},
                "rejected": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "index": {"type": "integer"},
                            "code": _STR,
                            "message": _STR,
                            "field": _STR,
                        },
                    },
                },
            },
        },
        "Catalog": {
            "type": "object",
            "properties": {
                "items": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "sku": _STR,
                            "name": _STR,
                            "category": _STR,
                            "needs_guidance": {"type": "boolean"},
                            "availability": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "county_code": _STR,
                                        "county": _STR,
                                        "quantity": {"type": "number"},
                                    },
                                },
                            },
                        },
                    },
                }
            },
        },
    }


def spec(server_url=""):
    """Return the OpenAPI 3.1 document (a dict)."""
    signed = [
        {"platform": [], "timestamp": [], "signature": []},
    ]
    idem = {
        "name": "Idempotency-Key",
        "in": "header",
        "required": True,
        "schema": {"type": "string", "pattern": "^[\\x21-\\x7e]{1,64}$"},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "ruralsw e-commerce bridge",
            "version": "1.0.0",
            "description": (
                "Signed API for e-commerce platforms: applications (online "
                "application, offline follow-up), order data and the aid "
                'catalogue. Sign "<timestamp>.<raw body>" with HMAC-SHA256 and '
                "the platform secret; send sha256=<hex> in X-Ruralsw-Signature."
            ),
        },
        "servers": [{"url": server_url + API_PREFIX}],
        "security": signed,
        "paths": {
            "/applications": {
                "post": {
                    "operationId": "createApplication",
                    "parameters": [idem],
                    "requestBody": _json_body("#/components/schemas/Application"),
                    "responses": {
                        "201": _ok(
                            "Created", "#/components/schemas/ApplicationReceipt"
                        ),
                        "200": _ok(
                            "Same key, same body: the first answer again",
                            "#/components/schemas/ApplicationReceipt",
                        ),
                        "409": _error_response("Same key, another body"),
                        **ERRORS,
                    },
                }
            },
            "/applications/{reference}": {
                "get": {
                    "operationId": "getApplication",
                    "parameters": [
                        {
                            "name": "reference",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "maxLength": 64},
                        }
                    ],
                    "responses": {
                        "200": _ok("Status", "#/components/schemas/ApplicationReceipt"),
                        "404": _error_response("Unknown, or another platform's"),
                        **ERRORS,
                    },
                }
            },
            "/orders": {
                "post": {
                    "operationId": "postOrders",
                    "parameters": [idem],
                    "requestBody": _json_body("#/components/schemas/OrderBatch"),
                    "responses": {
                        "202": _ok("Stored", "#/components/schemas/OrderReceipt"),
                        "200": _ok(
                            "Same key, same body: the first answer again",
                            "#/components/schemas/OrderReceipt",
                        ),
                        "409": _error_response("Same key, another body"),
                        **ERRORS,
                    },
                }
            },
            "/catalog": {
                "get": {
                    "operationId": "getCatalog",
                    "responses": {
                        "200": _ok("Aid items", "#/components/schemas/Catalog"),
                        **ERRORS,
                    },
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "getOpenApi",
                    "security": [],
                    "responses": {"200": {"description": "This document"}},
                }
            },
        },
        "components": {
            "schemas": _schemas(),
            "securitySchemes": {
                "platform": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "X-Ruralsw-Platform",
                },
                "timestamp": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "X-Ruralsw-Timestamp",
                },
                "signature": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "X-Ruralsw-Signature",
                },
            },
        },
    }
