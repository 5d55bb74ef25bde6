# Copyright 2026 ruralsw contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""PRC resident identity card number (居民身份证号码, GB 11643-1999).

An 18-character number: a 6-digit address code (the county where the person
was first registered, kept for life even after the county is renamed), the
8-digit birth date ``YYYYMMDD``, a 3-digit sequence whose last digit is odd
for men and even for women, and a check character computed with ISO 7064
MOD 11-2 (``X`` stands for 10). Only the province part of the address code is
checked: old county codes remain valid on existing cards.

Error codes (:class:`~.errors.ServiceValidationError`, field ``id_number``
unless stated otherwise):

- ``id_number.empty``: nothing left after normalisation.
- ``id_number.length``: not 18 characters (params ``length``); 15-digit
  first-generation numbers are no longer valid.
- ``id_number.characters``: not 17 digits followed by a digit or ``X``
  (params ``position`` (1-based), ``character``).
- ``id_number.region``: the first two digits are not a province code
  (params ``province``); raised by :func:`generate` with field ``region6``.
- ``id_number.birth_date``: positions 7–14 are not a real date between
  1900-01-01 and today (params ``birth_date``, ``reason``: ``invalid``,
  ``before_1900`` or ``future``); raised by :func:`generate` with field
  ``birth``.
- ``id_number.check_character``: wrong check character (params ``expected``,
  ``given``).
- ``id_number.sequence``: :func:`generate` got a sequence outside 0..999
  (field ``sequence``, params ``sequence``).
"""

import operator
from datetime import date, datetime

from .errors import ServiceValidationError

FIELD = "id_number"
LENGTH = 18
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
MIN_BIRTH_DATE = date(1900, 1, 1)

# GB/T 2260 province-level codes as inclusive ranges; 71 Taiwan, 81 Hong Kong,
# 82 Macao, 83 on residence permits for Taiwan residents.
_PROVINCE_RANGES = ((11, 15), (21, 23), (31, 37), (41, 46), (50, 54), (61, 65))
PROVINCE_CODES = frozenset(
    [str(n) for low, high in _PROVINCE_RANGES for n in range(low, high + 1)]
    + ["71", "81", "82", "83"]
)

_DIGITS = frozenset("0123456789")
_LAST_CHARS = frozenset(CHECK_CHARS)
_NORMALIZE_TABLE = str.maketrans(
    {
        **{chr(0xFF10 + n): str(n) for n in range(10)},  # full-width digits
        "\uff38": "X",  # full-width X
        "\uff58": "X",  # full-width x
        "x": "X",
        # invisible characters that str.split() does not treat as spaces
        "\u200b": None,
        "\ufeff": None,
    }
)


def _error(code, field=FIELD, **params):
    """Return a :class:`ServiceValidationError` for this module."""
    return ServiceValidationError(code, field, params)


def normalize(value: str | None) -> str:
    """Return ``value`` without any spaces (full-width U+3000 included),
    with full-width digits and ``Ｘ`` converted to ASCII and ``x`` upper-cased.

    ``None`` and ``False`` (Odoo's empty value) give ``""``. No validation.
    """
    if not value:
        return ""
    if not isinstance(value, str):
        value = str(value)
    return "".join(value.translate(_NORMALIZE_TABLE).split())


def _check_character(first17):
    """Return the MOD 11-2 check character of 17 ASCII digits (unchecked)."""
    total = sum(map(operator.mul, map(int, first17), WEIGHTS))
    return CHECK_CHARS[total % 11]


def check_character(first17: str) -> str:
    """Return the ISO 7064 MOD 11-2 check character (``0``-``9`` or ``X``) for
    the first 17 digits of a number.

    Raises ``id_number.characters`` unless ``first17`` is 17 ASCII digits.
    """
    if not isinstance(first17, str) or len(first17) != 17:
        raise _error("id_number.characters", position=0, character=first17)
    for position, char in enumerate(first17, 1):
        if char not in _DIGITS:
            raise _error("id_number.characters", position=position, character=char)
    return _check_character(first17)


def _raise_bad_character(number):
    """Raise ``id_number.characters`` for the first character out of place."""
    for position, char in enumerate(number, 1):
        if char not in _DIGITS and (position != LENGTH or char not in _LAST_CHARS):
            raise _error("id_number.characters", position=position, character=char)


def _parse_birth_date(yyyymmdd):
    """Return the date of an 8-digit ``YYYYMMDD`` string, or ``None``."""
    try:
        return date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None


def _birth_date_problem(born, today):
    """Return why ``born`` cannot be a birth date, or ``None`` when it can."""
    if born is None:
        return "invalid"
    if born < MIN_BIRTH_DATE:
        return "before_1900"
    if born > today:
        return "future"
    return None


def validate(value: str | None, today: date | None = None) -> str:
    """Return the normalised number, or raise a ServiceValidationError.

    Checks, in this order: empty, length 18, characters, province code, birth
    date (real, from 1900-01-01 up to ``today``, default ``date.today()``),
    check character. See the module docstring for the codes and params.
    """
    number = normalize(value)
    if not number:
        raise _error("id_number.empty")
    if len(number) != LENGTH:
        raise _error("id_number.length", length=len(number))
    if not (number.isascii() and number[:17].isdigit() and number[17] in _LAST_CHARS):
        _raise_bad_character(number)
    if number[:2] not in PROVINCE_CODES:
        raise _error("id_number.region", province=number[:2])
    problem = _birth_date_problem(
        _parse_birth_date(number[6:14]), today or date.today()
    )
    if problem:
        raise _error("id_number.birth_date", birth_date=number[6:14], reason=problem)
    expected = _check_character(number[:17])
    if number[17] != expected:
        raise _error("id_number.check_character", expected=expected, given=number[17])
    return number


def birth_date(value: str) -> date:
    """Return the birth date encoded in a valid number (see :func:`validate`)."""
    return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


def gender(value: str) -> str:
    """Return ``"male"`` when the 17th digit of a valid number is odd, else
    ``"female"``."""
    return "male" if int(value[16]) % 2 else "female"


def region_code(value: str) -> str:
    """Return the 6-digit address code (first six digits) of a valid number."""
    return value[:6]


def generate(region6: str, birth: date, sequence: int) -> str:
    """Return a valid number for the demo and scale-data generators.

    ``region6`` is a 6-digit address code with a valid province, ``birth`` a
    date (or datetime) from 1900-01-01 up to today, ``sequence`` an integer
    0..999 written as 3 digits: an odd sequence gives a man, an even one a
    woman.
    """
    if (
        not isinstance(region6, str)
        or len(region6) != 6
        or not _DIGITS.issuperset(region6)
        or region6[:2] not in PROVINCE_CODES
    ):
        raise _error("id_number.region", "region6", province=str(region6)[:2])
    given_birth = birth
    if isinstance(birth, datetime):
        birth = birth.date()
    elif not isinstance(birth, date):
        birth = None
    problem = _birth_date_problem(birth, date.today())
    if problem:
        raise _error(
            "id_number.birth_date", "birth", birth_date=str(given_birth), reason=problem
        )
    if (
        isinstance(sequence, bool)
        or not isinstance(sequence, int)
        or not 0 <= sequence <= 999
    ):
        raise _error("id_number.sequence", "sequence", sequence=sequence)
    first17 = f"{region6}{birth:%Y%m%d}{sequence:03d}"
    return first17 + _check_character(first17)
