# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Scale data of ``ruralsw_ecommerce_bridge``: the county platform, its
buyers and their orders, for ``tools/bench_bridge.py``.

At ``--scale 1``: one platform for the generated county (acting as a
technical user limited to it), 200,000 buyers and 1,000,000 orders over the
year before ``--now`` (see :mod:`tools.scale.ecommerce_bridge_orders` for
their shape). Buyers are linked to every beneficiary with a
platform-sharing consent (valid, expired or revoked) and to a few
thousand beneficiaries without one; an order gets the person and household
of its buyer only when the person's sharing consent is valid today, with
the condition the addon itself uses (``_ruralsw_consent_sql``).
"""

from odoo import Command
from odoo.tools import SQL

from . import Check, db
from .ecommerce_bridge_orders import draw_buyers, draw_orders

ADDON = "ruralsw_ecommerce_bridge"
PLATFORM_CODE = "qingshan-county"
ORDERS = 1_000_000
BUYERS = 200_000
LINKED_WITHOUT_CONSENT = 3_000
VERIFY_MODELS = {
    "ruralsw.platform.buyer": [("platform_id.code", "=", PLATFORM_CODE)],
    "ruralsw.order": [("platform_id.code", "=", PLATFORM_CODE)],
}
TABLES = ("ruralsw_platform_buyer", "ruralsw_order")


def generate(env, config):
    """The platform (ORM), then its buyers and orders (``COPY`` and one
    ``INSERT ... SELECT`` each)."""
    recorder = config.recorder
    platform = _create_platform(env, config)
    env.flush_all()
    cr = env.cr
    people = _people_to_link(env, config)
    rng = config.rng("bridge", "buyers")
    with recorder.table("draw buyers", written=False) as timing:
        buyers = draw_buyers(
            rng, config.seed, config.scaled(BUYERS), people, config.shared["villages"]
        )
        timing.rows = len(buyers)
    with recorder.table("ruralsw_platform_buyer") as timing:
        staging = db.Staging(
            "tmp_rsw_buyer", [("buyer_key", "varchar"), ("beneficiary_id", "int4")]
        )
        for buyer in buyers:
            if buyer.beneficiary_id:
                staging.add(buyer.key, buyer.beneficiary_id)
        staging.copy(cr)
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO ruralsw_platform_buyer (platform_id, company_id, buyer_key,
                   beneficiary_id, household_id, area_id,
                   create_uid, write_uid, create_date, write_date)
            SELECT %(platform)s, %(company)s, s.buyer_key, s.beneficiary_id,
                   p.household_id, p.village_id, 1, 1, %(now)s, %(now)s
              FROM tmp_rsw_buyer s JOIN res_partner p ON p.id = s.beneficiary_id
                """,
                platform=platform.id,
                company=platform.company_id.id,
                now=config.now,
            ),
        )
        db.drop(cr, staging)
    with recorder.table("draw orders", written=False) as timing:
        staging = db.Staging(
            "tmp_rsw_order",
            [
                ("order_ref", "varchar"),
                ("buyer_key", "varchar"),
                ("village_id", "int4"),
                ("category", "varchar"),
                ("amount", "numeric"),
                ("direction", "varchar"),
                ("ordered_at", "timestamp"),
            ],
        )
        for row in draw_orders(
            config.rng("bridge", "orders"), buyers, config.scaled(ORDERS), config.now
        ):
            staging.add(*row)
        timing.rows = staging.rows
        del buyers
    with recorder.table("COPY orders into staging", written=False) as timing:
        timing.rows = staging.copy(cr)
    with recorder.table("ruralsw_order") as timing:
        consent = env["ruralsw.platform.buyer"]._ruralsw_consent_sql(
            SQL("b.beneficiary_id")
        )
        timing.rows = db.execute(
            cr,
            SQL(
                """
            INSERT INTO ruralsw_order (platform_id, company_id, order_ref, buyer_key,
                   village_id, township_id, category, amount, direction, ordered_at,
                   beneficiary_id, household_id, received_at)
            SELECT %(platform)s, %(company)s, s.order_ref, s.buyer_key,
                   s.village_id, v.township_id, s.category, s.amount, s.direction,
                   s.ordered_at, l.beneficiary_id, l.household_id, s.ordered_at
              FROM tmp_rsw_order s
              JOIN ruralsw_area v ON v.id = s.village_id
              LEFT JOIN (
                    SELECT b.buyer_key, b.beneficiary_id, p.household_id
                      FROM ruralsw_platform_buyer b
                      JOIN res_partner p ON p.id = b.beneficiary_id
                     WHERE b.platform_id = %(platform)s AND %(consent)s
                   ) l ON l.buyer_key = s.buyer_key
                """,
                platform=platform.id,
                company=platform.company_id.id,
                consent=consent,
            ),
        )
        db.drop(cr, staging)
    config.shared["bridge_platform"] = platform.id
    env.invalidate_all()


def _create_platform(env, config):
    """The county's platform and the technical user it acts as."""
    with config.recorder.table("ruralsw_platform (ORM)") as timing:
        county = env["ruralsw.area"].browse(config.shared["county"])
        user = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": f"{county.name}电商平台（接口）",
                    "login": "platform_qingshan",
                    # the sender of the follow-up notifications its requests cause
                    "email": "platform.qingshan@example.com",
                    "groups_id": [
                        Command.link(
                            env.ref(
                                "ruralsw_ecommerce_bridge.group_ruralsw_platform"
                            ).id
                        )
                    ],
                    # the county's parent: the same villages for the record
                    # rules, while the case step's staff check (users with an
                    # area inside the county) keeps counting social workers only
                    "ruralsw_area_ids": [Command.set(county.parent_id.ids)],
                }
            )
        )
        platform = env["ruralsw.platform"].create(
            {
                "name": f"{county.name}电商运营中心",
                "code": PLATFORM_CODE,
                "user_id": user.id,
                "area_id": county.id,
                "intake_mode": "lead",
                # the benchmark sends more than the default 600 a minute
                "rate_limit": 1_000_000,
            }
        )
        timing.rows = 2
    return platform


def _people_to_link(env, config):
    """``[(beneficiary_id, village_id)]`` to link to buyers: every
    beneficiary with a platform-sharing consent (of any state), then some
    without one, in id order."""
    cr = env.cr
    cr.execute(
        SQL(
            """
        SELECT p.id, p.village_id,
               EXISTS (SELECT 1 FROM ruralsw_consent c WHERE c.beneficiary_id = p.id
                          AND c.purpose = 'platform_sharing') AS shares
          FROM res_partner p
         WHERE p.is_beneficiary AND p.village_id IS NOT NULL
         ORDER BY p.id
            """
        )
    )
    sharing, others = [], []
    for partner_id, village_id, shares in cr.fetchall():
        (sharing if shares else others).append((partner_id, village_id))
    rng = config.rng("bridge", "links")
    extra = rng.sample(others, min(len(others), config.scaled(LINKED_WITHOUT_CONSENT)))
    return sharing + sorted(extra)


def check(env, config):
    """Counts of the orders and the consent rule of their links."""
    cr = env.cr
    platform = env["ruralsw.platform"].search([("code", "=", PLATFORM_CODE)])
    consent = env["ruralsw.platform.buyer"]._ruralsw_consent_sql(
        SQL("o.beneficiary_id")
    )

    def scalar(query):
        cr.execute(query)
        return cr.fetchone()[0]

    orders = SQL("ruralsw_order o WHERE o.platform_id = %s", platform.id)
    return [
        Check(
            "orders",
            scalar(SQL("SELECT count(*) FROM %s", orders)),
            config.scaled(ORDERS) if platform else 0,
        ),
        Check(
            "orders linked to a person",
            scalar(
                SQL("SELECT count(*) FROM %s AND o.beneficiary_id IS NOT NULL", orders)
            ),
        ),
        Check(
            "households with linked orders",
            scalar(SQL("SELECT count(DISTINCT o.household_id) FROM %s", orders)),
        ),
        Check(
            "orders linked without a valid sharing consent",
            scalar(
                SQL(
                    "SELECT count(*) FROM %s AND o.beneficiary_id IS NOT NULL "
                    "AND NOT %s",
                    orders,
                    consent,
                )
            ),
            0,
        ),
        Check(
            "orders of consenting buyers left unlinked",
            scalar(
                SQL(
                    "SELECT count(*) FROM %s AND o.beneficiary_id IS NULL AND EXISTS ("
                    "SELECT 1 FROM ruralsw_platform_buyer b WHERE b.platform_id = "
                    "o.platform_id AND b.buyer_key = o.buyer_key AND %s)",
                    orders,
                    env["ruralsw.platform.buyer"]._ruralsw_consent_sql(
                        SQL("b.beneficiary_id")
                    ),
                )
            ),
            0,
        ),
        Check(
            "orders whose household is not the person's",
            scalar(
                SQL(
                    "SELECT count(*) FROM %s AND o.beneficiary_id IS NOT NULL AND "
                    "o.household_id IS DISTINCT FROM (SELECT household_id FROM "
                    "res_partner WHERE id = o.beneficiary_id)",
                    orders,
                )
            ),
            0,
        ),
        Check(
            "orders whose township is not their village's",
            scalar(
                SQL(
                    "SELECT count(*) FROM %s AND o.township_id IS DISTINCT FROM "
                    "(SELECT township_id FROM ruralsw_area WHERE id = o.village_id)",
                    orders,
                )
            ),
            0,
        ),
    ]
