# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Order files exported by the platforms: CSV and XLSX.

CSV files come in UTF-8 (with or without a byte-order mark) or in GB18030
(which includes GBK and GB2312, what Excel writes on a Chinese Windows).
Headers are English or Chinese (:data:`HEADERS`), values too: 购买/销售 for
the direction, 农产品/医疗用品/... for the category (:data:`CATEGORY_LABELS`).

:func:`parse` returns a :class:`ParsedFile` with the valid rows and one
error per invalid line (line 1 is the header), so that the user sees every
problem at once and decides whether to import the valid rows alone.

Codes: those of :mod:`.payload`, plus ``file.encoding``, ``file.empty``,
``file.headers`` (params ``missing``), ``file.format`` (params ``reason``).
"""

import codecs
import contextlib
import csv
import dataclasses
import io
import zipfile
from datetime import datetime

from . import payload
from .errors import BridgeError

MESSAGES = {
    "file.encoding": "The file is neither UTF-8 nor GB18030/GBK text.",
    "file.empty": "The file has no header line.",
    "file.headers": "Columns missing from the header line: {missing}.",
    "file.format": "The file cannot be read: {reason}.",
}

HEADERS = {
    "order_id": ("order_id", "订单编号", "订单号"),
    "buyer_key": ("buyer_key", "买家", "买家标识"),
    "village_code": ("village_code", "村居代码", "村代码"),
    "category": ("category", "商品类目", "类目"),
    "amount": ("amount", "实付金额", "金额"),
    "direction": ("direction", "交易类型"),
    "ordered_at": ("ordered_at", "下单时间"),
}
_HEADER_LOOKUP = {
    alias.lower(): field for field, aliases in HEADERS.items() for alias in aliases
}
DIRECTION_LABELS = {"购买": "purchase", "采购": "purchase", "销售": "sale"}
CATEGORY_LABELS = {
    "农产品": "produce",
    "医疗用品": "medical",
    "药品": "medical",
    "辅助器具": "assistive",
    "康复辅具": "assistive",
    "食品": "food",
    "日用品": "daily",
    "农资": "agricultural_input",
    "其他": "other",
}
DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%Y-%m-%d",
)
UTF8_BOM = b"\xef\xbb\xbf"
CHUNK_ROWS = 5000
_CHECK_BYTES = 1 << 20


@dataclasses.dataclass
class LineError:
    """An invalid line of a file."""

    line: int
    code: str
    field: str
    message: str


@dataclasses.dataclass
class ParsedFile:
    """What :func:`parse` found: ``rows`` are ``(line, order tuple)`` pairs."""

    rows: list
    errors: list
    encoding: str = ""

    @property
    def total(self):
        """Number of data lines read."""
        return len(self.rows) + len(self.errors)


class FileChunks:
    """The chunks of :func:`iter_parse` (an iterator of :class:`ParsedFile`)
    and the file's ``encoding``."""

    def __init__(self, encoding, chunks):
        self.encoding = encoding
        self._chunks = chunks

    def __iter__(self):
        return self._chunks


class FileError(BridgeError):
    """The whole file is unreadable (encoding, headers, format)."""

    def _build_message(self):
        """Use the file messages of this module."""
        template = MESSAGES.get(self.code, self.code)
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.code


def as_stream(content):
    """Return a seekable binary stream of ``content``: the stream itself
    (an open file, say) or a stream over bytes."""
    if isinstance(content, bytes | bytearray | memoryview):
        return io.BytesIO(content)
    return content


def _head(stream, size):
    """The first ``size`` bytes of ``stream``, which is left at its start."""
    stream.seek(0)
    head = stream.read(size)
    stream.seek(0)
    return head


def _decodes(stream, encoding):
    """Whether the bytes of ``stream`` decode in ``encoding``, read a
    megabyte at a time so that a big file is never held in memory."""
    decoder = codecs.getincrementaldecoder(encoding)()
    stream.seek(0)
    try:
        while block := stream.read(_CHECK_BYTES):
            decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        stream.seek(0)
    return True


def detect_encoding(content):
    """Return the encoding of CSV bytes (or a binary stream of them):
    ``utf-8-sig`` (with a byte-order mark), ``utf-8``, else ``gb18030``;
    raise :class:`FileError` when none fits."""
    stream = as_stream(content)
    if _head(stream, len(UTF8_BOM)) == UTF8_BOM:
        if _decodes(stream, "utf-8"):
            return "utf-8-sig"
        raise FileError("file.encoding")
    for encoding in ("utf-8", "gb18030"):
        if _decodes(stream, encoding):
            return encoding
    raise FileError("file.encoding")


def decode(content):
    """Return ``(text, encoding)`` of CSV bytes: UTF-8 (BOM or not) first,
    then GB18030."""
    encoding = detect_encoding(content)
    return bytes(content).decode(encoding), encoding


def map_headers(header):
    """Return ``{field: column index}`` for a header line in English or
    Chinese; raise :class:`FileError` when a column is missing."""
    columns = {}
    for index, name in enumerate(header):
        field = _HEADER_LOOKUP.get(str(name or "").strip().lower())
        if field and field not in columns:
            columns[field] = index
    missing = [
        HEADERS[field][1] + "/" + field for field in HEADERS if field not in columns
    ]
    if missing:
        raise FileError("file.headers", "", {"missing": ", ".join(missing)})
    return columns


def _cell_text(value):
    """Return a cell as text (spreadsheets give numbers for codes)."""
    if type(value) is str:  # every cell of a CSV file
        return value.strip()
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value
    return str(value).strip()


def _file_datetime(value):
    """Return a datetime for the formats spreadsheets and exports use."""
    if isinstance(value, datetime) or not value:
        return value
    # the common "YYYY-MM-DD HH:MM:SS", parsed in C; what it refuses is
    # tried with the formats of Excel and the platforms' exports
    with contextlib.suppress(ValueError):
        return datetime.fromisoformat(value)
    for fmt in DATETIME_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return value


def _file_amount(value):
    """Strip the currency sign and thousands separators of an amount."""
    if isinstance(value, str):
        return value.replace("¥", "").replace("￥", "").replace(",", "").strip()
    return value


def normalise_row(cells, columns):
    """Return the order dict of one line, with Chinese values translated."""
    row = {}
    for field, index in columns.items():
        row[field] = _cell_text(cells[index]) if index < len(cells) else None
    direction = row.get("direction")
    if isinstance(direction, str):
        row["direction"] = DIRECTION_LABELS.get(direction, direction.lower())
    category = row.get("category")
    if isinstance(category, str):
        row["category"] = CATEGORY_LABELS.get(category, category.lower())
    row["amount"] = _file_amount(row.get("amount"))
    row["ordered_at"] = _file_datetime(row.get("ordered_at"))
    return row


def _rows_of_csv(stream):
    """Return the encoding and an iterator of ``(line number, cells)`` of a
    CSV file (a binary stream; the header is line 1), decoded as it is
    read."""
    encoding = detect_encoding(stream)
    sample = _head(stream, 16384).decode(encoding, errors="ignore")[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    reader = csv.reader(text, dialect)
    return encoding, ((reader.line_num, cells) for cells in reader)


def _rows_of_xlsx(stream):
    """Yield ``(line number, cells)`` of the first sheet of an XLSX file."""
    try:
        import openpyxl  # pylint: disable=import-outside-toplevel
    except ImportError as error:  # pragma: no cover - openpyxl ships with Odoo
        raise FileError("file.format", "", {"reason": "openpyxl missing"}) from error
    try:
        book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise FileError("file.format", "", {"reason": str(error)}) from error
    sheet = book.worksheets[0]
    return "xlsx", (
        (number, list(cells))
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
    )


def is_xlsx(content, filename=""):
    """Whether the bytes (or binary stream) are an XLSX workbook (a zip)
    rather than CSV text."""
    head = _head(as_stream(content), 4)
    return head == b"PK\x03\x04" or filename.lower().endswith(".xlsx")


def iter_parse(content, now, filename="", chunk_rows=CHUNK_ROWS):
    """Parse an order file (CSV or XLSX: bytes, or a seekable binary stream
    such as an open file, read as it goes) and validate every line,
    yielding :class:`ParsedFile` chunks of at most ``chunk_rows`` lines, so
    that a file of a million orders is never held in memory, neither as
    bytes (when it comes as a stream) nor as rows.

    ``now`` is the naive UTC datetime orders may not be later than (by a
    day). Blank lines are skipped. Raise :class:`FileError` (before the
    first chunk) when the file as a whole is unreadable.
    """
    stream = as_stream(content)
    if not _head(stream, 1):
        raise FileError("file.empty")
    if is_xlsx(stream, filename):
        encoding, lines = _rows_of_xlsx(stream)
    else:
        encoding, lines = _rows_of_csv(stream)
    columns = None
    for _number, cells in lines:
        if any(cell not in (None, "") for cell in cells):
            columns = map_headers(cells)
            break
    if columns is None:
        raise FileError("file.empty")
    return FileChunks(encoding, _chunks(lines, columns, now, encoding, chunk_rows))


def _chunks(lines, columns, now, encoding, chunk_rows):
    """Yield the validated lines after the header, in chunks."""
    chunk = ParsedFile([], [], encoding)
    for number, cells in lines:
        if not any(cell not in (None, "") for cell in cells):
            continue
        try:
            values = payload.validate_order(
                normalise_row(cells, columns), f"line {number}", now
            )
        except BridgeError as error:
            field = error.field.split(".", 1)[1] if "." in error.field else ""
            chunk.errors.append(LineError(number, error.code, field, error.message))
        else:
            chunk.rows.append((number, values))
        if chunk.total >= chunk_rows:
            yield chunk
            chunk = ParsedFile([], [], encoding)
    if chunk.total:
        yield chunk


def parse(content, now, filename=""):
    """Parse a whole order file (see :func:`iter_parse`) into one
    :class:`ParsedFile`; for files small enough to hold in memory."""
    chunks = iter_parse(content, now, filename)
    result = ParsedFile([], [], chunks.encoding)
    for chunk in chunks:
        result.rows += chunk.rows
        result.errors += chunk.errors
    return result


def write_copy_rows(buffer, rows):
    """Write ``rows`` (tuples of plain values) to the text ``buffer`` as the
    CSV that PostgreSQL's ``COPY ... WITH (FORMAT csv)`` reads (``None`` is
    NULL; datetimes as ``YYYY-MM-DD HH:MM:SS``); return the number of rows."""
    writer = csv.writer(buffer, lineterminator="\n")
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count
