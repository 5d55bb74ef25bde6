# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Make the addons' pure-Python parts importable without Odoo.

``import ruralsw_case.services.id_number`` would normally run
``ruralsw_case/__init__.py``, which imports Odoo. Before collection, every
top-level ``ruralsw_*`` folder that is an addon (it has a ``__manifest__.py``)
or is being written as one (it has a ``services/`` folder) is registered in
``sys.modules`` as a bare package whose ``__path__`` is the folder, so that
its submodules import normally and its ``__init__.py`` never runs.
"""

import importlib.machinery
import sys
import types
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


def _is_addon_folder(folder):
    """Return whether ``folder`` is an addon whose services tests may import."""
    return folder.is_dir() and (
        (folder / "__manifest__.py").is_file() or (folder / "services").is_dir()
    )


def register_bare_addon_packages(root=REPOSITORY):
    """Register a bare package in ``sys.modules`` for every ``ruralsw_*``
    addon folder under ``root``; return the names registered."""
    registered = []
    for folder in sorted(root.glob("ruralsw_*")):
        name = folder.name
        if not name.isidentifier() or name in sys.modules:
            continue
        if not _is_addon_folder(folder):
            continue
        module = types.ModuleType(name, f"Bare package for {folder} (tests only).")
        module.__path__ = [str(folder)]
        module.__package__ = name
        module.__spec__ = importlib.machinery.ModuleSpec(name, None, is_package=True)
        module.__spec__.submodule_search_locations = module.__path__
        sys.modules[name] = module
        registered.append(name)
    return registered


register_bare_addon_packages()
