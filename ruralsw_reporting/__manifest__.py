# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Rural Social Work: Reporting",
    "summary": "KPIs, dashboards, PDF reports and the PTO scorecard for rural "
    "social work, without personal data",
    "version": "18.0.1.1.0",
    "category": "Services/Social Work",
    "license": "LGPL-3",
    "author": "ruralsw contributors",
    "website": "https://github.com/ruralsw/ruralsw",
    "depends": ["ruralsw_case", "ruralsw_resource", "spreadsheet_dashboard"],
    "data": [
        "security/ir.model.access.csv",
        "security/ruralsw_reporting_security.xml",
        "data/ir_cron_data.xml",
        "data/spreadsheet_dashboard_data.xml",
        "views/ruralsw_report_views.xml",
        "views/ruralsw_report_stock_views.xml",
        "views/ruralsw_certification_views.xml",
        "views/ruralsw_pto_assessment_views.xml",
        "wizards/ruralsw_report_monthly_views.xml",
        "views/ruralsw_reporting_menus.xml",
        "report/ruralsw_monthly_area_report.xml",
        "report/ruralsw_case_summary_report.xml",
    ],
    "demo": [
        "demo/ruralsw_reporting_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "ruralsw_reporting/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
