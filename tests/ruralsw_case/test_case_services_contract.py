# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The rules every service module of ruralsw_case follows.

Pure Python without Odoo, licence header, docstrings, stable error codes, and
the test bootstrap (tests/conftest.py) that makes them importable.
"""

import ast
import importlib
import importlib.util
import pickle
import re
import sys
from pathlib import Path

import pytest

import ruralsw_case
from ruralsw_case.services import (
    division_code,
    errors,
    id_number,
    masking,
    response_time,
    scoring,
)
from ruralsw_case.services.errors import MESSAGES, ServiceValidationError

REPOSITORY = Path(__file__).resolve().parents[2]
SERVICES = REPOSITORY / "ruralsw_case" / "services"
SERVICE_FILES = sorted(SERVICES.glob("*.py"))
SERVICE_MODULES = sorted(path.stem for path in SERVICE_FILES if path.stem != "__init__")
HEADER = [
    "# Copyright 2026 ruralsw contributors",
    "# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).",
]
# error-code prefix -> module that raises and documents those codes
CODE_OWNERS = {
    "id_number": id_number,
    "division_code": division_code,
    "assessment": scoring,
    "response": response_time,
}
CODE_PATTERN = re.compile(rf"^(?:{'|'.join(CODE_OWNERS)})\.[a-z_]+$")


def _tree(path):
    """Return the parsed syntax tree of ``path``."""
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _string_constants(module):
    """Return every string literal of the source of ``module``."""
    tree = _tree(Path(module.__file__))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_the_expected_service_files_exist():
    expected = ["division_code", "errors", "id_number", "masking", "name_search"]
    assert [*expected, "response_time", "scoring"] == SERVICE_MODULES


def test_importing_every_service_does_not_import_odoo():
    for name in SERVICE_MODULES:
        importlib.import_module(f"ruralsw_case.services.{name}")
    assert "odoo" not in sys.modules
    assert not [name for name in sys.modules if name.startswith("odoo.")]


def test_the_addon_init_was_not_executed():
    # ruralsw_case/__init__.py imports models, which import Odoo
    assert "ruralsw_case.models" not in sys.modules
    assert not hasattr(ruralsw_case, "models")
    assert Path(ruralsw_case.__path__[0]) == REPOSITORY / "ruralsw_case"


@pytest.mark.parametrize("path", SERVICE_FILES, ids=lambda path: path.name)
def test_licence_header(path):
    assert path.read_text(encoding="utf-8").splitlines()[:2] == HEADER


@pytest.mark.parametrize("path", SERVICE_FILES, ids=lambda path: path.name)
def test_imports_are_standard_library_or_relative(path):
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.ImportFrom):
            # relative: only sibling service modules
            assert node.level == 1, ast.dump(node)
            target = node.module or node.names[0].name
            assert target.split(".")[0] in SERVICE_MODULES, target
            continue
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            assert top != "odoo"
            assert top in sys.stdlib_module_names, f"{path.name} imports {name}"


@pytest.mark.parametrize(
    "path",
    [path for path in SERVICE_FILES if path.stem != "__init__"],
    ids=lambda path: path.name,
)
def test_docstrings_on_the_module_and_every_function_and_class(path):
    tree = _tree(path)
    assert ast.get_docstring(tree), f"{path.name} has no module docstring"
    missing = [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and not ast.get_docstring(node)
    ]
    assert not missing, f"{path.name}: no docstring on {missing}"


@pytest.mark.parametrize("path", SERVICE_FILES, ids=lambda path: path.name)
def test_no_regular_expression_work_inside_functions(path):
    """Batch jobs call these functions 120,000 times: no ``re`` per call."""
    for function in ast.walk(_tree(path)):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                assert node.value.id != "re", f"{path.name}:{function.name}"


# --- error codes -------------------------------------------------------------


def test_every_code_has_an_owner_module():
    assert all(CODE_PATTERN.match(code) for code in MESSAGES), sorted(MESSAGES)


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_is_listed_in_its_module_docstring(code):
    owner = CODE_OWNERS[code.split(".")[0]]
    assert f"``{code}``" in owner.__doc__


@pytest.mark.parametrize("module", list(CODE_OWNERS.values()), ids=lambda m: m.__name__)
def test_every_code_in_a_module_has_a_message(module):
    codes = {text for text in _string_constants(module) if CODE_PATTERN.match(text)}
    assert codes, module.__name__
    assert codes <= set(MESSAGES)


def test_every_message_code_is_used_by_its_module():
    used = set()
    for module in CODE_OWNERS.values():
        used |= _string_constants(module)
    assert set(MESSAGES) <= used


def test_codes_the_odoo_layer_relies_on_are_stable():
    assert {
        "id_number.empty",
        "id_number.length",
        "id_number.characters",
        "id_number.region",
        "id_number.birth_date",
        "id_number.check_character",
        "division_code.empty",
        "division_code.format",
        "division_code.province",
        "division_code.level",
        "division_code.parent_level",
        "division_code.parent_prefix",
        "assessment.missing_dimension",
        "assessment.range",
        "assessment.weights",
        "response.priority",
        "response.before_intake",
    } <= set(MESSAGES)


def test_masking_never_raises_so_it_has_no_codes():
    assert not any(CODE_PATTERN.match(text) for text in _string_constants(masking))


# --- ServiceValidationError ----------------------------------------------------


def test_error_attributes_and_message():
    error = ServiceValidationError(
        "id_number.check_character", "id_number", {"expected": "X", "given": "1"}
    )
    assert isinstance(error, ValueError)
    assert error.code == "id_number.check_character"
    assert error.field == "id_number"
    assert error.params == {"expected": "X", "given": "1"}
    assert str(error) == error.message
    assert "expected X" in str(error) and "is 1" in str(error)


def test_error_params_default_to_an_empty_dict_and_are_copied():
    assert ServiceValidationError("id_number.empty", "id_number").params == {}
    params = {"length": 15}
    error = ServiceValidationError("id_number.length", "id_number", params)
    params["length"] = 3
    assert error.params == {"length": 15}


@pytest.mark.parametrize(
    "code, params",
    [("no.such_code", {"x": 1}), ("id_number.length", {}), ("id_number.length", None)],
)
def test_error_message_never_fails(code, params):
    error = ServiceValidationError(code, "field", params)
    assert str(error).startswith(f"{code} (field)")


def test_error_survives_pickling():
    error = ServiceValidationError("response.priority", "priority", {"priority": "9"})
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is ServiceValidationError
    assert (copy.code, copy.field, copy.params, str(copy)) == (
        error.code,
        error.field,
        error.params,
        str(error),
    )


def test_errors_is_the_single_definition():
    for module in (id_number, division_code, scoring, response_time):
        assert module.ServiceValidationError is errors.ServiceValidationError


# --- tests/conftest.py bootstrap ---------------------------------------------


@pytest.fixture
def conftest_module():
    """Load tests/conftest.py under a private name."""
    spec = importlib.util.spec_from_file_location(
        "ruralsw_tests_conftest_copy", REPOSITORY / "tests" / "conftest.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _make_addon(root, name, manifest, services):
    """Create an addon folder whose __init__.py must never run."""
    folder = root / name
    folder.mkdir()
    (folder / "__init__.py").write_text("raise ImportError('imports odoo')\n")
    if manifest:
        (folder / "__manifest__.py").write_text("{'name': 'x'}\n")
    if services:
        (folder / "services").mkdir()
        (folder / "services" / "__init__.py").write_text("")
        (folder / "services" / "tool.py").write_text("VALUE = 42\n")
    return folder


def test_conftest_registers_addons_as_bare_packages(tmp_path, conftest_module):
    names = {
        "ruralsw_zz_manifest": (True, True),
        "ruralsw_zz_services_only": (False, True),
        "ruralsw_zz_manifest_only": (True, False),
        "ruralsw_zz_neither": (False, False),
        "other_zz_addon": (True, True),
    }
    for name, (manifest, services) in names.items():
        _make_addon(tmp_path, name, manifest, services)
    (tmp_path / "ruralsw_zz_file.py").write_text("")
    try:
        registered = conftest_module.register_bare_addon_packages(tmp_path)
        assert registered == [
            "ruralsw_zz_manifest",
            "ruralsw_zz_manifest_only",
            "ruralsw_zz_services_only",
        ]
        for name in ("ruralsw_zz_manifest", "ruralsw_zz_services_only"):
            tool = importlib.import_module(f"{name}.services.tool")
            assert tool.VALUE == 42
            assert sys.modules[name].__path__ == [str(tmp_path / name)]
        assert "ruralsw_zz_neither" not in sys.modules
        assert "other_zz_addon" not in sys.modules
        # a second run keeps the packages already there
        assert conftest_module.register_bare_addon_packages(tmp_path) == []
    finally:
        for name in list(sys.modules):
            if name.startswith("ruralsw_zz_"):
                del sys.modules[name]


def test_conftest_registered_the_real_addon_from_the_repository():
    assert ruralsw_case.__spec__.submodule_search_locations == [
        str(REPOSITORY / "ruralsw_case")
    ]
