# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import VILLAGE_A_CODE, RuralswCaseCommon


class TestArea(RuralswCaseCommon):
    def _assert_area_refused(self, vals, *fragments):
        """Creating the area fails with a ValidationError naming the area and
        the problem, and no area is created."""
        Area = self.env["ruralsw.area"]
        count = Area.search_count([])
        with self.assertRaises(ValidationError) as error:
            Area.create(vals)
        message = str(error.exception)
        self.assertIn(vals["name"], message)
        for fragment in fragments:
            self.assertIn(fragment, message)
        self.assertEqual(Area.search_count([]), count)

    def test_hierarchy(self):
        self.assertEqual(
            self.village_a.complete_name, "Test County / Township A / Village A"
        )
        self.assertEqual(self.village_a.display_name, self.village_a.complete_name)
        self.assertEqual(self.township_b.complete_name, "Test County / Township B")
        self.assertEqual(self.county.complete_name, "Test County")
        self.assertEqual(self.village_a.township_id, self.township_a)
        self.assertEqual(self.village_a.county_id, self.county)
        self.assertEqual(self.township_b.township_id, self.township_b)
        self.assertEqual(self.township_b.county_id, self.county)
        self.assertEqual(self.county.county_id, self.county)
        self.assertFalse(self.county.township_id)
        self.assertEqual(
            self.village_a.parent_path,
            "/".join(
                str(area.id)
                for area in (
                    self.province,
                    self.city,
                    self.county,
                    self.township_a,
                    self.village_a,
                )
            )
            + "/",
        )

    def test_rename_propagates_to_complete_name(self):
        self.township_a.name = "Heping"
        self.assertEqual(
            self.village_a.complete_name, "Test County / Heping / Village A"
        )

    def test_level_derived_from_code(self):
        village = self.env["ruralsw.area"].create(
            {
                "name": "Village A2",
                "code": " 532301100002 ",
                "parent_id": self.township_a.id,
            }
        )
        self.assertEqual(village.level, "village")
        self.assertEqual(village.code, "532301100002")

    def test_code_wrong_length(self):
        self._assert_area_refused(
            {
                "name": "Short Village",
                "code": "53230110002",
                "level": "village",
                "parent_id": self.township_a.id,
            },
            "12 digits",
        )

    def test_code_with_letters(self):
        self._assert_area_refused(
            {
                "name": "Lettered Village",
                "code": "53230110000A",
                "level": "village",
                "parent_id": self.township_a.id,
            },
            "12 digits",
        )

    def test_code_of_another_level(self):
        # a township code given to a village
        self._assert_area_refused(
            {
                "name": "Misplaced Village",
                "code": "532301102000",
                "level": "village",
                "parent_id": self.township_a.id,
            },
            "does not match the level",
        )

    def test_code_outside_parent_prefix(self):
        # Township B's prefix under Township A
        self._assert_area_refused(
            {
                "name": "Stray Village",
                "code": "532301101002",
                "level": "village",
                "parent_id": self.township_a.id,
            },
            "532301100",
        )

    def test_parent_not_one_level_above(self):
        self._assert_area_refused(
            {
                "name": "Orphan Village",
                "code": "532301100009",
                "level": "village",
                "parent_id": self.county.id,
            },
            "exactly one level above",
        )
        self._assert_area_refused(
            {"name": "Rootless Township", "code": "532301103000", "level": "township"},
            "exactly one level above",
        )

    def test_write_wrong_parent_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.village_b.parent_id = self.township_a
        self.assertIn("532301100", str(error.exception))
        self.village_b.invalidate_recordset()
        self.assertEqual(self.village_b.parent_id, self.township_b)

    @mute_logger("odoo.sql_db")
    def test_code_unique(self):
        Area = self.env["ruralsw.area"]
        count = Area.search_count([])
        with self.assertRaises(IntegrityError) as error:
            Area.create(
                {
                    "name": "Village A twin",
                    "code": VILLAGE_A_CODE,
                    "level": "village",
                    "parent_id": self.township_a.id,
                }
            )
        self.assertIn("code_unique", str(error.exception))
        self.assertEqual(Area.search_count([]), count)

    def test_child_of_uses_parent_path(self):
        Area = self.env["ruralsw.area"]
        village_a2 = Area.create(
            {
                "name": "Village A2",
                "code": "532301100002",
                "parent_id": self.township_a.id,
            }
        )
        self.assertEqual(
            Area.search([("id", "child_of", self.township_a.id)]),
            self.township_a | self.village_a | village_a2,
        )
        self.assertEqual(
            Area.search([("id", "child_of", self.county.id)]),
            self.county
            | self.township_a
            | self.township_b
            | self.village_a
            | self.village_b
            | village_a2,
        )
        Case = self.env["ruralsw.case"]
        domain = [("area_id", "child_of", self.township_a.id)]
        sql = Case._search(domain).select().code
        self.assertIn("parent_path", sql)
        self.assertNotIn("WITH RECURSIVE", sql.upper())
        found = Case.search(domain)
        self.assertIn(self.case_a, found)
        self.assertNotIn(self.case_b, found)

    def test_station_type_matches_level(self):
        Station = self.env["ruralsw.station"]
        count = Station.search_count([])
        with self.assertRaises(ValidationError) as error:
            Station.create(
                {
                    "name": "Wrong Station",
                    "station_type": "village_station",
                    "area_id": self.township_a.id,
                }
            )
        message = str(error.exception)
        self.assertIn("Wrong Station", message)
        self.assertIn("Village Service Station", message)
        self.assertEqual(Station.search_count([]), count)

        centre = Station.create(
            {
                "name": "County Centre",
                "station_type": "county_centre",
                "area_id": self.county.id,
            }
        )
        village_station = Station.create(
            {"name": "Village Station A", "area_id": self.village_a.id}
        )
        self.assertEqual(village_station.station_type, "village_station")
        self.assertEqual(village_station.township_id, self.township_a)
        # no coordinates of its own: those of the nearest ancestor that has some
        self.assertEqual(
            (village_station.latitude, village_station.longitude), (25.0, 103.0)
        )
        with self.assertRaises(ValidationError):
            centre.area_id = self.township_b
