# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Build ruralsw_ecommerce_bridge/README.rst from its readme/ fragments.

``python3 tools/readme_bridge.py`` rewrites the file; the Markdown of the
fragments is close enough to reStructuredText once code spans are doubled.
"""

import ast
import re
import sys
from pathlib import Path

ADDON = Path(__file__).resolve().parent.parent / "ruralsw_ecommerce_bridge"
SECTIONS = (
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
)


def to_rst(markdown):
    """Convert the few Markdown constructs the fragments use."""
    lines, in_code = [], False
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_code = not in_code
            lines.append(".. code-block:: sh\n" if in_code else "")
            continue
        if in_code:
            lines.append("   " + line)
            continue
        line = re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", line)
        line = re.sub(r"\*\*([^*]+)\*\*", r"**\1**", line)
        lines.append(line)
    return "\n".join(lines).rstrip() + "\n"


def build():
    """Return the README.rst text."""
    manifest = ast.literal_eval((ADDON / "__manifest__.py").read_text(encoding="utf-8"))
    title = manifest["name"]
    parts = ["=" * len(title), title, "=" * len(title), "", manifest["summary"], ""]
    parts += [".. contents::", "   :local:", ""]
    for filename, heading in SECTIONS:
        if heading:
            parts += [heading, "=" * len(heading), ""]
        parts.append(to_rst((ADDON / "readme" / filename).read_text(encoding="utf-8")))
    return "\n".join(parts)


def main():
    """Write README.rst."""
    (ADDON / "README.rst").write_text(build(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
