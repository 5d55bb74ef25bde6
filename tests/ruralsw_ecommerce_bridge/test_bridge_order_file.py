# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Order files (ruralsw_ecommerce_bridge.services.order_file)."""

import io
from datetime import datetime

import pytest

from ruralsw_ecommerce_bridge.services import order_file

NOW = datetime(2026, 12, 3, 9, 0)
CHINESE = (
    "订单编号,买家,村居代码,商品类目,实付金额,交易类型,下单时间\n"
    'A1,buyer-1,522731100201,农产品,"1,280.00",销售,2026-11-01 10:00:00\n'
    "A2,buyer-2,522731100201,医疗用品,￥99.9,购买,2026/11/02 08:30\n"
)
ENGLISH = (
    "order_id,buyer_key,village_code,category,amount,direction,ordered_at\n"
    "E1,buyer-1,522731100201,produce,10,sale,2026-11-01T10:00:00+08:00\n"
)


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (CHINESE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + CHINESE.encode("utf-8"), "utf-8-sig"),
        (CHINESE.encode("gbk"), "gb18030"),
        (CHINESE.encode("gb18030"), "gb18030"),
    ],
)
def test_chinese_headers_in_every_encoding(content, encoding):
    parsed = order_file.parse(content, NOW, "orders.csv")
    assert parsed.encoding == encoding
    assert parsed.errors == []
    assert [line for line, _values in parsed.rows] == [2, 3]
    first, second = (values for _line, values in parsed.rows)
    assert first[3:6] == ("produce", 1280.0, "sale")
    assert first[6] == datetime(2026, 11, 1, 2, 0)  # China time to UTC
    assert second[3:6] == ("medical", 99.9, "purchase")


def test_english_headers_semicolons_and_blank_lines():
    content = ("\n" + ENGLISH.replace(",", ";") + "\n\n").encode()
    parsed = order_file.parse(content, NOW)
    assert [values[0] for _line, values in parsed.rows] == ["E1"]


def test_errors_by_line_and_valid_rows_kept():
    content = (
        CHINESE
        + "A3,13812345678,522731100201,农产品,5,销售,2026-11-01\n"
        + "A4,b,5227,农产品,5,销售,2026-11-01\n"
        + "A5,b,522731100201,农产品,五元,销售,2026-11-01\n"
    ).encode()
    parsed = order_file.parse(content, NOW)
    assert len(parsed.rows) == 2
    assert [(e.line, e.code, e.field) for e in parsed.errors] == [
        (4, "personal_data", "buyer_key"),
        (5, "format", "village_code"),
        (6, "type", "amount"),
    ]
    assert parsed.total == 5


def test_missing_column_is_reported_for_the_whole_file():
    with pytest.raises(order_file.FileError) as caught:
        order_file.parse("订单编号,买家\nA,b\n".encode(), NOW)
    assert caught.value.code == "file.headers"
    assert "村居代码/village_code" in caught.value.message


@pytest.mark.parametrize("content", [b"", b"\n\n"])
def test_empty_file(content):
    with pytest.raises(order_file.FileError) as caught:
        order_file.parse(content, NOW)
    assert caught.value.code == "file.empty"


def test_undecodable_bytes():
    with pytest.raises(order_file.FileError) as caught:
        order_file.parse(b"\xef\xbb\xbf\xff\xfe", NOW)
    assert caught.value.code == "file.encoding"


def test_xlsx_with_chinese_headers_and_native_cells():
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["订单编号", "买家", "村居代码", "商品类目", "实付金额", "交易类型", "下单时间"]
    )
    sheet.append(
        [
            "X1",
            "buyer-9",
            522731100201,
            "辅助器具",
            350.5,
            "购买",
            datetime(2026, 11, 5, 9),
        ]
    )
    sheet.append(
        ["X2", "buyer-9", "522731100201", "农产品", "abc", "销售", "2026-11-05"]
    )
    stream = io.BytesIO()
    book.save(stream)
    parsed = order_file.parse(stream.getvalue(), NOW, "orders.xlsx")
    assert parsed.encoding == "xlsx"
    assert [values[:6] for _line, values in parsed.rows] == [
        ("X1", "buyer-9", "522731100201", "assistive", 350.5, "purchase")
    ]
    assert [(e.line, e.field) for e in parsed.errors] == [(3, "amount")]


def test_broken_xlsx():
    with pytest.raises(order_file.FileError) as caught:
        order_file.parse(b"PK\x03\x04garbage", NOW, "x.xlsx")
    assert caught.value.code == "file.format"


def _big_file(lines, bad_line=None):
    """A CSV of ``lines`` valid orders (``bad_line``: that data line, counted
    from 1, has a negative amount)."""
    out = ["order_id,buyer_key,village_code,category,amount,direction,ordered_at"]
    for number in range(1, lines + 1):
        amount = "-1" if number == bad_line else "12.5"
        out.append(
            f"B{number},b{number % 7},522731100201,食品,{amount},购买,2026-11-01"
        )
    return ("\n".join(out) + "\n").encode("utf-8")


def test_iter_parse_yields_chunks_with_line_numbers():
    chunks = order_file.iter_parse(_big_file(12, bad_line=7), NOW, chunk_rows=5)
    assert chunks.encoding == "utf-8"
    chunks = list(chunks)
    assert [chunk.total for chunk in chunks] == [5, 5, 2]
    assert [line for line, _v in chunks[0].rows] == [2, 3, 4, 5, 6]
    assert [error.line for error in chunks[1].errors] == [8]
    assert [line for line, _v in chunks[1].rows] == [7, 9, 10, 11]
    assert sum(len(chunk.rows) for chunk in chunks) == 11


def test_parse_is_the_chunks_together():
    content = _big_file(12_000, bad_line=11_000)
    parsed = order_file.parse(content, NOW)
    assert (len(parsed.rows), [e.line for e in parsed.errors]) == (11_999, [11_001])
    assert parsed.rows[-1][0] == 12_001


def test_iter_parse_refuses_a_bad_file_before_the_first_chunk():
    with pytest.raises(order_file.FileError) as caught:
        order_file.iter_parse(b"order_id,buyer_key\nA,b\n", NOW)
    assert caught.value.code == "file.headers"
    with pytest.raises(order_file.FileError) as caught:
        order_file.iter_parse(b"\n\n", NOW)
    assert caught.value.code == "file.empty"


def test_detect_encoding_checks_the_whole_file():
    # a GBK character after the first megabyte still decides the encoding
    content = _big_file(40_000) + "村,".encode("gbk")
    assert len(content) > 1 << 20
    assert order_file.detect_encoding(content) == "gb18030"
    assert order_file.detect_encoding(_big_file(3)) == "utf-8"
    with pytest.raises(order_file.FileError):
        order_file.detect_encoding(b"\xef\xbb\xbf\xff\xfe")


def test_write_copy_rows_is_csv_postgresql_reads():
    buffer = io.StringIO()
    count = order_file.write_copy_rows(
        buffer,
        [
            (
                'PO,"1"',
                "k",
                7,
                None,
                "food",
                12.5,
                "purchase",
                datetime(2026, 1, 2, 3, 4),
            ),
            ("PO-2", "k\nx", 8, 2, "medical", 0.0, "sale", datetime(2026, 1, 2)),
        ],
    )
    assert count == 2
    assert buffer.getvalue() == (
        '"PO,""1""",k,7,,food,12.5,purchase,2026-01-02 03:04:00\n'
        'PO-2,"k\nx",8,2,medical,0.0,sale,2026-01-02 00:00:00\n'
    )


@pytest.mark.parametrize(
    ("cell", "utc"),
    [
        ("2026-11-01 10:00:00", datetime(2026, 11, 1, 2, 0)),  # China time
        ("2026-11-01T10:00:00+08:00", datetime(2026, 11, 1, 2, 0)),
        ("2026-11-01T02:00:00Z", datetime(2026, 11, 1, 2, 0)),
        ("2026-11-01 10:00", datetime(2026, 11, 1, 2, 0)),
        ("2026/11/01 10:00:00", datetime(2026, 11, 1, 2, 0)),
        ("2026/11/01", datetime(2026, 10, 31, 16, 0)),
        ("2026-11-01", datetime(2026, 10, 31, 16, 0)),
        ("2026-1-1 8:00:00", datetime(2026, 1, 1, 0, 0)),  # no leading zeros
    ],
)
def test_date_formats_of_exports_and_spreadsheets(cell, utc):
    content = (
        "order_id,buyer_key,village_code,category,amount,direction,ordered_at\n"
        f"D1,buyer-1,522731100201,produce,10,sale,{cell}\n"
    ).encode()
    parsed = order_file.parse(content, NOW)
    assert parsed.errors == []
    assert parsed.rows[0][1][6] == utc


def test_unreadable_date_is_an_error_of_its_line():
    content = (
        b"order_id,buyer_key,village_code,category,amount,direction,ordered_at\n"
        b"D1,buyer-1,522731100201,produce,10,sale,11/01/2026 10:00\n"
    )
    parsed = order_file.parse(content, NOW)
    assert [(e.line, e.code, e.field) for e in parsed.errors] == [
        (2, "format", "ordered_at")
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_an_open_file_is_read_as_it_goes(tmp_path, encoding):
    path = tmp_path / "orders.csv"
    path.write_bytes(CHINESE.encode(encoding))
    with path.open("rb") as stream:
        parsed = order_file.parse(stream, NOW, "orders.csv")
    from_bytes = order_file.parse(path.read_bytes(), NOW, "orders.csv")
    assert parsed.encoding == from_bytes.encoding == encoding
    assert parsed.rows == from_bytes.rows
    assert [line for line, _values in parsed.rows] == [2, 3]


def test_an_empty_open_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with path.open("rb") as stream, pytest.raises(order_file.FileError) as caught:
        order_file.parse(stream, NOW)
    assert caught.value.code == "file.empty"
