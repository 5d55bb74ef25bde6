# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo.tests import HttpCase, tagged

from .common import setup_bridge_data


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    """A signed-in volunteer applies for a villager on the public page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_bridge_data(cls)

    def test_proxy_application_tour(self):
        self.start_tour(
            "/ruralsw/apply", "ruralsw_apply_proxy_tour", login=self.volunteer.login
        )
        lead = self.env["crm.lead"].search([("contact_name", "=", "岩香")])
        self.assertEqual(len(lead), 1)
        self.assertTrue(lead.ruralsw_reference)
        self.assertFalse(lead.ruralsw_unverified, "a signed-in proxy is not anonymous")
        self.assertEqual(lead.ruralsw_submitted_by_id, self.volunteer)
        self.assertEqual(lead.ruralsw_channel, "volunteer_proxy")
        self.assertEqual(lead.ruralsw_proxy_name, self.volunteer.name)
        self.assertEqual(lead.ruralsw_proxy_relation, "volunteer")
        self.assertEqual(lead.ruralsw_need_category, "elderly_care")
        self.assertEqual(lead.ruralsw_village_id, self.village_a)
        self.assertIn(lead.user_id, self.worker_a | self.worker_a2)
        self.assertTrue(lead.ruralsw_follow_up_task_id)
        person = lead.ruralsw_beneficiary_id
        self.assertTrue(person.needs_proxy)
        consent = person.ruralsw_consent_ids
        self.assertEqual(consent.purpose, "case_management")
        self.assertEqual(consent.given_by, "proxy")
        self.assertEqual(consent.proxy_relation, "volunteer")
        self.assertEqual(consent.method, "online")
