# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import logging
import time

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..services import signal_rules
from ..services.errors import BridgeError

_logger = logging.getLogger(__name__)

RULE_TYPES = [
    ("income_drop", "Produce Income Fell"),
    ("medical_purchases", "Medical or Assistive Purchases"),
    ("invisible_household", "Vulnerable Household Nobody Sees"),
]
CURSOR_PARAM = "ruralsw_ecommerce_bridge.signal_cursor"
MEDICAL_CATEGORIES = ["medical", "assistive"]


class RuralswSignalRule(models.Model):
    """A configurable rule the signal job runs over every household. Its
    parameters are plain numbers a manager can read and change; the
    decision logic is in ``services/signal_rules.py``."""

    _name = "ruralsw.signal.rule"
    _description = "Signal Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    rule_type = fields.Selection(RULE_TYPES, required=True)
    months = fields.Integer(
        default=3, help="Length of the window(s) compared, in calendar months."
    )
    ratio = fields.Float(
        string="Drop Ratio",
        default=0.5,
        help="Income drop: fires when recent income is at most (1 - ratio) "
        "times the previous one.",
    )
    min_previous = fields.Float(
        string="Minimum Previous Income",
        default=300.0,
        help="Income drop: ignore households that sold less than this before.",
    )
    threshold = fields.Float(
        default=2000.0, help="Medical purchases: fires from this total on."
    )
    min_age = fields.Integer(
        string="Minimum Age",
        default=70,
        help="Unseen households: age from which a member counts as vulnerable.",
    )
    description = fields.Text(translate=True)
    signal_count = fields.Integer(compute="_compute_signal_count")

    def _compute_signal_count(self):
        counts = dict(
            self.env["ruralsw.signal"]._read_group(
                [("rule_id", "in", self.ids), ("state", "=", "new")],
                ["rule_id"],
                ["__count"],
            )
        )
        for rule in self:
            rule.signal_count = counts.get(rule, 0)

    def _parameters(self):
        """The parameters the service function of the rule takes."""
        self.ensure_one()
        names = signal_rules.DEFAULTS[self.rule_type]
        return {name: self[name] for name in names}

    @api.constrains(
        "rule_type", "months", "ratio", "min_previous", "threshold", "min_age"
    )
    def _check_parameters(self):
        for rule in self:
            try:
                signal_rules.check_parameters(rule.rule_type, rule._parameters())
            except BridgeError as error:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the parameter %(name)s has an invalid value.",
                        rule=rule.name,
                        name=error.params.get("name", ""),
                    )
                ) from error

    # ------------------------------------------------------------------
    # The job
    # ------------------------------------------------------------------
    @api.model
    def _cron_run_signals(self, batch_size=10000, stats=None):
        """Evaluate every active rule on the next batch of households and
        report progress; the scheduler runs again while some remain.

        ``stats`` (a dict, for benchmarks) receives ``remaining`` and, under
        ``seconds``, the time spent per rule type."""
        params = self.env["ir.config_parameter"].sudo()
        cursor = int(params.get_param(CURSOR_PARAM, "0") or 0)
        self.env.cr.execute(
            SQL(
                "SELECT id FROM res_partner WHERE is_household AND active AND id > %s "
                "ORDER BY id LIMIT %s",
                cursor,
                batch_size,
            )
        )
        household_ids = [row[0] for row in self.env.cr.fetchall()]
        if not household_ids:
            params.set_param(CURSOR_PARAM, "0")
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            if stats is not None:
                stats["remaining"] = 0
            return 0
        created = self._ruralsw_evaluate(household_ids, stats=stats)
        params.set_param(CURSOR_PARAM, str(household_ids[-1]))
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM res_partner WHERE is_household AND active "
                "AND id > %s",
                household_ids[-1],
            )
        )
        remaining = self.env.cr.fetchone()[0]
        if not remaining:
            params.set_param(CURSOR_PARAM, "0")
        if stats is not None:
            stats["remaining"] = remaining
        self.env["ir.cron"]._notify_progress(
            done=len(household_ids), remaining=remaining
        )
        return created

    @api.model
    def _ruralsw_run_all(self, batch_size=10000):
        """Run the job over every household now (tests, benchmarks, the
        manual button); return the number of signals created."""
        self.env["ir.config_parameter"].sudo().set_param(CURSOR_PARAM, "0")
        created = 0
        while True:
            before = self.env["ir.config_parameter"].sudo().get_param(CURSOR_PARAM)
            created += self._cron_run_signals(batch_size)
            after = self.env["ir.config_parameter"].sudo().get_param(CURSOR_PARAM)
            if after == "0" or after == before:
                return created

    def action_run_now(self):
        """Run every rule over every household now."""
        created = self._ruralsw_run_all()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s new signals.", count=created),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _ruralsw_evaluate(self, household_ids, stats=None):
        """Run the active rules on these households and create the signals
        that fired and are not already open (or recently decided); add the
        seconds spent per rule type to ``stats["seconds"]`` when given."""
        # sudo: the job reads every household's figures, not one user's
        rules = self.sudo().search([])
        if not rules:
            return 0
        now = fields.Datetime.now()
        seconds = stats.setdefault("seconds", {}) if stats is not None else {}
        start = time.perf_counter()
        households = self._ruralsw_household_facts(household_ids)
        seconds["facts"] = seconds.get("facts", 0.0) + time.perf_counter() - start
        fired = []
        for rule in rules:
            start = time.perf_counter()
            for household_id, values in rule._ruralsw_fire(
                households, household_ids, now
            ):
                fired.append((rule, household_id, values))
            seconds[rule.rule_type] = (
                seconds.get(rule.rule_type, 0.0) + time.perf_counter() - start
            )
        if not fired:
            return 0
        start = time.perf_counter()
        self.env.cr.execute(
            SQL(
                "SELECT rule_id, household_id FROM ruralsw_signal "
                "WHERE household_id = ANY(%s) AND rule_id = ANY(%s) AND (state = 'new' "
                "OR create_date >= (now() AT TIME ZONE 'UTC') - interval '90 days')",
                [household for _rule, household, _values in fired],
                rules.ids,
            )
        )
        known = set(self.env.cr.fetchall())
        vals_list = []
        for rule, household_id, values in fired:
            if (rule.id, household_id) in known:
                continue
            facts = households.get(household_id, {})
            if facts.get("company_id") not in (None, rule.company_id.id):
                continue
            vals_list.append(
                {
                    "rule_id": rule.id,
                    "household_id": household_id,
                    "beneficiary_id": facts.get("head_id"),
                    "area_id": facts.get("village_id"),
                    "company_id": rule.company_id.id,
                    "values": values,
                }
            )
        # sudo: the job writes signals for every area; no creation message
        # or follower per signal (thousands a night): the values explain it
        self.env["ruralsw.signal"].sudo().with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True
        ).create(vals_list)
        self.env.flush_all()
        seconds["create"] = seconds.get("create", 0.0) + time.perf_counter() - start
        _logger.info(
            "Signal job: %s households, %s new signals",
            len(household_ids),
            len(vals_list),
        )
        return len(vals_list)

    @api.model
    def _ruralsw_household_facts(self, household_ids):
        """One query: village, company, head, oldest age and whether an
        elderly member lives alone, for each household."""
        self.env.cr.execute(
            SQL(
                "SELECT h.id, h.village_id, h.company_id, "
                "(array_agg(m.id ORDER BY (m.household_role = 'head') DESC, m.id) "
                " FILTER (WHERE m.id IS NOT NULL))[1], "
                "max(date_part('year', age(CURRENT_DATE, m.birth_date)))::int, "
                "coalesce(bool_or(m.is_elderly_alone), false) "
                "FROM res_partner h LEFT JOIN res_partner m "
                "ON m.household_id = h.id AND m.active "
                "WHERE h.id = ANY(%s) GROUP BY h.id",
                household_ids,
            )
        )
        return {
            row[0]: {
                "village_id": row[1],
                "company_id": row[2],
                "head_id": row[3],
                "oldest_age": row[4],
                "elderly_alone": row[5],
            }
            for row in self.env.cr.fetchall()
        }

    def _ruralsw_fire(self, households, household_ids, now):
        """Yield ``(household_id, values)`` for the households this rule
        fires on."""
        self.ensure_one()
        params = self._parameters()
        months = params["months"]
        previous_start, recent_start = signal_rules.windows(now, months)
        cr = self.env.cr
        if self.rule_type == "income_drop":
            cr.execute(
                SQL(
                    "SELECT household_id, "
                    "coalesce(sum(amount) FILTER (WHERE ordered_at >= %s), 0), "
                    "coalesce(sum(amount) FILTER (WHERE ordered_at < %s), 0) "
                    "FROM ruralsw_order WHERE household_id = ANY(%s) "
                    "AND direction = 'sale' AND category = 'produce' "
                    "AND ordered_at >= %s AND ordered_at < %s GROUP BY household_id",
                    recent_start,
                    recent_start,
                    household_ids,
                    previous_start,
                    now,
                )
            )
            for household_id, recent, previous in cr.fetchall():
                values = signal_rules.income_drop(recent, previous, **params)
                if values:
                    yield household_id, values
        elif self.rule_type == "medical_purchases":
            cr.execute(
                SQL(
                    "SELECT household_id, sum(amount), count(*) FROM ruralsw_order "
                    "WHERE household_id = ANY(%s) AND direction = 'purchase' "
                    "AND category = ANY(%s) AND ordered_at >= %s AND ordered_at < %s "
                    "GROUP BY household_id",
                    household_ids,
                    MEDICAL_CATEGORIES,
                    recent_start,
                    now,
                )
            )
            for household_id, total, count in cr.fetchall():
                values = signal_rules.medical_purchases(total, count, **params)
                if values:
                    yield household_id, values
        else:
            yield from self._ruralsw_fire_invisible(households, params, now)

    def _ruralsw_fire_invisible(self, households, params, now):
        """The vulnerable households with no order and no contact."""
        candidates = [
            household_id
            for household_id, facts in households.items()
            if facts["elderly_alone"]
            or (
                facts["oldest_age"] is not None
                and facts["oldest_age"] >= params["min_age"]
            )
        ]
        if not candidates:
            return
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT household_id, max(ordered_at) FROM ruralsw_order "
                "WHERE household_id = ANY(%s) GROUP BY household_id",
                candidates,
            )
        )
        last_order = dict(cr.fetchall())
        cr.execute(
            SQL(
                "SELECT c.household_id, max(greatest(c.intake_date, "
                "c.first_contact_date, i.date_start)) FROM ruralsw_case c "
                "LEFT JOIN ruralsw_intervention i ON i.case_id = c.id "
                "AND i.state = 'done' WHERE c.household_id = ANY(%s) "
                "GROUP BY c.household_id",
                candidates,
            )
        )
        last_contact = dict(cr.fetchall())
        for household_id in candidates:
            facts = households[household_id]
            values = signal_rules.invisible_household(
                facts["oldest_age"],
                facts["elderly_alone"],
                last_order.get(household_id),
                last_contact.get(household_id),
                now,
                **params,
            )
            if values:
                yield household_id, values
