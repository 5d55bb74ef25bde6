# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Statistical division codes (ruralsw_case.services.division_code)."""

import pytest

from ruralsw_case.services import division_code
from ruralsw_case.services.errors import ServiceValidationError

# Guizhou > Qiannan prefecture > Huishui county > a township > a village
GUIZHOU = "520000000000"
QIANNAN = "522700000000"
HUISHUI = "522731000000"
TOWNSHIP = "522731100000"
VILLAGE = "522731100001"
CHAIN = [
    ("province", GUIZHOU),
    ("city", QIANNAN),
    ("county", HUISHUI),
    ("township", TOWNSHIP),
    ("village", VILLAGE),
]


def assert_error(excinfo, code, field, /, **params):
    """Assert the code, field and (some) params of a raised error."""
    error = excinfo.value
    assert (error.code, error.field) == (code, field)
    for key, value in params.items():
        assert error.params[key] == value or error.params[key] is value, key
    assert not str(error).startswith(code), "message template did not format"


def test_levels_and_prefix_lengths():
    assert division_code.LEVELS == ("province", "city", "county", "township", "village")
    assert division_code.PREFIX_LENGTH == {
        "province": 2,
        "city": 4,
        "county": 6,
        "township": 9,
        "village": 12,
    }


# --- validate --------------------------------------------------------------


@pytest.mark.parametrize("level, code", CHAIN)
def test_validate_accepts_the_guizhou_chain(level, code):
    assert division_code.validate(code) == code


def test_validate_strips_spaces():
    assert division_code.validate(" 522731100001\u3000") == VILLAGE


@pytest.mark.parametrize("empty", [None, False, "", "   "])
def test_validate_empty(empty):
    with pytest.raises(ServiceValidationError) as excinfo:
        division_code.validate(empty)
    assert_error(excinfo, "division_code.empty", "code")


@pytest.mark.parametrize(
    "code",
    [
        "52273110000",  # 11 digits
        "5227311000010",  # 13 digits
        "522731100A01",
        "522731-10000",
        "５２２７３１１０００01",  # full-width digits are not accepted here
        "522731 100001",
    ],
)
def test_validate_format(code):
    with pytest.raises(ServiceValidationError) as excinfo:
        division_code.validate(code)
    assert_error(excinfo, "division_code.format", "code", code=code)


@pytest.mark.parametrize("province", ["00", "10", "16", "24", "55", "72", "99"])
def test_validate_province(province):
    with pytest.raises(ServiceValidationError) as excinfo:
        division_code.validate(province + "2731100001")
    assert_error(excinfo, "division_code.province", "code", province=province)


# --- level_of / check_level ------------------------------------------------


@pytest.mark.parametrize("level, code", CHAIN)
def test_level_of_the_guizhou_chain(level, code):
    assert division_code.level_of(code) == level


@pytest.mark.parametrize(
    "code, level",
    [
        ("110000000000", "province"),  # Beijing
        ("110100000000", "city"),  # Beijing's 市辖区
        ("110101000000", "county"),  # Dongcheng district
        ("110101001000", "township"),
        ("110101001001", "village"),
        ("441900003000", "township"),  # Dongguan: township directly under city
        ("522731100010", "village"),  # a village whose number ends with 0
        ("522731100100", "village"),
        ("522731101000", "township"),
    ],
)
def test_level_of_more_codes(code, level):
    assert division_code.level_of(code) == level


def test_level_of_validates():
    with pytest.raises(ServiceValidationError) as excinfo:
        division_code.level_of("52273110000")
    assert excinfo.value.code == "division_code.format"


@pytest.mark.parametrize("level, code", CHAIN)
def test_check_level_accepts_matching_level(level, code):
    assert division_code.check_level(code, level) is None


def test_check_level_mismatch():
    with pytest.raises(ServiceValidationError) as excinfo:
        division_code.check_level(TOWNSHIP, "village")
    assert_error(
        excinfo,
        "division_code.level",
        "code",
        code=TOWNSHIP,
        level="village",
        actual="township",
    )


def test_check_level_unknown_level():
    with pytest.raises(ServiceValidationError) as excinfo:
        division_code.check_level(VILLAGE, "hamlet")
    assert_error(excinfo, "division_code.unknown_level", "level", level="hamlet")


# --- check_parent ----------------------------------------------------------


@pytest.mark.parametrize("index", range(1, len(CHAIN)))
def test_check_parent_accepts_the_guizhou_chain(index):
    level, code = CHAIN[index]
    parent_level, parent_code = CHAIN[index - 1]
    assert division_code.check_parent(code, level, parent_code, parent_level) is None


@pytest.mark.parametrize("parent_code, parent_level", [("", ""), (None, None)])
def test_province_without_parent(parent_code, parent_level):
    assert (
        division_code.check_parent(GUIZHOU, "province", parent_code, parent_level)
        is None
    )


def test_province_with_a_parent_is_refused():
    with pytest.raises(ServiceValidationError) as excinfo:
        division_code.check_parent("530000000000", "province", GUIZHOU, "province")
    assert_error(
        excinfo,
        "division_code.parent_level",
        "parent_id",
        level="province",
        expected=None,
        given="province",
    )


@pytest.mark.parametrize(
    "code, level, parent_code, parent_level, expected",
    [
        (VILLAGE, "village", HUISHUI, "county", "township"),  # skips a level
        (VILLAGE, "village", VILLAGE[:9] + "000", "village", "township"),
        (HUISHUI, "county", GUIZHOU, "province", "city"),
        (QIANNAN, "city", "", "", "province"),  # a city needs a parent
        (TOWNSHIP, "township", QIANNAN, "township", "county"),
    ],
)
def test_check_parent_level(code, level, parent_code, parent_level, expected):
    with pytest.raises(ServiceValidationError) as excinfo:
        division_code.check_parent(code, level, parent_code, parent_level)
    assert_error(
        excinfo,
        "division_code.parent_level",
        "parent_id",
        level=level,
        expected=expected,
        given=parent_level or None,
    )


@pytest.mark.parametrize(
    "code, level, parent_code, parent_level, prefix",
    [
        ("522732100001", "village", TOWNSHIP, "township", "522731100"),
        ("522731101000", "township", "522732000000", "county", "522732"),
        ("522631000000", "county", QIANNAN, "city", "5227"),
        ("530100000000", "city", GUIZHOU, "province", "52"),
    ],
)
def test_check_parent_prefix(code, level, parent_code, parent_level, prefix):
    with pytest.raises(ServiceValidationError) as excinfo:
        division_code.check_parent(code, level, parent_code, parent_level)
    assert_error(
        excinfo, "division_code.parent_prefix", "parent_id", prefix=prefix, code=code
    )
    assert prefix in str(excinfo.value)


def test_check_parent_reports_a_bad_parent_code_on_the_parent_field():
    with pytest.raises(ServiceValidationError) as excinfo:
        division_code.check_parent(VILLAGE, "village", "5227311", "township")
    assert_error(excinfo, "division_code.format", "parent_id")


def test_check_parent_reports_a_bad_code_on_the_code_field():
    with pytest.raises(ServiceValidationError) as excinfo:
        division_code.check_parent("52273110000X", "village", TOWNSHIP, "township")
    assert_error(excinfo, "division_code.format", "code")


def test_check_parent_unknown_level():
    with pytest.raises(ServiceValidationError) as excinfo:
        division_code.check_parent(VILLAGE, "hamlet", TOWNSHIP, "township")
    assert excinfo.value.code == "division_code.unknown_level"


# --- prefix / parent_level / child_level -----------------------------------


@pytest.mark.parametrize(
    "level, expected",
    [
        ("province", "52"),
        ("city", "5227"),
        ("county", "522731"),
        ("township", "522731100"),
        ("village", "522731100001"),
    ],
)
def test_prefix(level, expected):
    assert division_code.prefix(VILLAGE, level) == expected


@pytest.mark.parametrize(
    "level, parent, child",
    [
        ("province", None, "city"),
        ("city", "province", "county"),
        ("county", "city", "township"),
        ("township", "county", "village"),
        ("village", "township", None),
    ],
)
def test_parent_and_child_levels(level, parent, child):
    assert division_code.parent_level(level) == parent
    assert division_code.child_level(level) == child


@pytest.mark.parametrize(
    "function",
    [division_code.parent_level, division_code.child_level],
)
def test_unknown_level(function):
    with pytest.raises(ServiceValidationError) as excinfo:
        function("hamlet")
    assert_error(excinfo, "division_code.unknown_level", "level")


def test_prefix_unknown_level():
    with pytest.raises(ServiceValidationError) as excinfo:
        division_code.prefix(VILLAGE, "")
    assert excinfo.value.code == "division_code.unknown_level"


# --- ancestor_codes --------------------------------------------------------


def test_ancestor_codes_of_a_village():
    assert division_code.ancestor_codes(VILLAGE) == {
        "province": GUIZHOU,
        "city": QIANNAN,
        "county": HUISHUI,
        "township": TOWNSHIP,
    }
    assert list(division_code.ancestor_codes(VILLAGE)) == [
        "province",
        "city",
        "county",
        "township",
    ]


@pytest.mark.parametrize("index", range(len(CHAIN)))
def test_ancestor_codes_along_the_chain(index):
    code = CHAIN[index][1]
    assert division_code.ancestor_codes(code) == dict(CHAIN[:index])


def test_ancestor_codes_skip_an_empty_county_part():
    # Dongguan has no counties: its townships sit directly under the city
    assert division_code.ancestor_codes("441900003001") == {
        "province": "440000000000",
        "city": "441900000000",
        "township": "441900003000",
    }


def test_ancestor_codes_validates():
    with pytest.raises(ServiceValidationError) as excinfo:
        division_code.ancestor_codes("990000000000")
    assert excinfo.value.code == "division_code.province"
