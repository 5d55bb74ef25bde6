# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import logging
import time

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.models import READ_GROUP_AGGREGATE, parse_read_group_spec
from odoo.tools import SQL, create_index

from ..services import suppression

_logger = logging.getLogger(__name__)

AREA_LEVELS = [("county", "County"), ("township", "Township"), ("village", "Village")]
REPORT_CHANNELS = [
    ("all", "All Channels"),
    ("online", "Online"),
    ("offline", "Offline"),
    ("proxy", "Proxy"),
]
# SQL of the reporting channel of a case: its source channel, grouped
CASE_CHANNEL_SQL = """CASE c.channel
        WHEN 'online_platform' THEN 'online'
        WHEN 'volunteer_proxy' THEN 'proxy'
        ELSE 'offline' END"""
# a row per area level of a village ``v`` (``lv.area_level``, ``lv.area_id``)
LEVELS_SQL = """CROSS JOIN LATERAL (VALUES
        ('village', v.id), ('township', v.township_id), ('county', v.county_id)
    ) AS lv(area_level, area_id)"""
# a row for the case's own channel and one for all channels
CHANNELS_SQL = "CROSS JOIN LATERAL (VALUES (cc.channel), ('all')) AS ch(channel)"
PARAM_PREFIX = "ruralsw_reporting.rebuilt."
# columns the rebuild sets after its SELECT
SUPPRESSION_COLUMNS = ("is_suppressed", "suppressed_mask")


class RuralswReportMixin(models.AbstractModel):
    """A materialised reporting table: one row per month, area (county,
    township or village) and channel, rebuilt from the lower addons' tables
    by one set-based ``INSERT ... SELECT``.

    The rows hold no personal field. ``people_count`` is the number of
    distinct people a row counts; for observers a row counting fewer than
    5 people is hidden (record rule on ``is_suppressed``) and every other
    count of people below 5 is blanked in reads, groups and exports; so are
    the rows and counts that would let one of those be worked out by
    subtraction (:meth:`_ruralsw_suppress_complements`).
    """

    _name = "ruralsw.report.mixin"
    _description = "Reporting Table"
    _order = "month desc, area_level, area_id, channel"
    # counts of people blanked for observers when 1 to 4 (besides people_count)
    _ruralsw_people_fields = ()
    # tables whose changes make this one stale
    _ruralsw_source_tables = ()
    # columns whose value stands for the total of their other values (a
    # row's area is the total of its sub-areas): secondary suppression
    _ruralsw_total_values = {"channel": "all"}

    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    month = fields.Date(required=True, index=True, readonly=True)
    area_id = fields.Many2one("ruralsw.area", index=True, readonly=True)
    area_level = fields.Selection(AREA_LEVELS, index=True, readonly=True)
    channel = fields.Selection(REPORT_CHANNELS, default="all", readonly=True)
    people_count = fields.Integer(string="People", aggregator="sum", readonly=True)
    is_suppressed = fields.Boolean(
        string="Small Cell",
        index=True,
        readonly=True,
        help="Counts fewer than 5 people, or would let such a count be worked "
        "out by subtraction from a total: hidden from observers.",
    )
    suppressed_mask = fields.Integer(
        string="Blanked Counts",
        readonly=True,
        aggregator=None,
        help="The counts of people blanked for observers in this row: bit i "
        "for the i-th of the table's counts (1 to 4 people, or what would let "
        "one be worked out by subtraction).",
    )

    def init(self):
        super().init()
        if self._abstract:
            return
        create_index(
            self.env.cr,
            f"{self._table}_month_area_channel_idx",
            self._table,
            ["month", "area_id", "channel"],
        )

    # ------------------------------------------------------------------
    # Rebuild
    # ------------------------------------------------------------------
    def _ruralsw_columns(self):
        """Columns filled by :meth:`_ruralsw_select`: every stored field
        but the id, the log-access columns and the suppression columns
        (which the rebuild sets); the ``SELECT`` names its columns after
        them."""
        return [
            name
            for name, field in self._fields.items()
            if field.store
            and field.column_type
            and name not in models.MAGIC_COLUMNS
            and name not in SUPPRESSION_COLUMNS
        ]

    def _ruralsw_select(self, now):
        """The ``SELECT`` of the rows (an :class:`~odoo.tools.SQL`)."""
        raise NotImplementedError

    @api.model
    def _ruralsw_rebuild(self, now=None):
        """Replace every row of the table (delete + insert, in the caller's
        transaction: readers see the old figures until it commits).
        Return the number of rows written."""
        now = now or fields.Datetime.now()
        started = time.monotonic()
        # the SELECT reads the lower addons' tables: write pending changes first
        self.env.flush_all()
        cr = self.env.cr
        table = SQL.identifier(self._table)
        columns = self._ruralsw_columns()
        names = SQL(", ").join(SQL.identifier(name) for name in columns)
        cr.execute(SQL("DELETE FROM %s", table))
        cr.execute(
            SQL(
                """INSERT INTO %(table)s (%(names)s, is_suppressed,
                       create_uid, create_date, write_uid, write_date)
                   SELECT %(q_names)s,
                          COALESCE(q.people_count > 0 AND q.people_count < %(limit)s,
                                   FALSE),
                          %(uid)s, %(now)s, %(uid)s, %(now)s
                     FROM (%(select)s) AS q""",
                table=table,
                names=names,
                q_names=SQL(", ").join(
                    SQL("q.%s", SQL.identifier(name)) for name in columns
                ),
                limit=suppression.THRESHOLD,
                uid=self.env.uid,
                now=now,
                select=self._ruralsw_select(now),
            )
        )
        rows = cr.rowcount
        self._ruralsw_suppress_complements()
        self.invalidate_model()
        # sudo: the rebuild time is technical state kept for the cron, and the
        # managers who refresh the figures cannot write system parameters
        self.env["ir.config_parameter"].sudo().set_param(
            PARAM_PREFIX + self._name, fields.Datetime.to_string(now)
        )
        _logger.info(
            "%s rebuilt: %s rows in %.2f s",
            self._name,
            rows,
            time.monotonic() - started,
        )
        return rows

    def _ruralsw_suppress_complements(self):
        """Secondary suppression, after the rebuild's insert (see
        :func:`~..services.suppression.complements`): hide from observers,
        besides the rows counting fewer than 5 people, the rows that would
        let one of those be worked out by subtraction (a township's total
        minus its other villages, the channel ``all`` minus the others);
        then, count by count (``_ruralsw_people_fields``), mark in
        ``suppressed_mask`` the counts of 1 to 4 people of the visible rows
        and those that would tell them. Return how many rows were hidden."""
        cr = self.env.cr
        counts = list(self._ruralsw_people_fields)
        dims = [
            name
            for name in self._ruralsw_columns()
            if not self._fields[name].aggregator
            and name not in ("area_id", "area_level")
        ]
        cr.execute(
            SQL(
                "SELECT id, people_count, %s, area_id, %s FROM %s ORDER BY id",
                SQL(", ").join(SQL.identifier(name) for name in counts)
                if counts
                else SQL("NULL"),
                SQL(", ").join(SQL.identifier(name) for name in dims),
                SQL.identifier(self._table),
            )
        )
        width = max(len(counts), 1)
        cells, values, ids = {}, {}, {}
        for row_id, people, *rest in cr.fetchall():
            key = tuple(rest[width:])
            cells[key] = people or 0
            values[key] = rest[:width]
            ids[key] = row_id
        cr.execute(
            SQL(
                "SELECT id, parent_id FROM ruralsw_area WHERE id = ANY(%s)",
                list({key[0] for key in cells if key[0]}),
            )
        )
        parent_of = dict(cr.fetchall())
        totals = {
            dims.index(name) + 1: value
            for name, value in self._ruralsw_total_values.items()
            if name in dims
        }
        relations = suppression.equations(list(cells), parent_of, totals)
        rows = suppression.complements(cells, relations)
        hidden = rows | {
            key for key, people in cells.items() if suppression.is_small(people)
        }
        masks = dict.fromkeys(cells, 0)
        for bit in range(len(counts)):
            column = {key: row[bit] or 0 for key, row in values.items()}
            small = {
                key for key, count in column.items() if suppression.is_small(count)
            }
            for key in small | suppression.complements(
                column, relations, already=hidden
            ):
                if key not in hidden:
                    masks[key] |= 1 << bit
        if rows:
            cr.execute(
                SQL(
                    "UPDATE %s SET is_suppressed = TRUE WHERE id = ANY(%s)",
                    SQL.identifier(self._table),
                    [ids[key] for key in rows],
                )
            )
        marked = [(ids[key], mask) for key, mask in masks.items() if mask]
        if marked:
            cr.execute(
                SQL(
                    "UPDATE %s t SET suppressed_mask = m.mask FROM "
                    "unnest(%s::int[], %s::int[]) AS m(id, mask) WHERE t.id = m.id",
                    SQL.identifier(self._table),
                    [row_id for row_id, _mask in marked],
                    [mask for _row_id, mask in marked],
                )
            )
        return len(rows)

    @api.model
    def _ruralsw_rebuilt_at(self):
        # sudo: see _ruralsw_rebuild
        value = (
            self.env["ir.config_parameter"].sudo().get_param(PARAM_PREFIX + self._name)
        )
        return fields.Datetime.to_datetime(value) if value else None

    @api.model
    def _ruralsw_is_stale(self):
        """Whether a source table changed since the last rebuild."""
        rebuilt = self._ruralsw_rebuilt_at()
        if not rebuilt:
            return True
        changed = SQL(" UNION ALL ").join(
            SQL("SELECT max(write_date) AS at FROM %s", SQL.identifier(name))
            for name in self._ruralsw_source_tables
        )
        self.env.cr.execute(SQL("SELECT max(at) FROM (%s) AS s", changed))
        last_change = self.env.cr.fetchone()[0]
        return bool(last_change and last_change > rebuilt)

    # ------------------------------------------------------------------
    # Small-cell suppression for observers
    # ------------------------------------------------------------------
    def _ruralsw_suppress(self):
        """Whether the current user sees suppressed figures."""
        return not self.env.su and self.env.user.has_group(
            "ruralsw_case.group_ruralsw_observer"
        )

    def _ruralsw_count_fields(self):
        return ("people_count", *self._ruralsw_people_fields)

    def _ruralsw_blanked(self, record):
        """The counts of ``record`` an observer does not see."""
        mask = record.suppressed_mask or 0
        return {
            name
            for bit, name in enumerate(self._ruralsw_people_fields)
            if mask & (1 << bit)
        }

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        if self._ruralsw_suppress():
            keys = self._ruralsw_people_fields
            blanked = {record.id: self._ruralsw_blanked(record) for record in self}
            result = [
                {
                    **suppression.suppress_row(values, "people_count", keys),
                    **dict.fromkeys(blanked.get(values.get("id"), ()) & set(values)),
                }
                for values in result
            ]
        return result

    def _read_group_select(self, aggregate_spec, query):
        """For observers, the counts blanked in a row are left out of the
        groups' sums (a pivot's total would tell them otherwise)."""
        if self._ruralsw_suppress() and aggregate_spec != "__count":
            fname, _property, func = parse_read_group_spec(aggregate_spec)
            if fname in self._ruralsw_people_fields and func in READ_GROUP_AGGREGATE:
                bit = 1 << self._ruralsw_people_fields.index(fname)
                kept = SQL(
                    "CASE WHEN COALESCE(%s, 0) & %s = 0 THEN %s END",
                    SQL.identifier(self._table, "suppressed_mask"),
                    bit,
                    self._field_to_sql(self._table, fname, query),
                )
                return READ_GROUP_AGGREGATE[func](self._table, kept)
        return super()._read_group_select(aggregate_spec, query)

    def _read_group_postprocess_aggregate(self, aggregate_spec, raw_values):
        # a count whose every cell is blanked sums to NULL: blank (None), not 0
        if self._ruralsw_suppress() and aggregate_spec != "__count":
            if parse_read_group_spec(aggregate_spec)[0] in self._ruralsw_people_fields:
                return iter(raw_values)
        return super()._read_group_postprocess_aggregate(aggregate_spec, raw_values)

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        if not self._ruralsw_suppress():
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )
        aggregates = tuple(aggregates)
        people_spec = "people_count:sum"
        extra = people_spec not in aggregates
        specs = (*aggregates, people_spec) if extra else aggregates
        rows = super()._read_group(domain, groupby, specs, having, offset, limit, order)
        counted = set(self._ruralsw_count_fields())
        people_at = len(groupby) + specs.index(people_spec)
        masked = []
        for row in rows:
            values = list(row)
            small_group = suppression.is_small(values[people_at])
            for index, spec in enumerate(specs, start=len(groupby)):
                fname = spec.split(":")[0]
                if fname == "__count":
                    continue
                if small_group or (
                    fname in counted and suppression.is_small(values[index])
                ):
                    values[index] = None
            masked.append(tuple(values[: len(values) - 1] if extra else values))
        return masked

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        if self._ruralsw_suppress():
            counted = set(self._ruralsw_count_fields())
            columns = [
                index for index, path in enumerate(fields_to_export) if path in counted
            ]
            # one line per record: the fields exported here are not lists
            blanked = [self._ruralsw_blanked(record) for record in self]
            for number, line in enumerate(result["datas"]):
                hidden = blanked[number] if number < len(blanked) else ()
                for index in columns:
                    value = line[index]
                    if fields_to_export[index] in hidden or (
                        isinstance(value, int) and suppression.is_small(value)
                    ):
                        line[index] = ""
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.model
    def _ruralsw_report_models(self):
        """The reporting tables, in rebuild order."""
        return [
            name
            for name in (
                "ruralsw.report.response",
                "ruralsw.report.case.flow",
                "ruralsw.report.satisfaction",
                "ruralsw.report.coverage",
                "ruralsw.report.aid",
                "ruralsw.report.stock",
                "ruralsw.report.volunteer",
                "ruralsw.report.fund",
            )
            if name in self.env
        ]

    @api.model
    def _ruralsw_rebuild_all(self):
        """Rebuild every reporting table now (demo data, tests, benchmarks)."""
        return {
            name: self.env[name]._ruralsw_rebuild()
            for name in self._ruralsw_report_models()
        }

    @api.model
    def _cron_rebuild_stale(self):
        """Rebuild the first stale table; the cron runs again (a new
        transaction) while others are stale."""
        stale = [
            name
            for name in self._ruralsw_report_models()
            if self.env[name]._ruralsw_is_stale()
        ]
        if stale:
            self.env[stale[0]]._ruralsw_rebuild()
        self.env["ir.cron"]._notify_progress(
            done=1 if stale else 0, remaining=max(len(stale) - 1, 0)
        )

    @api.model
    def action_refresh_figures(self):
        """Mark every table stale and run the rebuild in the background."""
        if not self.env.user.has_group("ruralsw_case.group_ruralsw_manager"):
            raise AccessError(
                self.env._("Only organisation managers can refresh the figures.")
            )
        # sudo: the managers may not write system parameters or run crons;
        # what they trigger is the same rebuild the scheduler runs
        params = self.env["ir.config_parameter"].sudo()
        for name in self._ruralsw_report_models():
            params.set_param(PARAM_PREFIX + name, False)
        self.env.ref("ruralsw_reporting.ir_cron_rebuild_reports").sudo()._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._(
                    "The figures are being refreshed in the background; "
                    "reload in a minute."
                ),
                "sticky": False,
            },
        }
