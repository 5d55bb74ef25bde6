# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Writing the drawn cases of the scale-data county (``ruralsw_case``):
the staging tables :class:`tools.scale.case_draft.CaseDraft` fills, and one
``INSERT ... SELECT`` per real table that resolves the keys into ids and
fills the stored computed and related columns as the ORM would.
"""

import dataclasses

from odoo.tools import SQL

from odoo.addons.ruralsw_case.services import scoring

from . import db


@dataclasses.dataclass
class CaseTables:
    """The staging tables of the cases and their records; ``case``,
    ``assessment``, ``plan`` and ``evaluation`` take their ids from the real
    tables' sequences so that other rows can point to them by key."""

    case: db.Staging
    need: db.Staging
    consent: db.Staging
    assessment: db.Staging
    plan: db.Staging
    goal: db.Staging
    line: db.Staging
    intervention: db.Staging
    evaluation: db.Staging

    @classmethod
    def create(cls, cr):
        """Declare the staging tables (created in the database by ``copy``)."""
        return cls(
            case=db.Staging(
                "tmp_case",
                [
                    ("key", "int4"),
                    ("name", "varchar"),
                    ("beneficiary_key", "int4"),
                    ("user_id", "int4"),
                    ("channel", "varchar"),
                    ("priority", "varchar"),
                    ("at_station", "bool"),
                    ("description", "text"),
                    ("stage_id", "int4"),
                    ("intake_date", "timestamp"),
                    ("first_contact_date", "timestamp"),
                    ("response_deadline", "timestamp"),
                    ("response_hours", "float8"),
                    ("is_response_late", "bool"),
                    ("closure_reason", "varchar"),
                    ("closure_note", "text"),
                    ("closed_date", "timestamp"),
                    ("write_date", "timestamp"),
                ],
                ids_from=db.id_sequence(cr, "ruralsw_case"),
            ),
            need=db.Staging(
                "tmp_need",
                [
                    ("case_key", "int4"),
                    ("sequence", "int4"),
                    ("category", "varchar"),
                    ("description", "text"),
                    ("urgency", "varchar"),
                    ("status", "varchar"),
                ],
            ),
            consent=db.Staging(
                "tmp_consent",
                [
                    ("beneficiary_key", "int4"),
                    ("purpose", "varchar"),
                    ("given_by", "varchar"),
                    ("proxy_name", "varchar"),
                    ("proxy_relation", "varchar"),
                    ("method", "varchar"),
                    ("witness_name", "varchar"),
                    ("date_given", "date"),
                    ("valid_until", "date"),
                    ("revoked_date", "date"),
                    ("revocation_reason", "text"),
                    ("recorded_by_id", "int4"),
                ],
            ),
            assessment=db.Staging(
                "tmp_assessment",
                [
                    ("case_key", "int4"),
                    ("date", "date"),
                    ("user_id", "int4"),
                    *((dimension, "varchar") for dimension in scoring.DIMENSIONS),
                    ("vulnerability_score", "numeric"),
                    ("suggested_level", "varchar"),
                    ("suggestion_explanation", "text"),
                    ("override_level", "varchar"),
                    ("override_reason", "text"),
                    ("risk_level", "varchar"),
                    ("notes", "text"),
                    ("create_date", "timestamp"),
                ],
                ids_from=db.id_sequence(cr, "ruralsw_assessment"),
            ),
            plan=db.Staging(
                "tmp_plan",
                [
                    ("key", "int4"),
                    ("case_key", "int4"),
                    ("version", "int4"),
                    ("state", "varchar"),
                    ("submitted_date", "timestamp"),
                    ("approved_by_id", "int4"),
                    ("approved_date", "timestamp"),
                    ("review_note", "text"),
                    ("create_date", "timestamp"),
                    ("write_date", "timestamp"),
                ],
                ids_from=db.id_sequence(cr, "ruralsw_case_plan"),
            ),
            goal=db.Staging(
                "tmp_goal",
                [
                    ("plan_key", "int4"),
                    ("sequence", "int4"),
                    ("name", "varchar"),
                    ("indicator", "varchar"),
                    ("target_date", "date"),
                    ("attainment", "varchar"),
                ],
            ),
            line=db.Staging(
                "tmp_plan_line",
                [
                    ("plan_key", "int4"),
                    ("sequence", "int4"),
                    ("intervention_type", "varchar"),
                    ("description", "varchar"),
                    ("frequency", "varchar"),
                    ("planned_date", "date"),
                ],
            ),
            intervention=db.Staging(
                "tmp_intervention",
                [
                    ("case_key", "int4"),
                    ("name", "varchar"),
                    ("intervention_type", "varchar"),
                    ("date_start", "timestamp"),
                    ("duration", "float8"),
                    ("user_id", "int4"),
                    ("state", "varchar"),
                    ("outcome", "text"),
                    ("referral_to", "varchar"),
                ],
            ),
            evaluation=db.Staging(
                "tmp_evaluation",
                [
                    ("case_key", "int4"),
                    ("date", "date"),
                    ("user_id", "int4"),
                    ("income_before", "numeric"),
                    ("income_after", "numeric"),
                    ("satisfaction", "varchar"),
                    ("notes", "text"),
                ],
                ids_from=db.id_sequence(cr, "ruralsw_evaluation"),
            ),
        )

    def all(self):
        """Every staging table, in the order they are written."""
        return tuple(getattr(self, field.name) for field in dataclasses.fields(self))


CASE_LINKS = ("assessment_id", "approved_plan_id", "evaluation_id")


def write_all(env, config, county, tables):
    """Copy the staging tables and write the cases and their records.

    A case points to its latest assessment, approved plan and evaluation,
    which point back to it: the three foreign keys of these links are
    dropped while the rows go in and re-created as the ORM declares them
    (one validating scan each), so that every case is written once, links
    included, instead of being inserted and then updated.
    """
    cr = env.cr
    with config.recorder.table("COPY into staging tables", written=False) as timing:
        timing.rows = sum(staging.copy(cr) for staging in tables.all())
    links = db.drop_foreign_keys(env, "ruralsw.case", CASE_LINKS)
    _insert_cases(cr, config, county)
    _insert_needs(cr, config)
    _insert_consents(cr, config, county)
    _insert_assessments(cr, config)
    _insert_plans(env, config)
    _insert_goals(cr, config)
    _insert_plan_lines(cr, config)
    _insert_interventions(cr, config)
    _insert_evaluations(cr, config)
    with config.recorder.table(
        "ruralsw_case (link foreign keys)", written=False
    ) as timing:
        db.add_foreign_keys(cr, links)
        timing.rows = tables.case.rows
    db.drop(cr, *tables.all()[1:])


def _insert_cases(cr, config, county):
    """Insert the cases. Area, township, household, supervisor, station and
    phase come from joins, the latest assessment (with its risk level and
    score), the approved plan (highest version) and the latest evaluation
    (with its satisfaction) from the staging tables, as the ORM's related
    and computed fields pick them."""
    with config.recorder.table("ruralsw_case") as timing:
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO ruralsw_case (
                id, name, active, company_id, beneficiary_id, household_id, area_id,
                township_id, station_id, user_id, supervisor_id, channel, priority,
                description, stage_id, phase, color, intake_date, first_contact_date,
                response_deadline, response_hours, is_response_late, overdue_notified,
                assessment_id, risk_level, vulnerability_score, approved_plan_id,
                evaluation_id, satisfaction,
                closure_reason, closure_note, closed_date, reopen_count, anonymised,
                create_uid, create_date, write_uid, write_date
            )
            SELECT c.id, c.name, TRUE, %(company)s, b.id, b.household_id, b.village_id,
                   b.township_id, CASE WHEN c.at_station THEN station.id END,
                   c.user_id, worker.ruralsw_supervisor_id, c.channel, c.priority,
                   c.description, c.stage_id, stage.phase, 0, c.intake_date,
                   c.first_contact_date, c.response_deadline, c.response_hours,
                   c.is_response_late, FALSE,
                   a.id, a.risk_level, a.vulnerability_score, p.id,
                   e.id, e.satisfaction,
                   c.closure_reason, c.closure_note, c.closed_date, 0, FALSE,
                   c.user_id, c.intake_date, c.user_id, c.write_date
              FROM tmp_case c
              JOIN tmp_beneficiary tb ON tb.key = c.beneficiary_key
              JOIN res_partner b ON b.id = tb.id
              JOIN res_users worker ON worker.id = c.user_id
              JOIN ruralsw_case_stage stage ON stage.id = c.stage_id
              LEFT JOIN ruralsw_station station
                     ON station.area_id = b.village_id
                    AND station.station_type = 'village_station'
              LEFT JOIN (
                    SELECT DISTINCT ON (case_key)
                           case_key, id, risk_level, vulnerability_score
                      FROM tmp_assessment
                     ORDER BY case_key, date DESC, id DESC
                   ) a ON a.case_key = c.key
              LEFT JOIN (
                    SELECT DISTINCT ON (case_key) case_key, id
                      FROM tmp_plan
                     WHERE state = 'approved'
                     ORDER BY case_key, version DESC
                   ) p ON p.case_key = c.key
              LEFT JOIN (
                    SELECT DISTINCT ON (case_key) case_key, id, satisfaction
                      FROM tmp_evaluation
                     ORDER BY case_key, date DESC, id DESC
                   ) e ON e.case_key = c.key
             ORDER BY c.key
            """,
                company=county.company_id,
            ),
        )


def _insert_needs(cr, config):
    """Insert the needs of the cases."""
    with config.recorder.table("ruralsw_case_need") as timing:
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO ruralsw_case_need (
                case_id, company_id, sequence, category, description, urgency, status,
                create_uid, create_date, write_uid, write_date
            )
            SELECT c.id, c.company_id, n.sequence, n.category, n.description,
                   n.urgency, n.status,
                   c.create_uid, c.create_date, c.write_uid, c.write_date
              FROM tmp_need n
              JOIN tmp_case tc ON tc.key = n.case_key
              JOIN ruralsw_case c ON c.id = tc.id
            """
            ),
        )


def _insert_consents(cr, config, county):
    """Insert the consents; ``area_id`` is the beneficiary's village."""
    with config.recorder.table("ruralsw_consent") as timing:
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO ruralsw_consent (
                beneficiary_id, company_id, area_id, purpose, given_by, proxy_name,
                proxy_relation, method, witness_name, date_given, valid_until,
                revoked_date, revocation_reason, recorded_by_id,
                create_uid, create_date, write_uid, write_date
            )
            SELECT b.id, %(company)s, b.village_id, k.purpose, k.given_by, k.proxy_name,
                   k.proxy_relation, k.method, k.witness_name, k.date_given,
                   k.valid_until, k.revoked_date, k.revocation_reason,
                   k.recorded_by_id, k.recorded_by_id, k.date_given::timestamp,
                   k.recorded_by_id,
                   COALESCE(k.revoked_date, k.date_given)::timestamp
              FROM tmp_consent k
              JOIN tmp_beneficiary tb ON tb.key = k.beneficiary_key
              JOIN res_partner b ON b.id = tb.id
            """,
                company=county.company_id,
            ),
        )


def _insert_assessments(cr, config):
    """Insert the assessments; score, suggested level and explanation were
    drawn with the scoring service and the model's own wording."""
    with config.recorder.table("ruralsw_assessment") as timing:
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO ruralsw_assessment (
                id, case_id, company_id, area_id, date, user_id, economic, health,
                family_support, housing, digital_access, vulnerability_score,
                suggested_level, suggestion_explanation, override_level,
                override_reason, risk_level, notes,
                create_uid, create_date, write_uid, write_date
            )
            SELECT a.id, c.id, c.company_id, c.area_id, a.date, a.user_id, a.economic,
                   a.health, a.family_support, a.housing, a.digital_access,
                   a.vulnerability_score, a.suggested_level, a.suggestion_explanation,
                   a.override_level, a.override_reason, a.risk_level, a.notes,
                   a.user_id, a.create_date, a.user_id, a.create_date
              FROM tmp_assessment a
              JOIN tmp_case tc ON tc.key = a.case_key
              JOIN ruralsw_case c ON c.id = tc.id
            """
            ),
        )


def _insert_plans(env, config):
    """Insert the plans; the name is the model's (translated) pattern
    applied to the case reference and the version."""
    template = env._("%(case)s plan v%(version)s", case="{case}", version="{version}")
    with config.recorder.table("ruralsw_case_plan") as timing:
        timing.rows = db.execute(
            env.cr,
            SQL(
                """
            INSERT INTO ruralsw_case_plan (
                id, name, case_id, company_id, area_id, version, state,
                submitted_date, approved_by_id, approved_date, review_note,
                create_uid, create_date, write_uid, write_date
            )
            SELECT p.id,
                   replace(replace(%(template)s, '{case}', c.name),
                           '{version}', p.version::text),
                   c.id, c.company_id, c.area_id, p.version, p.state,
                   p.submitted_date, p.approved_by_id, p.approved_date, p.review_note,
                   c.user_id, p.create_date, COALESCE(p.approved_by_id, c.user_id),
                   p.write_date
              FROM tmp_plan p
              JOIN tmp_case tc ON tc.key = p.case_key
              JOIN ruralsw_case c ON c.id = tc.id
            """,
                template=template,
            ),
        )


def _insert_goals(cr, config):
    """Insert the goals of the plans."""
    with config.recorder.table("ruralsw_case_goal") as timing:
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO ruralsw_case_goal (
                plan_id, case_id, company_id, sequence, name, indicator,
                target_date, attainment, create_uid, create_date, write_uid, write_date
            )
            SELECT p.id, p.case_id, p.company_id, g.sequence, g.name, g.indicator,
                   g.target_date, g.attainment,
                   p.create_uid, p.create_date, p.write_uid, p.write_date
              FROM tmp_goal g
              JOIN tmp_plan tp ON tp.key = g.plan_key
              JOIN ruralsw_case_plan p ON p.id = tp.id
            """
            ),
        )


def _insert_plan_lines(cr, config):
    """Insert the planned interventions of the plans."""
    with config.recorder.table("ruralsw_case_plan_line") as timing:
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO ruralsw_case_plan_line (
                plan_id, case_id, company_id, sequence, intervention_type,
                description, frequency, planned_date,
                create_uid, create_date, write_uid, write_date
            )
            SELECT p.id, p.case_id, p.company_id, l.sequence, l.intervention_type,
                   l.description, l.frequency, l.planned_date,
                   p.create_uid, p.create_date, p.create_uid, p.create_date
              FROM tmp_plan_line l
              JOIN tmp_plan tp ON tp.key = l.plan_key
              JOIN ruralsw_case_plan p ON p.id = tp.id
            """
            ),
        )


def _insert_interventions(cr, config):
    """Insert the interventions; ``date_stop`` and the related columns are
    derived as the ORM computes them."""
    with config.recorder.table("ruralsw_intervention") as timing:
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO ruralsw_intervention (
                name, case_id, company_id, area_id, township_id, beneficiary_id,
                intervention_type, date_start, duration, date_stop, user_id, state,
                outcome, referral_to, create_uid, create_date, write_uid, write_date
            )
            SELECT i.name, c.id, c.company_id, c.area_id, c.township_id,
                   c.beneficiary_id, i.intervention_type, i.date_start, i.duration,
                   i.date_start + i.duration * interval '1 hour', i.user_id, i.state,
                   i.outcome, i.referral_to,
                   i.user_id, LEAST(i.date_start, %(now)s), i.user_id,
                   LEAST(i.date_start, %(now)s)
              FROM tmp_intervention i
              JOIN tmp_case tc ON tc.key = i.case_key
              JOIN ruralsw_case c ON c.id = tc.id
            """,
                now=config.now,
            ),
        )


def _insert_evaluations(cr, config):
    """Insert the evaluations; the goal figures count the scored goals of
    the case's approved plan, as the ORM's compute does."""
    with config.recorder.table("ruralsw_evaluation") as timing:
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO ruralsw_evaluation (
                id, case_id, company_id, area_id, date, user_id, income_before,
                income_after, income_change, satisfaction, goal_count,
                goal_attainment_rate, notes,
                create_uid, create_date, write_uid, write_date
            )
            SELECT e.id, c.id, c.company_id, c.area_id, e.date, e.user_id,
                   e.income_before, e.income_after, e.income_after - e.income_before,
                   e.satisfaction, COALESCE(g.scored, 0),
                   CASE WHEN g.scored > 0
                        THEN 100.0 * g.attained / g.scored ELSE 0 END,
                   e.notes,
                   e.user_id, e.date::timestamp, e.user_id, e.date::timestamp
              FROM tmp_evaluation e
              JOIN tmp_case tc ON tc.key = e.case_key
              JOIN ruralsw_case c ON c.id = tc.id
              LEFT JOIN (
                    SELECT plan_id,
                           count(*) AS scored,
                           count(*) FILTER (WHERE attainment::int >= 0) AS attained
                      FROM ruralsw_case_goal
                     WHERE attainment IS NOT NULL
                     GROUP BY plan_id
                   ) g ON g.plan_id = c.approved_plan_id
            """
            ),
        )
