# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The platforms' JSON API under ``/ruralsw/api/v1``.

Every request is authenticated by its signature, then runs as the
platform's configured user (never the superuser), so that record rules and
access rights bound what the platform's data can reach. Every answer is
JSON; an unexpected error answers 500 with a reference to the log line.
A request that concurrent ones made fail (a serialisation failure, or a
unique index refusing a row another request inserted meanwhile) is run
again by Odoo in a new transaction; when Odoo's tries run out it answers
503 ``busy``.
"""

import logging
import time
import uuid

import psycopg2
from psycopg2 import errorcodes
from werkzeug.exceptions import RequestEntityTooLarge

from odoo import fields, http
from odoo.exceptions import AccessError, ValidationError
from odoo.http import request
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE

from odoo.addons.ruralsw_case.services import id_number as id_number_service
from odoo.addons.ruralsw_case.services.errors import ServiceValidationError

from ..services import idempotency, openapi, payload, signature
from ..services.errors import BridgeError

_logger = logging.getLogger(__name__)

PREFIX = openapi.API_PREFIX
MAX_BODY = 1024 * 1024
RATE_WINDOW = 60
# every method reaches the endpoint, which answers 405 in JSON itself
ALL_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# Odoo retries the whole request on these; never turn them into a 500
RETRYABLE = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.DeadlockDetected,
    psycopg2.errors.LockNotAvailable,
)
# where the tries of one request are counted across Odoo's retries
TRIES_KEY = "ruralsw.api.tries"


class _ConcurrentInsert(psycopg2.errors.SerializationFailure):
    """A unique index refused a row that a concurrent request inserted
    after this request's snapshot (the first field-visit project of a
    township, a platform's external id sent twice at once): the request is
    run again by Odoo, in a new transaction that sees the other row."""

    pgcode = errorcodes.SERIALIZATION_FAILURE


def _api_route(paths, methods=ALL_METHODS):
    """The route of an API endpoint (or endpoints) under :data:`PREFIX`:
    public (the signature authenticates), no CSRF token, no session."""
    paths = [paths] if isinstance(paths, str) else paths
    options = {"methods": list(methods)} if methods else {}
    return http.route(
        [PREFIX + path for path in paths],
        type="http",
        auth="public",
        csrf=False,
        save_session=False,
        **options,
    )


def _is_visible_ascii(text):
    """Whether ``text`` may be a platform code or a tracking number, both
    visible ASCII (a NUL from ``%00`` in a path would fail the query)."""
    return text.isascii() and text.isprintable()


def _check_id_number(value):
    """ruralsw_case's resident ID check, raising ValueError with its message."""
    try:
        return id_number_service.validate(value)
    except ServiceValidationError as error:
        raise ValueError(error.message) from error


class RuralswApi(http.Controller):
    # ------------------------------------------------------------------
    # Plumbing
    # ------------------------------------------------------------------
    def _json(self, data, status=200):
        return request.make_json_response(data, status=status)

    def _error(self, error):
        return self._json(error.as_json(), status=error.status)

    def _platform(self, body):
        """Authenticate the request; return the platform (as superuser, for
        reading its secret only)."""
        headers = request.httprequest.headers
        code = headers.get(signature.HEADER_PLATFORM)
        if not code:
            raise BridgeError("missing_header", signature.HEADER_PLATFORM)
        code = code.strip()[:64]
        # sudo: the secret is readable by administrators only; the request is
        # not authenticated yet, and nothing else is read this way
        platform = (
            request.env["ruralsw.platform"].sudo().with_context(active_test=False)
        )
        if _is_visible_ascii(code):
            platform = platform.search([("code", "=", code)], limit=1)
        now = time.time()
        if not platform or not platform.secret:
            # same answer as a bad signature: do not reveal which codes exist
            signature.parse_timestamp(headers.get(signature.HEADER_TIMESTAMP), now)
            raise BridgeError("bad_signature", signature.HEADER_SIGNATURE)
        signature.verify(
            platform.secret,
            headers.get(signature.HEADER_TIMESTAMP),
            headers.get(signature.HEADER_SIGNATURE),
            body,
            now,
        )
        if not platform.active:
            raise BridgeError("platform_inactive", signature.HEADER_PLATFORM)
        return platform

    def _read_body(self):
        """The raw body, refusing more than 1 MB."""
        httprequest = request.httprequest
        length = httprequest.content_length
        if length is not None and length > MAX_BODY:
            raise BridgeError("too_large", "", {"max": MAX_BODY})
        httprequest.max_content_length = MAX_BODY
        try:
            return httprequest.get_data()
        except RequestEntityTooLarge:
            raise BridgeError("too_large", "", {"max": MAX_BODY}) from None

    def _parse_json(self, body):
        if request.httprequest.mimetype != "application/json":
            raise BridgeError("not_json")
        return payload.loads(body)

    def _check_rate(self, platform):
        Request = request.env["ruralsw.api.request"]
        count = Request._ruralsw_count_recent(RATE_WINDOW, platform=platform)
        if count >= platform.rate_limit:
            raise BridgeError(
                "rate_limited",
                "",
                {"limit": platform.rate_limit, "window": RATE_WINDOW},
            )

    def _serve(self, handler, methods, **kwargs):
        """Authenticate, rate-limit, apply idempotency, run ``handler`` as the
        platform's user in a savepoint, and answer JSON whatever happens."""
        started = time.monotonic()
        httprequest = request.httprequest
        method = httprequest.method
        platform = request.env["ruralsw.platform"]
        cr = request.env.cr
        savepoint = cr.savepoint()
        try:
            if method not in methods:
                raise BridgeError(
                    "method_not_allowed", "", {"method": method}, status=405
                )
            body = self._read_body()
            platform = self._platform(body)
            # act as the platform's user from here on
            request.update_env(user=platform.user_id.id)
            platform = platform.with_env(request.env)
            self._check_rate(platform)
            if method == "POST":
                data = self._parse_json(body)
                status, response = self._idempotent(platform, handler, data, **kwargs)
            else:
                status, response = handler(platform, None, **kwargs)
            savepoint.close(rollback=False)
        except BridgeError as error:
            savepoint.close(rollback=True)
            status, response = error.status, error.as_json()
        except RETRYABLE:
            savepoint.close(rollback=True)
            if self._may_retry():
                raise
            status, response = self._busy()
        except psycopg2.IntegrityError as error:
            savepoint.close(rollback=True)
            if error.pgcode != errorcodes.UNIQUE_VIOLATION:
                status, response = self._internal(error)
            elif self._may_retry():
                raise _ConcurrentInsert(error.diag.constraint_name) from error
            else:
                status, response = self._busy()
        except AccessError as error:
            savepoint.close(rollback=True)
            # the platform's user lacks a right the request needs: a
            # configuration to fix, said to the platform without details
            _logger.warning("ruralsw API: %s refused: %s", httprequest.path, error)
            status, response = 403, BridgeError("forbidden").as_json()
        except ValidationError as error:
            savepoint.close(rollback=True)
            refused = BridgeError("invalid", "", {"reason": str(error)[:500]})
            status, response = refused.status, refused.as_json()
        except Exception as error:  # pylint: disable=broad-except
            savepoint.close(rollback=True)
            status, response = self._internal(error)
        error_code = response.get("error", {}).get("code") if status >= 400 else None
        try:
            request.env["ruralsw.api.request"]._ruralsw_log(
                platform,
                method,
                httprequest.path,
                status,
                error_code,
                duration_ms=int((time.monotonic() - started) * 1000),
            )
        except RETRYABLE:
            raise
        return self._json(response, status=status)

    def _may_retry(self):
        """Count a concurrency failure of this request; whether Odoo has a
        try left to run it again in a new transaction."""
        environ = request.httprequest.environ
        environ[TRIES_KEY] = environ.get(TRIES_KEY, 1) + 1
        return environ[TRIES_KEY] <= MAX_TRIES_ON_CONCURRENCY_FAILURE

    def _busy(self):
        """Answer 503 once concurrent requests made every try fail."""
        _logger.warning(
            "ruralsw API: %s failed %s times on concurrent updates",
            request.httprequest.path,
            MAX_TRIES_ON_CONCURRENCY_FAILURE,
        )
        busy = BridgeError("busy")
        return busy.status, busy.as_json()

    def _internal(self, error):
        """Log an unexpected error and give the client its reference only."""
        ref = uuid.uuid4().hex[:12]
        _logger.error(
            "ruralsw API error %s on %s", ref, request.httprequest.path, exc_info=error
        )
        return 500, BridgeError("internal", "", {"ref": ref}, status=500).as_json()

    def _idempotent(self, platform, handler, data, **kwargs):
        """Answer a POST once per Idempotency-Key: the same key and body get
        the first answer again (200), another body gets 409."""
        key = idempotency.validate_key(
            request.httprequest.headers.get(idempotency.HEADER)
        )
        body_hash = idempotency.body_hash(data)
        endpoint = request.httprequest.path
        Keys = request.env["ruralsw.idempotency.key"]
        earlier = Keys._ruralsw_claim(platform, key, endpoint, body_hash)
        if earlier is not None:
            stored_endpoint, stored_hash, stored_status, stored = earlier
            if stored_endpoint != endpoint or stored_hash != body_hash:
                raise BridgeError("idempotency_conflict", idempotency.HEADER)
            if stored is None:
                # claimed by a request that failed without storing: retry it
                raise BridgeError("idempotency_conflict", idempotency.HEADER)
            return 200, stored
        status, response = handler(platform, data, **kwargs)
        Keys._ruralsw_store(platform, key, status, response)
        return status, response

    # ------------------------------------------------------------------
    # Endpoints
    # ------------------------------------------------------------------
    @_api_route("/applications")
    def applications(self, **_kw):
        return self._serve(self._create_application, ("POST",))

    def _create_application(self, platform, data):
        values = payload.validate_application(
            data, fields.Date.today(), id_number_check=_check_id_number
        )
        Lead = request.env["crm.lead"]
        lead = Lead._ruralsw_create_application(values, platform)
        return 201, lead._ruralsw_receipt()

    @_api_route("/applications/<string:reference>")
    def application(self, reference, **_kw):
        return self._serve(self._application_status, ("GET",), reference=reference)

    def _application_status(self, platform, _data, reference):
        # sudo: the platform may not read the lead once a social worker owns
        # it; it is shown only its own applications' status
        lead = request.env["crm.lead"].sudo().with_context(active_test=False)
        if _is_visible_ascii(reference):
            lead = lead.search(
                [
                    ("ruralsw_reference", "=", reference[:64]),
                    ("ruralsw_platform_id", "=", platform.id),
                ],
                limit=1,
            )
        if not lead:
            raise BridgeError("not_found", "reference")
        return 200, lead._ruralsw_receipt()

    @_api_route("/orders")
    def orders(self, **_kw):
        return self._serve(self._post_orders, ("POST",))

    def _post_orders(self, platform, data):
        rows, rejected, accept_partial = payload.validate_orders(
            data, fields.Datetime.now()
        )
        accepted, duplicates, more = request.env["ruralsw.order"]._ruralsw_ingest(
            platform,
            rows,
            accept_partial=accept_partial,
            check_only=bool(rejected) and not accept_partial,
        )
        rejected = sorted(rejected + more, key=lambda row: row["index"])
        if rejected and not accept_partial:
            error = BridgeError(
                "invalid_rows",
                rejected[0]["field"],
                {"count": len(rejected), "total": len(data["orders"])},
            )
            body = error.as_json()
            body["rejected"] = rejected[:100]
            raise _RejectedBatch(body)
        return 202, {
            "accepted": accepted,
            "duplicates": duplicates,
            "rejected": rejected,
        }

    @_api_route("/catalog")
    def catalog(self, **_kw):
        return self._serve(self._catalog, ("GET",))

    def _catalog(self, platform, _data):
        return 200, platform._ruralsw_catalog()

    @_api_route("/openapi.json", methods=("GET",))
    def openapi_json(self, **_kw):
        return self._json(openapi.spec(request.httprequest.host_url.rstrip("/")))

    @_api_route(["", "/<path:rest>"], methods=None)
    def not_found(self, **_kw):
        return self._error(BridgeError("not_found"))


class _RejectedBatch(BridgeError):
    """A batch refused because of invalid orders: the error body carries the
    rejected rows."""

    def __init__(self, body):
        self.body = body
        super().__init__(body["error"]["code"], body["error"].get("field", ""))

    def as_json(self):
        return self.body
