/** @odoo-module **/
// Copyright 2026 ruralsw contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

// A dispatcher previews the allocation of an incident's requests, lowers one
// row of the plan and confirms it into reserved deliveries (run by
// tests/test_ui.py, which checks the deliveries). Steps that only check the
// screen run nothing: their trigger is the check.

import { registry } from "@web/core/registry";

// set up by tests/test_ui.py
const INCIDENT = "寒潮演练";
const VILLAGE = "V3";

registry.category("web_tour.tours").add("ruralsw_resource_dispatch_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button:enabled",
            run: "click",
        },
        {
            content: "Open Social Work",
            trigger: ".o_app[data-menu-xmlid='ruralsw_case.ruralsw_menu_root']",
            run: "click",
        },
        {
            content: "Open the Aid menu",
            trigger: ".o_main_navbar [data-menu-xmlid='ruralsw_resource.ruralsw_aid_menu']",
            run: "click",
        },
        {
            content: "Open the incidents",
            trigger: ".dropdown-item[data-menu-xmlid='ruralsw_resource.ruralsw_incident_menu']",
            run: "click",
        },
        {
            content: "Open the incident",
            trigger: `.o_list_view .o_data_row td[name=name]:contains('${INCIDENT}')`,
            run: "click",
        },
        {
            content: "Allocate its requests",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_allocate]",
            run: "click",
        },
        {
            content: "The preview lists the plan with its sources",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row td[name=warehouse_id]:contains('WH T2')",
            run: () => {},
        },
        {
            content: "Select the quantity of the row for the village",
            trigger: `.modal .o_field_widget[name=line_ids] .o_data_row:has(td[name=area_id]:contains('${VILLAGE}')) td[name=quantity]`,
            run: "click",
        },
        {
            content: "Lower it to 1",
            trigger: ".modal .o_field_widget[name=line_ids] .o_selected_row td[name=quantity] input",
            run: "edit 1",
        },
        {
            content: "Confirm the allocation",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The reserved deliveries are listed",
            trigger: "body:not(:has(.modal)) .o_list_view .o_data_row:contains('Ready')",
            run: () => {},
        },
    ],
});
