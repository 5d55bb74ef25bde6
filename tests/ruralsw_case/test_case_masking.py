# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Data masking (ruralsw_case.services.masking)."""

import pytest

from ruralsw_case.services import masking

EMPTY_VALUES = [None, False, "", "   "]


# --- mask_id_number --------------------------------------------------------


@pytest.mark.parametrize(
    "value, masked",
    [
        ("520121199001011234", "5201**********1234"),
        ("11010519491231002X", "1101**********002X"),
        ("110105491231002", "1101*******1002"),  # old 15-digit numbers too
        ("123456789", "1234*6789"),
        (" 520121199001011234 ", "5201**********1234"),
    ],
)
def test_mask_id_number(value, masked):
    assert masking.mask_id_number(value) == masked


@pytest.mark.parametrize("value", EMPTY_VALUES)
def test_mask_id_number_empty(value):
    assert masking.mask_id_number(value) == ""


@pytest.mark.parametrize(
    "value, masked", [("1", "*"), ("1234567", "*******"), ("12345678", "********")]
)
def test_mask_id_number_short_values_are_all_stars(value, masked):
    assert masking.mask_id_number(value) == masked


# --- mask_phone ------------------------------------------------------------


@pytest.mark.parametrize(
    "value, masked",
    [
        ("13812345678", "138****5678"),
        ("19912345678", "199****5678"),
        ("+86 13812345678", "+86 138****5678"),
        ("+8613812345678", "+86138****5678"),
        ("+86-138-1234-5678", "+86-138-****-5678"),
        ("138 1234 5678", "138 **** 5678"),
        (" 13812345678 ", "138****5678"),
    ],
)
def test_mask_phone_mainland_mobile(value, masked):
    assert masking.mask_phone(value) == masked


@pytest.mark.parametrize(
    "value, masked",
    [
        ("0851-86801234", "****-****1234"),  # landline with area code
        ("86801234", "****1234"),
        ("12345678901", "*******8901"),  # 11 digits but not a mobile prefix
        ("12812345678", "*******5678"),  # 12x is not a mobile prefix
        ("+86 851 8680 1234", "+86 *** **** 1234"),
        ("+1 415 555 0100", "+* *** *** 0100"),
        ("(0851) 8680-1234", "(****) ****-1234"),
        ("138123456789", "********6789"),  # 12 digits: not a mobile
        ("12345", "*2345"),
        ("12 - 34", "** - **"),  # 4 significant characters: nothing kept
    ],
)
def test_mask_phone_other_numbers_keep_the_last_four(value, masked):
    assert masking.mask_phone(value) == masked


@pytest.mark.parametrize(
    "value, masked", [("1", "*"), ("1234", "****"), ("+86", "***")]
)
def test_mask_phone_short_values_are_all_stars(value, masked):
    assert masking.mask_phone(value) == masked


@pytest.mark.parametrize("value", EMPTY_VALUES)
def test_mask_phone_empty(value):
    assert masking.mask_phone(value) == ""


# --- mask_name -------------------------------------------------------------


@pytest.mark.parametrize(
    "value, masked",
    [
        ("张三丰", "张**"),
        ("李四", "李*"),
        ("欧阳娜娜", "欧***"),  # compound surname not detected: hides more
        ("阿依古丽·买买提", "阿***·***"),
        ("Li Wei", "L* W**"),
        ("Jean-Luc Picard", "J***-L** P*****"),
        ("  Li Wei ", "L* W**"),
        ("Zhang", "Z****"),
    ],
)
def test_mask_name(value, masked):
    assert masking.mask_name(value) == masked


@pytest.mark.parametrize("value, masked", [("张", "*"), ("A", "*"), ("A B", "* *")])
def test_mask_name_never_returns_a_name_unmasked(value, masked):
    assert masking.mask_name(value) == masked


@pytest.mark.parametrize("value", EMPTY_VALUES)
def test_mask_name_empty(value):
    assert masking.mask_name(value) == ""


# --- mask_text -------------------------------------------------------------


@pytest.mark.parametrize("value", ["x", "高血压，需每日服药", "a" * 1000])
def test_mask_text_hides_content_and_length(value):
    assert masking.mask_text(value) == "******"


@pytest.mark.parametrize("value", EMPTY_VALUES)
def test_mask_text_empty(value):
    assert masking.mask_text(value) == ""


@pytest.mark.parametrize(
    "function",
    [
        masking.mask_id_number,
        masking.mask_phone,
        masking.mask_name,
        masking.mask_text,
    ],
)
@pytest.mark.parametrize("value", [12345678901, 3.5, "\u3000", "🙂🙂🙂🙂🙂🙂"])
def test_masks_never_raise_and_always_return_text(function, value):
    assert isinstance(function(value), str)
