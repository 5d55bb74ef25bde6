# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The case views cost the same number of queries for 5 or 15 records.

Each view is loaded the way the web client does it, as a social worker whose
record rules go through the areas, with field specifications built from the
views returned by ``get_views``.
"""

import logging

from lxml import etree

from odoo import Command
from odoo.tests import tagged

from .common import RuralswCaseCommon

_logger = logging.getLogger(__name__)

N = 5
# fields the activity widgets of list and kanban views read with activity_ids
ACTIVITY_WIDGET_FIELDS = (
    "activity_exception_decoration",
    "activity_exception_icon",
    "activity_state",
    "activity_summary",
    "activity_type_icon",
    "activity_type_id",
)
# measured on 18.0 with demo data (list 16, kanban 27, form 22), plus headroom
LIST_QUERIES = 18
KANBAN_QUERIES = 30
FORM_QUERIES = 25


def _specification(node, model, models):
    """Return the web_read specification of the fields under ``node``."""
    spec = {}
    fields_info = models[model]["fields"]
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag != "field":
            spec.update(_specification(child, model, models))
            continue
        name = child.get("name")
        field = fields_info[name]
        if field["type"] in ("many2one", "reference"):
            spec[name] = {"fields": {"display_name": {}}}
        elif field["type"] in ("one2many", "many2many"):
            subview = next(
                (sub for sub in child if sub.tag in ("list", "kanban")), None
            )
            if subview is not None and field["relation"] in models:
                spec[name] = {
                    "fields": _specification(subview, field["relation"], models)
                }
            else:
                spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
        if child.get("widget") in ("list_activity", "kanban_activity"):
            for dependency in ACTIVITY_WIDGET_FIELDS:
                spec[dependency] = (
                    {"fields": {"display_name": {}}}
                    if dependency == "activity_type_id"
                    else {}
                )
    return spec


@tagged("is_query_count")
class TestPerformance(RuralswCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Case = cls.env["ruralsw.case"].with_user(cls.worker_a)
        views = cls.Case.get_views(
            [(False, "list"), (False, "kanban"), (False, "form")]
        )
        cls.specs = {}
        for view_type, view in views["views"].items():
            arch = etree.fromstring(view["arch"])
            spec = _specification(arch, "ruralsw.case", views["models"])
            spec["display_name"] = {}
            cls.specs[view_type] = spec
        cls.domain = [("phase", "!=", "closed")]
        cls.batch = 0

    def _make_cases(self, count):
        """Create ``count`` cases in township A, half of them assessed, each
        with a need and an activity, handled by Worker B so that only the area
        rule gives Worker A access."""
        self.__class__.batch += 1
        people = self.env["res.partner"].create(
            [
                {
                    "name": f"Person {self.batch}-{n}",
                    "is_beneficiary": True,
                    "village_id": self.village_a.id,
                }
                for n in range(count)
            ]
        )
        self.env["ruralsw.consent"].create(
            [
                {
                    "beneficiary_id": person.id,
                    "purpose": "case_management",
                    "date_given": self.today,
                }
                for person in people
            ]
        )
        cases = self.env["ruralsw.case"].create(
            [
                {
                    "beneficiary_id": person.id,
                    "user_id": self.worker_b.id,
                    "need_ids": [Command.create({"category": "medical"})],
                }
                for person in people
            ]
        )
        cases[::2].write({"stage_id": self.stage_assessment.id})
        for case in cases:
            case.activity_schedule(
                "mail.mail_activity_data_todo", user_id=self.worker_a.id
            )
        return cases

    def _measure(self, load):
        """Return the number of queries of ``load`` on cold record caches,
        once the rules, views and registry caches are warm."""
        load()
        self.env.invalidate_all()
        self.env.flush_all()
        start = self.cr.sql_log_count
        load()
        return self.cr.sql_log_count - start

    def _assert_constant(self, load, bound, label):
        self._make_cases(N)
        small = self._measure(load)
        self._make_cases(2 * N)
        large = self._measure(load)
        _logger.info(
            "%s: %s queries for %s cases, %s for %s", label, small, N, large, 3 * N
        )
        self.assertEqual(small, large, f"{label}: queries grow with the records")
        self.env.invalidate_all()
        with self.assertQueryCount(bound):
            load()

    def _load_list(self):
        result = self.Case.web_search_read(
            self.domain, self.specs["list"], limit=80, order="priority desc"
        )
        self.assertGreaterEqual(result["length"], N)
        self.assertNotIn(self.case_b.id, [record["id"] for record in result["records"]])
        return result

    def _load_kanban(self):
        groups = self.Case.web_read_group(
            self.domain, ["stage_id"], ["stage_id"], lazy=True
        )
        self.Case.read_progress_bar(
            self.domain,
            "stage_id",
            {
                "field": "risk_level",
                "colors": {
                    "critical": "danger",
                    "high": "warning",
                    "medium": "info",
                    "low": "success",
                },
            },
        )
        loaded = 0
        for group in groups["groups"]:
            if group["stage_id_count"]:
                result = self.Case.web_search_read(
                    group["__domain"], self.specs["kanban"], limit=40
                )
                loaded += len(result["records"])
        self.assertGreaterEqual(loaded, N)

    def test_case_list(self):
        self._assert_constant(self._load_list, LIST_QUERIES, "list")

    def test_case_kanban(self):
        self._assert_constant(self._load_kanban, KANBAN_QUERIES, "kanban")

    def test_case_form(self):
        # one case with N needs and interventions, one with 3 N
        forms = []
        for count in (N, 3 * N):
            case = self._create_case(self.beneficiary_a, self.worker_a)
            self._advance_to(case, "intervention")
            case.need_ids = [
                Command.create({"category": "medical", "description": f"Need {n}"})
                for n in range(count)
            ]
            self.env["ruralsw.intervention"].create(
                [
                    {
                        "case_id": case.id,
                        "name": f"Call {n}",
                        "intervention_type": "phone",
                        "state": "done",
                    }
                    for n in range(count)
                ]
            )
            forms.append(case)

        def load(case, lines):
            def read():
                [values] = self.Case.browse(case.id).web_read(self.specs["form"])
                self.assertEqual(len(values["need_ids"]), lines)
                self.assertEqual(len(values["intervention_ids"]), lines)

            return read

        small = self._measure(load(forms[0], N))
        large = self._measure(load(forms[1], 3 * N))
        _logger.info("form: %s queries for %s lines, %s for %s", small, N, large, 3 * N)
        self.assertEqual(small, large, "form: queries grow with the lines")
        self.env.invalidate_all()
        with self.assertQueryCount(FORM_QUERIES):
            load(forms[1], 3 * N)()
