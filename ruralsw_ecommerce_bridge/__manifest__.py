# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Rural Social Work: E-commerce Bridge",
    "summary": "Signed API for e-commerce platforms: online applications with "
    "offline follow-up, order data and explained signals, and a public "
    "application page with a proxy mode",
    "version": "18.0.1.1.0",
    "category": "Services/Social Work",
    "license": "LGPL-3",
    "author": "ruralsw contributors",
    "website": "https://github.com/ruralsw/ruralsw",
    "depends": ["ruralsw_case", "ruralsw_resource", "portal"],
    "external_dependencies": {"python": ["openpyxl"]},
    "data": [
        "security/ruralsw_ecommerce_bridge_groups.xml",
        "security/ir.model.access.csv",
        "security/ruralsw_ecommerce_bridge_security.xml",
        "data/ir_sequence_data.xml",
        "data/ruralsw_signal_rule_data.xml",
        "data/ir_cron_data.xml",
        "views/ruralsw_platform_views.xml",
        "views/ruralsw_order_views.xml",
        "views/ruralsw_signal_views.xml",
        "views/crm_lead_views.xml",
        "views/portal_templates.xml",
        "wizards/ruralsw_order_import_views.xml",
        "wizards/ruralsw_signal_dismiss_views.xml",
        "views/ruralsw_ecommerce_bridge_menus.xml",
    ],
    "demo": [
        "demo/ruralsw_platform_demo.xml",
        "demo/ruralsw_order_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "ruralsw_ecommerce_bridge/static/src/css/apply.css",
        ],
        "web.assets_tests": [
            "ruralsw_ecommerce_bridge/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
