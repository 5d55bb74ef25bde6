# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..services import division_code
from ..services.errors import ServiceValidationError
from .service_errors import service_error_message

AREA_LEVELS = [
    ("province", "Province"),
    ("city", "City"),
    ("county", "County"),
    ("township", "Township"),
    ("village", "Village"),
]


class RuralswArea(models.Model):
    """An administrative area of the statistical division hierarchy.

    Province → city → county → township → village, identified by the
    12-digit statistical division code. ``parent_path`` makes the area record
    rules (``child_of``) a single indexed prefix match.
    """

    _name = "ruralsw.area"
    _description = "Administrative Area"
    _parent_name = "parent_id"
    _parent_store = True
    _order = "code"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, index="trigram")
    code = fields.Char(
        string="Division Code",
        size=12,
        required=True,
        index=True,
        help="12-digit statistical division code (统计用区划代码).",
    )
    level = fields.Selection(AREA_LEVELS, required=True, index=True)
    parent_id = fields.Many2one(
        "ruralsw.area", string="Parent Area", index=True, ondelete="restrict"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("ruralsw.area", "parent_id", string="Sub-areas")
    complete_name = fields.Char(
        compute="_compute_complete_name", recursive=True, store=True
    )
    county_id = fields.Many2one(
        "ruralsw.area",
        compute="_compute_ancestors",
        recursive=True,
        store=True,
        index="btree_not_null",
    )
    township_id = fields.Many2one(
        "ruralsw.area",
        compute="_compute_ancestors",
        recursive=True,
        store=True,
        index="btree_not_null",
    )
    latitude = fields.Float(digits=(10, 7))
    longitude = fields.Float(digits=(10, 7))
    station_ids = fields.One2many("ruralsw.station", "area_id", string="Stations")
    user_ids = fields.Many2many(
        "res.users",
        "ruralsw_area_res_users_rel",
        "area_id",
        "user_id",
        string="Assigned Staff",
        help="Social workers and supervisors who serve this area and the areas "
        "below it.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The division code must be unique."),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for area in self:
            if area.parent_id and area.level in ("township", "village"):
                area.complete_name = f"{area.parent_id.complete_name} / {area.name}"
            else:
                area.complete_name = area.name

    @api.depends("level", "parent_id.county_id", "parent_id.township_id")
    def _compute_ancestors(self):
        for area in self:
            parent = area.parent_id
            area.county_id = area if area.level == "county" else parent.county_id
            area.township_id = area if area.level == "township" else parent.township_id

    @api.depends("complete_name", "code")
    def _compute_display_name(self):
        for area in self:
            area.display_name = area.complete_name or area.name

    @api.constrains("code", "level", "parent_id")
    def _check_code(self):
        for area in self:
            try:
                code = division_code.validate(area.code or "")
                division_code.check_level(code, area.level)
                if area.parent_id or area.level != "province":
                    division_code.check_parent(
                        code,
                        area.level,
                        area.parent_id.code or "",
                        area.parent_id.level or "",
                    )
            except ServiceValidationError as error:
                raise ValidationError(
                    self.env._(
                        "Area %(area)s: %(message)s",
                        area=area.name,
                        message=service_error_message(self.env, error),
                    )
                ) from error

    @api.constrains("parent_id")
    def _check_parent_cycle(self):
        if self._has_cycle():
            raise ValidationError(self.env._("An area cannot be its own ancestor."))

    @api.constrains("latitude", "longitude")
    def _check_coordinates(self):
        for area in self:
            if not -90 <= area.latitude <= 90 or not -180 <= area.longitude <= 180:
                raise ValidationError(
                    self.env._(
                        "Area %(area)s: latitude must be within ±90 and longitude "
                        "within ±180 degrees.",
                        area=area.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("code"):
                vals["code"] = vals["code"].strip()
                if not vals.get("level"):
                    try:
                        vals["level"] = division_code.level_of(vals["code"])
                    except ServiceValidationError:
                        # the constraint reports the malformed code by name
                        vals["level"] = "village"
        return super().create(vals_list)

    def _get_coordinates(self):
        """Return ``(latitude, longitude)`` of the area or of its nearest
        ancestor that has coordinates, or ``None`` when no level has any."""
        self.ensure_one()
        area = self
        while area:
            if area.latitude or area.longitude:
                return area.latitude, area.longitude
            area = area.parent_id
        return None
