# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Fail on idioms that break, or are gone, in Odoo 18 (and on 19.0-only APIs).

Scans ``.py``, ``.xml`` and ``.js`` files (by default every ``ruralsw_*/``
addon folder of the repository) and prints ``file:line:col: [rule] message``
for each hit. Exit status 1 when anything was found.

A line that really needs one of these words (a comment explaining the rule,
say) can carry the marker ``idiom-guard: ignore``.

Usage: ``python3 tools/check_odoo18_idioms.py [PATH ...]``
"""

import argparse
import dataclasses
import os
import re
import sys

EXTENSIONS = (".py", ".xml", ".js")
IGNORE_MARKER = "idiom-guard: ignore"
SKIP_DIRS = {"__pycache__", "node_modules", ".git", "lib"}
ALL = EXTENSIONS
MARKUP = (".xml", ".js")
PYTHON = (".py",)


@dataclasses.dataclass(frozen=True)
class Rule:
    """One forbidden idiom: a regular expression and where it applies.

    ``scope`` is ``None`` (every file of the given extensions), ``"views"``
    (files outside ``static/``: data and view XML, Python) or ``"static"``
    (web client files under ``static/``, where Owl components have their own
    ``attrs`` prop).
    """

    name: str
    pattern: re.Pattern
    message: str
    extensions: tuple = ALL
    scope: str = None

    def applies_to(self, path):
        """Return True when this rule checks the file at ``path``."""
        if os.path.splitext(path)[1] not in self.extensions:
            return False
        in_static = "static" in re.split(r"[\\/]", path)
        if self.scope == "views":
            return not in_static
        if self.scope == "static":
            return in_static
        return True


def _rule(name, regex, message, extensions=ALL, scope=None):
    """Build a :class:`Rule` from a regular expression string."""
    return Rule(name, re.compile(regex), message, extensions, scope)


ATTRS_MESSAGE = (
    "attrs= was removed in 17.0: use invisible=/readonly=/required= expressions"
)
STATES_MESSAGE = (
    "states= was removed in 17.0: use invisible=\"state != 'x'\" / readonly="
)

RULES = (
    _rule("tree-view", r"<tree(?=[\s>/]|$)", "<tree> is <list> since 17.0"),
    _rule(
        "tree-view-mode",
        r"""["'>]tree,"""  # "tree,form" / >tree,form<
        r"""|,\s*tree\s*["'<]"""  # "kanban,tree"
        r"""|,\s*["']tree["']\s*[\])]"""  # (False, "tree") / [false, "tree"]
        r"""|\bview_(?:mode|type)\W+tree\b""",  # view_mode="tree"
        'view mode "tree" is "list" since 17.0 (view_mode="list,form")',
    ),
    _rule("attrs", r"""(?<![\w.:-])attrs\s*=\s*["']""", ATTRS_MESSAGE, MARKUP, "views"),
    _rule("attrs", r"""(?<![\w.:-])attrs=\\?["']""", ATTRS_MESSAGE, PYTHON),
    _rule(
        "attrs",
        r"""(?<![\w.:-])attrs\s*=\s*["']\s*\{\s*\\?["']?"""
        r"""(?:invisible|readonly|required|column_invisible)\b""",
        ATTRS_MESSAGE,
        MARKUP,
        "static",
    ),
    _rule(
        "states", r"""(?<![\w.:-])states\s*=\s*["']""", STATES_MESSAGE, MARKUP, "views"
    ),
    # a field parameter (states={...} or states=READONLY_STATES; ruff format
    # writes no spaces around a keyword's '=') or an XML attribute inside a
    # Python string; "states = ..." is a variable, states=[...] some list
    _rule(
        "states",
        r"""(?<![\w.:-])states=(?:\{|\\?["']|[A-Z_][A-Z0-9_]*\b)""",
        STATES_MESSAGE,
        PYTHON,
    ),
    _rule(
        "group-operator",
        r"\bgroup_operator\b",
        "group_operator= is aggregator= since 17.0",
    ),
    _rule(
        "name-get",
        r"\bdef\s+name_get\s*\(",
        "name_get() is gone: override _compute_display_name",
        PYTHON,
    ),
    _rule(
        "name-search",
        r"\bdef\s+_name_search\s*\(",
        "_name_search() is gone in 18.0: use _rec_names_search or _search_display_name",
        PYTHON,
    ),
    _rule(
        "kanban-box",
        r"\bkanban-box\b",
        'kanban templates are <t t-name="card"> since 18.0',
    ),
    _rule("oe-chatter", r"\boe_chatter\b", "use <chatter/> since 18.0"),
    _rule(
        "savepoint-case",
        r"\bSavepointCase\b",
        "SavepointCase is gone: use TransactionCase",
        PYTHON,
    ),
    _rule(
        "user-has-groups",
        r"\buser_has_groups\b",
        "user_has_groups() is gone in 18.0: use self.env.user.has_group()",
    ),
    _rule("numbercall", r"\bnumbercall\b", "ir.cron has no numbercall since 17.0"),
    _rule(
        "check-access-rights",
        r"\bcheck_access_rights\b",
        "use check_access()/has_access() in 18.0",
    ),
    _rule(
        "odoo19-constraint",
        r"\bmodels\.(?:Constraint|Index|UniqueIndex)\b",
        "models.Constraint/Index are 19.0-only: use _sql_constraints",
        PYTHON,
    ),
    _rule(
        "odoo19-formatted-read-group",
        r"\bformatted_read_group\b",
        "formatted_read_group() is 19.0-only: use _read_group()/read_group()",
    ),
    _rule(
        "odoo19-domain",
        r"\bfrom\s+odoo\.fields\s+import\b.*\bDomain\b"
        r"|\bfrom\s+odoo\.orm\b"
        r"|\bfields\.Domain\b"
        r"|(?<![\w.])(?<!class )Domain(?:\s*\(|\.(?:AND|OR|TRUE|FALSE)\b)",
        "the Domain class is 19.0-only: use odoo.osv.expression (AND, OR, ...)",
        PYTHON,
    ),
    _rule(
        "deprecated-check-recursion",
        r"\b_check_(?:m2m_)?recursion\s*\(",
        "deprecated in 18.0 (logs a warning): use not self._has_cycle()",
        PYTHON,
    ),
)

API_MODEL_CREATE_MESSAGE = "create() takes @api.model_create_multi and a vals_list"
API_MODEL_RE = re.compile(r"^\s*@api\.model\s*(?:#.*)?$")
DEF_RE = re.compile(r"^\s*(?:async\s+)?def\s+(\w+)\s*\(")
DECORATOR_OR_BLANK_RE = re.compile(r"^\s*(?:@.*|#.*)?$")

# group_ids is the 19.0 name of res.users.groups_id
USER_GROUP_IDS_RE = re.compile(r"\b\w*users?\w*\.group_ids\b")
GROUP_IDS_KEY_RE = re.compile(r"""["']group_ids["']|\bgroup_ids=""")
# the model a values dict / domain / keyword argument is meant for
MODEL_CONTEXT_RE = re.compile(
    r"""env\[\s*["']([\w.]+)["']\s*\]|\b(new_test_user)\s*\("""
)
XML_RECORD_RE = re.compile(r"""<record\b[^>]*\bmodel=["']([\w.]+)["']""")
XML_GROUP_IDS_FIELD_RE = re.compile(r"""<field\b[^>]*\bname=["']group_ids["']""")
GROUP_IDS_MESSAGE = "res.users has groups_id in 18.0 (group_ids is 19.0)"
USERS_CONTEXT_LINES = 8


@dataclasses.dataclass(frozen=True)
class Finding:
    """One forbidden idiom found in a file."""

    path: str
    line: int
    column: int
    rule: str
    message: str
    text: str

    def __str__(self):
        return (
            f"{self.path}:{self.line}:{self.column}: [{self.rule}] {self.message}"
            f" -- {self.text.strip()[:120]}"
        )


def _ignored(line):
    """Return True when the line carries the waiver marker."""
    return IGNORE_MARKER in line


def _check_api_model_create(path, lines):
    """Find ``@api.model`` directly decorating ``def create``."""
    findings = []
    for index, line in enumerate(lines):
        if not API_MODEL_RE.match(line) or _ignored(line):
            continue
        for following in lines[index + 1 :]:
            match = DEF_RE.match(following)
            if match:
                if match.group(1) == "create":
                    findings.append(
                        Finding(
                            path,
                            index + 1,
                            line.index("@") + 1,
                            "api-model-create",
                            API_MODEL_CREATE_MESSAGE,
                            line,
                        )
                    )
                break
            if not DECORATOR_OR_BLANK_RE.match(following):
                break
    return findings


def _users_context(lines, index, column):
    """Return True when the nearest model named before a position is res.users.

    Looks back up to ``USERS_CONTEXT_LINES`` lines for ``env["model"]`` or
    ``new_test_user(``; the last one before the position wins.
    """
    first = max(index - USERS_CONTEXT_LINES, 0)
    window = "\n".join(lines[first:index] + [lines[index][:column]])
    matches = list(MODEL_CONTEXT_RE.finditer(window))
    if not matches:
        return False
    last = matches[-1]
    return last.group(2) == "new_test_user" or last.group(1) == "res.users"


def _check_group_ids_python(path, lines):
    """Find ``group_ids`` used on res.users in Python code (a heuristic)."""
    findings = []
    for index, line in enumerate(lines):
        if _ignored(line):
            continue
        match = USER_GROUP_IDS_RE.search(line)
        if not match:
            match = GROUP_IDS_KEY_RE.search(line)
            if match and not _users_context(lines, index, match.start()):
                match = None
        if match:
            findings.append(
                Finding(
                    path,
                    index + 1,
                    match.start() + 1,
                    "odoo19-user-group-ids",
                    GROUP_IDS_MESSAGE,
                    line,
                )
            )
    return findings


def _check_group_ids_xml(path, lines):
    """Find ``<field name="group_ids">`` inside a res.users record."""
    findings = []
    model = None
    for index, line in enumerate(lines):
        record = XML_RECORD_RE.search(line)
        if record:
            model = record.group(1)
        if "</record>" in line and not record:
            model = None
        match = XML_GROUP_IDS_FIELD_RE.search(line)
        if match and model == "res.users" and not _ignored(line):
            findings.append(
                Finding(
                    path,
                    index + 1,
                    match.start() + 1,
                    "odoo19-user-group-ids",
                    GROUP_IDS_MESSAGE,
                    line,
                )
            )
    return findings


def check_text(path, text):
    """Return the findings for one file's text; the extension picks the rules."""
    extension = os.path.splitext(path)[1]
    lines = text.splitlines()
    findings = []
    rules = [rule for rule in RULES if rule.applies_to(path)]
    for number, line in enumerate(lines, start=1):
        if _ignored(line):
            continue
        for rule in rules:
            match = rule.pattern.search(line)
            if match:
                findings.append(
                    Finding(
                        path, number, match.start() + 1, rule.name, rule.message, line
                    )
                )
    if extension == ".py":
        findings += _check_api_model_create(path, lines)
        findings += _check_group_ids_python(path, lines)
    elif extension == ".xml":
        findings += _check_group_ids_xml(path, lines)
    return sorted(findings, key=lambda finding: (finding.line, finding.column))


def iter_files(paths):
    """Yield the .py/.xml/.js files named by, or found under, ``paths``."""
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
                for name in sorted(files):
                    if name.endswith(EXTENSIONS):
                        yield os.path.join(root, name)
        elif path.endswith(EXTENSIONS):
            yield path


def default_paths(root="."):
    """Return the repository's ``ruralsw_*`` addon folders."""
    return sorted(
        os.path.join(root, name)
        for name in os.listdir(root)
        if name.startswith("ruralsw_") and os.path.isdir(os.path.join(root, name))
    )


def main(argv=None):
    """Command line entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument(
        "paths", nargs="*", help="files or folders (default: ruralsw_*/ folders)"
    )
    args = parser.parse_args(argv)
    paths = args.paths or default_paths()
    findings = []
    count = 0
    for path in iter_files(paths):
        count += 1
        with open(path, encoding="utf-8", errors="replace") as handle:
            findings += check_text(os.path.normpath(path), handle.read())
    for finding in findings:
        print(finding)
    if findings:
        print(
            f"odoo18 idiom guard: {len(findings)} pre-18 / 19-only idiom(s) "
            f"in {count} file(s) checked"
        )
        return 1
    print(f"odoo18 idiom guard: {count} file(s) checked, no old idiom")
    return 0


if __name__ == "__main__":
    sys.exit(main())
