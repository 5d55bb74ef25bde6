#!/usr/bin/env bash
# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
#
# Create (or reuse) the dev-tools venv and install requirements-dev.txt in it.
# Usage: tools/ensure_venv.sh [VENV_DIR] [REQUIREMENTS]   (python: $VENV_PYTHON)
# The venv is reused as long as the requirements file and the python version
# are unchanged (a stamp file inside the venv records both).
set -euo pipefail

venv="${1:-.venv-ci}"
requirements="${2:-requirements-dev.txt}"
python="${VENV_PYTHON:-python3}"

case "$venv" in
    "" | "/" | "." | "..") echo "ensure_venv: refusing venv path '$venv'" >&2; exit 1 ;;
esac
if ! command -v "$python" >/dev/null 2>&1; then
    echo "ensure_venv: $python not found (set VENV_PYTHON)" >&2
    exit 1
fi
stamp="$venv/.ruralsw-requirements.sha256"
version="$("$python" -c 'import sys; print(sys.version.split()[0])')"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1) $version"

if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    echo "dev tools: $venv is up to date ($requirements unchanged)"
    exit 0
fi
if [ -e "$venv" ]; then
    have="$("$venv/bin/python" -c 'import sys; print(sys.version.split()[0])' 2>/dev/null || true)"
    if [ "$have" != "$version" ]; then
        echo "dev tools: $venv is broken or uses another python (${have:-none}), recreating it"
        rm -rf "$venv"
    fi
fi
if [ ! -x "$venv/bin/python" ]; then
    echo "dev tools: creating $venv with $python"
    "$python" -m venv "$venv"
fi
echo "dev tools: installing $requirements into $venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
echo "$wanted" >"$stamp"
echo "dev tools: $venv ready"
