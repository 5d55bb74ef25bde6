/** @odoo-module **/
// Copyright 2026 ruralsw contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

// A volunteer, signed in, applies on the public page on behalf of an
// elderly villager (proxy mode) and gets a tracking number. Set up by
// tests/test_ui.py. Steps that only check the screen run nothing.

import { registry } from "@web/core/registry";

const VILLAGE_CODE = "533102100201";

registry.category("web_tour.tours").add("ruralsw_apply_proxy_tour", {
    url: "/ruralsw/apply",
    steps: () => [
        {
            content: "The page is in proxy mode for the signed-in volunteer",
            trigger: ".o_ruralsw_proxy_banner",
            run: () => {},
        },
        {
            content: "Name of the villager",
            trigger: "input[name=name]",
            run: "edit 岩香",
        },
        {
            content: "Her phone",
            trigger: "input[name=phone]",
            run: "edit 13877776666",
        },
        {
            content: "Her village",
            trigger: "select[name=village_code]",
            run: `select ${VILLAGE_CODE}`,
        },
        {
            content: "What she needs",
            trigger: "select[name=category]",
            run: "select elderly_care",
        },
        {
            content: "Her situation",
            trigger: "textarea[name=description]",
            run: "edit 独居，行动不便，需要上门照护。",
        },
        {
            content: "The volunteer's phone",
            trigger: "input[name=proxy_phone]",
            run: "edit 13955554444",
        },
        {
            content: "The volunteer's relation to her",
            trigger: "select[name=proxy_relation]",
            run: "select volunteer",
        },
        {
            content: "She asked the volunteer to apply and agreed",
            trigger: "input[name=proxy_consent]",
            run: "check",
        },
        {
            content: "Consent to the processing of her data",
            trigger: "input[name=consent_processing]",
            run: "check",
        },
        {
            content: "Send the application",
            trigger: "button.o_ruralsw_apply_submit",
            run: "click",
        },
        {
            content: "The tracking number is shown",
            trigger: ".o_ruralsw_tracking:contains('SQ')",
            run: () => {},
        },
    ],
});
