/** @odoo-module */
// Copyright 2026 ruralsw contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// Opens the dashboards, picks "Social Work" in the side panel (whatever
// dashboard the other installed apps put first) and waits for its figures.
registry.category("web_tour.tours").add("ruralsw_reporting_dashboard_tour", {
    steps: () => [
        {
            content: "The dashboards are listed",
            trigger: ".o_spreadsheet_dashboard_action .o_search_panel_category_value",
        },
        {
            content: "Open the Social Work dashboard",
            trigger: ".o_search_panel_category_value[data-name='Social Work']",
            run: "click",
        },
        {
            content: "It is the active dashboard",
            trigger: ".o_search_panel_category_value.active[data-name='Social Work']",
        },
        {
            content: "Its figures and charts are drawn",
            trigger: ".o_spreadsheet_dashboard_action .o-figure canvas",
        },
        {
            content: "No loading error",
            trigger: ".o_spreadsheet_dashboard_action:not(:has(.dashboard-loading-status.error))",
        },
    ],
});
