# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import timedelta

from odoo.exceptions import UserError, ValidationError

from .common import RuralswCaseCommon


class TestConsent(RuralswCaseCommon):
    def _consent_count(self):
        return self.env["ruralsw.consent"].search_count([])

    def _assert_consent_refused(self, vals, *fragments):
        count = self._consent_count()
        with self.assertRaises(ValidationError) as error:
            self._give_consent(self.beneficiary_a2, **vals)
        for fragment in fragments:
            self.assertIn(fragment, str(error.exception))
        self.assertEqual(self._consent_count(), count)

    def test_states_and_search(self):
        person = self.beneficiary_a2
        valid = self._give_consent(person, purpose="photos")
        expired = self._give_consent(
            person,
            purpose="photos",
            date_given=self.today - timedelta(days=400),
            valid_until=self.today - timedelta(days=1),
        )
        last_day = self._give_consent(person, purpose="photos", valid_until=self.today)
        revoked = self._give_consent(person, purpose="photos")
        revoked._ruralsw_revoke("Changed her mind")
        pending = self._give_consent(
            person, purpose="photos", date_given=self.today + timedelta(days=2)
        )
        consents = valid | expired | last_day | revoked | pending
        self.assertEqual(
            consents.mapped("state"),
            ["valid", "expired", "valid", "revoked", "pending"],
        )
        Consent = self.env["ruralsw.consent"]
        for state, expected in (
            ("valid", valid | last_day),
            ("expired", expired),
            ("revoked", revoked),
            ("pending", pending),
        ):
            with self.subTest(state=state):
                self.assertEqual(
                    Consent.search([("id", "in", consents.ids), ("state", "=", state)]),
                    expected,
                )
                self.assertEqual(
                    Consent.search(
                        [("id", "in", consents.ids), ("state", "!=", state)]
                    ),
                    consents - expected,
                )
        with self.assertRaises(UserError):
            Consent.search([("state", "in", ["valid"])])

    def test_proxy_needs_name_and_relation(self):
        self._assert_consent_refused(
            {"given_by": "proxy", "proxy_relation": "relative"}, "Proxy Name"
        )
        self._assert_consent_refused(
            {"given_by": "proxy", "proxy_name": "Li Zhiming"},
            "Relation of the Proxy",
        )
        by_name = self._give_consent(
            self.beneficiary_a2,
            given_by="proxy",
            proxy_name="Li Zhiming",
            proxy_relation="guardian",
        )
        self.assertEqual(by_name.state, "valid")
        clerk = self.env["res.partner"].create({"name": "Station Clerk Wei"})
        by_contact = self._give_consent(
            self.beneficiary_a2,
            given_by="proxy",
            proxy_partner_id=clerk.id,
            proxy_relation="station_clerk",
        )
        self.assertEqual(by_contact.proxy_partner_id, clerk)

    def test_verbal_consent_needs_witness(self):
        self._assert_consent_refused({"method": "witnessed_verbal"}, "Witness Name")
        consent = self._give_consent(
            self.beneficiary_a2,
            method="witnessed_verbal",
            witness_name="Village committee member",
        )
        with self.assertRaises(ValidationError) as error:
            consent.witness_name = False
        self.assertIn("Witness Name", str(error.exception))

    def test_valid_until_after_date_given(self):
        self._assert_consent_refused(
            {"valid_until": self.today - timedelta(days=5)}, "Valid Until"
        )

    def test_revoke_wizard(self):
        wizard_model = self.env["ruralsw.consent.revoke"].with_user(self.worker_a)
        action = self.consent_a.with_user(self.worker_a).action_revoke()
        self.assertEqual(action["res_model"], "ruralsw.consent.revoke")
        self.assertEqual(action["context"]["default_consent_id"], self.consent_a.id)

        blank = wizard_model.create({"consent_id": self.consent_a.id, "reason": "  "})
        with self.assertRaises(UserError) as error:
            blank.action_confirm()
        self.assertIn("Revocation Reason", str(error.exception))
        self.consent_a.invalidate_recordset()
        self.assertEqual(self.consent_a.state, "valid")
        self.assertFalse(self.consent_a.revoked_date)

        wizard = wizard_model.create(
            {"consent_id": self.consent_a.id, "reason": " Moved to the city "}
        )
        wizard.action_confirm()
        self.assertEqual(self.consent_a.state, "revoked")
        self.assertEqual(self.consent_a.revoked_date, self.today)
        self.assertEqual(self.consent_a.revocation_reason, "Moved to the city")

        again = wizard_model.create(
            {"consent_id": self.consent_a.id, "reason": "Twice"}
        )
        with self.assertRaises(UserError) as error:
            again.action_confirm()
        self.assertIn("already revoked", str(error.exception))
        self.assertEqual(self.consent_a.revocation_reason, "Moved to the city")

    def test_check_consent(self):
        # valid consent: nothing raised
        self.beneficiary_a._ruralsw_check_consent("case_management")
        with self.assertRaises(UserError) as error:
            self.beneficiary_a2._ruralsw_check_consent("case_management")
        self.assertIn("Case Management", str(error.exception))
        self.assertIn("Li Xiuying", str(error.exception))
        # the consent of one purpose does not cover another
        with self.assertRaises(UserError) as error:
            (self.beneficiary_a | self.beneficiary_a2)._ruralsw_check_consent("photos")
        self.assertIn("Photos", str(error.exception))
        self.assertIn("Wang Youfu", str(error.exception))
        # nor a date before it was given
        with self.assertRaises(UserError):
            self.beneficiary_a._ruralsw_check_consent(
                "case_management", on_date=self.today - timedelta(days=60)
            )
        # a revoked consent no longer counts
        self.consent_a._ruralsw_revoke("Withdrawn")
        with self.assertRaises(UserError):
            self.beneficiary_a._ruralsw_check_consent("case_management")

    def test_display_name(self):
        self.assertEqual(self.consent_a.display_name, "Case Management — Wang Youfu")
