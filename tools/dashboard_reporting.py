#!/usr/bin/env python3
# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Write the "Social Work" dashboard of ruralsw_reporting
(``ruralsw_reporting/data/files/social_work_dashboard.json``), an Odoo 18
spreadsheet (o-spreadsheet data version 21) whose pivots and charts read
the reporting tables, so that the dashboard is reviewed as code.

    python3 tools/dashboard_reporting.py            # write the file
    python3 tools/dashboard_reporting.py --check    # exit 1 if it is stale

Standard library only. The headline figures are on the "Data" sheet
(``PIVOT.VALUE`` of county-level pivots for every channel) and shown as
scorecards; the charts are Odoo graph charts. A date filter "Period"
(default: the last 365 days) applies to every pivot and chart through the
``month`` field.
"""

import argparse
import json
import sys
from pathlib import Path

OUTPUT = (
    Path(__file__).resolve().parent.parent
    / "ruralsw_reporting/data/files/social_work_dashboard.json"
)
PERIOD_FILTER = "6f1c2a0e-5d1b-4a53-9a53-0a7f3b1e2c01"
COUNTY_ALL = [["area_level", "=", "county"], ["channel", "=", "all"]]
TOWNSHIP_ALL = [["area_level", "=", "township"], ["channel", "=", "all"]]

# id: (model, name, domain, measures)
PIVOTS = {
    "1": (
        "ruralsw.report.response",
        "Response",
        COUNTY_ALL,
        [
            "case_count",
            "responded_count",
            "within_deadline_count",
            "response_hours_sum",
        ],
    ),
    "2": (
        "ruralsw.report.case.flow",
        "Case flow",
        COUNTY_ALL,
        ["opened_count", "closed_count", "overdue_count"],
    ),
    "3": (
        "ruralsw.report.satisfaction",
        "Satisfaction",
        [*COUNTY_ALL, ["need_category", "=", "all"]],
        ["evaluation_count", "satisfaction_sum", "satisfied_count"],
    ),
    "4": (
        "ruralsw.report.coverage",
        "Coverage",
        COUNTY_ALL,
        ["coverage_rate", "unreached_village_count"],
    ),
    "5": (
        "ruralsw.report.volunteer",
        "Volunteers",
        [["area_level", "=", "county"]],
        ["hours_logged"],
    ),
}

# (label, formula) on the Data sheet, row by row from A1
DATA = [
    ("Cases received", '=PIVOT.VALUE(1,"case_count")'),
    (
        "Contacted in time (%)",
        '=IFERROR(100*PIVOT.VALUE(1,"within_deadline_count")'
        '/PIVOT.VALUE(1,"responded_count"),0)',
    ),
    (
        "Mean response (hours)",
        '=IFERROR(PIVOT.VALUE(1,"response_hours_sum")/PIVOT.VALUE(1,"responded_count"),0)',
    ),
    ("Cases opened", '=PIVOT.VALUE(2,"opened_count")'),
    ("Cases closed", '=PIVOT.VALUE(2,"closed_count")'),
    (
        "Mean satisfaction (1-5)",
        '=IFERROR(PIVOT.VALUE(3,"satisfaction_sum")/PIVOT.VALUE(3,"evaluation_count"),0)',
    ),
    (
        "Satisfied (%)",
        '=IFERROR(100*PIVOT.VALUE(3,"satisfied_count")/PIVOT.VALUE(3,"evaluation_count"),0)',
    ),
    ("Coverage of vulnerable people (%)", '=PIVOT.VALUE(4,"coverage_rate")'),
    ("Volunteer hours", '=PIVOT.VALUE(5,"hours_logged")'),
]

# (title, type, model, measure, group by, domain)
CHARTS = [
    (
        "Cases opened per month",
        "odoo_bar",
        "ruralsw.report.case.flow",
        "opened_count",
        "month:month",
        COUNTY_ALL,
    ),
    (
        "Median response time (hours)",
        "odoo_line",
        "ruralsw.report.response",
        "response_hours_median",
        "month:month",
        COUNTY_ALL,
    ),
    (
        "Mean satisfaction per month",
        "odoo_line",
        "ruralsw.report.satisfaction",
        "satisfaction_avg",
        "month:month",
        [*COUNTY_ALL, ["need_category", "=", "all"]],
    ),
    (
        "Coverage by township (%)",
        "odoo_bar",
        "ruralsw.report.coverage",
        "coverage_rate",
        "area_id",
        TOWNSHIP_ALL,
    ),
    (
        "Fund inflows by source",
        "odoo_pie",
        "ruralsw.report.fund",
        "inflow_amount",
        "fund_source",
        [],
    ),
    (
        "Volunteer hours by township",
        "odoo_bar",
        "ruralsw.report.volunteer",
        "hours_logged",
        "area_id",
        [["area_level", "=", "township"]],
    ),
]

# scorecards: (Data row, title)
SCORECARDS = [
    (1, "Cases received"),
    (3, "Mean response (hours)"),
    (6, "Mean satisfaction (1-5)"),
    (8, "Coverage (%)"),
]


def _matching():
    return {PERIOD_FILTER: {"chain": "month", "type": "date", "offset": 0}}


def _pivot(pivot_id, model, name, domain, measures):
    return {
        "type": "ODOO",
        "id": pivot_id,
        "formulaId": pivot_id,
        "name": name,
        "model": model,
        "domain": domain,
        "context": {},
        "measures": [{"id": m, "fieldName": m} for m in measures],
        "columns": [],
        "rows": [],
        "sortedColumn": None,
        "fieldMatching": _matching(),
    }


def _chart(index, title, chart_type, model, measure, groupby, domain):
    width, height = 480, 300
    data = {
        "title": {"text": title},
        "background": "#FFFFFF",
        "legendPosition": "top" if chart_type == "odoo_pie" else "none",
        "metaData": {
            "groupBy": [groupby],
            "measure": measure,
            "order": None,
            "resModel": model,
            "mode": chart_type.removeprefix("odoo_"),
        },
        "searchParams": {
            "comparison": None,
            "context": {},
            "domain": domain,
            "groupBy": [groupby],
            "orderBy": [],
        },
        "type": chart_type,
        "verticalAxisPosition": "left",
        "stacked": False,
        "fieldMatching": _matching(),
    }
    if chart_type == "odoo_line":
        data["fillArea"] = False
    return {
        "id": f"ruralsw-chart-{index}",
        "x": (index % 2) * (width + 20),
        "y": 170 + (index // 2) * (height + 20),
        "width": width,
        "height": height,
        "tag": "chart",
        "data": data,
    }


def _scorecard(index, row, title):
    return {
        "id": f"ruralsw-score-{index}",
        "x": index * 245,
        "y": 40,
        "width": 230,
        "height": 110,
        "tag": "chart",
        "data": {
            "type": "scorecard",
            "title": {"text": title, "bold": True, "color": "#434343"},
            "background": "#EFF6FF",
            "keyValue": f"Data!B{row}",
            "baselineMode": "text",
            "baselineColorDown": "#DC6965",
            "baselineColorUp": "#00A04A",
            "humanize": False,
        },
    }


def _sheet(sheet_id, name, cells, figures, cols=6, rows=40):
    return {
        "id": sheet_id,
        "name": name,
        "colNumber": cols,
        "rowNumber": rows,
        "rows": {},
        "cols": {"0": {"size": 260}, "1": {"size": 140}},
        "merges": [],
        "cells": cells,
        "styles": {"A1": 1} if name == "Dashboard" else {},
        "formats": {},
        "borders": {},
        "conditionalFormats": [],
        "figures": figures,
        "tables": [],
        "areGridLinesVisible": False,
        "isVisible": True,
        "headerGroups": {"ROW": [], "COL": []},
        "dataValidationRules": [],
        "comments": {},
    }


def build():
    """Return the dashboard as a dict."""
    data_cells = {}
    for row, (label, formula) in enumerate(DATA, start=1):
        data_cells[f"A{row}"] = {"content": f'=_t("{label}")'}
        data_cells[f"B{row}"] = {"content": formula}
    figures = [_scorecard(i, row, title) for i, (row, title) in enumerate(SCORECARDS)]
    figures += [_chart(i, *chart) for i, chart in enumerate(CHARTS)]
    return {
        "version": 21,
        "sheets": [
            _sheet(
                "ruralsw-dashboard",
                "Dashboard",
                {"A1": {"content": '=_t("Social Work")'}},
                figures,
            ),
            _sheet("ruralsw-data", "Data", data_cells, []),
        ],
        "styles": {"1": {"textColor": "#01666b", "bold": True, "fontSize": 16}},
        "formats": {},
        "borders": {},
        "revisionId": "START_REVISION",
        "uniqueFigureIds": True,
        "settings": {
            "locale": {
                "name": "English (US)",
                "code": "en_US",
                "thousandsSeparator": ",",
                "decimalSeparator": ".",
                "dateFormat": "mm/dd/yyyy",
                "timeFormat": "hh:mm:ss",
                "formulaArgSeparator": ",",
                "weekStart": 7,
            }
        },
        "pivots": {
            pivot_id: _pivot(pivot_id, *spec) for pivot_id, spec in PIVOTS.items()
        },
        "pivotNextId": len(PIVOTS) + 1,
        "customTableStyles": {},
        "odooVersion": 12,
        "globalFilters": [
            {
                "id": PERIOD_FILTER,
                "type": "date",
                "label": "Period",
                "defaultValue": "last_year",
                "rangeType": "relative",
            }
        ],
        "lists": {},
        "listNextId": 1,
        "chartOdooMenusReferences": {},
    }


def render():
    """Return the file's text."""
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


def main(argv=None):
    """Write the dashboard, or with --check tell whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is stale: run tools/dashboard_reporting.py")
            return 1
        print(f"{OUTPUT} is up to date")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
