# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Resident identity card numbers (ruralsw_case.services.id_number)."""

from datetime import date, datetime

import pytest

from ruralsw_case.services import id_number
from ruralsw_case.services.errors import ServiceValidationError

TODAY = date(2026, 1, 15)

# The example of GB 11643-1999: a woman born 1949-12-31 in Chaoyang, Beijing,
# whose check character is X.
STANDARD_EXAMPLE = "11010519491231002X"
# Second example of the standard (born 1880, so refused today: before 1900).
STANDARD_EXAMPLE_1880 = "440524188001010014"
# Computed by hand, for Huishui county (522731), born 1990-01-01, sequence 123:
#   digits  5  2  2  7  3  1  1  9  9  0  0  1  0  1  1  2  3
#   weights 7  9 10  5  8  4  2  1  6  3  7  9 10  5  8  4  2
#   products 35+18+20+35+24+4+2+9+54+0+0+9+0+5+8+8+6 = 237
#   237 mod 11 = 6  ->  CHECK_CHARS[6] = "6"
HUISHUI_EXAMPLE = "522731199001011236"


def with_check(first17):
    """Return ``first17`` completed with its correct check character."""
    return first17 + id_number.check_character(first17)


def assert_error(excinfo, code, field="id_number", /, **params):
    """Assert the code, field and (some) params of a raised error."""
    error = excinfo.value
    assert (error.code, error.field) == (code, field)
    for key, value in params.items():
        assert error.params[key] == value or error.params[key] is value, key
    assert not str(error).startswith(code), "message template did not format"


# --- constants -------------------------------------------------------------


def test_weights_are_powers_of_two_modulo_11():
    """ISO 7064 MOD 11-2 weights are 2^(18-i) mod 11 for positions i = 1..17."""
    assert tuple(pow(2, 17 - i, 11) for i in range(17)) == id_number.WEIGHTS
    assert id_number.WEIGHTS == (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def test_check_chars_make_the_full_weighted_sum_one_modulo_11():
    """The check value v for a weighted sum s satisfies (s + v) % 11 == 1."""
    assert id_number.CHECK_CHARS == "10X98765432"
    for remainder, char in enumerate(id_number.CHECK_CHARS):
        value = 10 if char == "X" else int(char)
        assert (remainder + value) % 11 == 1


# --- check_character -------------------------------------------------------


@pytest.mark.parametrize(
    "number", [STANDARD_EXAMPLE, STANDARD_EXAMPLE_1880, HUISHUI_EXAMPLE]
)
def test_check_character_of_published_and_hand_computed_examples(number):
    assert id_number.check_character(number[:17]) == number[17]


def test_check_character_x():
    assert id_number.check_character("11010519491231002") == "X"


@pytest.mark.parametrize(
    "first17", ["1101051949123100", "110105194912310021", "1101051949123100X", ""]
)
def test_check_character_refuses_anything_but_17_digits(first17):
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.check_character(first17)
    assert excinfo.value.code == "id_number.characters"


def test_check_character_refuses_non_ascii_digits():
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.check_character("1101051949123100\u0663")  # Arabic-Indic 3
    assert_error(excinfo, "id_number.characters", position=17, character="\u0663")


# --- normalize -------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "11010519491231002x",
        " 11010519491231002X ",
        "110105 19491231 002X",
        "\u3000110105\u300019491231\u3000002x\u3000",
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width digits and X
        "１１０１０５１９４９１２３１００２ｘ",  # full-width lower-case x
        "110105\u200b19491231002X\ufeff",  # pasted zero-width characters
        "110105\t19491231\n002X\xa0",
    ],
)
def test_normalize_and_validate_accept_typing_variants(raw):
    assert id_number.normalize(raw) == STANDARD_EXAMPLE
    assert id_number.validate(raw, TODAY) == STANDARD_EXAMPLE


@pytest.mark.parametrize("empty", [None, False, "", "   ", "\u3000\u3000"])
def test_normalize_empty_values(empty):
    assert id_number.normalize(empty) == ""


def test_normalize_only_fixes_spaces_x_and_full_width_characters():
    assert id_number.normalize("abc-12x") == "abc-12X"


# --- validate: valid numbers -----------------------------------------------


@pytest.mark.parametrize("number", [STANDARD_EXAMPLE, HUISHUI_EXAMPLE])
def test_validate_accepts_valid_numbers(number):
    assert id_number.validate(number, TODAY) == number


def test_validate_defaults_today_to_the_current_date():
    assert id_number.validate(STANDARD_EXAMPLE) == STANDARD_EXAMPLE


@pytest.mark.parametrize("province", sorted(id_number.PROVINCE_CODES))
def test_every_province_code_is_accepted(province):
    number = with_check(f"{province}0101" + "19800101" + "001")
    assert id_number.validate(number, TODAY) == number


def test_province_codes_are_the_documented_list():
    expected = [
        *range(11, 16),
        *range(21, 24),
        *range(31, 38),
        *range(41, 47),
        *range(50, 55),
        *range(61, 66),
        71,
        81,
        82,
        83,
    ]
    assert {str(code) for code in expected} == id_number.PROVINCE_CODES


@pytest.mark.parametrize("birth", ["19000101", "20260115"])
def test_birth_date_limits_are_inclusive(birth):
    number = with_check("522731" + birth + "001")
    assert id_number.validate(number, TODAY) == number


# --- validate: errors, in the order they are checked -----------------------


@pytest.mark.parametrize("empty", [None, False, "", "  ", "\u3000"])
def test_empty(empty):
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.validate(empty, TODAY)
    assert_error(excinfo, "id_number.empty")


def test_first_generation_15_digit_number_is_refused():
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.validate("110105491231002", TODAY)
    assert_error(excinfo, "id_number.length", length=15)
    assert "15-digit first-generation" in str(excinfo.value)


@pytest.mark.parametrize(
    "raw, length",
    [(STANDARD_EXAMPLE[:17], 17), (STANDARD_EXAMPLE + "1", 19), ("1", 1)],
)
def test_length(raw, length):
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.validate(raw, TODAY)
    assert_error(excinfo, "id_number.length", length=length)


@pytest.mark.parametrize(
    "raw, position, character",
    [
        ("11010519491231002Y", 18, "Y"),
        ("1101051949123100X2", 17, "X"),
        ("11A10519491231002X", 3, "A"),
        ("110105-9491231002X", 7, "-"),
        ("11010519491231002\u0663", 18, "\u0663"),  # a digit, but not ASCII
    ],
)
def test_characters(raw, position, character):
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.validate(raw, TODAY)
    assert_error(
        excinfo, "id_number.characters", position=position, character=character
    )


@pytest.mark.parametrize("province", ["00", "10", "16", "20", "24", "38", "47", "49"])
def test_region(province):
    number = with_check(province + "0101" + "19800101" + "001")
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.validate(number, TODAY)
    assert_error(excinfo, "id_number.region", province=province)


@pytest.mark.parametrize("province", ["55", "66", "70", "72", "80", "84", "91", "99"])
def test_region_more_invalid_provinces(province):
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.validate(with_check(province + "0101" + "19800101" + "001"), TODAY)
    assert excinfo.value.code == "id_number.region"


@pytest.mark.parametrize(
    "birth, reason",
    [
        ("19490230", "invalid"),  # 30 February
        ("19491301", "invalid"),
        ("19490001", "invalid"),
        ("19000229", "invalid"),  # 1900 was not a leap year
        ("18991231", "before_1900"),
        ("20260116", "future"),  # the day after TODAY
        ("20991231", "future"),
    ],
)
def test_birth_date(birth, reason):
    number = with_check("522731" + birth + "001")
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.validate(number, TODAY)
    assert_error(excinfo, "id_number.birth_date", birth_date=birth, reason=reason)


def test_leap_day_is_a_valid_birth_date():
    number = with_check("522731" + "20000229" + "002")
    assert id_number.birth_date(id_number.validate(number, TODAY)) == date(2000, 2, 29)


def test_standard_example_born_1880_is_refused_only_for_its_birth_date():
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.validate(STANDARD_EXAMPLE_1880, TODAY)
    assert_error(excinfo, "id_number.birth_date", reason="before_1900")


@pytest.mark.parametrize("given", [c for c in id_number.CHECK_CHARS if c != "X"])
def test_check_character_error(given):
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.validate(STANDARD_EXAMPLE[:17] + given, TODAY)
    assert_error(excinfo, "id_number.check_character", expected="X", given=given)


def test_lower_case_x_is_reported_upper_case():
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.validate(HUISHUI_EXAMPLE[:17] + "x", TODAY)
    assert_error(excinfo, "id_number.check_character", expected="6", given="X")


def test_single_digit_typo_is_detected():
    typo = "11010519491231003X"  # 002 -> 003
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.validate(typo, TODAY)
    assert excinfo.value.code == "id_number.check_character"


def test_region_is_checked_before_birth_date_and_check_character():
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.validate("990105" + "18991399" + "0020", TODAY)
    assert excinfo.value.code == "id_number.region"


def test_birth_date_is_checked_before_check_character():
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.validate("522731" + "19901301" + "0010", TODAY)
    assert excinfo.value.code == "id_number.birth_date"


# --- accessors -------------------------------------------------------------


def test_accessors_on_the_standard_example():
    assert id_number.birth_date(STANDARD_EXAMPLE) == date(1949, 12, 31)
    assert id_number.gender(STANDARD_EXAMPLE) == "female"  # 17th digit 2
    assert id_number.region_code(STANDARD_EXAMPLE) == "110105"


def test_accessors_on_the_hand_computed_example():
    assert id_number.birth_date(HUISHUI_EXAMPLE) == date(1990, 1, 1)
    assert id_number.gender(HUISHUI_EXAMPLE) == "male"  # 17th digit 3
    assert id_number.region_code(HUISHUI_EXAMPLE) == "522731"


# --- generate --------------------------------------------------------------


def test_generate_matches_the_examples():
    assert id_number.generate("110105", date(1949, 12, 31), 2) == STANDARD_EXAMPLE
    assert id_number.generate("522731", date(1990, 1, 1), 123) == HUISHUI_EXAMPLE


@pytest.mark.parametrize(
    "region6, birth, sequence, gender",
    [
        ("520121", date(1990, 1, 1), 0, "female"),
        ("522731", date(1938, 5, 17), 1, "male"),
        ("522731", date(2012, 2, 29), 998, "female"),
        ("810000", date(1900, 1, 1), 999, "male"),
        ("650102", date(2001, 9, 9), 450, "female"),
    ],
)
def test_generate_round_trip(region6, birth, sequence, gender):
    number = id_number.generate(region6, birth, sequence)
    assert id_number.validate(number, TODAY) == number
    assert id_number.birth_date(number) == birth
    assert id_number.gender(number) == gender
    assert id_number.region_code(number) == region6
    assert number[14:17] == f"{sequence:03d}"


def test_generate_covers_every_check_character():
    seen = {
        id_number.generate("522731", date(1990, 1, 1), sequence)[17]
        for sequence in range(30)
    }
    assert seen == set(id_number.CHECK_CHARS)


def test_generate_accepts_a_datetime():
    number = id_number.generate("522731", datetime(1990, 1, 1, 8, 30), 123)
    assert number == HUISHUI_EXAMPLE


@pytest.mark.parametrize("sequence", [-1, 1000, True, "1", 1.0, None])
def test_generate_sequence_errors(sequence):
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.generate("522731", date(1990, 1, 1), sequence)
    assert_error(excinfo, "id_number.sequence", "sequence", sequence=sequence)


@pytest.mark.parametrize("region6", ["52273", "5227311", "52273A", "990000", 522731])
def test_generate_region_errors(region6):
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.generate(region6, date(1990, 1, 1), 1)
    assert_error(excinfo, "id_number.region", "region6")


@pytest.mark.parametrize(
    "birth, reason",
    [
        (date(1899, 12, 31), "before_1900"),
        (date(9999, 1, 1), "future"),
        ("19900101", "invalid"),
        (None, "invalid"),
    ],
)
def test_generate_birth_errors(birth, reason):
    with pytest.raises(ServiceValidationError) as excinfo:
        id_number.generate("522731", birth, 1)
    assert_error(excinfo, "id_number.birth_date", "birth", reason=reason)
