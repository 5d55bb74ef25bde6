# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import models

# context key of attachments whose text must not be indexed
NO_INDEX = "ruralsw_no_attachment_index"


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _index(self, bin_data, file_type, checksum=None):
        """Skip the full-text index of order files: for a CSV Odoo keeps
        every run of printable ASCII, which for a million orders means
        millions of Python strings in memory (about as much as the whole
        import) and a copy of the file in the database, for a file the
        import wizard reads once and nobody searches."""
        if self.env.context.get(NO_INDEX):
            return file_type.split("/")[0] if file_type else False
        return super()._index(bin_data, file_type, checksum=checksum)
