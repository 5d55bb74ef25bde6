# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from ..services import id_number as id_number_service
from ..services import masking, name_search
from ..services.errors import ServiceValidationError
from .service_errors import service_error_message

# Groups allowed to read personal data in clear through the ORM (the UI still
# shows masks to them and reveals a value only through a logged action).
PERSONAL_DATA_GROUPS = ",".join(
    (
        "ruralsw_case.group_ruralsw_social_worker",
        "ruralsw_case.group_ruralsw_privacy_officer",
    )
)
HOUSEHOLD_ROLES = [
    ("head", "Head of Household"),
    ("spouse", "Spouse"),
    ("child", "Child"),
    ("elder", "Elder"),
    ("other", "Other"),
]
VULNERABILITY_FIELDS = (
    "is_elderly_alone",
    "is_left_behind_child",
    "has_disability",
    "is_low_income",
    "has_subsistence_allowance",
    "has_chronic_illness",
)


class ResPartner(models.Model):
    """Beneficiaries and households are partners, like registrants in OpenSPP.

    Their personal data is restricted three ways: a global record rule limits
    who sees a beneficiary at all (area of the social worker), field groups
    limit who may read the clear ID number, phone and health notes through the
    ORM, and the UI shows masks and reveals a clear value only through a
    logged action.
    """

    _name = "res.partner"
    _inherit = ["res.partner", "ruralsw.visibility.mixin"]

    is_beneficiary = fields.Boolean(index=True, copy=False)
    is_household = fields.Boolean(index=True, copy=False)
    village_id = fields.Many2one(
        "ruralsw.area",
        index="btree_not_null",
        domain=[("level", "=", "village")],
    )
    township_id = fields.Many2one(
        related="village_id.township_id", store=True, string="Township"
    )
    household_id = fields.Many2one(
        "res.partner",
        index="btree_not_null",
        domain=[("is_household", "=", True)],
        ondelete="set null",
    )
    household_role = fields.Selection(HOUSEHOLD_ROLES, string="Role in Household")
    household_member_ids = fields.One2many(
        "res.partner", "household_id", string="Members"
    )
    household_member_count = fields.Integer(
        compute="_compute_household_member_count", string="Member Count"
    )
    birth_date = fields.Date(
        compute="_compute_from_id_number", store=True, readonly=False
    )
    age = fields.Integer(compute="_compute_age", search="_search_age")
    gender = fields.Selection(
        [("male", "Male"), ("female", "Female")],
        compute="_compute_from_id_number",
        store=True,
        readonly=False,
    )
    is_elderly_alone = fields.Boolean(string="Elderly Living Alone")
    is_left_behind_child = fields.Boolean(string="Left-behind Child")
    has_disability = fields.Boolean(string="Disability")
    is_low_income = fields.Boolean(string="Low Income")
    has_subsistence_allowance = fields.Boolean(string="Subsistence Allowance (Dibao)")
    has_chronic_illness = fields.Boolean(string="Chronic Illness")
    is_vulnerable = fields.Boolean(
        compute="_compute_is_vulnerable",
        store=True,
        string="Vulnerable",
        help="At least one vulnerability attribute is set.",
    )
    has_smartphone = fields.Boolean(string="Has a Smartphone")
    uses_internet = fields.Boolean(string="Uses the Internet")
    needs_proxy = fields.Boolean(
        string="Needs a Proxy",
        help="Applies and follows services through a volunteer, relative or "
        "station clerk acting on the person's behalf.",
    )
    id_number = fields.Char(
        string="Resident ID Number",
        size=18,
        copy=False,
        exportable=False,
        index="btree_not_null",
        groups=PERSONAL_DATA_GROUPS,
    )
    id_number_masked = fields.Char(
        string="Resident ID", compute="_compute_masked_personal_data"
    )
    private_phone = fields.Char(
        copy=False,
        exportable=False,
        groups=PERSONAL_DATA_GROUPS,
    )
    private_phone_masked = fields.Char(
        string="Phone (masked)", compute="_compute_masked_personal_data"
    )
    health_notes = fields.Text(
        copy=False, exportable=False, groups=PERSONAL_DATA_GROUPS
    )
    health_notes_masked = fields.Char(
        string="Health Notes (masked)", compute="_compute_masked_personal_data"
    )
    ruralsw_case_ids = fields.One2many("ruralsw.case", "beneficiary_id", string="Cases")
    ruralsw_case_count = fields.Integer(
        compute="_compute_ruralsw_case_count", string="Case Count"
    )
    ruralsw_consent_ids = fields.One2many(
        "ruralsw.consent", "beneficiary_id", string="Consents"
    )
    anonymised = fields.Boolean(readonly=True, copy=False)
    anonymised_date = fields.Date(readonly=True, copy=False)
    ruralsw_name_bigrams = fields.Char(
        compute="_compute_ruralsw_name_bigrams",
        store=True,
        index="trigram",
        copy=False,
        help="Technical: the two-character pieces of the name of a beneficiary "
        "or household, so that searching two Chinese characters uses an index.",
    )
    ruralsw_name_search = fields.Char(
        string="Name or Part of It",
        compute="_compute_ruralsw_name_search",
        search="_search_ruralsw_name_search",
    )

    def init(self):
        super().init()
        # Unique per company, also for partners without a company (NULLs would
        # otherwise never collide); the Python constraint gives the message.
        if self.env.registry.has_trigram:
            # names of three characters and more (the beneficiary drop-down);
            # an addon cannot set index='trigram' on the core field itself
            self.env.cr.execute(
                SQL(
                    "CREATE INDEX IF NOT EXISTS res_partner_name_ruralsw_trgm_idx "
                    "ON res_partner USING gin (name gin_trgm_ops)"
                )
            )
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS res_partner_id_number_company_uniq "
                "ON res_partner (id_number, COALESCE(company_id, 0)) "
                "WHERE id_number IS NOT NULL"
            )
        )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.model
    def _ruralsw_full_scope_groups(self):
        """XML ids of the groups that see every beneficiary of their
        companies; other addons extend this list."""
        return [
            "ruralsw_case.group_ruralsw_manager",
            "ruralsw_case.group_ruralsw_privacy_officer",
            "base.group_system",
        ]

    @api.model
    def _ruralsw_area_scope_groups(self):
        """XML ids of the groups that see the beneficiaries of their areas."""
        return ["ruralsw_case.group_ruralsw_social_worker"]

    @api.model
    def _ruralsw_visible_domain(self):
        """Beneficiaries and households of the user's areas and cases (every
        other contact stays visible)."""
        scope = self._ruralsw_user_scope()
        if scope == "all":
            return expression.TRUE_DOMAIN
        protected = [
            "|",
            ("is_beneficiary", "=", True),
            ("is_household", "=", True),
        ]
        allowed = expression.FALSE_DOMAIN
        if scope == "area":
            user = self.env.user
            # the areas served, and the people whose case the user handles
            allowed = [("ruralsw_case_ids.user_id", "=", user.id)]
            if user.ruralsw_area_ids:
                allowed = expression.OR(
                    [allowed, [("village_id", "child_of", user.ruralsw_area_ids.ids)]]
                )
        return expression.OR([["!", *protected], allowed])

    @api.depends("name", "is_beneficiary", "is_household")
    def _compute_ruralsw_name_bigrams(self):
        for partner in self:
            protected = partner.is_beneficiary or partner.is_household
            partner.ruralsw_name_bigrams = (
                name_search.bigram_column(partner.name) if protected else False
            )

    def _compute_ruralsw_name_search(self):
        for partner in self:
            partner.ruralsw_name_search = partner.name

    def _search_ruralsw_name_search(self, operator, value):
        """Search beneficiaries and households by a part of their name through
        the indexed bigrams, then confirm on the name itself."""
        pieces = (
            name_search.bigrams(value)
            if operator == "ilike" and isinstance(value, str)
            else []
        )
        if not pieces:
            return [("name", operator, value)]
        return [
            *(("ruralsw_name_bigrams", "like", f" {piece} ") for piece in pieces),
            ("name", "ilike", value),
        ]

    def _compute_household_member_count(self):
        groups = self.env["res.partner"]._read_group(
            [("household_id", "in", self.ids)], ["household_id"], ["__count"]
        )
        counts = {household.id: count for household, count in groups}
        for partner in self:
            partner.household_member_count = counts.get(partner.id, 0)

    @api.depends("id_number")
    def _compute_from_id_number(self):
        for partner in self:
            # sudo: reading the number to derive birth date and gender does
            # not disclose it; users outside the privacy groups may not read it
            number = partner.sudo().id_number
            if not number:
                continue
            try:
                number = id_number_service.validate(number)
            except ServiceValidationError:
                continue  # the constraint reports it with its field name
            partner.birth_date = id_number_service.birth_date(number)
            partner.gender = id_number_service.gender(number)

    @api.depends("birth_date")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.age = (
                relativedelta(today, partner.birth_date).years
                if partner.birth_date
                else 0
            )

    def _search_age(self, operator, value):
        """Turn an age condition into a birth-date condition."""
        if operator not in ("=", "!=", "<", "<=", ">", ">=") or not isinstance(
            value, int
        ):
            raise UserError(self.env._("Unsupported search on age."))
        today = fields.Date.context_today(self)

        def born_before(years):
            # born on or before this date means at least `years` old today
            return today - relativedelta(years=years)

        if operator == ">=":
            return [("birth_date", "<=", born_before(value))]
        if operator == ">":
            return [("birth_date", "<=", born_before(value + 1))]
        if operator == "<":
            return [("birth_date", ">", born_before(value))]
        if operator == "<=":
            return [("birth_date", ">", born_before(value + 1))]
        exact = [
            ("birth_date", "<=", born_before(value)),
            ("birth_date", ">", born_before(value + 1)),
        ]
        return exact if operator == "=" else ["!", "&", *exact]

    @api.depends(*VULNERABILITY_FIELDS)
    def _compute_is_vulnerable(self):
        for partner in self:
            partner.is_vulnerable = any(partner[f] for f in VULNERABILITY_FIELDS)

    @api.depends("id_number", "private_phone", "health_notes")
    def _compute_masked_personal_data(self):
        for partner in self:
            # sudo: the mask is derived from the clear value, which this user
            # may not be allowed to read; only the mask leaves this method
            clear = partner.sudo()
            partner.id_number_masked = masking.mask_id_number(clear.id_number)
            partner.private_phone_masked = masking.mask_phone(clear.private_phone)
            partner.health_notes_masked = masking.mask_text(clear.health_notes)

    def _compute_ruralsw_case_count(self):
        groups = self.env["ruralsw.case"]._read_group(
            [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]
        )
        counts = {partner.id: count for partner, count in groups}
        for partner in self:
            partner.ruralsw_case_count = counts.get(partner.id, 0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("id_number")
    def _check_id_number(self):
        today = fields.Date.context_today(self)
        numbers = {}
        for partner in self.sudo():
            if not partner.id_number:
                continue
            try:
                normalized = id_number_service.validate(partner.id_number, today)
            except ServiceValidationError as error:
                raise ValidationError(
                    self.env._(
                        "Resident ID Number of %(name)s: %(message)s",
                        name=partner.name,
                        message=service_error_message(self.env, error),
                    )
                ) from error
            if normalized != partner.id_number:
                raise ValidationError(
                    self.env._(
                        "Resident ID Number of %(name)s must be stored normalised "
                        "as %(number)s.",
                        name=partner.name,
                        number=normalized,
                    )
                )
            numbers.setdefault((normalized, partner.company_id.id), []).append(partner)
        if not numbers:
            return
        # one query for the whole batch; sudo because the duplicate may sit in
        # an area the current user cannot see
        others = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("id_number", "in", [number for number, _company in numbers]),
                    ("id", "not in", self.ids),
                ]
            )
        )
        for other in others:
            numbers.setdefault((other.id_number, other.company_id.id), []).append(other)
        for (_number, _company), partners in numbers.items():
            if len(partners) > 1:
                raise ValidationError(
                    self.env._(
                        "Resident ID Number of %(name)s is already registered for "
                        "another beneficiary of this organisation; ask a supervisor "
                        "to merge the records instead of registering the person "
                        "twice.",
                        name=partners[0].name,
                    )
                )

    @api.constrains("is_beneficiary", "village_id", "is_household")
    def _check_beneficiary_village(self):
        for partner in self:
            if (partner.is_beneficiary or partner.is_household) and not (
                partner.village_id or partner.anonymised
            ):
                raise ValidationError(
                    self.env._(
                        "Village: %(name)s needs a village; access to beneficiaries "
                        "and households is granted by area.",
                        name=partner.name,
                    )
                )
            if partner.is_beneficiary and partner.is_household:
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot be both a beneficiary and a household.",
                        name=partner.name,
                    )
                )

    @api.constrains("household_id", "household_role")
    def _check_household(self):
        households = self.household_id
        for partner in self.filtered("household_id"):
            if partner.is_household:
                raise ValidationError(
                    self.env._(
                        "Household: %(name)s is a household and cannot belong to "
                        "another one.",
                        name=partner.name,
                    )
                )
            if not partner.household_role:
                raise ValidationError(
                    self.env._(
                        "Role in Household: give the role of %(name)s in the "
                        "household.",
                        name=partner.name,
                    )
                )
        if not households:
            return
        heads = self._read_group(
            [("household_id", "in", households.ids), ("household_role", "=", "head")],
            ["household_id"],
            ["__count"],
        )
        for household, count in heads:
            if count > 1:
                raise ValidationError(
                    self.env._(
                        "Role in Household: %(household)s can have only one head.",
                        household=household.display_name,
                    )
                )

    @api.constrains("birth_date")
    def _check_birth_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.birth_date and not (
                date(1900, 1, 1) <= partner.birth_date <= today
            ):
                raise ValidationError(
                    self.env._(
                        "Birth Date of %(name)s must be a past date after 1900.",
                        name=partner.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._ruralsw_prepare_vals(vals)
            if (
                vals.get("is_beneficiary") or vals.get("is_household")
            ) and not vals.get("company_id"):
                vals["company_id"] = self.env.company.id
        self._ruralsw_check_unique_id_numbers(
            [
                (vals.get("name"), vals.get("id_number"), vals.get("company_id"))
                for vals in vals_list
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        self._ruralsw_prepare_vals(vals)
        if vals.get("id_number"):
            self._ruralsw_check_unique_id_numbers(
                [
                    (
                        partner.name,
                        vals["id_number"],
                        vals.get("company_id", partner.company_id.id),
                    )
                    for partner in self
                ]
            )
        return super().write(vals)

    def _ruralsw_check_unique_id_numbers(self, entries):
        """Refuse a resident ID number registered twice in one organisation
        before the unique index does so with a raw database error.

        :param entries: ``(name, normalised number, company id)`` of the
            partners about to be created, or of ``self`` about to be written.
        """
        entries = [entry for entry in entries if entry[1]]
        if not entries:
            return
        # sudo: the duplicate may sit in an area the current user cannot see
        others = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("id_number", "in", [number for _name, number, _co in entries]),
                    ("id", "not in", self.ids),
                ]
            )
        )
        taken = {(other.id_number, other.company_id.id or False) for other in others}
        for name, number, company_id in entries:
            key = (number, company_id or False)
            if key in taken:
                raise ValidationError(
                    self.env._(
                        "Resident ID Number of %(name)s is already registered for "
                        "another beneficiary of this organisation; ask a supervisor "
                        "to merge the records instead of registering the person "
                        "twice.",
                        name=name,
                    )
                )
            taken.add(key)

    @api.model
    def _ruralsw_prepare_vals(self, vals):
        """Normalise the ID number so that full-width input and a lowercase x
        are stored in the canonical form."""
        if vals.get("id_number"):
            vals["id_number"] = id_number_service.normalize(vals["id_number"])

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _ruralsw_revealable_fields(self):
        return {
            "id_number": self.env._("Resident ID Number"),
            "private_phone": self.env._("Private Phone"),
            "health_notes": self.env._("Health Notes"),
        }

    def action_ruralsw_reveal(self):
        """Show one personal value in clear and record who saw it, when."""
        self.ensure_one()
        field_name = self.env.context.get("ruralsw_reveal_field")
        labels = self._ruralsw_revealable_fields()
        if field_name not in labels:
            raise UserError(self.env._("This value cannot be revealed."))
        user = self.env.user
        if not (
            user.has_group("ruralsw_case.group_ruralsw_social_worker")
            or user.has_group("ruralsw_case.group_ruralsw_privacy_officer")
        ):
            raise AccessError(
                self.env._(
                    "Only social workers and privacy officers may reveal personal data."
                )
            )
        self.check_access("read")
        value = self[field_name]
        # sudo: the audit log is append-only for everyone but the system
        self.env["ruralsw.access.log"].sudo().create(
            {
                "user_id": user.id,
                "partner_id": self.id,
                "field_name": field_name,
            }
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._(
                    "%(field)s of %(name)s", field=labels[field_name], name=self.name
                ),
                "message": value or self.env._("(empty)"),
                "type": "warning",
                "sticky": True,
            },
        }

    def action_ruralsw_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ruralsw_case.ruralsw_case_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {
            "default_beneficiary_id": self.id,
            "default_area_id": self.village_id.id,
        }
        return action

    def action_ruralsw_view_household_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ruralsw_case.ruralsw_case_action"
        )
        action["domain"] = [("household_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _ruralsw_valid_consents(self, purpose, on_date=None):
        """Return the valid consents of these beneficiaries for a purpose."""
        return self.env["ruralsw.consent"].search(
            [("beneficiary_id", "in", self.ids), ("purpose", "=", purpose)]
            + self.env["ruralsw.consent"]._valid_domain(on_date)
        )

    def _ruralsw_check_consent(self, purpose, on_date=None):
        """Refuse, with a clear message, when a beneficiary lacks a valid
        consent for the purpose."""
        consents = self.sudo()._ruralsw_valid_consents(purpose, on_date)
        missing = self - consents.beneficiary_id
        if missing:
            purpose_label = dict(
                self.env["ruralsw.consent"]
                ._fields["purpose"]
                ._description_selection(self.env)
            )[purpose]
            raise UserError(
                self.env._(
                    "No valid consent for %(purpose)s from %(names)s. Record the "
                    "consent (given by the person or by a proxy) before going on.",
                    purpose=purpose_label,
                    names=", ".join(missing.mapped("name")),
                )
            )

    def _ruralsw_anonymise(self):
        """Remove what identifies these people and keep what statistics need:
        gender, birth year, village, household and vulnerability attributes."""
        if not self:
            return
        today = fields.Date.context_today(self)
        by_birth_year = {}
        for partner in self:
            year = partner.birth_date.year if partner.birth_date else None
            by_birth_year.setdefault(year, []).append(partner.id)
        common = {
            "name": self.env._("Anonymised person"),
            "id_number": False,
            "private_phone": False,
            "health_notes": False,
            "phone": False,
            "mobile": False,
            "email": False,
            "street": False,
            "street2": False,
            "comment": False,
            "vat": False,
            "ref": False,
            "image_1920": False,
            "anonymised": True,
            "anonymised_date": today,
        }
        # one write per birth year (at most a hundred) instead of one per person
        for year, ids in by_birth_year.items():
            self.browse(ids).write(dict(common, birth_date=year and date(year, 1, 1)))
        self.env["mail.message"].sudo().search(
            [("model", "=", "res.partner"), ("res_id", "in", self.ids)]
        ).unlink()
        consents = (
            self.env["ruralsw.consent"]
            .sudo()
            .search([("beneficiary_id", "in", self.ids)])
        )
        consents.write(
            {
                "proxy_name": False,
                "witness_name": False,
                "evidence": False,
                "notes": False,
            }
        )
