# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import base64
import contextlib
import io

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.ir_attachment import NO_INDEX
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

    @api.model_create_multi
    def create(self, vals_list):
        # the file's attachment is read once by the import: not indexed
        return super(RuralswOrderImport, self.with_context(**{NO_INDEX: True})).create(
            vals_list
        )

    def write(self, vals):
        if "file" in vals:
            self = self.with_context(**{NO_INDEX: True})
        return super().write(vals)

    def _open_file(self):
        """A binary stream of the file: its attachment's file in the
        filestore, read as the import goes so that a big file is never held
        in memory (nor its base64, dropped from the cache), else its bytes."""
        self.ensure_one()
        # sudo: the attachment of this wizard's own binary field
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("res_field", "=", "file"),
                ],
                limit=1,
            )
        )
        if attachment.store_fname:
            self.invalidate_recordset(["file"])
            # closed by _chunks, which reads it
            return open(attachment._full_path(attachment.store_fname), "rb")
        if attachment:
            return io.BytesIO(attachment.raw or b"")
        return io.BytesIO(base64.b64decode(self.file or b""))

    @contextlib.contextmanager
    def _chunks(self):
        """The file's validated lines in chunks, while the file is open, or
        a UserError saying why it is unreadable."""
        with self._open_file() as stream:
            try:
                chunks = order_file.iter_parse(
                    stream, fields.Datetime.now(), self.filename or ""
                )
            except order_file.FileError as error:
                raise UserError(self._file_error_message(error)) from error
            yield chunks

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

    def _report(self, errors, error_count, extra=(), extra_count=0):
        """One line per error, numbered like the file (the first
        :data:`MAX_LISTED_ERRORS` of each kind)."""
        lines = [
            self.env._(
                "Line %(line)s, %(field)s: %(message)s",
                line=error.line,
                field=error.field or "-",
                message=error.message,
            )
            for error in errors[:MAX_LISTED_ERRORS]
        ]
        lines += list(extra)
        more = (error_count - min(len(errors), MAX_LISTED_ERRORS)) + (
            extra_count - len(extra)
        )
        if more > 0:
            lines.append(self.env._("... and %(count)s more.", count=more))
        return "\n".join(lines)

    def action_check(self):
        """Check the file and show what would be imported."""
        self.ensure_one()
        total = valid = 0
        errors = []
        error_count = 0
        with self._chunks() as chunks:
            for chunk in chunks:
                total += chunk.total
                valid += len(chunk.rows)
                error_count += len(chunk.errors)
                errors += chunk.errors[: MAX_LISTED_ERRORS - len(errors)]
        self.write(
            {
                "state": "checked",
                "line_count": total,
                "valid_count": valid,
                "error_count": error_count,
                "error_report": self._report(errors, error_count),
            }
        )
        return self._reopen()

    def action_import(self):
        """Import the valid rows, all together, or nothing when the file has
        errors and partial imports are not accepted.

        The file is read and stored a chunk at a time; every chunk goes in
        within one savepoint, rolled back when an error is found and the
        file may not go in partially (the rest is then only checked, so that
        every error is reported)."""
        self.ensure_one()
        Order = self.env["ruralsw.order"]
        total = accepted = duplicates = 0
        errors, unknown = [], []
        error_count = rejected_count = 0
        with self._chunks() as chunks, self.env.cr.savepoint() as savepoint:
            for chunk in chunks:
                total += chunk.total
                error_count += len(chunk.errors)
                errors += chunk.errors[: MAX_LISTED_ERRORS - len(errors)]
                failed = (error_count or rejected_count) and not self.accept_partial
                done, dup, rejected = Order._ruralsw_ingest(
                    self.platform_id,
                    chunk.rows,
                    accept_partial=self.accept_partial,
                    label="line",
                    check_only=bool(failed),
                )
                accepted, duplicates = accepted + done, duplicates + dup
                rejected_count += len(rejected)
                unknown += [
                    self.env._(
                        "Line %(line)s, village_code: no village of the platform's "
                        "area has this code.",
                        line=row["index"],
                    )
                    for row in rejected[: MAX_LISTED_ERRORS - len(unknown)]
                ]
            if (error_count or rejected_count) and not self.accept_partial:
                savepoint.close(rollback=True)
        if error_count and not self.accept_partial:
            raise UserError(
                self.env._(
                    "%(count)s lines have errors; nothing was imported. Fix them, "
                    "or tick 'Import the Valid Rows Anyway'.\n%(report)s",
                    count=error_count,
                    report=self._report(errors, error_count, unknown, rejected_count),
                )
            )
        if rejected_count and not self.accept_partial:
            raise UserError("\n".join(unknown))
        self.platform_id.message_post(
            body=self.env._(
                "Orders imported from the file %(file)s: %(accepted)s new, "
                "%(duplicates)s already known, %(errors)s lines left out.",
                file=self.filename or "-",
                accepted=accepted,
                duplicates=duplicates,
                errors=error_count + rejected_count,
            )
        )
        self.write(
            {
                "state": "done",
                "line_count": total,
                "valid_count": total - error_count - rejected_count,
                "error_count": error_count + rejected_count,
                "accepted_count": accepted,
                "duplicate_count": duplicates,
                "error_report": self._report(
                    errors, error_count, unknown, rejected_count
                ),
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
