# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import base64
import io
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT, TransactionCase

from .common import VILLAGE_A_CODE, setup_bridge_data

HEADER_ZH = "订单编号,买家,村居代码,商品类目,实付金额,交易类型,下单时间\n"


class TestOrderImport(TransactionCase):
    """The import wizard: UTF-8 (BOM) and GBK CSV, XLSX, Chinese headers,
    errors by line, all or nothing unless a partial file is accepted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        setup_bridge_data(cls)
        cls.when = (fields.Datetime.now() - timedelta(days=5)).strftime(
            "%Y-%m-%d %H:%M:%S"
        )

    def _wizard(self, content, filename="orders.csv", **vals):
        return (
            self.env["ruralsw.order.import"]
            .with_user(self.manager)
            .create(
                {
                    "platform_id": self.platform.id,
                    "file": base64.b64encode(content),
                    "filename": filename,
                    **vals,
                }
            )
        )

    def _csv(self, *lines):
        return HEADER_ZH + "".join(line + "\n" for line in lines)

    def _imported(self):
        return self.env["ruralsw.order"].search(
            [("platform_id", "=", self.platform.id)]
        )

    def test_utf8_bom_csv_with_chinese_headers(self):
        text = self._csv(
            f'F1,b1,{VILLAGE_A_CODE},农产品,"1,200.50",销售,{self.when}',
            f"F2,b2,{VILLAGE_A_CODE},医疗用品,￥88,购买,{self.when}",
        )
        wizard = self._wizard(b"\xef\xbb\xbf" + text.encode("utf-8"))
        wizard.action_check()
        self.assertEqual(
            (wizard.state, wizard.valid_count, wizard.error_count), ("checked", 2, 0)
        )
        wizard.action_import()
        self.assertEqual((wizard.state, wizard.accepted_count), ("done", 2))
        self.assertIn(
            "Orders imported from the file orders.csv: 2 new, 0 already known",
            self.platform.message_ids[:1].body,
            "the import is recorded on the platform's chatter",
        )
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", wizard._name),
                ("res_id", "=", wizard.id),
                ("res_field", "=", "file"),
            ]
        )
        self.assertEqual(len(attachment), 1)
        self.assertIn(
            attachment.index_content,
            (False, "text", "application"),
            "the file's text is not copied into the search index",
        )
        orders = self._imported().sorted("order_ref")
        self.assertEqual(orders.mapped("category"), ["produce", "medical"])
        self.assertEqual(orders.mapped("direction"), ["sale", "purchase"])
        self.assertEqual(orders.mapped("amount"), [1200.5, 88.0])

    def test_gbk_csv_and_duplicates(self):
        text = self._csv(f"G1,b1,{VILLAGE_A_CODE},农产品,10,销售,{self.when}")
        self._wizard(text.encode("gbk")).action_import()
        again = self._wizard(text.encode("gb18030"))
        again.action_import()
        self.assertEqual((again.accepted_count, again.duplicate_count), (0, 1))
        self.assertEqual(len(self._imported()), 1)

    def test_xlsx_with_chinese_headers(self):
        import openpyxl  # pylint: disable=import-outside-toplevel

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(HEADER_ZH.strip().split(","))
        sheet.append(
            [
                "X1",
                "b1",
                VILLAGE_A_CODE,
                "辅助器具",
                350.0,
                "购买",
                fields.Datetime.now() - timedelta(days=2),
            ]
        )
        sheet.append(["X2", "b1", VILLAGE_A_CODE, "农产品", 20, "销售", self.when])
        stream = io.BytesIO()
        book.save(stream)
        wizard = self._wizard(stream.getvalue(), filename="orders.xlsx")
        wizard.action_import()
        self.assertEqual(wizard.accepted_count, 2)
        self.assertEqual(
            sorted(self._imported().mapped("category")), ["assistive", "produce"]
        )

    def test_errors_by_line_and_the_partial_choice(self):
        text = self._csv(
            f"E1,b1,{VILLAGE_A_CODE},农产品,10,销售,{self.when}",
            f"E2,13812345678,{VILLAGE_A_CODE},农产品,10,销售,{self.when}",
            f"E3,b3,533102199999,农产品,10,销售,{self.when}",
            f"E4,b4,{VILLAGE_A_CODE},农产品,十元,销售,{self.when}",
        )
        wizard = self._wizard(text.encode())
        wizard.action_check()
        self.assertEqual((wizard.valid_count, wizard.error_count), (2, 2))
        self.assertIn("Line 3", wizard.error_report)
        self.assertIn("Line 5", wizard.error_report)
        with self.assertRaises(UserError):
            wizard.action_import()
        self.assertFalse(self._imported(), "nothing when the file has errors")
        partial = self._wizard(text.encode(), accept_partial=True)
        partial.action_import()
        self.assertEqual(partial.accepted_count, 1)
        self.assertEqual(
            partial.error_count, 3, "the unknown village counts as an error too"
        )
        self.assertIn("Line 4", partial.error_report)
        self.assertEqual(self._imported().mapped("order_ref"), ["E1"])

    def test_unreadable_file(self):
        with self.assertRaises(UserError):
            self._wizard("订单编号,买家\nA,b\n".encode()).action_check()

    def test_big_file_goes_in_chunk_by_chunk_all_or_nothing(self):
        # 12,001 lines: three chunks of 5,000; the last line is wrong
        lines = [
            f"C{n},b{n % 50},{VILLAGE_A_CODE},农产品,10,销售,{self.when}"
            for n in range(12_000)
        ]
        lines.append(f"C-bad,b1,{VILLAGE_A_CODE},农产品,-1,销售,{self.when}")
        content = self._csv(*lines).encode()
        with self.assertRaises(UserError) as caught:
            self._wizard(content).action_import()
        self.assertIn("Line 12002", str(caught.exception))
        self.assertFalse(
            self._imported(), "the chunks stored before the error are rolled back"
        )
        wizard = self._wizard(content, accept_partial=True)
        wizard.action_import()
        self.assertEqual(
            (wizard.line_count, wizard.accepted_count, wizard.error_count),
            (12_001, 12_000, 1),
        )
        again = self._wizard(content, accept_partial=True)
        again.action_import()
        self.assertEqual((again.accepted_count, again.duplicate_count), (0, 12_000))
        self.assertEqual(len(self._imported()), 12_000)

    def test_unknown_village_in_a_later_chunk_stores_nothing(self):
        lines = [
            f"V{n},b1,{VILLAGE_A_CODE},农产品,10,销售,{self.when}" for n in range(5_000)
        ]
        lines.append(f"V-far,b1,533102199999,农产品,10,销售,{self.when}")
        with self.assertRaises(UserError) as caught:
            self._wizard(self._csv(*lines).encode()).action_import()
        self.assertIn("Line 5002", str(caught.exception))
        self.assertFalse(self._imported())
