# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import base64

from odoo import fields, models
from odoo.exceptions import UserError

from ..services import order_file

MAX_LISTED_ERRORS = 200


class RuralswOrderImport(models.TransientModel):
    """Import an order file (CSV in UTF-8 or GBK, or XLSX) exported by a
    platform. The file is checked first; its valid rows go in together, or
    nothing does, and the user decides whether a file with bad lines may go
    in without them."""

    _name = "ruralsw.order.import"
    _description = "Import Platform Orders"

    platform_id = fields.Many2one("ruralsw.platform", required=True)
    file = fields.Binary(required=True)
    filename = fields.Char()
    accept_partial = fields.Boolean(
        string="Import the Valid Rows Anyway",
        help="Import the valid rows even when some lines have errors; by "
        "default a file with errors imports nothing.",
    )
    state = fields.Selection(
        [("draft", "To Check"), ("checked", "Checked"), ("done", "Imported")],
        default="draft",
        required=True,
    )
    line_count = fields.Integer(string="Rows Read", readonly=True)
    valid_count = fields.Integer(string="Valid Rows", readonly=True)
    error_count = fields.Integer(string="Rows with Errors", readonly=True)
    accepted_count = fields.Integer(string="Imported", readonly=True)
    duplicate_count = fields.Integer(string="Already Known", readonly=True)
    error_report = fields.Text(readonly=True)

    def _parse(self):
        """Parse the file, or raise a UserError saying why it is unreadable."""
        self.ensure_one()
        content = base64.b64decode(self.file or b"")
        try:
            return order_file.parse(content, fields.Datetime.now(), self.filename or "")
        except order_file.FileError as error:
            raise UserError(self._file_error_message(error)) from error

    def _file_error_message(self, error):
        """The translated sentence of a whole-file error."""
        if error.code == "file.encoding":
            return self.env._("The file is neither UTF-8 nor GB18030/GBK text.")
        if error.code == "file.headers":
            return self.env._(
                "Columns missing from the header line: %(missing)s.",
                missing=error.params.get("missing", ""),
            )
        if error.code == "file.empty":
            return self.env._("The file has no header line.")
        return self.env._("The file cannot be read as CSV or XLSX.")

    def _report(self, parsed, extra=()):
        """One line per error, numbered like the file."""
        lines = [
            self.env._(
                "Line %(line)s, %(field)s: %(message)s",
                line=error.line,
                field=error.field or "-",
                message=error.message,
            )
            for error in parsed.errors[:MAX_LISTED_ERRORS]
        ]
        lines += list(extra)
        if len(parsed.errors) > MAX_LISTED_ERRORS:
            lines.append(
                self.env._(
                    "... and %(count)s more.",
                    count=len(parsed.errors) - MAX_LISTED_ERRORS,
                )
            )
        return "\n".join(lines)

    def action_check(self):
        """Check the file and show what would be imported."""
        self.ensure_one()
        parsed = self._parse()
        self.write(
            {
                "state": "checked",
                "line_count": parsed.total,
                "valid_count": len(parsed.rows),
                "error_count": len(parsed.errors),
                "error_report": self._report(parsed),
            }
        )
        return self._reopen()

    def action_import(self):
        """Import the valid rows, all together, or nothing when the file has
        errors and partial imports are not accepted."""
        self.ensure_one()
        parsed = self._parse()
        if parsed.errors and not self.accept_partial:
            raise UserError(
                self.env._(
                    "%(count)s lines have errors; nothing was imported. Fix them, "
                    "or tick 'Import the Valid Rows Anyway'.\n%(report)s",
                    count=len(parsed.errors),
                    report=self._report(parsed),
                )
            )
        rows = [(line, values) for line, values in parsed.rows]
        accepted, duplicates, rejected = self.env["ruralsw.order"]._ruralsw_ingest(
            self.platform_id, rows, accept_partial=self.accept_partial, label="line"
        )
        unknown = [
            self.env._(
                "Line %(line)s, village_code: no village of the platform's area has "
                "this code.",
                line=row["index"],
            )
            for row in rejected
        ]
        if rejected and not self.accept_partial:
            raise UserError("\n".join(unknown))
        self.write(
            {
                "state": "done",
                "line_count": parsed.total,
                "valid_count": len(parsed.rows) - len(rejected),
                "error_count": len(parsed.errors) + len(rejected),
                "accepted_count": accepted,
                "duplicate_count": duplicates,
                "error_report": self._report(parsed, unknown),
            }
        )
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
