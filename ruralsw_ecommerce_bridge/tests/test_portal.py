# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import re

from odoo.tests import HttpCase, tagged

from .common import VILLAGE_A_CODE, setup_bridge_data


@tagged("post_install", "-at_install")
class TestPortal(HttpCase):
    """The public page: anonymous applications are unverified, the status
    page needs the tracking number and the phone's last four digits, and
    each client address is rate-limited."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_bridge_data(cls)

    def _csrf(self, path="/ruralsw/apply"):
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        return page, re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _submit(self, **fields):
        _page, token = self._csrf()
        data = {
            "csrf_token": token,
            "name": "岩温",
            "phone": "13711112222",
            "village_code": VILLAGE_A_CODE,
            "category": "material_aid",
            "description": "房屋漏雨，需要帮助。",
            "consent_processing": "on",
            **fields,
        }
        return self.url_open("/ruralsw/apply/submit", data=data)

    def test_form_is_public_and_mobile(self):
        page, _token = self._csrf()
        self.assertIn('name="viewport"', page.text)
        self.assertIn("o_ruralsw_apply_form", page.text)
        self.assertIn(VILLAGE_A_CODE, page.text)
        self.assertNotIn(
            "o_ruralsw_proxy_fields", page.text, "no proxy mode for visitors"
        )
        if "zh_CN" in dict(self.env["res.lang"].get_installed()):
            # zh_CN by default: the need categories come in Chinese
            self.assertIn("物资帮扶", page.text)

    def test_anonymous_application_is_unverified_and_trackable(self):
        answer = self._submit()
        self.assertEqual(answer.status_code, 200, answer.text[:500])
        lead = self.env["crm.lead"].search([("contact_name", "=", "岩温")])
        self.assertTrue(lead.ruralsw_unverified)
        self.assertIn(lead.ruralsw_reference, answer.text)
        self.assertEqual(lead.ruralsw_channel, "online_platform")
        self.assertFalse(lead.ruralsw_platform_id)
        self.assertTrue(lead.ruralsw_follow_up_task_id)

        _page, token = self._csrf("/ruralsw/apply/status")
        found = self.url_open(
            "/ruralsw/apply/status",
            data={
                "csrf_token": token,
                "reference": lead.ruralsw_reference.lower(),
                "phone_last4": "2222",
            },
        )
        self.assertIn("o_ruralsw_status", found.text)
        wrong = self.url_open(
            "/ruralsw/apply/status",
            data={
                "csrf_token": token,
                "reference": lead.ruralsw_reference,
                "phone_last4": "1111",
            },
        )
        self.assertNotIn("o_ruralsw_status", wrong.text)
        self.assertNotIn("岩温", wrong.text)

    def test_invalid_form_names_the_field(self):
        answer = self._submit(phone="call me")
        self.assertEqual(answer.status_code, 400)
        self.assertIn("o_ruralsw_apply_error", answer.text)
        no_consent = self._submit(consent_processing="")
        self.assertEqual(no_consent.status_code, 400)
        self.assertFalse(self.env["crm.lead"].search([("contact_name", "=", "岩温")]))

    def test_rate_limit_per_client_address(self):
        self.env["ir.config_parameter"].set_param(
            "ruralsw_ecommerce_bridge.portal_limit_submit", "1"
        )
        self.assertEqual(self._submit().status_code, 200)
        blocked = self._submit(name="玉罕", phone="13711113333")
        self.assertEqual(blocked.status_code, 429)
        self.assertFalse(self.env["crm.lead"].search([("contact_name", "=", "玉罕")]))
