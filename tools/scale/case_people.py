# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Households and beneficiaries of the scale-data county (``ruralsw_case``).

Drawn in Python (:mod:`tools.scale.population`), written with one ``COPY``
and one ``INSERT ... SELECT`` per kind of partner.
"""

import dataclasses
from datetime import timedelta

from odoo.tools import SQL

from odoo.addons.ruralsw_case.services import id_number, name_search

from . import db
from .population import draw_household, household_sizes
from .synth import IdNumbers, Picker, apportion

HOUSEHOLDS = 50_000
BENEFICIARIES = 120_000
HISTORY_DAYS = 3 * 365

# Where the people's ID numbers were issued: the county, its neighbours, and
# spouses who married in from other provinces.
REGION_CODES = Picker(
    {
        "522690": 92,
        "522601": 2,
        "522622": 1,
        "522623": 1,
        "522627": 1,
        "522631": 1,
        "433130": 1,
        "452631": 1,
    }
)


@dataclasses.dataclass
class County:
    """What the ORM part created, as plain ids for the bulk part."""

    company_id: int
    county_id: int
    township_ids: list
    villages: list  # dicts: id, name, township_id
    station_by_area: dict
    supervisor_ids: list
    supervisor_of: dict  # user id: supervisor user id
    township_worker: dict  # township id: user id
    village_worker: dict  # village id: user id
    worker_ids: list
    stage_by_phase: dict
    response_hours: dict
    admin_id: int
    lang: str


@dataclasses.dataclass(slots=True)
class Resident:
    """A beneficiary as the bulk part needs it."""

    key: int
    household_key: int
    village: dict
    person: object
    registered: object


def draw_people(config, county):
    """Draw the households of every village and their members with unique
    resident ID numbers; return ``(households, residents)`` where a
    household is ``(key, village, Household)``."""
    rng = config.rng("people")
    with config.recorder.table("draw households and people", written=False) as timing:
        household_count = config.scaled(HOUSEHOLDS)
        people_count = max(config.scaled(BENEFICIARIES), household_count)
        sizes = iter(household_sizes(rng, household_count, people_count))
        per_village = apportion(
            household_count, [rng.uniform(0.5, 1.8) for _v in county.villages]
        )
        numbers = IdNumbers(id_number.generate)
        households, residents = [], []
        for village, count in zip(county.villages, per_village, strict=True):
            for _index in range(count):
                household = draw_household(rng, next(sizes), config.today)
                registered = config.now - timedelta(
                    days=rng.uniform(30, HISTORY_DAYS + 120)
                )
                key = len(households)
                households.append((key, village, household))
                for person in household.members:
                    person.id_number = numbers.draw(
                        rng, REGION_CODES(rng), person.birth, person.gender
                    )
                    residents.append(
                        Resident(len(residents), key, village, person, registered)
                    )
        timing.rows = len(households) + len(residents)
    return households, residents


def insert_households(cr, config, county, households, residents):
    """Insert the households (partners flagged ``is_household``), each
    registered with its first member."""
    registered = {}
    for resident in residents:
        known = registered.get(resident.household_key)
        if known is None or resident.registered < known:
            registered[resident.household_key] = resident.registered
    with config.recorder.table("res_partner (households)") as timing:
        staging = db.Staging(
            "tmp_household",
            [
                ("key", "int4"),
                ("name", "varchar"),
                ("name_bigrams", "varchar"),
                ("village_id", "int4"),
                ("create_uid", "int4"),
                ("create_date", "timestamp"),
            ],
            ids_from=db.id_sequence(cr, "res_partner"),
        )
        for key, village, household in households:
            name = f"{household.family_name}家（{village['name']}）"
            staging.add(
                key,
                name,
                name_search.bigram_column(name),
                village["id"],
                _registrar(county, village),
                registered[key],
            )
        staging.copy(cr)
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO res_partner (
                id, name, complete_name, commercial_partner_id, company_id, lang,
                type, active, is_company, partner_share, color, message_bounce,
                calendar_last_notif_ack, is_household, is_beneficiary, village_id,
                township_id, is_vulnerable, anonymised, ruralsw_name_bigrams,
                create_uid, create_date, write_uid, write_date
            )
            SELECT h.id, h.name, h.name, h.id, %(company)s, %(lang)s,
                   'contact', TRUE, FALSE, TRUE, 0, 0,
                   h.create_date, TRUE, FALSE, h.village_id,
                   village.township_id, FALSE, FALSE, h.name_bigrams,
                   h.create_uid, h.create_date, h.create_uid, h.create_date
              FROM tmp_household h
              JOIN ruralsw_area village ON village.id = h.village_id
             ORDER BY h.key
            """,
                company=county.company_id,
                lang=county.lang,
            ),
        )


def _registrar(county, village):
    """The user who registered people of ``village``: its social worker."""
    return county.village_worker.get(village["id"]) or county.admin_id


def insert_beneficiaries(cr, config, county, residents):
    """Insert the beneficiaries; ``is_vulnerable`` and ``township_id`` are
    derived here as the ORM computes them."""
    flags = (
        "is_elderly_alone",
        "is_left_behind_child",
        "has_disability",
        "is_low_income",
        "has_subsistence_allowance",
        "has_chronic_illness",
        "has_smartphone",
        "uses_internet",
        "needs_proxy",
    )
    with config.recorder.table("res_partner (beneficiaries)") as timing:
        staging = db.Staging(
            "tmp_beneficiary",
            [
                ("key", "int4"),
                ("household_key", "int4"),
                ("village_id", "int4"),
                ("name", "varchar"),
                ("name_bigrams", "varchar"),
                ("household_role", "varchar"),
                ("birth_date", "date"),
                ("gender", "varchar"),
                ("id_number", "varchar"),
                ("private_phone", "varchar"),
                ("health_notes", "text"),
                *((flag, "bool") for flag in flags),
                ("create_uid", "int4"),
                ("create_date", "timestamp"),
            ],
            ids_from=db.id_sequence(cr, "res_partner"),
        )
        for resident in residents:
            person = resident.person
            staging.add(
                resident.key,
                resident.household_key,
                resident.village["id"],
                person.name,
                name_search.bigram_column(person.name),
                person.role,
                person.birth,
                person.gender,
                person.id_number,
                person.private_phone,
                person.health_notes,
                *(getattr(person, flag) for flag in flags),
                _registrar(county, resident.village),
                resident.registered,
            )
        staging.copy(cr)
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO res_partner (
                id, name, complete_name, commercial_partner_id, company_id, lang,
                type, active, is_company, partner_share, color, message_bounce,
                calendar_last_notif_ack, is_beneficiary, is_household, village_id,
                township_id, household_id, household_role, birth_date, gender,
                id_number, private_phone, health_notes,
                is_elderly_alone, is_left_behind_child, has_disability,
                is_low_income, has_subsistence_allowance, has_chronic_illness,
                is_vulnerable, has_smartphone, uses_internet, needs_proxy, anonymised,
                ruralsw_name_bigrams, create_uid, create_date, write_uid, write_date
            )
            SELECT b.id, b.name, b.name, b.id, %(company)s, %(lang)s,
                   'contact', TRUE, FALSE, TRUE, 0, 0,
                   b.create_date, TRUE, FALSE, b.village_id,
                   village.township_id, h.id, b.household_role, b.birth_date, b.gender,
                   b.id_number, b.private_phone, b.health_notes,
                   b.is_elderly_alone, b.is_left_behind_child, b.has_disability,
                   b.is_low_income, b.has_subsistence_allowance, b.has_chronic_illness,
                   b.is_elderly_alone OR b.is_left_behind_child OR b.has_disability
                       OR b.is_low_income OR b.has_subsistence_allowance
                       OR b.has_chronic_illness,
                   b.has_smartphone, b.uses_internet, b.needs_proxy, FALSE,
                   b.name_bigrams, b.create_uid, b.create_date, b.create_uid,
                   b.create_date
              FROM tmp_beneficiary b
              JOIN tmp_household h ON h.key = b.household_key
              JOIN ruralsw_area village ON village.id = b.village_id
             ORDER BY b.key
            """,
                company=county.company_id,
                lang=county.lang,
            ),
        )
