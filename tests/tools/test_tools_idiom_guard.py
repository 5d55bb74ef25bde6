# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of tools/check_odoo18_idioms.py (the Odoo 18 idiom guard)."""

import pytest

from tools import check_odoo18_idioms as guard


def rules(path, text):
    """Return the (line, rule) pairs the guard reports for a text."""
    return [(finding.line, finding.rule) for finding in guard.check_text(path, text)]


@pytest.mark.parametrize(
    ("path", "text", "rule"),
    [
        ("a/views/v.xml", '<tree string="Cases">', "tree-view"),
        ("a/views/v.xml", "<tree>", "tree-view"),
        ("a/views/v.xml", "<tree/>", "tree-view"),
        ("a/models/m.py", "arch = \"<tree><field name='x'/></tree>\"", "tree-view"),
        ("a/static/src/x.js", "`<tree editable='1'>`", "tree-view"),
        (
            "a/views/v.xml",
            '<field name="view_mode">tree,form</field>',
            "tree-view-mode",
        ),
        (
            "a/views/v.xml",
            '<field name="view_mode">kanban,tree</field>',
            "tree-view-mode",
        ),
        ("a/models/m.py", '"view_mode": "tree,form",', "tree-view-mode"),
        ("a/models/m.py", '"views": [(False, "tree")],', "tree-view-mode"),
        ("a/models/m.py", "'view_mode': 'tree',", "tree-view-mode"),
        (
            "a/views/v.xml",
            "<field name=\"x\" attrs=\"{'invisible': [('state', '=', 'done')]}\"/>",
            "attrs",
        ),
        ("a/models/m.py", 'arch = \'<field name="x" attrs="{}"/>\'', "attrs"),
        (
            "a/static/src/c.xml",
            "<Field attrs=\"{'invisible': [('a', '=', 1)]}\"/>",
            "attrs",
        ),
        ("a/views/v.xml", '<button name="a" states="draft,sent"/>', "states"),
        ("a/views/v.xml", "<field name='x' states = 'draft'/>", "states"),
        ("a/models/m.py", "    states={'draft': [('readonly', False)]},", "states"),
        ("a/models/m.py", "name = fields.Char(states=READONLY_STATES)", "states"),
        (
            "a/models/m.py",
            'amount = fields.Float(group_operator="sum")',
            "group-operator",
        ),
        ("a/models/m.py", "    def name_get(self):", "name-get"),
        (
            "a/models/m.py",
            "    def _name_search(self, name, domain=None, operator='ilike'):",
            "name-search",
        ),
        ("a/views/v.xml", '<t t-name="kanban-box">', "kanban-box"),
        ("a/views/v.xml", '<div class="oe_chatter">', "oe-chatter"),
        ("a/tests/t.py", "class TestX(SavepointCase):", "savepoint-case"),
        (
            "a/models/m.py",
            "if self.user_has_groups('base.group_user'):",
            "user-has-groups",
        ),
        ("a/data/cron.xml", '<field name="numbercall">-1</field>', "numbercall"),
        ("a/models/m.py", 'self.check_access_rights("write")', "check-access-rights"),
        (
            "a/models/m.py",
            "    _x = models.Constraint('unique(name)')",
            "odoo19-constraint",
        ),
        ("a/models/m.py", "_y = models.Index('(name)')", "odoo19-constraint"),
        (
            "a/models/m.py",
            "groups = m.formatted_read_group([], ['a'])",
            "odoo19-formatted-read-group",
        ),
        ("a/models/m.py", "from odoo.fields import Command, Domain", "odoo19-domain"),
        ("a/models/m.py", "from odoo.orm.domains import Domain", "odoo19-domain"),
        (
            "a/models/m.py",
            "domain = Domain('a', '=', 1) & Domain('b', '=', 2)",
            "odoo19-domain",
        ),
        ("a/models/m.py", "domain = Domain.AND([d1, d2])", "odoo19-domain"),
        ("a/models/m.py", "if rec._check_recursion():", "deprecated-check-recursion"),
        ("a/models/m.py", "ids = self.env.user.group_ids.ids", "odoo19-user-group-ids"),
        (
            "a/tests/t.py",
            'self.env["res.users"].create({"login": "x", "group_ids": [(4, g)]})',
            "odoo19-user-group-ids",
        ),
    ],
)
def test_finds_old_idiom(path, text, rule):
    """Each pre-18 / 19-only idiom is reported with its rule name and line."""
    assert (1, rule) in rules(path, text)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("a/views/v.xml", "<list string='Cases'>"),
        ("a/views/v.xml", '<field name="view_mode">list,form</field>'),
        ("a/views/v.xml", '<field name="tree_id"/>'),
        ("a/views/v.xml", "<p>Family tree of the household</p>"),
        ("a/views/v.xml", '<field name="x" invisible="state != \'draft\'"/>'),
        ("a/views/v.xml", '<field name="x" invisible="states == \'draft\'"/>'),
        ("a/views/v.xml", '<field name="statestates"/>'),
        ("a/views/v.xml", "<p>The statestates= and reattrs= words</p>"),
        ("a/views/v.xml", '<field name="x" t-att-states="y"/>'),
        ("a/models/m.py", "states = {'draft': 1}"),
        ("a/models/m.py", "return dict(states=[(s.id, s.name) for s in states])"),
        ("a/models/m.py", "if record.states == 'x':"),
        ("a/models/m.py", "attrs = {'class': 'x'}"),
        ("a/static/src/c.xml", "<DropdownItem attrs=\"{ href: '#' }\">"),
        ("a/static/src/c.js", "const tree = buildTree(domain, tree, operator);"),
        (
            "a/static/src/c.js",
            "import { Domain } from '@web/core/domain'; new Domain(d);",
        ),
        ("a/models/m.py", 'amount = fields.Float(aggregator="sum")'),
        ("a/models/m.py", "def _compute_display_name(self):"),
        ("a/models/m.py", "class Domain(Controller):"),
        ("a/models/m.py", "from odoo.osv import expression"),
        ("a/models/m.py", "groups = self.env.user.groups_id"),
        (
            "a/models/m.py",
            'self.env["discuss.channel"].search([("group_ids", "in", ids)])',
        ),
        ("a/models/m.py", "station.group_ids = groups"),
        ("a/models/m.py", 'if not rec._has_cycle("parent_id"):'),
        ("a/models/m.py", 'rec.check_access("write")'),
        ("a/views/v.xml", '<t t-name="card">'),
        ("a/views/v.xml", "<chatter/>"),
        (
            "a/models/m.py",
            "x = self._check_access_rights_helper  # idiom-guard: ignore",
        ),
    ],
)
def test_accepts_current_idiom(path, text):
    """Odoo 18 code and look-alike words are not reported."""
    assert rules(path, text) == []


def test_api_model_create_detected_across_decorators():
    """@api.model on create is found even with other decorators in between."""
    text = "\n".join(
        [
            "class A(models.Model):",
            "    @api.model",
            "    # one record at a time",
            "    @some_decorator",
            "    def create(self, vals):",
            "        return super().create(vals)",
        ]
    )
    assert rules("m/models/a.py", text) == [(2, "api-model-create")]


def test_api_model_on_other_method_and_create_multi_are_fine():
    """@api.model on another method, and @api.model_create_multi, pass."""
    text = "\n".join(
        [
            "    @api.model",
            "    def default_get(self, fields):",
            "        pass",
            "    @api.model_create_multi",
            "    def create(self, vals_list):",
            "        pass",
        ]
    )
    assert rules("m/models/a.py", text) == []


def test_group_ids_in_res_users_xml_record_only():
    """group_ids is reported in a res.users record, not in other records."""
    text = "\n".join(
        [
            '<record id="user_a" model="res.users">',
            '    <field name="group_ids" eval="[(4, ref(\'base.group_user\'))]"/>',
            "</record>",
            '<record id="station_a" model="ruralsw.station">',
            '    <field name="group_ids" eval="[(4, ref(\'base.group_user\'))]"/>',
            "</record>",
        ]
    )
    assert rules("m/demo/users.xml", text) == [(2, "odoo19-user-group-ids")]


def test_group_ids_for_new_test_user_across_lines():
    """A group_ids keyword a few lines below new_test_user( is reported."""
    text = "\n".join(
        [
            "cls.worker = new_test_user(",
            "    cls.env,",
            '    login="worker",',
            "    group_ids=groups,",
            ")",
        ]
    )
    assert rules("m/tests/test_a.py", text) == [(4, "odoo19-user-group-ids")]


def test_ignore_marker():
    """The waiver marker silences a line."""
    assert rules("m/views/v.xml", "<tree> <!-- idiom-guard: ignore -->") == []


def test_main_reports_file_and_line(tmp_path, capsys):
    """The command line prints file:line and exits 1, or 0 when clean."""
    addon = tmp_path / "ruralsw_x" / "views"
    addon.mkdir(parents=True)
    bad = addon / "x_views.xml"
    bad.write_text('<odoo>\n  <tree string="X"/>\n</odoo>\n', encoding="utf-8")
    (addon / "notes.txt").write_text("<tree>", encoding="utf-8")
    assert guard.main([str(tmp_path / "ruralsw_x")]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:2:3: [tree-view]" in out
    assert "notes.txt" not in out
    bad.write_text("<odoo>\n  <list/>\n</odoo>\n", encoding="utf-8")
    assert guard.main([str(tmp_path / "ruralsw_x")]) == 0
    assert "1 file(s) checked, no old idiom" in capsys.readouterr().out


def test_default_paths_are_ruralsw_folders(tmp_path):
    """Without arguments the guard scans the ruralsw_* folders only."""
    (tmp_path / "ruralsw_a").mkdir()
    (tmp_path / "ruralsw_b").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "ruralsw_file.py").write_text("", encoding="utf-8")
    names = [path.rsplit("/", 1)[-1] for path in guard.default_paths(str(tmp_path))]
    assert names == ["ruralsw_a", "ruralsw_b"]
