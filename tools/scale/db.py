# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bulk writing for the scale-data steps.

Rows drawn in Python go into a :class:`Staging` table (a temporary table
filled with ``COPY``); one ``INSERT ... SELECT`` per real table then moves
them over, resolving keys into ids and filling the stored computed and
related columns with joins. Every statement is an :class:`odoo.tools.SQL`
with parameters; the only names spliced in are identifiers and column types
written in the steps' code.
"""

# pylint: disable=protected-access  # the ORM's own helpers and metadata

import csv
import io
import re

from odoo.tools import SQL
from odoo.tools.sql import add_foreign_key, drop_constraint, get_foreign_keys

_TYPE_RE = re.compile(r"^[a-z][a-z0-9_ ]*(\(\d+(, *\d+)?\))?(\[\])?$")


class Staging:
    """A temporary table and the CSV rows that will fill it.

    ``columns`` is a list of ``(name, type)``; ``ids_from`` (a real
    table's id sequence) adds an ``id`` column that draws its values from it
    while the rows are copied, so that other staging tables can refer to the
    rows by ``key`` and the real table gets the same ids.
    """

    def __init__(self, name, columns, ids_from=None):
        for _column, type_ in columns:
            if not _TYPE_RE.match(type_):
                raise ValueError(f"unexpected column type {type_!r}")
        self.name = name
        self.columns = list(columns)
        self.ids_from = ids_from
        self.rows = 0
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\n")

    def add(self, *values):
        """Append one row, values in the order of the columns: ``None`` is
        NULL; ``str()`` of booleans, numbers, dates and datetimes is what
        PostgreSQL reads (``True``, ``2026-01-31 08:00:00``)."""
        self._writer.writerow(values)
        self.rows += 1

    def copy(self, cr):
        """Create the temporary table and ``COPY`` the rows into it; return
        the number of rows."""
        definitions = [
            SQL("%s %s", SQL.identifier(column), SQL(type_))
            for column, type_ in self.columns
        ]
        if self.ids_from:
            definitions.append(
                SQL("id int4 NOT NULL DEFAULT nextval(%s)", self.ids_from)
            )
        cr.execute(
            SQL(
                "CREATE TEMPORARY TABLE %s (%s) ON COMMIT DROP",
                SQL.identifier(self.name),
                SQL(", ").join(definitions),
            )
        )
        copy = SQL(
            "COPY %s (%s) FROM STDIN WITH (FORMAT csv)",
            SQL.identifier(self.name),
            SQL(", ").join(SQL.identifier(column) for column, _type in self.columns),
        )
        self._buffer.seek(0)
        cr.copy_expert(copy.code, self._buffer)
        self._buffer = None
        cr.execute(SQL("ANALYZE %s", SQL.identifier(self.name)))
        return self.rows


def execute(cr, query):
    """Run ``query`` and return the number of rows it wrote."""
    cr.execute(query)
    return cr.rowcount


def drop(cr, *stagings):
    """Drop staging tables that are no longer needed."""
    for staging in stagings:
        cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(staging.name)))


def id_sequence(cr, table):
    """Return the name of the id sequence of ``table``."""
    cr.execute(SQL("SELECT pg_get_serial_sequence(%s, 'id')", table))
    return cr.fetchone()[0]


def orm_defaults(env, model_name):
    """Give the NOT NULL columns of ``model_name``'s table that have no
    database default (added by other installed addons, e.g. ``account`` on
    ``res_partner``) the ORM default, so that bulk INSERTs naming only the
    columns a step knows still succeed; return the columns set, for
    :func:`drop_defaults`."""
    model = env[model_name]
    env.cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL "
            "AND column_name != 'id'",
            model._table,
        )
    )
    names = [name for (name,) in env.cr.fetchall() if name in model._fields]
    defaults = model.default_get(names)
    done = []
    for name in names:
        if defaults.get(name) is None:
            continue
        env.cr.execute(
            SQL(
                "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s",
                SQL.identifier(model._table),
                SQL.identifier(name),
                defaults[name],
            )
        )
        done.append(name)
    return model._table, done


def drop_defaults(cr, table_columns):
    """Undo :func:`orm_defaults`."""
    table, columns = table_columns
    for name in columns:
        cr.execute(
            SQL(
                "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT",
                SQL.identifier(table),
                SQL.identifier(name),
            )
        )


def analyze(cr, tables):
    """Refresh the planner statistics of ``tables``."""
    for table in tables:
        cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))


def drop_foreign_keys(env, model_name, field_names):
    """Drop the foreign keys of these many2one fields of ``model_name``;
    return what :func:`add_foreign_keys` needs to re-create them."""
    model = env[model_name]
    links = []
    for name in field_names:
        field = model._fields[name]
        target = env[field.comodel_name]._table
        for constraint in get_foreign_keys(
            env.cr, model._table, name, target, "id", field.ondelete
        ):
            drop_constraint(env.cr, model._table, constraint)
        links.append((model._table, name, target, field.ondelete))
    return links


def add_foreign_keys(cr, links):
    """Re-create foreign keys as the ORM declares them (Odoo's own helper,
    hence the same name and ``ON DELETE``); each checks every row once."""
    for table, column, target, ondelete in links:
        add_foreign_key(cr, table, column, target, "id", ondelete)
