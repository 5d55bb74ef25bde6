# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import secrets
import string

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.ruralsw_case.services import response_time

from ..services.errors import BridgeError

APPLICATION_STATUSES = [
    ("received", "Received"),
    ("assigned", "Assigned"),
    ("in_follow_up", "In Follow-up"),
    ("resolved", "Resolved"),
    ("rejected", "Rejected"),
]
# API relation -> ruralsw_case's relation of the proxy
PROXY_RELATIONS = {
    "volunteer": "volunteer",
    "relative": "relative",
    "station_staff": "station_clerk",
}
# categories that concern people who cannot wait a week
HIGH_PRIORITY_CATEGORIES = ("medical", "elderly_care")
ELDERLY_AGE = 70
_SUFFIX_ALPHABET = "".join(c for c in string.ascii_uppercase if c not in "IO")


class CrmLead(models.Model):
    """An online application is an intake lead with a tracking number, the
    platform (or the public page) it came from, who acted for whom, and the
    offline follow-up task a social worker owns."""

    _inherit = "crm.lead"

    ruralsw_reference = fields.Char(
        string="Tracking Number", index="btree_not_null", copy=False, readonly=True
    )
    ruralsw_platform_id = fields.Many2one(
        "ruralsw.platform", string="Platform", index="btree_not_null", readonly=True
    )
    ruralsw_external_id = fields.Char(
        string="Platform Reference", copy=False, readonly=True
    )
    ruralsw_unverified = fields.Boolean(
        string="Unverified",
        copy=False,
        help="Submitted anonymously on the public page: a social worker confirms "
        "the person and the need before going on.",
    )
    ruralsw_submitted_by_id = fields.Many2one(
        "res.users",
        string="Submitted By",
        readonly=True,
        help="The signed-in volunteer or station clerk who applied on the "
        "person's behalf.",
    )
    ruralsw_follow_up_task_id = fields.Many2one(
        "project.task", string="Follow-up Task", readonly=True, copy=False
    )
    ruralsw_follow_up_due = fields.Datetime(
        string="Follow-up Due", readonly=True, copy=False
    )
    ruralsw_application_status = fields.Selection(
        APPLICATION_STATUSES,
        string="Application Status",
        compute="_compute_ruralsw_application_status",
    )
    ruralsw_item_ids = fields.One2many(
        "ruralsw.application.item", "lead_id", string="Aid Items"
    )

    _sql_constraints = [
        (
            "ruralsw_external_id_unique",
            "unique(ruralsw_platform_id, ruralsw_external_id)",
            "A platform sends each application once.",
        ),
    ]

    @api.depends(
        "active",
        "probability",
        "user_id",
        "ruralsw_case_ids.phase",
        "ruralsw_case_ids.first_contact_date",
        "ruralsw_follow_up_task_id.state",
    )
    def _compute_ruralsw_application_status(self):
        for lead in self:
            lead.ruralsw_application_status = lead._ruralsw_status()

    def _ruralsw_status(self):
        """The status a platform or a villager sees."""
        self.ensure_one()
        # sudo: the status is computed for the applicant, whoever may read
        # the case and the task
        lead = self.sudo()
        case = lead.ruralsw_case_ids[:1]
        if not lead.active and not lead.probability and not case:
            return "rejected"
        if case:
            if case.phase == "closed":
                return "resolved"
            if case.phase != "intake" or case.first_contact_date:
                return "in_follow_up"
            return "assigned"
        if lead.ruralsw_follow_up_task_id.state == "1_done":
            return "in_follow_up"
        return "assigned" if lead.user_id else "received"

    def _ruralsw_next_step_date(self):
        """When the next step is due: the first contact of the case, else the
        follow-up task's deadline."""
        self.ensure_one()
        lead = self.sudo()
        case = lead.ruralsw_case_ids[:1]
        if case and not case.first_contact_date and case.phase != "closed":
            return case.response_deadline
        task = lead.ruralsw_follow_up_task_id
        if task and task.state not in ("1_done", "1_canceled"):
            return task.date_deadline
        return False

    def _ruralsw_receipt(self):
        """The API's answer about an application."""
        self.ensure_one()
        next_date = self._ruralsw_next_step_date()
        due = self.sudo().ruralsw_follow_up_due
        return {
            "reference": self.ruralsw_reference,
            "status": self._ruralsw_status(),
            "follow_up_due": due.isoformat() + "Z" if due else None,
            "next_step_date": next_date.isoformat() + "Z" if next_date else None,
        }

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_ruralsw_confirm(self):
        """A social worker confirms an anonymous application."""
        self.write({"ruralsw_unverified": False})

    def action_ruralsw_open_case(self):
        if self.ruralsw_unverified:
            raise UserError(
                self.env._(
                    "%(ref)s was submitted anonymously: confirm the person and the "
                    "need first (Confirm).",
                    ref=self.ruralsw_reference or self.name,
                )
            )
        action = super().action_ruralsw_open_case()
        case = self.ruralsw_case_ids[:1]
        if self.user_id and case.user_id != self.user_id:
            case.user_id = self.user_id
        task = self.ruralsw_follow_up_task_id
        if task and not task.ruralsw_case_id:
            task.ruralsw_case_id = case
        self._ruralsw_request_aid(case)
        return action

    def _ruralsw_request_aid(self, case):
        """Turn the applied-for items into a draft aid request of the case;
        the social worker checks it before it goes to approval."""
        items = [
            (item.product_id, item.quantity)
            for item in self.ruralsw_item_ids
            if item.product_id
        ]
        if not items:
            return self.env["ruralsw.aid.request"]
        return self.env["ruralsw.aid.request"].create_from_case(case, items)

    @api.model
    def _ruralsw_aid_products(self, items):
        """Return ``{sku: product}`` for the items, refusing an SKU that is
        not an aid item (field ``items.N.sku``)."""
        skus = {item["sku"] for item in items}
        if not skus:
            return {}
        # sudo: the catalogue is public to applicants; only ids are kept
        products = (
            self.env["product.product"]
            .sudo()
            .search([("default_code", "in", list(skus)), ("ruralsw_is_aid", "=", True)])
        )
        by_sku = {product.default_code: product for product in products}
        for index, item in enumerate(items):
            if item["sku"] not in by_sku:
                raise BridgeError(
                    "unknown_sku", f"items.{index}.sku", {"sku": item["sku"]}
                )
        return by_sku

    def action_ruralsw_view_follow_up(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "project.task",
            "view_mode": "form",
            "res_id": self.ruralsw_follow_up_task_id.id,
        }

    # ------------------------------------------------------------------
    # Creating applications (API and public page)
    # ------------------------------------------------------------------
    @api.model
    def _ruralsw_new_reference(self):
        """A tracking number: a sequence and a random suffix, so that numbers
        cannot be guessed from one another."""
        number = self.env["ir.sequence"].sudo().next_by_code("ruralsw.application")
        suffix = "".join(secrets.choice(_SUFFIX_ALPHABET) for _i in range(4))
        return f"{number}-{suffix}"

    @api.model
    def _ruralsw_find_village(
        self, code, platform=None, field="applicant.village_code"
    ):
        """The village of a division code, inside the platform's area."""
        # sudo: areas are public reference data; the area check is done here
        village = (
            self.env["ruralsw.area"]
            .sudo()
            .search([("code", "=", code), ("level", "=", "village")], limit=1)
        )
        if not village:
            raise BridgeError("unknown_village", field, {"code": code})
        if platform and not village.parent_path.startswith(
            platform._ruralsw_village_prefix()
        ):
            raise BridgeError("area_not_allowed", field, {"code": code}, status=403)
        return village.with_env(self.env)

    @api.model
    def _ruralsw_match_beneficiary(self, applicant, village):
        """Return ``(partner, created)``: the registered person with the
        resident ID number, else with the same name and phone in the village,
        else a new beneficiary."""
        Partner = self.env["res.partner"]
        id_number = applicant.get("id_number")
        if id_number:
            partner = Partner.search([("id_number", "=", id_number)], limit=1)
            if partner:
                return partner, False
            # sudo: only whether the number is registered elsewhere is used,
            # to avoid a duplicate the caller may not see
            if Partner.sudo().search_count([("id_number", "=", id_number)], limit=1):
                id_number = False
        partner = Partner.search(
            [
                ("is_beneficiary", "=", True),
                ("village_id", "=", village.id),
                ("name", "=", applicant["name"]),
                ("private_phone", "=", applicant["phone"]),
            ],
            limit=1,
        )
        if partner:
            return partner, False
        vals = {
            "name": applicant["name"],
            "is_beneficiary": True,
            "village_id": village.id,
            "private_phone": applicant["phone"],
        }
        if id_number:
            vals["id_number"] = id_number
        elif applicant.get("birth_date"):
            vals["birth_date"] = applicant["birth_date"]
        return Partner.create(vals), True

    @api.model
    def _ruralsw_record_consents(self, beneficiary, consent, proxy, platform):
        """Record the consents the applicant (or the proxy) gave online."""
        purposes = ["case_management"]
        if consent.get("data_sharing") and platform:
            purposes.append("platform_sharing")
        source = (
            platform.name if platform else self.env._("the public application page")
        )
        vals = {
            "beneficiary_id": beneficiary.id,
            "method": "online",
            "notes": self.env._("Given online through %(channel)s.", channel=source),
            "company_id": beneficiary.company_id.id or self.env.company.id,
        }
        if proxy:
            vals.update(
                given_by="proxy",
                proxy_name=proxy["name"],
                proxy_relation=PROXY_RELATIONS.get(proxy["relation"], "other"),
            )
        return self.env["ruralsw.consent"].create(
            [{**vals, "purpose": purpose} for purpose in purposes]
        )

    @api.model
    def _ruralsw_priority(self, data, beneficiary):
        """``"2"`` (high on the intake desk) for elderly people and medical or
        elderly-care needs, else ``"1"``."""
        if data["category"] in HIGH_PRIORITY_CATEGORIES:
            return "2"
        birth = data["applicant"].get("birth_date") or beneficiary.birth_date
        if (
            birth
            and (fields.Date.context_today(self) - birth).days >= ELDERLY_AGE * 365
        ):
            return "2"
        return "1"

    @api.model
    def _ruralsw_create_application(self, data, platform=None, **options):
        """Create the intake record of a validated application (see
        ``services.payload.validate_application``) and return the lead.

        Options: ``channel`` (default ``online_platform``), ``unverified``,
        ``submitted_by`` (the signed-in proxy user), ``team``. The
        application of a platform's ``external_id`` already recorded is
        returned as it is.

        The assigned social worker is not sent an assignment e-mail: its
        author would be the platform's technical user, which usually has no
        e-mail address (the message would fail, and the application with it); the
        worker finds the application and its follow-up task on the desk.
        """
        Lead = self.with_context(mail_auto_subscribe_no_notify=True)
        lead = Lead._ruralsw_record_application(
            data, platform and platform.with_env(Lead.env), **options
        )
        return lead.with_env(self.env)

    @api.model
    def _ruralsw_record_application(self, data, platform, **options):
        """The work of :meth:`_ruralsw_create_application`."""
        if platform:
            existing = self.search(
                [
                    ("ruralsw_platform_id", "=", platform.id),
                    ("ruralsw_external_id", "=", data["external_id"]),
                ],
                limit=1,
            )
            if existing:
                return existing
        applicant = data["applicant"]
        village = self._ruralsw_find_village(applicant["village_code"], platform)
        products = self._ruralsw_aid_products(data.get("items") or [])
        beneficiary, _created = self._ruralsw_match_beneficiary(applicant, village)
        proxy = data.get("submitted_by")
        if proxy:
            beneficiary.needs_proxy = True
        self._ruralsw_record_consents(beneficiary, data["consent"], proxy, platform)
        if platform and data.get("buyer_key") and data["consent"].get("data_sharing"):
            self.env["ruralsw.platform.buyer"]._ruralsw_link(
                platform, data["buyer_key"], beneficiary
            )
        worker = self.env["ruralsw.case"]._ruralsw_assign_social_worker(village)
        priority = self._ruralsw_priority(data, beneficiary)
        team = options.get("team") or (platform and platform.team_id)
        team = team or self.env.ref("ruralsw_case.crm_team_ruralsw_intake")
        company = (platform and platform.company_id) or self.env.company
        categories = dict(
            self._fields["ruralsw_need_category"]._description_selection(self.env)
        )
        now = fields.Datetime.now()
        lead = self.create(
            {
                "name": self.env._(
                    "%(category)s: %(name)s",
                    category=categories.get(data["category"], data["category"]),
                    name=applicant["name"],
                ),
                "type": "opportunity",
                "team_id": team.id,
                "company_id": company.id,
                "contact_name": applicant["name"],
                "phone": applicant["phone"],
                "description": data["description"],
                "ruralsw_channel": options.get("channel")
                or ("volunteer_proxy" if proxy else "online_platform"),
                "ruralsw_village_id": village.id,
                "ruralsw_need_category": data["category"],
                "ruralsw_beneficiary_id": beneficiary.id,
                "ruralsw_proxy_name": proxy["name"] if proxy else False,
                "ruralsw_proxy_relation": (
                    PROXY_RELATIONS.get(proxy["relation"], "other") if proxy else False
                ),
                "ruralsw_platform_id": platform.id if platform else False,
                "ruralsw_external_id": data.get("external_id") if platform else False,
                "ruralsw_reference": self._ruralsw_new_reference(),
                "ruralsw_unverified": bool(options.get("unverified")),
                "ruralsw_submitted_by_id": (
                    options["submitted_by"].id if options.get("submitted_by") else False
                ),
                "user_id": worker.id or False,
                "priority": priority,
                "ruralsw_item_ids": [
                    fields.Command.create(
                        {
                            "sku": item["sku"],
                            "quantity": item["quantity"],
                            "product_id": products[item["sku"]].id,
                        }
                    )
                    for item in data.get("items") or []
                ],
            }
        )
        hours = company._ruralsw_response_hours()
        due = response_time.deadline(now, {"2": "1"}.get(priority, "0"), hours)
        lead._ruralsw_create_follow_up_task(village, worker, due)
        if platform and platform.intake_mode == "case" and not lead.ruralsw_unverified:
            lead.action_ruralsw_open_case()
        return lead

    def _ruralsw_create_follow_up_task(self, village, worker, due):
        """The offline follow-up: a task in the township's field-visit
        project, owned by the assigned social worker, due by the first-response
        deadline."""
        self.ensure_one()
        township = village.township_id
        self._ruralsw_lock_new_project(township, self.company_id)
        project = self.env["project.project"]._ruralsw_field_visit_projects(
            township, self.company_id
        )[township]
        task = self.env["project.task"].create(
            {
                "name": self.env._(
                    "Follow up application %(ref)s (%(village)s)",
                    ref=self.ruralsw_reference,
                    village=village.name,
                ),
                "project_id": project.id,
                "company_id": self.company_id.id,
                "ruralsw_lead_id": self.id,
                "user_ids": [fields.Command.set(worker.ids)],
                "date_deadline": due,
                "description": self.env._(
                    "Call or visit the applicant, check the need in person and "
                    "record the first contact."
                ),
            }
        )
        self.write({"ruralsw_follow_up_task_id": task.id, "ruralsw_follow_up_due": due})
        return task

    @api.model
    def _ruralsw_lock_new_project(self, township, company):
        """Before the township's first field-visit project is created, mark
        the township's row: of two applications creating the project at once,
        the later one then fails to serialise, and Odoo runs it again in a
        transaction that sees the project, instead of the unique index
        refusing a second project (a server error)."""
        # sudo: only whether the township has its project is looked at
        exists = (
            self.env["project.project"]
            .sudo()
            .search_count(
                [
                    ("ruralsw_township_id", "=", township.id),
                    ("company_id", "=", company.id),
                ],
                limit=1,
            )
        )
        if not exists:
            self.env.cr.execute(
                SQL(
                    "UPDATE ruralsw_area SET write_date = write_date WHERE id = %s",
                    township.id,
                ),
                log_exceptions=False,
            )
