# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import time
from unittest.mock import patch

from odoo.exceptions import AccessError, ValidationError
from odoo.http import request
from odoo.tests import HttpCase, tagged
from odoo.tools import SQL

from ..controllers.api import RuralswApi
from .common import (
    SECRET,
    SECRET_A,
    VILLAGE_B_CODE,
    application_body,
    encode,
    order,
    setup_bridge_data,
    signed_headers,
)

API = "/ruralsw/api/v1"


@tagged("post_install", "-at_install")
class TestApi(HttpCase):
    """Each endpoint's success and error paths over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_bridge_data(cls)

    def _call(
        self,
        method,
        path,
        data=None,
        key=None,
        code="mangshi",
        secret=SECRET,
        raw=None,
        **kw,
    ):
        body = raw if raw is not None else (encode(data) if data is not None else b"")
        headers = signed_headers(code, secret, body, key=key, **kw)
        return self.opener.request(
            method,
            self.base_url() + API + path,
            data=body or None,
            headers=headers,
            timeout=30,
        )

    def _error(self, response, status, code, field=None):
        self.assertEqual(response.status_code, status, response.text)
        self.assertEqual(
            response.headers["Content-Type"], "application/json; charset=utf-8"
        )
        error = response.json()["error"]
        self.assertEqual(error["code"], code)
        self.assertTrue(error["message"])
        if field is not None:
            self.assertEqual(error.get("field"), field)
        self.assertNotIn("Traceback", response.text)
        return error

    def test_application_created_replayed_and_conflicting(self):
        body = application_body("APP-1")
        created = self._call("POST", "/applications", body, key="key-1")
        self.assertEqual(created.status_code, 201, created.text)
        receipt = created.json()
        self.assertEqual(receipt["status"], "assigned")
        self.assertTrue(receipt["follow_up_due"])
        lead = self.env["crm.lead"].search(
            [("ruralsw_reference", "=", receipt["reference"])]
        )
        self.assertEqual(lead.ruralsw_platform_id, self.platform)
        self.assertEqual(
            lead.create_uid, self.platform_user, "acts as the platform's user"
        )
        self.assertTrue(lead.ruralsw_follow_up_task_id)

        replay = self._call("POST", "/applications", body, key="key-1")
        self.assertEqual(replay.status_code, 200)
        self.assertEqual(replay.json(), receipt)
        self.assertEqual(
            self.env["crm.lead"].search_count([("ruralsw_external_id", "=", "APP-1")]),
            1,
        )

        changed = dict(body, description="另一段描述")
        self._error(
            self._call("POST", "/applications", changed, key="key-1"),
            409,
            "idempotency_conflict",
        )

        status = self._call("GET", f"/applications/{receipt['reference']}")
        self.assertEqual(status.status_code, 200)
        self.assertEqual(status.json()["reference"], receipt["reference"])
        # another platform's reference is not found, whatever it is
        self._error(
            self._call(
                "GET",
                f"/applications/{receipt['reference']}",
                code="menghuan",
                secret=SECRET_A,
            ),
            404,
            "not_found",
        )

    def test_application_validation_errors_name_the_field(self):
        bad = application_body("APP-2")
        bad["applicant"]["village_code"] = "12345"
        self._error(
            self._call("POST", "/applications", bad, key="k2"),
            400,
            "format",
            "applicant.village_code",
        )
        no_consent = application_body(
            "APP-3", consent={"data_processing": False, "data_sharing": False}
        )
        self._error(
            self._call("POST", "/applications", no_consent, key="k3"),
            400,
            "consent_required",
            "consent.data_processing",
        )
        bad_id = application_body("APP-4")
        bad_id["applicant"]["id_number"] = "533102195003011110"
        self._error(
            self._call("POST", "/applications", bad_id, key="k4"),
            400,
            "invalid_id_number",
            "applicant.id_number",
        )
        foreign = application_body("APP-5")
        foreign["applicant"]["village_code"] = VILLAGE_B_CODE
        self._error(
            self._call(
                "POST",
                "/applications",
                foreign,
                key="k5",
                code="menghuan",
                secret=SECRET_A,
            ),
            403,
            "area_not_allowed",
            "applicant.village_code",
        )
        # a refused request leaves its key free for the corrected body
        fixed = self._call("POST", "/applications", application_body("APP-2"), key="k2")
        self.assertEqual(fixed.status_code, 201, fixed.text)
        self.assertFalse(
            self.env["crm.lead"].search(
                [("ruralsw_external_id", "in", ["APP-3", "APP-4", "APP-5"])]
            )
        )

    def test_signature_edge_cases(self):
        body = application_body("APP-S")
        self._error(
            self._call("POST", "/applications", body, key="s", secret="wrong"),
            401,
            "bad_signature",
        )
        self._error(
            self._call("POST", "/applications", body, key="s", now=time.time() - 400),
            401,
            "stale_timestamp",
        )
        self._error(
            self._call("POST", "/applications", body, key="s", now=time.time() + 400),
            401,
            "stale_timestamp",
        )
        self._error(
            self._call("POST", "/applications", body, key="s", code="nobody"),
            401,
            "bad_signature",
        )
        # body altered after signing
        raw = encode(body)
        headers = signed_headers("mangshi", SECRET, raw, key="s")
        altered = self.opener.post(
            self.base_url() + API + "/applications",
            data=raw.replace("轮椅".encode(), "拐杖".encode()),
            headers=headers,
        )
        self._error(altered, 401, "bad_signature")
        for header in (
            "X-Ruralsw-Platform",
            "X-Ruralsw-Timestamp",
            "X-Ruralsw-Signature",
        ):
            headers = signed_headers("mangshi", SECRET, raw, key="s")
            del headers[header]
            missing = self.opener.post(
                self.base_url() + API + "/applications", data=raw, headers=headers
            )
            self._error(missing, 401, "missing_header", header)
        self._error(
            self._call("POST", "/applications", body),
            400,
            "missing_idempotency_key",
            "Idempotency-Key",
        )
        self.assertFalse(
            self.env["crm.lead"].search([("ruralsw_external_id", "=", "APP-S")])
        )

    def test_inactive_platform_too_large_not_json_and_rate_limit(self):
        self.platform_a.active = False
        self._error(
            self._call("GET", "/catalog", code="menghuan", secret=SECRET_A),
            403,
            "platform_inactive",
        )
        self._error(
            self._call("POST", "/orders", raw=b"x" * (1024 * 1024 + 1), key="big"),
            413,
            "too_large",
        )
        self._error(
            self._call(
                "POST", "/orders", raw=b"orders", key="t", content_type="text/plain"
            ),
            415,
            "not_json",
        )
        self._error(self._call("POST", "/orders", raw=b"{no", key="j"), 400, "bad_json")
        self._error(self._call("DELETE", "/catalog"), 405, "method_not_allowed")
        self._error(self._call("GET", "/nowhere"), 404, "not_found")
        seen = self.env["ruralsw.api.request"]._ruralsw_count_recent(
            60, platform=self.platform
        )
        self.platform.rate_limit = seen + 2
        statuses = [self._call("GET", "/catalog").status_code for _i in range(3)]
        self.assertEqual(statuses, [200, 200, 429])
        self._error(self._call("GET", "/catalog"), 429, "rate_limited")

    def test_orders_accepted_duplicates_and_all_or_nothing(self):
        batch = {"orders": [order("O-1"), order("O-2"), order("O-1")]}
        answer = self._call("POST", "/orders", batch, key="ob-1")
        self.assertEqual(answer.status_code, 202, answer.text)
        self.assertEqual(
            answer.json(), {"accepted": 2, "duplicates": 1, "rejected": []}
        )
        self.assertEqual(
            self._call("POST", "/orders", batch, key="ob-1").json()["accepted"], 2
        )
        resent = self._call("POST", "/orders", batch, key="ob-2")
        self.assertEqual(
            resent.json(), {"accepted": 0, "duplicates": 3, "rejected": []}
        )

        mixed = {
            "orders": [
                order("O-3"),
                order("O-4", amount=-5),
                order("O-5", village_code="533102199999"),
            ]
        }
        refused = self._call("POST", "/orders", mixed, key="ob-3")
        error = self._error(refused, 400, "invalid_rows", "orders.1.amount")
        self.assertTrue(error["message"])
        rejected = refused.json()["rejected"]
        self.assertEqual(
            [(r["index"], r["code"]) for r in rejected],
            [(1, "range"), (2, "unknown_village")],
        )
        self.assertFalse(
            self.env["ruralsw.order"].search([("order_ref", "=", "O-3")]),
            "all or nothing",
        )

        partial = self._call(
            "POST", "/orders", dict(mixed, accept_partial=True), key="ob-4"
        )
        self.assertEqual(partial.status_code, 202)
        self.assertEqual(partial.json()["accepted"], 1)
        self.assertEqual(len(partial.json()["rejected"]), 2)
        personal = {"orders": [order("O-6", buyer_key="13812345678")]}
        self._error(
            self._call("POST", "/orders", personal, key="ob-5"),
            400,
            "invalid_rows",
            "orders.0.buyer_key",
        )

    def test_catalog_and_openapi(self):
        catalog = self._call("GET", "/catalog")
        self.assertEqual(catalog.status_code, 200)
        items = {item["sku"]: item for item in catalog.json()["items"]}
        wheelchair = items["RSW-WHEELCHAIR"]
        self.assertTrue(wheelchair["needs_guidance"])
        self.assertEqual(
            wheelchair["availability"],
            [{"county_code": "533102000000", "county": "芒市", "quantity": 4.0}],
        )
        spec = self.url_open(API + "/openapi.json")
        self.assertEqual(spec.status_code, 200)
        document = spec.json()
        self.assertEqual(document["openapi"], "3.1.0")
        self.assertIn("/applications/{reference}", document["paths"])

    def test_unexpected_error_is_json_without_traceback(self):
        def boom(*_args, **_kwargs):
            raise RuntimeError("secret internals")

        with (
            patch.object(RuralswApi, "_catalog", boom),
            self.assertLogs(
                "odoo.addons.ruralsw_ecommerce_bridge.controllers.api", "ERROR"
            ) as logs,
        ):
            response = self._call("GET", "/catalog")
        error = self._error(response, 500, "internal")
        self.assertNotIn("secret internals", response.text)
        self.assertIn(error["message"].split()[-1].rstrip("."), logs.output[0])

    def _race_on_unique_index(self, times):
        """Make the application handler hit a unique index ``times`` times,
        as when a concurrent request inserted the same row (the township's
        first field-visit project) after this request's snapshot."""
        calls = []
        original = RuralswApi._create_application

        def racing(api, platform, data):
            calls.append(platform.id)
            if len(calls) <= times:
                # the key this request just claimed, inserted a second time
                request.env.cr.execute(
                    SQL(
                        "INSERT INTO ruralsw_idempotency_key (platform_id, key, "
                        "endpoint, body_hash) SELECT platform_id, key, endpoint, "
                        "body_hash FROM ruralsw_idempotency_key WHERE key = %s",
                        "race",
                    ),
                    log_exceptions=False,
                )
            return original(api, platform, data)

        return calls, patch.object(RuralswApi, "_create_application", racing)

    def test_unique_violation_runs_the_request_again(self):
        calls, racing = self._race_on_unique_index(1)
        # Odoo waits a random moment before it runs the request again
        with racing, patch("odoo.service.model.random.uniform", return_value=0):
            created = self._call(
                "POST", "/applications", application_body("APP-R"), key="race"
            )
        self.assertEqual(created.status_code, 201, created.text)
        self.assertEqual(len(calls), 2, "run again in a new transaction")
        lead = self.env["crm.lead"].search([("ruralsw_external_id", "=", "APP-R")])
        self.assertEqual(lead.ruralsw_reference, created.json()["reference"])
        replay = self._call(
            "POST", "/applications", application_body("APP-R"), key="race"
        )
        self.assertEqual(replay.status_code, 200)
        self.assertEqual(replay.json()["reference"], lead.ruralsw_reference)

    def test_unique_violation_on_every_try_answers_busy(self):
        calls, racing = self._race_on_unique_index(99)
        with (
            racing,
            patch("odoo.service.model.random.uniform", return_value=0),
            self.assertLogs(
                "odoo.addons.ruralsw_ecommerce_bridge.controllers.api", "WARNING"
            ) as logs,
        ):
            busy = self._call(
                "POST", "/applications", application_body("APP-B"), key="race"
            )
        self._error(busy, 503, "busy")
        self.assertEqual(len(calls), 5, "Odoo's tries, then a JSON answer")
        self.assertIn("concurrent updates", logs.output[0])
        self.assertFalse(
            self.env["crm.lead"].search([("ruralsw_external_id", "=", "APP-B")])
        )

    def test_platform_user_without_email_still_records_applications(self):
        # the assignment e-mail would have the platform's user as author
        self.platform_user.email = False
        created = self._call(
            "POST", "/applications", application_body("APP-M"), key="mail"
        )
        self.assertEqual(created.status_code, 201, created.text)
        lead = self.env["crm.lead"].search([("ruralsw_external_id", "=", "APP-M")])
        self.assertTrue(lead.user_id, "assigned all the same")
        self.assertEqual(lead.ruralsw_follow_up_task_id.user_ids, lead.user_id)

    def test_model_refusals_answer_json_4xx(self):
        def refuse(*_args, **_kwargs):
            raise ValidationError(
                self.env._("Birth date: cannot be after the first contact.")
            )

        def forbid(*_args, **_kwargs):
            raise AccessError(self.env._("no right to create a case"))

        with patch.object(RuralswApi, "_catalog", refuse):
            error = self._error(self._call("GET", "/catalog"), 400, "invalid")
        self.assertIn("Birth date", error["message"])
        with (
            patch.object(RuralswApi, "_catalog", forbid),
            self.assertLogs(
                "odoo.addons.ruralsw_ecommerce_bridge.controllers.api", "WARNING"
            ),
        ):
            error = self._error(self._call("GET", "/catalog"), 403, "forbidden")
        self.assertNotIn("no right", error["message"])

    def test_nul_in_a_reference_and_lone_surrogate_in_a_body_are_4xx(self):
        # neither can reach PostgreSQL, nor be encoded into an answer
        self._error(self._call("GET", "/applications/SQ%00X"), 404, "not_found")
        self._error(
            self._call(
                "POST", "/applications", raw=b'{"external_id": "\\ud800"}', key="u"
            ),
            400,
            "bad_json",
        )
