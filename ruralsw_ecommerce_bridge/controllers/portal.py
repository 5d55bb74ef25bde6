# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The public application page ``/ruralsw/apply`` and its status page.

Villagers apply without an account (their applications are marked
unverified until a social worker confirms them); signed-in volunteers and
station clerks (group Application Proxy) apply on a villager's behalf, and
the application records who acted, for whom, with which consent. Both
pages are rate-limited per client address and shown in zh_CN by default.
"""

import hashlib
import logging

from odoo import fields, http
from odoo.http import request

from ..services import payload
from ..services.errors import BridgeError

_logger = logging.getLogger(__name__)

PROXY_GROUP = "ruralsw_ecommerce_bridge.group_ruralsw_application_proxy"
SUBMIT_PATH = "/ruralsw/apply/submit"
STATUS_PATH = "/ruralsw/apply/status"
WINDOW = 3600
DEFAULT_LANG = "zh_CN"


class RuralswApplyPortal(http.Controller):
    def _set_lang(self):
        """zh_CN unless the visitor chose another installed language."""
        wanted = request.params.get("lang") or request.cookies.get("frontend_lang")
        installed = dict(request.env["res.lang"].get_installed())
        if wanted not in installed:
            wanted = DEFAULT_LANG if DEFAULT_LANG in installed else None
        if wanted:
            request.update_context(lang=wanted)

    def _client_hash(self):
        address = request.httprequest.remote_addr or ""
        secret = (
            request.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        )
        return hashlib.sha256(f"{secret}:{address}".encode()).hexdigest()[:32]

    def _limit(self, path, default):
        param = f"ruralsw_ecommerce_bridge.portal_limit_{path.rsplit('/', 1)[-1]}"
        value = request.env["ir.config_parameter"].sudo().get_param(param, default)
        try:
            return int(value)
        except ValueError:
            return default

    def _over_limit(self, path, default):
        """Whether this client address sent too many requests to ``path``
        in the last hour; the request is counted either way."""
        client = self._client_hash()
        # sudo: the request log is not readable by visitors
        Log = request.env["ruralsw.api.request"].sudo()
        over = Log._ruralsw_count_recent(WINDOW, client_hash=client, path=path) >= (
            self._limit(path, default)
        )
        Log._ruralsw_log(
            request.env["ruralsw.platform"],
            request.httprequest.method,
            path,
            429 if over else 200,
            "rate_limited" if over else None,
            client_hash=client,
        )
        return over

    def _is_proxy(self):
        user = request.env.user
        return not user._is_public() and user.has_group(PROXY_GROUP)

    def _villages(self):
        # sudo: the list of villages is public reference data
        return (
            request.env["ruralsw.area"]
            .sudo()
            .search([("level", "=", "village")], order="complete_name")
        )

    def _form_values(self, **extra):
        Lead = request.env["crm.lead"]
        categories = [
            (key, label)
            for key, label in Lead._fields[
                "ruralsw_need_category"
            ]._description_selection(request.env)
            if key in payload.APPLICATION_CATEGORIES
        ]
        relations = [
            ("volunteer", request.env._("Volunteer")),
            ("station_staff", request.env._("Station Clerk")),
            ("relative", request.env._("Relative")),
        ]
        return {
            "villages": self._villages(),
            "categories": categories,
            "relations": relations,
            "proxy_mode": self._is_proxy(),
            "user": request.env.user,
            "values": {},
            "error": None,
            **extra,
        }

    @http.route(
        "/ruralsw/apply",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        website=True,
        multilang=False,
    )
    def apply_form(self, **_kw):
        self._set_lang()
        return request.render(
            "ruralsw_ecommerce_bridge.apply_form", self._form_values()
        )

    @http.route(
        SUBMIT_PATH,
        type="http",
        auth="public",
        methods=["POST"],
        sitemap=False,
        website=True,
        multilang=False,
    )
    def apply_submit(self, **post):
        self._set_lang()
        if self._over_limit(SUBMIT_PATH, 10):
            return request.render(
                "ruralsw_ecommerce_bridge.apply_message",
                {
                    "message": request.env._(
                        "Too many applications from this address; please try again "
                        "in an hour, or call your village service station."
                    )
                },
                status=429,
            )
        proxy_mode = self._is_proxy()
        data = self._application_data(post, proxy_mode)
        try:
            values = payload.validate_application(
                data, fields.Date.context_today(request.env.user)
            )
            village = self._villages().filtered(
                lambda v: v.code == values["applicant"]["village_code"]
            )
            if not village:
                raise BridgeError(
                    "unknown_village", "applicant.village_code", {"code": ""}
                )
        except BridgeError as error:
            return request.render(
                "ruralsw_ecommerce_bridge.apply_form",
                self._form_values(values=post, error=self._error_message(error)),
                status=400,
            )
        if proxy_mode and post.get("proxy_consent") != "on":
            return request.render(
                "ruralsw_ecommerce_bridge.apply_form",
                self._form_values(
                    values=post,
                    error=request.env._(
                        "Confirm that the person agreed to apply and to the "
                        "processing of their data."
                    ),
                ),
                status=400,
            )
        user = request.env.user
        # sudo: visitors and proxies may not create intake records, people
        # or tasks themselves; the values come from the validated form only
        Lead = request.env["crm.lead"].sudo().with_context(lang=request.env.lang)
        lead = Lead._ruralsw_create_application(
            values,
            channel="volunteer_proxy" if proxy_mode else "online_platform",
            unverified=user._is_public() or not proxy_mode,
            submitted_by=user if proxy_mode else None,
        )
        return request.render(
            "ruralsw_ecommerce_bridge.apply_done",
            {
                "lead": lead,
                "receipt": lead._ruralsw_receipt(),
                "proxy_mode": proxy_mode,
            },
        )

    def _application_data(self, post, proxy_mode):
        """The API-shaped body of the form's fields."""
        data = {
            "external_id": "portal",
            "applicant": {
                "name": post.get("name") or None,
                "phone": post.get("phone") or None,
                "village_code": post.get("village_code") or None,
            },
            "category": post.get("category") or None,
            "description": post.get("description") or None,
            "consent": {
                "data_processing": post.get("consent_processing") == "on",
                "data_sharing": False,
            },
        }
        if post.get("birth_date"):
            data["applicant"]["birth_date"] = post["birth_date"]
        if proxy_mode:
            data["submitted_by"] = {
                "name": post.get("proxy_name") or request.env.user.name,
                "phone": post.get("proxy_phone") or None,
                "relation": post.get("proxy_relation") or None,
            }
        return data

    def _error_message(self, error):
        """A translated sentence for the form field at fault."""
        env = request.env
        labels = {
            "applicant.name": env._("Name"),
            "applicant.phone": env._("Phone"),
            "applicant.village_code": env._("Village"),
            "applicant.birth_date": env._("Date of Birth"),
            "category": env._("What is needed"),
            "description": env._("Situation"),
            "consent.data_processing": env._("Consent"),
            "submitted_by.name": env._("Your Name"),
            "submitted_by.phone": env._("Your Phone"),
            "submitted_by.relation": env._("Your Relation to the Person"),
        }
        label = labels.get(error.field, error.field)
        if error.code == "consent_required":
            return env._(
                "Consent: the application can only be recorded with the "
                "person's agreement to the processing of their data."
            )
        if error.code == "required":
            return env._("%(field)s: please fill this in.", field=label)
        return env._("%(field)s: please check this value.", field=label)

    @http.route(
        STATUS_PATH,
        type="http",
        auth="public",
        methods=["GET", "POST"],
        sitemap=False,
        website=True,
        multilang=False,
    )
    def apply_status(self, **post):
        self._set_lang()
        reference = (post.get("reference") or "").strip().upper()
        digits = (post.get("phone_last4") or "").strip()
        values = {
            "reference": reference,
            "phone_last4": digits,
            "receipt": None,
            "error": None,
        }
        if request.httprequest.method == "POST":
            if self._over_limit(STATUS_PATH, 30):
                values["error"] = request.env._(
                    "Too many attempts from this address; please try again in an hour."
                )
                return request.render(
                    "ruralsw_ecommerce_bridge.apply_status", values, status=429
                )
            lead = self._find_application(reference, digits)
            if lead:
                values["receipt"] = lead._ruralsw_receipt()
                values["status_label"] = dict(
                    lead._fields["ruralsw_application_status"]._description_selection(
                        request.env
                    )
                )[values["receipt"]["status"]]
            else:
                values["error"] = request.env._(
                    "No application matches this tracking number and these "
                    "phone digits."
                )
        return request.render("ruralsw_ecommerce_bridge.apply_status", values)

    def _find_application(self, reference, digits):
        if not reference or len(digits) != 4 or not digits.isdigit():
            return None
        # sudo: the visitor proves the application is theirs with the
        # tracking number and the phone digits; only the status is shown
        lead = (
            request.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            .search([("ruralsw_reference", "=", reference)], limit=1)
        )
        if lead and (lead.phone or "").replace(" ", "").endswith(digits):
            return lead
        return None
