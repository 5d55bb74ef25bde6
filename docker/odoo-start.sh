#!/usr/bin/env bash
# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
#
# Start script of the `odoo` service (docker-compose.yml), run by the
# official odoo:18 image as user odoo, with the repository mounted read-only
# at /mnt/extra-addons.
# First start (the database does not exist yet): create it with every
# ruralsw_* addon installed WITH demo data and zh_CN loaded. Every start:
# serve that database on port 8069.
set -euo pipefail

: "${HOST:=db}"
: "${PORT:=5432}"
: "${USER:=odoo}"
: "${PASSWORD:=odoo}"
: "${RURALSW_DB:=ruralsw}"
: "${RURALSW_LANG:=zh_CN}"
export HOST PORT USER PASSWORD RURALSW_DB
ADDONS_DIR=/mnt/extra-addons

db_args=(--db_host "$HOST" --db_port "$PORT" --db_user "$USER" --db_password "$PASSWORD")
common_args=(--addons-path="$ADDONS_DIR" --data-dir=/var/lib/odoo "${db_args[@]}")

# psql helper through Odoo's own psycopg2; $1: wait | exists | drop
pg() {
    python3 - "$1" <<'PY'
import os, sys, time
import psycopg2
from psycopg2 import sql

action = sys.argv[1]
params = dict(host=os.environ["HOST"], port=os.environ["PORT"],
              user=os.environ["USER"], password=os.environ["PASSWORD"],
              dbname="postgres")
name = os.environ["RURALSW_DB"]
deadline = time.time() + 120
while True:
    try:
        conn = psycopg2.connect(**params)
        break
    except psycopg2.OperationalError as exc:
        if time.time() > deadline:
            sys.exit("PostgreSQL at %s:%s not reachable: %s" % (params["host"], params["port"], exc))
        time.sleep(1)
conn.autocommit = True
with conn.cursor() as cr:
    if action == "exists":
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        sys.exit(0 if cr.fetchone() else 1)
    if action == "drop":
        cr.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
PY
}

pg wait
if pg exists; then
    echo "ruralsw: database '$RURALSW_DB' exists, starting Odoo"
else
    addons="$(python3 "$ADDONS_DIR/tools/odoo_test.py" --list-addons)"
    if [ -z "$addons" ]; then
        echo "ruralsw: no ruralsw_* addon found in $ADDONS_DIR" >&2
        exit 1
    fi
    echo "ruralsw: creating database '$RURALSW_DB' with $addons (demo data, $RURALSW_LANG)"
    # Odoo 18 loads demo data unless told --without-demo
    if ! odoo "${common_args[@]}" -d "$RURALSW_DB" -i "$addons" \
        --load-language="$RURALSW_LANG" --stop-after-init --max-cron-threads=0; then
        echo "ruralsw: initialisation failed; dropping '$RURALSW_DB' so the next start retries" >&2
        pg drop
        exit 1
    fi
fi

exec odoo "${common_args[@]}" -d "$RURALSW_DB" --db-filter="^${RURALSW_DB}\$" "$@"
